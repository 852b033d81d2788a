"""What the evaluator stands on: the Runtime it gets from the builtins and display modules (loaded on first
use), the short descriptions of values used in error messages, and the operators the language itself
implements (`$ . && || : >> >>= <$>`; the arithmetic ones come from the builtins).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Callable

from gradbook.engine.tensors.errors import ArgumentError
from gradbook.engine.language.lazy import LazyList
from gradbook.engine.language.values import BuiltinFunction, Char, Drawing, Function, IOAction, chars


@dataclass
class Runtime:
    """What the evaluator needs from the builtins and display modules (tests may pass doubles)."""

    builtins: dict
    docs: dict
    operators: dict
    show: Callable[[Any], str]
    annotation: Callable[[Any], str | None]
    type_of: Callable[[Any], str]
    annotate: Callable[[Any, Any], Any]
    namespaces: dict = field(default_factory=dict)  # module -> its own meaning of shared names (`P.exp`)


def load_runtime() -> Runtime:
    """Import the builtins and the display (and with them the engine and Numba): done on first use only,
    so a front end can show its prompt before this cost is paid."""
    from gradbook.engine.language.builtins import BUILTINS, DOCS, OPERATORS
    from gradbook.engine.language.builtins.overloads import module_namespaces
    from gradbook.engine.language.coerce import annotate
    from gradbook.engine.language.display import annotation, show, type_of

    return Runtime(BUILTINS, DOCS, OPERATORS, show, annotation, type_of, annotate, module_namespaces())


def describe(value: Any) -> str:
    """A short noun phrase for a value in error messages: `a Tensor`, `an Int`, `a list`."""
    from gradbook.engine.language.values import Dim, GradOptions, KeepDim

    from gradbook.engine.language.lazy import LazyList
    from gradbook.engine.language.values import Char, Data, Int, StateAction

    if isinstance(value, bool):
        return "a Bool"
    if type(value) is Int:
        return "an Int"
    if isinstance(value, int):
        return "an Integer"
    if isinstance(value, float):
        return "a Double"
    if type(value) is Char:
        return "a Char"
    if isinstance(value, str):
        return "a String"
    if isinstance(value, (list, LazyList)):
        return "a list"
    if type(value) is Data:
        return f"a {value.type_name}" if value.type_name[:1] not in "AEIOU" else f"an {value.type_name}"
    if type(value) is StateAction:
        return "a State action"
    if isinstance(value, tuple):
        return "the unit value ()" if not value else f"a {len(value)}-tuple"
    if isinstance(value, Drawing) or type(value).__name__ == "Series":  # (applicable, but not just functions)
        return f"a {type(value).__name__}"
    if isinstance(value, Function):
        return "a function"
    if isinstance(value, IOAction):
        return "an IO action"
    if isinstance(value, (Dim, KeepDim, GradOptions)):
        return f"a {type(value).__name__}"
    name = type(value).__name__
    if name == "float32":
        return "a Float"
    return f"an {name}" if name[:1] in "AEIOU" else f"a {name}"


def is_number(value: Any) -> bool:
    """Int, Double or Float (never Bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) or type(value).__name__ in (
        "float32", "float64", "int64")


def special_operators() -> dict[str, Function]:
    """`$ . && || : >> >>= <$>`: plumbing the builtins table leaves to the language."""

    def apply(f: Any, x: Any) -> Any:
        if not isinstance(f, Function):
            raise ArgumentError(f"the left side of `$` must be a function; this is {describe(f)}")
        return f.apply(x)

    def compose(f: Any, g: Any) -> Any:
        for side in (f, g):
            if not isinstance(side, Function):
                raise ArgumentError(f"`.` composes functions; got {describe(side)}")
        return BuiltinFunction(f"{f.name} . {g.name}", 1, lambda x: f.apply(g.apply(x)))

    def both(a: Any, b: Any) -> Any:
        return a and b

    def either(a: Any, b: Any) -> Any:
        return a or b

    def cons(x: Any, xs: Any) -> Any:
        if type(xs) is list:
            return [x] + xs
        if type(xs) is str:  # 'a' : "bc" is the String "abc"; anything else in front makes a plain list
            return x + xs if type(x) is Char else [x] + chars(xs)
        if isinstance(xs, LazyList):
            return LazyList(itertools.chain((x,), xs), xs.infinite, xs.what)
        raise ArgumentError(f"`:` puts an element in front of a list; the right side is {describe(xs)}")

    table = {"$": apply, "$!": apply, ".": compose, "&&": both, "||": either, ":": cons, **monad_operators()}
    return {name: BuiltinFunction(name, 2, impl) for name, impl in table.items()}


def monad_operators() -> dict[str, Callable[[Any, Any], Any]]:
    """`>>= >> =<< >=> <$> <$ <&> <*> *> <*` for every monad monads.py knows, and `<>` on lists."""
    from gradbook.engine.language import monads

    def function(op: str, f: Any, side: str) -> Function:
        if not isinstance(f, Function):
            raise ArgumentError(f"`{op}` needs a function on its {side}; this is {describe(f)}")
        return f

    def bind(m: Any, f: Any) -> Any:
        return monads.bind(m, function(">>=", f, "right").apply, "the left side of `>>=`")

    def then(a: Any, b: Any) -> Any:
        return monads.bind(a, lambda _: b, "the left side of `>>`")

    def bind_flipped(f: Any, m: Any) -> Any:
        return monads.bind(m, function("=<<", f, "left").apply, "the right side of `=<<`")

    def kleisli(f: Any, g: Any) -> Any:
        first, second = function(">=>", f, "left"), function(">=>", g, "right")
        return BuiltinFunction(">=>", 1, lambda x: monads.bind(first.apply(x), second.apply, "`>=>`"))

    def fmap(f: Any, m: Any) -> Any:
        return monads.fmap(function("<$>", f, "left").apply, m, "the right side of `<$>`")

    def fmap_flipped(m: Any, f: Any) -> Any:
        return monads.fmap(function("<&>", f, "right").apply, m, "the left side of `<&>`")

    def replace(x: Any, m: Any) -> Any:
        return monads.fmap(lambda _: x, m, "the right side of `<$`")

    def right(a: Any, b: Any) -> Any:
        return monads.bind(a, lambda _: b, "`*>`")

    def left(a: Any, b: Any) -> Any:
        return monads.bind(a, lambda x: monads.fmap(lambda _: x, b, "`<*`"), "`<*`")

    def append(a: Any, b: Any) -> Any:
        from gradbook.engine.language.builtins.operators import OPERATORS

        return OPERATORS["++"].apply(a, b)

    return {">>=": bind, ">>": then, "=<<": bind_flipped, ">=>": kleisli, "<$>": fmap, "<&>": fmap_flipped,
            "<$": replace, "<*>": monads.ap, "*>": right, "<*": left, "<>": append}
