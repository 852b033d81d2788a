"""How values look: Hasktorch's `Show Tensor` text, GHCi's `show` for everything else, the dimmed
requires_grad annotation, and the `:type` text. Numbers follow GHC exactly (`showGFloat (Just 4)` inside
tensors, shortest round-trip digits for `show` of Double and Float), rounding ties included."""
from __future__ import annotations

from typing import Any

import numpy as np

from gradbook.engine.language.budget import check_string, check_text
from gradbook.engine.language.display.ghc import show_double, show_float, show_gfloat4, show_string
from gradbook.engine.language.display.tensor import show_shape, show_tensor_data
from gradbook.engine.tensors.dtypes import DType
from gradbook.engine.tensors.tensor import IndependentTensor, Tensor
from gradbook.engine.language.datatypes import MissingField, type_text
from gradbook.engine.language.values import (
    Dim,
    Function,
    GradOptions,
    Char,
    Data,
    Int,
    IOAction,
    KeepDim,
    Partial,
    StateAction,
    is_string_list,
    Drawing,
    Verdict,
)
from gradbook.engine.language.lazy import LazyList
from gradbook.engine.language.pictures.plot import DEFAULT_WIDTH, PlotOption, Series

__all__ = [
    "annotation",
    "show",
    "show_char",
    "show_double",
    "show_float",
    "show_gfloat4",
    "show_int",
    "show_shape",
    "show_string",
    "show_tensor",
    "show_tensor_data",
    "type_of",
]


def _is_tensor(value: Any) -> bool:
    return isinstance(value, Tensor)


def _is_independent(value: Any) -> bool:
    return isinstance(value, IndependentTensor)


def _is_dtype(value: Any) -> bool:
    return isinstance(value, DType)


_CHUNK = 10**4000  # below Python's 4300-digit limit on int -> str conversion


def show_int(value: int) -> str:
    """An Int's digits, however many (Python refuses str() past 4300 digits; Haskell's Integer does not)."""
    if -_CHUNK < value < _CHUNK:
        return str(value)
    sign, value = ("-", -value) if value < 0 else ("", value)
    chunks = []
    while value:
        value, chunk = divmod(value, _CHUNK)
        chunks.append(chunk)
    return sign + str(chunks[-1]) + "".join(str(c).zfill(4000) for c in reversed(chunks[:-1]))


_CHUNK_ITEMS = 4096


def _show_long_list(items: list) -> str:
    """`show` of a long list, built a chunk at a time so that its text is checked against the memory budget
    as it grows (the text and the joined copy), instead of holding every element's text first."""
    chunks, total = [], 0
    for start in range(0, len(items), _CHUNK_ITEMS):
        chunk = ",".join(show(v) for v in items[start:start + _CHUNK_ITEMS])
        total += len(chunk) + 1
        check_text("show", 2 * total, f"the text of a list of {len(items)} elements")  # chunks, then their join
        chunks.append(chunk)
    return "[" + ",".join(chunks) + "]"


def show_tensor(tensor: Any) -> str:
    """Hasktorch's text for an engine Tensor."""
    return show_tensor_data(tensor.numpy(), tensor.dtype.name)


def show(value: Any) -> str:
    """The exact text GHCi prints for `value` (Hasktorch's Show instances for tensors)."""
    kind = type(value)
    if kind is bool or kind is np.bool_:
        return "True" if value else "False"
    if kind is int or kind is Int:
        return show_int(value)
    if kind is float or kind is np.float64:
        return show_double(float(value))
    if kind is np.float32:
        return show_float(value)
    if kind is str:
        if len(value) > _CHUNK_ITEMS:
            check_string("show", len(value) + 2)
        return show_string(value)
    if kind is Char:
        return show_char(value)
    if kind is list:
        if value and type(value[0]) is Char and is_string_list(value):
            return show_string("".join(value))
        if len(value) > _CHUNK_ITEMS:
            return _show_long_list(value)
        return "[" + ",".join(show(v) for v in value) + "]"
    if kind is tuple:
        return "(" + ",".join(show(v) for v in value) + ")"
    if kind is Data:
        from gradbook.engine.language.display.data import show_data

        return show_data(value, 0)
    if kind is LazyList:
        return show(value.force("show"))
    if isinstance(value, np.integer):
        return show_int(int(value))
    if _is_tensor(value):
        return show_tensor(value)
    if _is_independent(value):
        return "IndependentTensor {toDependent = " + show_tensor(value.tensor) + "}"
    if _is_dtype(value):
        return value.name
    if kind is Dim:
        return f"Dim {value.index}" if value.index >= 0 else f"Dim ({value.index})"
    if kind is KeepDim:
        return value.value
    if kind is GradOptions:
        return (
            f"GradOptions {{keepGraph = {show(value.keep_graph)}, createGraph = {show(value.create_graph)}, "
            f"accumulateGrad = {show(value.accumulate_grad)}}}"
        )
    if isinstance(value, Drawing):
        return value.text(DEFAULT_WIDTH)
    if kind is Verdict:
        return value.text
    if kind is Series:
        count = f"{value.ys.size} point{'s' if value.ys.size != 1 else ''}"
        return f"<Series {value.kind} {show_string(value.label)}, {count}>"
    if kind is PlotOption:
        return value.name + (" " + show_string(value.text) if value.name != "logY" else "")
    if isinstance(value, Function):
        return f"<function {_function_name(value)}>"
    if isinstance(value, IOAction):
        return f"<IO {value.name}>"
    if kind is MissingField:
        raise value.error()
    shown = getattr(value, "haskell_show", None)  # library values (Device, Generator, ...) show themselves
    if shown is not None:
        return shown(show)
    return f"<{kind.__name__}>"


