"""Argument checks shared by the builtins: each names the builtin, says what it expected and what it
got, and, for the classic mix-ups (a Tensor for an IndependentTensor, an unrun IO action), what to write."""
from __future__ import annotations

from typing import Any

import numpy as np

from gradbook.engine.tensors.dtypes import Bool, DType, Float, Int64
from gradbook.engine.tensors.errors import ArgumentError
from gradbook.engine.tensors.factories import tensor as make_tensor
from gradbook.engine.tensors.tensor import IndependentTensor, Tensor
from gradbook.engine.language.lazy import LazyList
from gradbook.engine.language.values import Char, Dim, Function, IOAction, KeepDim, chars

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def ordinal(position: int) -> str:
    return _ORDINALS[position - 1] if 0 < position <= len(_ORDINALS) else f"#{position}"


def describe(value: Any) -> str:
    """`a Tensor Float [2,2]`, `an IndependentTensor`, `the IO action randIO'`, `3.5 (a Double)`."""
    from gradbook.engine.language.display import show, type_of

    if isinstance(value, IOAction):
        return f"the IO action `{value.name}` (not yet run)"
    if isinstance(value, Function):
        return f"a function ({type_of(value)})"
    kind = type_of(value)
    article = "an" if kind[:1] in "AEIOU" else "a"
    if isinstance(value, (list, tuple, str, bool, int, float, np.floating)):
        text = show(value)
        if len(text) <= 30:
            return f"{text} ({article} {kind})"
    return f"{article} {kind}"


def _hint(value: Any) -> str:
    if isinstance(value, IndependentTensor):
        return ": compute with its tensor, `toDependent a`"
    if isinstance(value, IOAction):
        return f": run it first, e.g. `t <- {value.name} ...`, then pass `t`"
    if isinstance(value, list):
        return ": make one with `asTensor [...]`"
    return ""


def fail(fn: str, expected: str, position: int, value: Any, hint: str | None = None) -> ArgumentError:
    """`relu expects a Tensor as its first argument; got [1,2] (a [Int]): make one with asTensor`."""
    return ArgumentError(
        f"{fn} expects {expected} as its {ordinal(position)} argument; got {describe(value)}"
        + (_hint(value) if hint is None else hint)
    )


from gradbook.engine.language.values import INT_MAX, INT_MIN  # noqa: E402


def _fits_int(fn: str, value: int, position: int) -> int:
    """Haskell's Int is 64 bits; a bigger number here is a mistake (and would be slow to print)."""
    if INT_MIN <= value <= INT_MAX:
        return value
    digits = int(abs(value).bit_length() * 0.30103) + 1
    raise ArgumentError(f"{fn}: its {ordinal(position)} argument, a number of about {digits} digits, does not fit "
                        f"in an Int (-2^63 .. 2^63-1)")


def tensor(fn: str, value: Any, position: int = 1) -> Any:
    """A Tensor argument. Numbers become 0-d tensors, as Hasktorch's numeric literals do
    (`fromInteger` gives Int64, `fromRational` gives Float)."""
    if isinstance(value, Tensor):
        return value
    if isinstance(value, (bool, np.bool_, int, float, np.integer, np.floating)):
        return scalar_tensor(value)
    raise fail(fn, "a Tensor", position, value)


def scalar_tensor(value: Any) -> Any:
    if isinstance(value, (bool, np.bool_)):
        return make_tensor(bool(value), Bool)
    if isinstance(value, (int, np.integer)):
        return make_tensor(_fits_int("asTensor", int(value), 1), Int64)
    return make_tensor(float(value), Float)


def tensor_or_number(fn: str, value: Any, position: int) -> Any:
    """An operand of arithmetic: a Tensor, or a number the engine treats as a weak scalar."""
    if isinstance(value, Tensor):
        return value
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return _fits_int(fn, int(value), position)
    if isinstance(value, np.float32):
        return value
    if isinstance(value, (float, np.floating)):
        return float(value)
    raise fail(fn, "a Tensor or a number", position, value)


def tensors(fn: str, value: Any, position: int) -> list:
    if not isinstance(value, list):
        raise fail(fn, "a list of Tensors", position, value, "")
    return [tensor(fn, item, position) for item in value]


def integer(fn: str, value: Any, position: int, what: str = "an Int") -> int:
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        return _fits_int(fn, int(value), position)
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return _fits_int(fn, int(value), position)
    raise fail(fn, what, position, value, "")


def number(fn: str, value: Any, position: int) -> Any:
    """A Scalar argument (Hasktorch's `Scalar a =>`): an Int, Double or Float."""
    if isinstance(value, Tensor):
        raise fail(fn, "a number", position, value, ": for a one-element tensor use `toDouble t`")
    if isinstance(value, (bool, np.bool_)):
        raise fail(fn, "a number", position, value, "")
    if isinstance(value, (int, np.integer)):
        return _fits_int(fn, int(value), position)
    if isinstance(value, np.float32):
        return value
    if isinstance(value, (float, np.floating)):
        return float(value)
    raise fail(fn, "a number", position, value, "")


def boolean(fn: str, value: Any, position: int) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise fail(fn, "a Bool (True or False)", position, value, "")


def dim(fn: str, value: Any, position: int) -> int:
    """Hasktorch's `Dim n`; a bare Int is accepted too."""
    if isinstance(value, Dim):
        return value.index
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        return _fits_int(fn, int(value), position)
    raise fail(fn, "a dimension such as `Dim 0`", position, value, "")


def keepdim(fn: str, value: Any, position: int) -> bool:
    if isinstance(value, KeepDim):
        return value is KeepDim.KEEP
    raise fail(fn, "`KeepDim` or `RemoveDim`", position, value, "")


def dtype(fn: str, value: Any, position: int) -> Any:
    if isinstance(value, DType):
        return value
    raise fail(fn, "a DType (Float, Double, Int64 or Bool)", position, value, "")


def shape(fn: str, value: Any, position: int) -> list[int]:
    if not isinstance(value, list) or not all(
        isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in value
    ):
        raise fail(fn, "a shape such as [2, 3]", position, value, "")
    checked = [_fits_int(fn, int(v), position) for v in value]
    if any(v < 0 for v in checked):
        raise ArgumentError(f"{fn}: shape entries must be non-negative, got {checked}")
    return checked


def sequence(fn: str, value: Any, position: int) -> list:
    """A finite list argument: a String gives its Chars, a lazy list is forced (refused if infinite)."""
    if isinstance(value, list):
        return value
    if isinstance(value, str) and type(value) is not Char:
        return chars(value)
    if isinstance(value, LazyList):
        return value.force(fn)
    raise fail(fn, "a list", position, value, "")


def walk(fn: str, value: Any, position: int) -> Any:
    """A list argument to walk from the front, maybe without reaching its end: the list itself, a String's
    Chars, or a lazy list (iterable, pulled as far as the walk goes)."""
    if isinstance(value, (list, LazyList)):
        return value
    if isinstance(value, str) and type(value) is not Char:
        return chars(value)
    raise fail(fn, "a list", position, value, "")


def function(fn: str, value: Any, position: int) -> Function:
    if isinstance(value, Function):
        return value
    raise fail(fn, "a function", position, value, "")
