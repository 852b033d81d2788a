"""More of Hasktorch's Torch.Functional beyond the issue's list, for code pasted from its tutorials:
`maxDim`/`minDim` (values and indices), `squeezeDim`, `permute`, `expand`, `clampMin`/`clampMax`,
`leakyRelu`, `logSigmoid`, `sign`. Same argument order as Hasktorch."""
from __future__ import annotations

from typing import Any

from gradbook.engine.tensors import ops
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table

TABLE = Table()

_M = "(asTensor ([[1, 5], [7, 2]] :: [[Float]]))"


@TABLE.fn("maxDim", "Dim -> KeepDim -> Tensor -> (Tensor, Tensor)",
          "The largest values along a dimension and their (Int64) indices.", f"maxDim (Dim 1) RemoveDim {_M}",
          "torch.max(t, dim=1)")
def max_dim(d: Any, keep: Any, t: Any) -> tuple:
    fn = "maxDim"
    dim_, keep_ = args.dim(fn, d, 1), args.keepdim(fn, keep, 2)
    return tuple(ops.max_dim(args.tensor(fn, t, 3), dim_, keep_))


@TABLE.fn("minDim", "Dim -> KeepDim -> Tensor -> (Tensor, Tensor)",
          "The smallest values along a dimension and their (Int64) indices.", f"minDim (Dim 0) KeepDim {_M}",
          "torch.min(t, dim=0, keepdim=True)")
def min_dim(d: Any, keep: Any, t: Any) -> tuple:
    fn = "minDim"
    dim_, keep_ = args.dim(fn, d, 1), args.keepdim(fn, keep, 2)
    return tuple(ops.min_dim(args.tensor(fn, t, 3), dim_, keep_))


@TABLE.fn("squeezeDim", "Int -> Tensor -> Tensor", "Drop one dimension if its size is 1.",
          "squeezeDim 1 (ones' [2, 1, 3])", "torch.squeeze(t, 1)")
def squeeze_dim(d: Any, t: Any) -> Any:
    dim_ = args.integer("squeezeDim", d, 1)
    return ops.squeeze(args.tensor("squeezeDim", t, 2), dim_)


@TABLE.fn("permute", "[Int] -> Tensor -> Tensor", "Reorder the dimensions.", "permute [2, 0, 1] (ones' [2, 3, 4])",
          "t.permute(2, 0, 1)")
def permute(order: Any, t: Any) -> Any:
    if not isinstance(order, list):
        raise args.fail("permute", "a list of dimensions such as [1, 0]", 1, order, "")
    axes = [args.integer("permute", v, 1) for v in order]
    return ops.permute(args.tensor("permute", t, 2), axes)


@TABLE.fn("expand", "Tensor -> Bool -> [Int] -> Tensor",
          "Broadcast size-1 dimensions to a larger shape (-1 keeps a size; the Bool is ignored, as in libtorch).",
          "expand (ones' [2, 1]) False [2, 3]", "t.expand(2, 3)")
def expand(t: Any, implicit: Any, shape: Any) -> Any:
    fn = "expand"
    tensor = args.tensor(fn, t, 1)
    args.boolean(fn, implicit, 2)
    if not isinstance(shape, list):
        raise args.fail(fn, "a shape such as [2, 3]", 3, shape, "")
    return ops.expand(tensor, [args.integer(fn, v, 3) for v in shape])


@TABLE.fn("clampMin", "Float -> Tensor -> Tensor", "Raise every element to at least a minimum.",
          "clampMin 0 (asTensor [-1.0, 2.0])", "torch.clamp(t, min=0)")
def clamp_min(low: Any, t: Any) -> Any:
    lo = args.number("clampMin", low, 1)
    return ops.clamp(args.tensor("clampMin", t, 2), lo, None)


@TABLE.fn("clampMax", "Float -> Tensor -> Tensor", "Lower every element to at most a maximum.",
          "clampMax 1 (asTensor [-1.0, 2.0])", "torch.clamp(t, max=1)")
def clamp_max(high: Any, t: Any) -> Any:
    hi = args.number("clampMax", high, 1)
    return ops.clamp(args.tensor("clampMax", t, 2), None, hi)


@TABLE.fn("leakyRelu", "Float -> Tensor -> Tensor", "x where x > 0, else slope * x (the slope comes first).",
          "leakyRelu 0.1 (asTensor [-2.0, 3.0])", "torch.nn.functional.leaky_relu(t, 0.1)")
def leaky_relu(slope: Any, t: Any) -> Any:
    s = args.number("leakyRelu", slope, 1)
    x = args.tensor("leakyRelu", t, 2)
    return ops.where(ops.gt(x, 0), x, ops.mul(x, s))


@TABLE.fn("logSigmoid", "Tensor -> Tensor", "log (sigmoid x), computed without overflow for large |x|.",
          "logSigmoid (asTensor [-100.0, 0.0, 100.0])", "torch.nn.functional.logsigmoid(t)")
def log_sigmoid(t: Any) -> Any:
    x = args.tensor("logSigmoid", t)
    # NOTE: log(sigmoid x) = min(x, 0) - log(1 + exp(-|x|)); the naive form gives -inf for x << 0
    return ops.sub(ops.minimum(x, 0), ops.log(ops.add(ops.exp(ops.neg(ops.abs(x))), 1)))


@TABLE.fn("sign", "Tensor -> Tensor", "-1, 0 or 1 by the sign of each element.", "sign (asTensor [-2.0, 0.0, 3.0])",
          "torch.sign(t)")
def sign(t: Any) -> Any:
    return ops.sign(args.tensor("sign", t))
