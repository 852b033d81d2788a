"""Tensor builtins from Hasktorch's Torch.Tensor and Torch.DType: building tensors from values and back
(`asTensor`, `asValue`), their properties, indexing, reshaping and dtype conversion; plus the DType values,
`Dim`, `KeepDim`/`RemoveDim`."""
from __future__ import annotations

from typing import Any

import numpy as np

from gradbook.engine.tensors import ops
from gradbook.engine.language import budget
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.language.coerce import remember_tensor
from gradbook.engine.tensors.dtypes import Bool, Double, Float, Int64
from gradbook.engine.tensors.errors import ArgumentError, InvalidValueError
from gradbook.engine.language.values import BuiltinFunction, Dim, KeepDim

TABLE = Table()

# ------------------------------------------------------------------------------ values and constructors
TABLE.value("Float", Float, "DType", "32-bit floating point, the default dtype.", "toDType Float (asTensor [1, 2])",
            "torch.float32")
TABLE.value("Double", Double, "DType", "64-bit floating point.", "toDType Double (ones' [2])", "torch.float64")
TABLE.value("Int64", Int64, "DType", "64-bit integers.", "toDType Int64 (asTensor [1.7, 2.2])", "torch.int64")
TABLE.value("Bool", Bool, "DType", "Booleans, shown as 0 and 1.", "toDType Bool (asTensor [0, 1])", "torch.bool")
TABLE.value("KeepDim", KeepDim.KEEP, "KeepDim", "Keep the reduced dimension (with size 1).",
            "sumDim (Dim 0) KeepDim Float (ones' [2, 3])", "keepdim=True")
TABLE.value("RemoveDim", KeepDim.REMOVE, "KeepDim", "Drop the reduced dimension.",
            "sumDim (Dim 0) RemoveDim Float (ones' [2, 3])", "keepdim=False")


def _dim(n: Any) -> Dim:
    return Dim(args.integer("Dim", n, 1))


TABLE.value("Dim", BuiltinFunction("Dim", 1, _dim), "Int -> Dim", "Names a dimension for reductions and shape ops.",
            "softmax (Dim 0) (asTensor [1.0, 2.0])", "dim=0")


# ------------------------------------------------------------------------------ asTensor / asValue
def _leaf_kind(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, np.integer)):
        return "int"
    if isinstance(value, np.float32):
        return "float32"
    if isinstance(value, (float, np.floating)):
        return "float64"
    return ""


MAX_RANK = 32  # NumPy's own limit is 64; deeper lists are surely a mistake


def _shape_of(value: Any, kinds: set, path: str, depth: int = 0) -> tuple[int, ...]:
    """The shape of a nested list, checking it is rectangular and made of numbers/Bools."""
    if isinstance(value, list):
        if depth >= MAX_RANK:
            raise InvalidValueError(f"asTensor: lists nested more than {MAX_RANK} deep; a tensor has at most "
                                    f"{MAX_RANK} dimensions here")
        if not value:
            return (0,)
        shapes = [_shape_of(item, kinds, f"{path}[{i}]", depth + 1) for i, item in enumerate(value)]
        for i, sub in enumerate(shapes[1:], start=1):
            if sub != shapes[0]:
                raise InvalidValueError(
                    f"asTensor: nested lists must be rectangular: element {i} of {path or 'the list'} has shape "
                    f"{_fmt(sub)} but element 0 has shape {_fmt(shapes[0])}"
                )
        return (len(value),) + shapes[0]
    kind = _leaf_kind(value)
    if not kind:
        raise args.fail("asTensor", "a number, a Bool or a (nested) list of them", 1, value)
    kinds.add(kind)
    return ()


def _fmt(shape: tuple[int, ...]) -> str:
    return "[" + ",".join(map(str, shape)) + "]"


def element_dtype(kinds: set) -> Any:
    """The dtype for a literal's elements (values.py): bool -> Bool, int -> Int64, float32 -> Float,
    float -> Double. Number literals adopt a Float neighbour's type, as Haskell's literals would."""
    if "bool" in kinds:
        if len(kinds) > 1:
            raise ArgumentError("asTensor: a list cannot mix Bools and numbers")
        return Bool
    if "float32" in kinds:
        return Float
    if "float64" in kinds:
        return Double
    if "int" in kinds:
        return Int64
    return Float  # an empty list: Hasktorch's default dtype


def as_tensor(value: Any) -> Any:
    from gradbook.engine.tensors.tensor import IndependentTensor, Tensor

    if isinstance(value, Tensor):
        return value
    if isinstance(value, IndependentTensor):
        raise args.fail("asTensor", "a number or a list", 1, value)
    if isinstance(value, list) and value and all(isinstance(v, Tensor) for v in value):
        return ops.stack(value, 0)
    kinds: set = set()
    _shape_of(value, kinds, "")
    from gradbook.engine import tensor

    return tensor(value, element_dtype(kinds))


def as_value(t: Any) -> Any:
    """Hasktorch's `asValue`: Float elements as Float (numpy.float32), Double as Double, Int64 as Int,
    Bool as Bool; nested lists for rank > 0."""
    t = args.tensor("asValue", t)
    data = t.numpy()
    budget.check_values("asValue", data.size)
    plain = data.tolist()
    if t.dtype is Float:
        plain = _map_leaves(plain, np.float32)
    return remember_tensor(plain, t) if type(plain) is list else plain


def _map_leaves(value: Any, convert: Any) -> Any:
    if isinstance(value, list):
        return [_map_leaves(v, convert) for v in value]
    return convert(value)


