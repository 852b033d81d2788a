"""`e :: T`: convert a value to the annotated type, as Haskell's literals and `asValue` would give it.

`[1, 2] :: [Float]` makes float32 numbers (so `asTensor` builds a Float tensor), `3 :: Double` a float,
`asValue t :: [[Double]]` nested floats; a value that cannot have the type is an ArgumentError naming both.
The type arrives as a str name, a 1-element list `[inner]` for a list type, or a tuple of types.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any

import numpy as np

from gradbook.engine.tensors.errors import ArgumentError
from gradbook.engine.language.lazy import LazyList, plain_tail
from gradbook.engine.language.values import Char, IOAction, char, chars, rebuild, wrap_int

HType = Any  # str | list[HType] | tuple[HType, ...]

_INT_NAMES = ("Int", "Int64", "Integer", "Int32", "Word")
_NUMBER_NAMES = ("Float", "Double", *_INT_NAMES)
KNOWN_TYPES = (*_NUMBER_NAMES, "Bool", "Char", "Tensor", "IndependentTensor", "String", "DType", "Dim", "KeepDim",
               "GradOptions", "()")


def format_htype(htype: HType) -> str:
    """The annotation as the user wrote it: `[[Double]]`, `(Tensor,Bool)`."""
    if isinstance(htype, list):
        return "[" + format_htype(htype[0]) + "]"
    if isinstance(htype, tuple):
        return "(" + ",".join(format_htype(h) for h in htype) + ")"
    return str(htype)


def _describe(value: Any) -> str:
    from gradbook.engine.language.display import show, type_of

    text = show(value)
    kind = type_of(value)
    if len(text) > 40 or text.startswith("<") or text.startswith("Tensor "):
        return f"a {kind}" if kind[0] not in "AEIOU" else f"an {kind}"
    return f"{text} (a {kind})" if kind[0] not in "AEIOU" else f"{text} (an {kind})"


class _Mismatch(Exception):
    """A value somewhere inside the annotated one that cannot have its part of the type."""

    def __init__(self, value: Any, htype: HType, why: str = "") -> None:
        super().__init__()
        self.value, self.htype, self.why = value, htype, why


def annotate(value: Any, htype: HType) -> Any:
    """`value :: htype`, converted; raises ArgumentError when the value cannot have that type."""
    value = _behind(value)
    try:
        return _annotate(value, htype)
    except _Mismatch as bad:
        message = f"expected a value of type {format_htype(htype)}, got {_describe(value)}"
        if bad.value is not value:
            inner = format_htype(bad.htype)
            article = "an" if inner[:1] in "AEIOU" else "a"
            message += f": {_describe(bad.value)} inside it is not {article} {inner}"
        raise ArgumentError(message + bad.why) from None


# `asValue t` with no annotation at the call gives today's list, and remembers `t` for that list (kept alive
# here, so its id names it): an annotation met later (`extract p :: Float`, where `extract = asValue ...` is
# polymorphic in its result) then converts the tensor itself, as Hasktorch's TensorLike instance would have
# from the start. Only the most recent lists are remembered; an ordinary list is never converted this way.
_FROM_TENSOR: OrderedDict[int, tuple] = OrderedDict()
_REMEMBERED = 64


def remember_tensor(values: list, tensor: Any) -> list:
    """`values` (asValue's list) came from `tensor`."""
    _FROM_TENSOR[id(values)] = (values, tensor)
    if len(_FROM_TENSOR) > _REMEMBERED:
        _FROM_TENSOR.popitem(last=False)
    return values


def _behind(value: Any) -> Any:
    """The tensor an unannotated `asValue` made `value` from, else `value`; only where an annotation or a
    signature starts converting (a part of a tensor's own list is converted as a list)."""
    if type(value) is not list or not _FROM_TENSOR:
        return value
    entry = _FROM_TENSOR.get(id(value))
    return entry[1] if entry is not None and entry[0] is value else value


def _annotate(value: Any, htype: HType) -> Any:
    from gradbook.engine.tensors.tensor import Tensor

    value = plain_tail(value)  # a long list's `(x:xs)` tail: the list it stands for

    if isinstance(value, Tensor) and htype != "Tensor":
        if isinstance(htype, tuple) or htype in ("IndependentTensor", "String", "DType", "()"):
            raise _Mismatch(value, htype)
        return _convert(_tensor_value(value, htype), htype, value)
    if isinstance(htype, list):
        if htype[0] == "Char" and isinstance(value, str) and type(value) is not Char:
            return value  # String is [Char]
        if isinstance(value, LazyList):
            inner = htype[0]
            return LazyList((_annotate(item, inner) for item in value), value.infinite, value.what)
        if isinstance(value, str) and type(value) is not Char:
            value = chars(value)
        if not isinstance(value, list):
            raise _Mismatch(value, htype)
        return rebuild([], [_annotate(item, htype[0]) for item in value])
    if isinstance(htype, tuple):
        if not isinstance(value, tuple) or len(value) != len(htype):
            raise _Mismatch(value, htype)
        return tuple(_annotate(item, h) for item, h in zip(value, htype))
    return _convert(value, htype, value)


def _convert(value: Any, htype: HType, original: Any) -> Any:
    if isinstance(htype, (list, tuple)):
        return _annotate(value, htype)
    if htype in _NUMBER_NAMES:
        return _number(value, htype, original)
    if htype == "Bool":
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
        raise _Mismatch(original, htype)
    if htype == "String":
        if isinstance(value, str) and type(value) is not Char:
            return value
        if isinstance(value, IOAction) and hasattr(value, "text"):
            return value.text  # `printf ... :: String`
        if type(value) is list and all(type(c) is Char for c in value):
            return "".join(value)
        if type(value) is list and all(type(c) is Char or _is_code(c) for c in value):
            # code points where GHC inferred Char (`map toEnum xs :: String`): a well-typed program
            # cannot have a list of Ints here, so this is what `toEnum` meant
            return "".join(c if type(c) is Char else chr(c) for c in value)
        raise _Mismatch(original, htype)
    if htype == "Char":
        if type(value) is Char:
            return value
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 0x10FFFF:
            return char(chr(value))  # `toEnum 65 :: Char`
        raise _Mismatch(original, htype)
    if htype == "()":
        if isinstance(value, tuple) and not value:
            return value
        raise _Mismatch(original, htype)
    return _other(value, htype, original)


def _is_code(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 0x10FFFF


def _other(value: Any, htype: str, original: Any) -> Any:
    from gradbook.engine.tensors.dtypes import DType
    from gradbook.engine.tensors.tensor import IndependentTensor, Tensor
    from gradbook.engine.language.values import Dim, GradOptions, KeepDim

    expected = {
        "Tensor": Tensor,
        "IndependentTensor": IndependentTensor,
        "DType": DType,
        "Dim": Dim,
        "KeepDim": KeepDim,
        "GradOptions": GradOptions,
    }.get(htype)
    if expected is None:
        raise ArgumentError(
            f"unknown type `{htype}` in an annotation; known types: {', '.join(KNOWN_TYPES)} and lists/tuples of them"
        )
    if isinstance(value, expected):
        return value
    if htype == "Tensor" and isinstance(value, IndependentTensor):
        raise _Mismatch(value, htype, "; use `toDependent` to get its Tensor")
    raise _Mismatch(original, htype)


def _number(value: Any, htype: str, original: Any) -> Any:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise _Mismatch(original, htype)
    if htype in ("Float", "Double"):
        if isinstance(value, int) and abs(value) >= 2**1024:
            value = np.inf if value > 0 else -np.inf  # fromInteger of an Integer past the Double range
        with np.errstate(over="ignore"):
            return np.float32(value) if htype == "Float" else float(value)
    # an integer type: whole numbers only (Haskell would not even accept `2.5 :: Int`)
    if isinstance(value, (float, np.floating)):
        if not np.isfinite(value) or float(value) != int(value):
            raise _Mismatch(original, htype, "; it is not a whole number")
        value = int(value)
    if htype == "Integer":
        return int(value)
    if htype == "Int32":
        return (int(value) + 2**31) % 2**32 - 2**31
    if htype == "Word":
        return int(value) % 2**64
    return wrap_int(int(value))  # `(2^63) :: Int` wraps, as GHC's fromInteger


def _tensor_value(tensor: Any, htype: HType) -> Any:
    """asValue semantics for an annotated tensor: the rank of the type must match the tensor's rank."""
    from gradbook.engine.language.builtins.tensors import as_value

    depth = 0
    inner = htype
    while isinstance(inner, list):
        depth += 1
        inner = inner[0]
    if depth == 0 and tensor.ndim and tensor.numel == 1:
        # Hasktorch's asValue for a number reads the first element whatever the shape: a one-element
        # tensor is a number (`asValue (asTensor [2 :: Int]) :: Int` is 2)
        from gradbook.engine.tensors import ops

        tensor = ops.reshape(tensor, [])
    if depth != tensor.ndim:
        rank = "a scalar type" if tensor.ndim == 0 else f"a type with {tensor.ndim} levels of list brackets"
        raise _Mismatch(tensor, htype, f"; a tensor of rank {tensor.ndim} needs {rank}")
    return as_value(tensor)


# ------------------------------------------------------------------------------------ declared signatures
_CONVERTED = frozenset(["Float", "Double", "Int", "Int64", "Integer", "Int32", "Word", "Char", "String"])


def _number_htype(htype: HType) -> HType:
    """`htype` if converting to it only changes number and character types (Float, [Double], (Int, Float),
    String ...), else None: a signature's other types (Tensor, a user's type, a synonym) are left for the
    values to carry."""
    if isinstance(htype, list):
        return htype if _number_htype(htype[0]) is not None else None
    if isinstance(htype, tuple):
        return htype if htype and all(_number_htype(h) is not None for h in htype) else None
    return htype if htype in _CONVERTED else None


def signature_types(type_node: Any, to_htype: Any) -> tuple[list, HType] | None:
    """(argument conversions, result conversion) a signature asks for, None entries where it converts
    nothing; None when it converts nothing at all."""
    from gradbook.engine.language import syntax as S

    arguments = []
    node = type_node
    while isinstance(node, S.TFun):
        arguments.append(_number_htype(to_htype(node.arg)))
        node = node.result
    result = _number_htype(to_htype(node))
    if result is None and all(a is None for a in arguments):
        return None
    return arguments, result


def signed(value: Any, name: str, types: tuple[list, HType]) -> Any:
    """A value under its declared signature: a function converts its arguments and result (so an argument
    declared `Float` is a Float, and `asTensor` of it a Float tensor); a plain value is converted."""
    from gradbook.engine.language.values import Function

    arguments, result = types
    if not arguments:
        return _declared(value, result, name, "value")
    if not isinstance(value, Function):
        return value
    return Signed(value, name, arguments, result)


def _declared(value: Any, htype: HType, name: str, what: str) -> Any:
    try:
        return _annotate(_behind(value), htype)
    except _Mismatch as bad:
        declared = f"type {format_htype(htype)}"
        role = {"value": f"`{name}` is declared to have {declared}",
                "result": f"`{name}` is declared to give a result of {declared}"}.get(
            what, f"`{name}` is declared to take a value of {declared} as its {what}")
        raise ArgumentError(f"{role}; got {_describe(bad.value)}{bad.why}") from None


def _make_signed_class() -> type:
    from gradbook.engine.language.values import Function

    class SignedFunction(Function):
        """A function with a declared signature: each argument and the result converted on the way."""

        def __init__(self, inner: Any, name: str, arguments: list, result: HType) -> None:
            self.inner, self.name, self.arguments, self.result = inner, name, arguments, result
            self.arity = len(arguments)

        def call(self, args: Any) -> Any:
            converted = [a if h is None else _declared(a, h, self.name, _ORDINAL[min(i, 5)] + " argument")
                         for i, (a, h) in enumerate(zip(args, self.arguments))]
            value = self.inner.apply(*converted)
            return value if self.result is None else _declared(value, self.result, self.name, "result")

        def __repr__(self) -> str:
            return f"<function {self.name}>"

    return SignedFunction


_ORDINAL = ("first", "second", "third", "fourth", "fifth", "sixth")
Signed = _make_signed_class()
