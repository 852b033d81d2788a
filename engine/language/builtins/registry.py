"""The shape of a builtins table: each builtin is registered once with its implementation and its
documentation side by side (Hasktorch signature, one sentence, an example, the PyTorch equivalent)."""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Any, Callable

from gradbook.engine.tensors.errors import DTypeError, GradbookError
from gradbook.engine.language.values import BuiltinFunction, IOAction

# the engine's Python names that appear in its messages, and what a user of the language calls them
_LANGUAGE_NAMES = {
    "make_independent": "makeIndependent",
    "to_dependent": "toDependent",
    "sum_all": "sumAll",
    "raise it with set_memory_cap(bytes)": "raise it with `:set memory SIZE` (e.g. `:set memory 4G`) or GRADBOOK_MEMORY",
    "memory cap": "memory budget",
}
_PREFIX = re.compile(r"^[a-z][a-z0-9_]*: ")
_TO_DTYPE = re.compile(r"to_dtype\(t, (\w+)\)")  # the Python API's conversion, any dtype


def language_words(text: str) -> str:
    """An engine message with its Python names replaced by the language's."""
    for python_name, language_name in _LANGUAGE_NAMES.items():
        text = text.replace(python_name, language_name)
    return _TO_DTYPE.sub(r"`toDType \1 t`", text)


def in_language_terms(error: GradbookError, builtin: str) -> GradbookError:
    """The engine's error re-worded for the language: its `op_name:` prefix becomes the builtin's name
    and Python names become the builtins' names. Same error class, so the evaluator's kind is kept."""
    text = str(error)
    new = language_words(_PREFIX.sub(builtin + ": ", text, count=1))
    if isinstance(error, DTypeError) and "allowed dtypes: Float" in new and "toDType" not in new:
        new += "; convert first, e.g. `toDType Float t`"
    if new == text:
        return error
    renamed = type(error)(new)
    renamed.__cause__ = error.__cause__
    return renamed


@dataclass(frozen=True)
class BuiltinDoc:
    """What `:doc NAME` shows and `:type` reads: `signature` is in Hasktorch's notation."""

    name: str
    signature: str
    summary: str
    example: str
    pytorch: str


def engine_action(name: str, run: Callable[[], Any]) -> IOAction:
    """An IO action whose engine errors (raised when it runs, e.g. an allocation over the cap) are
    worded in the language's terms, like the builtins' own."""

    def checked() -> Any:
        try:
            return run()
        except GradbookError as error:
            raise in_language_terms(error, name) from None

    return IOAction(name, checked)


def builtin_function(name: str, impl: Callable) -> BuiltinFunction:
    """A Python function as a curried builtin named `name` (its arity is its parameter count), its engine
    errors worded in the language's terms."""
    arity = len(inspect.signature(impl).parameters)

    def call(*arguments: Any) -> Any:
        try:
            return impl(*arguments)
        except GradbookError as error:
            raise in_language_terms(error, name) from None

    call.__name__ = call.__qualname__ = impl.__name__
    return BuiltinFunction(name, arity, call)


class Table:
    """One concern's builtins (values and functions) with their docs; `__init__.py` merges the tables."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.docs: dict[str, BuiltinDoc] = {}

    def _add(self, name: str, value: Any, doc: BuiltinDoc) -> None:
        if name in self.values:  # pragma: no cover - a programming error
            raise RuntimeError(f"builtin {name} registered twice")
        self.values[name] = value
        self.docs[name] = doc

    def fn(self, name: str, signature: str, summary: str, example: str, pytorch: str) -> Callable:
        """Decorator: register a Python function as a curried builtin; its arity is its parameter count."""

        def register(impl: Callable) -> Callable:
            self._add(name, builtin_function(name, impl), BuiltinDoc(name, signature, summary, example, pytorch))
            return impl

        return register

    def value(self, name: str, value: Any, signature: str, summary: str, example: str, pytorch: str) -> None:
        """Register a plain value (a DType, `KeepDim`, ...) or a ready-made Function."""
        self._add(name, value, BuiltinDoc(name, signature, summary, example, pytorch))