def show_char(c: str) -> str:
    """GHC's `show` for a Char: `'a'`, `'\\''`, `'"'`, `'\\n'`, `'\\955'`."""
    if c == "'":
        return "'\\''"
    if c == '"':
        return "'\"'"
    return "'" + show_string(c)[1:-1] + "'"


def _function_name(fn: Function) -> str:
    name = getattr(fn, "name", "") or ""
    return name if name and not name.startswith("<") else "lambda"


def annotation(value: Any) -> str | None:
    """The dimmed line shown beside a value that takes part in differentiation, else None:
    `requires_grad · grad_fn=mul`, `requires_grad · leaf`, `requires_grad · independent`."""
    if _is_independent(value):
        return "requires_grad · independent"
    if _is_tensor(value) and value.requires_grad:
        if getattr(value, "is_leaf_independent", False):
            return "requires_grad · leaf"
        if value.grad_fn:
            return f"requires_grad · grad_fn={value.grad_fn}"
        return "requires_grad"
    return None


def type_of(value: Any) -> str:
    """The `:type` text: `Tensor Float [2,2]`, `[Tensor]`, `(Tensor,Bool)`, `Int`, `[Int] -> Tensor`."""
    if _is_tensor(value):
        return f"Tensor {value.dtype.name} {show_shape(value.shape)}"
    if isinstance(value, (Drawing, Series)):
        return _short_type(value)
    if isinstance(value, Function):
        return _function_type(value)
    return _short_type(value)


def _short_type(value: Any) -> str:
    kind = type(value)
    if kind is bool or kind is np.bool_:
        return "Bool"
    if kind is Int or isinstance(value, np.integer):
        return "Int"
    if kind is int:
        return "Integer"
    if kind is Char:
        return "Char"
    if kind is Data:
        return type_text(value)
    if kind is LazyList:
        return "[" + (_short_type(value.item(0)) if not value.is_empty() else "a") + "]"
    if kind is float or kind is np.float64:
        return "Double"
    if kind is np.float32:
        return "Float"
    if kind is str:
        return "String"
    if kind is list:
        if value and is_string_list(value):
            return "String"
        return "[" + (_short_type(value[0]) if value else "a") + "]"
    if kind is tuple:
        return "(" + ",".join(_short_type(v) for v in value) + ")"
    if _is_tensor(value):
        return "Tensor"
    if _is_independent(value):
        return "IndependentTensor"
    if _is_dtype(value):
        return "DType"
    if kind is Dim:
        return "Dim"
    if kind is KeepDim:
        return "KeepDim"
    if kind is GradOptions:
        return "GradOptions"
    if isinstance(value, (Drawing, Series, PlotOption, Verdict)):
        return kind.__name__
    if isinstance(value, Function):
        return "(" + _function_type(value) + ")"
    if isinstance(value, IOAction):
        return _action_type(value)
    if kind is StateAction:
        return "State s a"
    return getattr(value, "haskell_type", kind.__name__)


def _action_type(action: IOAction) -> str:
    """`IO Tensor` for `randIO' [2]`, from the doc signature of the builtin that made the action."""
    from gradbook.engine.language.builtins import DOCS

    doc = DOCS.get(action.name)
    if doc is not None:
        result = split_arrows(doc.signature)[-1]
        if result.startswith("IO "):
            return result
    return "IO a"


def split_arrows(signature: str) -> list[str]:
    """The top-level `->` parts of a Haskell type, constraints (`Scalar a =>`) dropped."""
    if "=>" in signature:
        signature = signature.split("=>", 1)[1]
    parts, depth, start, i = [], 0, 0, 0
    while i < len(signature):
        c = signature[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0 and signature.startswith("->", i):
            parts.append(signature[start:i].strip())
            start = i + 2
            i += 1
        i += 1
    parts.append(signature[start:].strip())
    return parts


def _function_type(fn: Function) -> str:
    given = 0
    inner = fn
    while isinstance(inner, Partial):
        given += len(inner.given)
        inner = inner.inner
    from gradbook.engine.language.builtins import DOCS, OPERATOR_DOCS

    name = getattr(inner, "name", "")
    signature = getattr(inner, "signature", None)  # constructors, field accessors, class methods
    if signature is not None:
        parts = split_arrows(signature)
        context = signature.split("=>", 1)[0] + "=> " if "=>" in signature and given == 0 else ""
        return context + " -> ".join(parts[given:]) if given < len(parts) else "a"
    doc = DOCS.get(name) or OPERATOR_DOCS.get(name)
    if doc is not None and isinstance(inner, _builtin_class()):
        if given == 0:
            return doc.signature
        parts = split_arrows(doc.signature)
        if given < len(parts):
            return " -> ".join(parts[given:])
    letters = "abcdefghijklmnopqrstuvwxyz"
    arity = max(1, fn.arity)
    return " -> ".join(letters[i % 26] for i in range(arity + 1))


def _builtin_class() -> type:
    from gradbook.engine.language.values import BuiltinFunction

    return BuiltinFunction