TABLE.fn("asTensor", "TensorLike a => a -> Tensor",
         "A tensor from a number or a (nested, rectangular) list; the dtype follows the elements.",
         "asTensor ([[1, 2], [3, 4]] :: [[Float]])", "torch.tensor(data)")(as_tensor)
TABLE.fn("asValue", "TensorLike a => Tensor -> a",
         "The tensor's values as a number or nested lists (annotate the type, e.g. `:: [[Double]]`).",
         "asValue (asTensor ([1, 2] :: [Float])) :: [Float]", "t.tolist() / t.item()")(as_value)


# ------------------------------------------------------------------------------ properties
@TABLE.fn("shape", "Tensor -> [Int]", "The size of every dimension.", "shape (zeros' [4, 1, 3])", "t.shape")
def shape(t: Any) -> list:
    return list(args.tensor("shape", t).shape)


@TABLE.fn("dim", "Tensor -> Int", "The number of dimensions (the rank).", "dim (ones' [2, 3])", "t.dim()")
def dim(t: Any) -> int:
    return args.tensor("dim", t).ndim


@TABLE.fn("numel", "Tensor -> Int", "The number of elements.", "numel (ones' [2, 3])", "t.numel()")
def numel(t: Any) -> int:
    return args.tensor("numel", t).numel


@TABLE.fn("dtype", "Tensor -> DType", "The element type of a tensor.", "dtype (ones' [2])", "t.dtype")
def dtype(t: Any) -> Any:
    return args.tensor("dtype", t).dtype


def _one_element(fn: str, t: Any) -> Any:
    if t.numel != 1:
        raise InvalidValueError(f"{fn}: needs a tensor with exactly one element, got shape {_fmt(t.shape)}")
    return t.item()


@TABLE.fn("toDouble", "Tensor -> Double", "The single value of a one-element tensor, as a Double.",
          "toDouble (mean (ones' [2, 2]))", "t.item()")
def to_double(t: Any) -> float:
    return float(_one_element("toDouble", args.tensor("toDouble", t)))


@TABLE.fn("toInt", "Tensor -> Int", "The single value of a one-element tensor, as an Int (truncated).",
          "toInt (sumAll (ones' [2, 2]))", "int(t.item())")
def to_int(t: Any) -> int:
    value = _one_element("toInt", args.tensor("toInt", t))
    if isinstance(value, float) and not np.isfinite(value):
        raise InvalidValueError(f"toInt: {value} has no Int value")
    return int(value)


@TABLE.fn("toDType", "DType -> Tensor -> Tensor", "Convert the elements to another dtype.",
          "toDType Double (ones' [2])", "t.to(torch.float64)")
def to_dtype(dtype: Any, t: Any) -> Any:
    target = args.dtype("toDType", dtype, 1)
    return ops.to_dtype(args.tensor("toDType", t, 2), target)


# ------------------------------------------------------------------------------ indexing and reshaping
@TABLE.fn("select", "Int -> Int -> Tensor -> Tensor", "The slice at an index along a dimension (which is removed).",
          "select 0 1 (asTensor ([[1, 2], [3, 4]] :: [[Float]]))", "t.select(dim, index) / t[index]")
def select(d: Any, index: Any, t: Any) -> Any:
    dim_, index_ = args.integer("select", d, 1), args.integer("select", index, 2)
    return ops.select(args.tensor("select", t, 3), dim_, index_)


@TABLE.fn("reshape", "[Int] -> Tensor -> Tensor", "The same elements in a new shape.",
          "reshape [3, 2] (arange' 0 6 1)", "t.reshape(shape)")
def reshape(new_shape: Any, t: Any) -> Any:
    target = _shape_with_infer("reshape", new_shape)
    return ops.reshape(args.tensor("reshape", t, 2), target)


@TABLE.fn("view", "[Int] -> Tensor -> Tensor", "The same elements in a new shape (like reshape).",
          "view [2, 3] (arange' 0 6 1)", "t.view(shape)")
def view(new_shape: Any, t: Any) -> Any:
    target = _shape_with_infer("view", new_shape)
    return ops.reshape(args.tensor("view", t, 2), target)


def _shape_with_infer(fn: str, value: Any) -> list[int]:
    """A target shape; one entry may be -1 (inferred), as in PyTorch."""
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        raise args.fail(fn, "a shape such as [2, 3]", 1, value, "")
    return [int(v) for v in value]


@TABLE.fn("sliceDim", "Int -> Int -> Int -> Int -> Tensor -> Tensor",
          "Entries start, start+step, ... before end along a dimension (dim, start, end, step).",
          "sliceDim 0 1 5 2 (arange' 0 6 1)", "t[start:end:step] / t.narrow")
def slice_dim(d: Any, start: Any, end: Any, step: Any, t: Any) -> Any:
    fn = "sliceDim"
    positions = [args.integer(fn, v, i) for i, v in enumerate((d, start, end, step), start=1)]
    return ops.slice(args.tensor(fn, t, 5), *positions)


@TABLE.fn("indexSelect", "Int -> Tensor -> Tensor -> Tensor",
          "The entries at the given indices (an Int64 tensor) along a dimension.",
          "indexSelect 0 (asTensor ([2, 0] :: [Int])) (arange' 0 4 1)", "torch.index_select(t, dim, index)")
def index_select(d: Any, index: Any, t: Any) -> Any:
    dim_ = args.integer("indexSelect", d, 1)
    if isinstance(index, list):
        index = as_tensor(index)
    index = args.tensor("indexSelect", index, 2)
    return ops.index_select(args.tensor("indexSelect", t, 3), dim_, index)
