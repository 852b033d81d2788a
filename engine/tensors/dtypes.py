"""The four dtypes (`Float`, `Double`, `Int64`, `Bool`) and the type-promotion rules shared by every op.

Promotion follows NumPy/PyTorch: Bool < Int64 < Float < Double; a Python int keeps a tensor's dtype
(Bool becomes Int64), a Python float keeps a floating dtype and turns Bool/Int64 into Float.
"""
from __future__ import annotations

import numpy as np

from gradbook.engine.tensors.errors import DTypeError


class DType:
    """One of the engine's dtypes: `.name` is its Hasktorch name, `.np` the NumPy dtype behind it."""

    __slots__ = ("name", "np", "rank", "is_floating")

    def __init__(self, name: str, np_dtype: type, rank: int, is_floating: bool) -> None:
        self.name = name
        self.np = np.dtype(np_dtype)
        self.rank = rank
        self.is_floating = is_floating

    def __repr__(self) -> str:
        return self.name

    def __reduce__(self):  # keep the four singletons unique across pickling
        return (_by_name, (self.name,))


Bool = DType("Bool", np.bool_, 0, False)
Int64 = DType("Int64", np.int64, 1, False)
Float = DType("Float", np.float32, 2, True)
Double = DType("Double", np.float64, 3, True)

ALL_DTYPES = (Float, Double, Int64, Bool)
FLOATING = (Float, Double)
_BY_RANK = (Bool, Int64, Float, Double)
_BY_NP = {d.np: d for d in ALL_DTYPES}


def _by_name(name: str) -> DType:
    return {d.name: d for d in ALL_DTYPES}[name]


def dtype_of_numpy(np_dtype) -> DType:
    """The engine dtype for a NumPy dtype, e.g. `dtype_of_numpy(np.float32) is Float`.

    Other integer widths map to Int64, float16 to Float; anything else raises DTypeError.

    >>> dtype_of_numpy(np.float32), dtype_of_numpy(np.int32), dtype_of_numpy(np.dtype("float64"))
    (Float, Int64, Double)
    """
    dt = np.dtype(np_dtype)
    found = _BY_NP.get(dt)
    if found is not None:
        return found
    if dt.kind in "iu":
        return Int64
    if dt.kind == "f":
        return Float if dt.itemsize <= 4 else Double
    raise DTypeError(f"unsupported element type {dt}; allowed dtypes: Float, Double, Int64, Bool")


def promote(a: DType, b: DType) -> DType:
    """The common dtype of two tensors: the higher of the two in Bool < Int64 < Float < Double.

    >>> promote(Int64, Float), promote(Double, Float), promote(Bool, Bool)
    (Float, Double, Bool)
    """
    return a if a.rank >= b.rank else b


def promote_with_zero_dim(dim: DType, zero_dim: DType) -> DType:
    """A tensor with dimensions meets a 0-d tensor: libtorch's result_type lets the 0-d one widen the
    result only to a higher category (Bool < integer < floating), never within one.

    >>> promote_with_zero_dim(Float, Double), promote_with_zero_dim(Int64, Double), promote_with_zero_dim(Bool, Int64)
    (Float, Double, Int64)
    """
    if dim.is_floating:
        return dim
    if dim is Bool or zero_dim.is_floating:
        return promote(dim, zero_dim)
    return dim


def promote_scalar(t: DType, scalar) -> DType:
    """The result dtype of a tensor of dtype `t` combined with a Python scalar (PyTorch's weak scalars).

    >>> promote_scalar(Float, 2), promote_scalar(Int64, 2.5), promote_scalar(Bool, 1), promote_scalar(Double, 0.5)
    (Float, Float, Int64, Double)
    """
    if isinstance(scalar, (bool, np.bool_)):
        return t
    if isinstance(scalar, (int, np.integer)):
        return Int64 if t is Bool else t
    # a float scalar: floating tensors keep their dtype, integer and Bool tensors become Float
    return t if t.is_floating else Float


def scalar_dtype(scalar) -> DType:
    """The dtype a Python scalar gets on its own (`tensor(3)` is Int64, `tensor(2.5)` is Float)."""
    if isinstance(scalar, (bool, np.bool_)):
        return Bool
    if isinstance(scalar, (int, np.integer)):
        return Int64
    if isinstance(scalar, np.floating):
        return dtype_of_numpy(scalar.dtype)
    return Float


def names(dtypes) -> str:
    """`Float, Double` - for error messages listing the dtypes an op accepts."""
    return ", ".join(d.name for d in dtypes)
