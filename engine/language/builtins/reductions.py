"""Reductions, softmax and losses from Hasktorch's Torch.Functional, with Hasktorch's argument order:
`sumDim (Dim 0) KeepDim Float t`, `argmax (Dim 1) RemoveDim t`, `mseLoss target input`."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from gradbook.engine.tensors import ops
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table

TABLE = Table()

_M = "(asTensor ([[1, 2], [3, 4]] :: [[Float]]))"


def _whole(name: str, op: Callable, summary: str, pytorch: str) -> None:
    def impl(t: Any) -> Any:
        return op(args.tensor(name, t, 1))

    TABLE.fn(name, "Tensor -> Tensor", summary, f"{name} {_M}", pytorch)(impl)


_whole("sumAll", ops.sum_all, "The sum of all elements, as a 0-d tensor.", "torch.sum(t)")
_whole("mean", ops.mean, "The mean of all elements, as a 0-d tensor.", "torch.mean(t)")
_whole("max", ops.max_all, "The largest element, as a 0-d tensor.", "torch.max(t)")
_whole("min", ops.min_all, "The smallest element, as a 0-d tensor.", "torch.min(t)")
_whole("std", ops.std, "The (unbiased) standard deviation of all elements.", "torch.std(t)")
_whole("var", ops.var, "The (unbiased) variance of all elements.", "torch.var(t)")


@TABLE.fn("sumDim", "Dim -> KeepDim -> DType -> Tensor -> Tensor",
          "Sums along one dimension, keeping or removing it, with the given result dtype.",
          f"sumDim (Dim 0) RemoveDim Float {_M}", "torch.sum(t, dim=0, keepdim=False, dtype=torch.float32)")
def sum_dim(d: Any, keep: Any, dtype: Any, t: Any) -> Any:
    fn = "sumDim"
    dim_, keep_, target = args.dim(fn, d, 1), args.keepdim(fn, keep, 2), args.dtype(fn, dtype, 3)
    out = ops.sum_dim(args.tensor(fn, t, 4), dim_, keep_)
    return out if out.dtype is target else ops.to_dtype(out, target)


@TABLE.fn("meanDim", "Dim -> KeepDim -> DType -> Tensor -> Tensor",
          "Means along one dimension, keeping or removing it, with the given result dtype.",
          f"meanDim (Dim 1) KeepDim Float {_M}", "torch.mean(t, dim=1, keepdim=True, dtype=torch.float32)")
def mean_dim(d: Any, keep: Any, dtype: Any, t: Any) -> Any:
    fn = "meanDim"
    dim_, keep_, target = args.dim(fn, d, 1), args.keepdim(fn, keep, 2), args.dtype(fn, dtype, 3)
    tensor = args.tensor(fn, t, 4)
    if not target.is_floating:
        from gradbook.engine.tensors.errors import DTypeError

        raise DTypeError(f"meanDim: the result dtype must be Float or Double, got {target.name}")
    if tensor.dtype is not target:
        tensor = ops.to_dtype(tensor, target)
    return ops.mean_dim(tensor, dim_, keep_)


@TABLE.fn("argmax", "Dim -> KeepDim -> Tensor -> Tensor", "The index of the largest element along a dimension.",
          f"argmax (Dim 1) RemoveDim {_M}", "torch.argmax(t, dim=1, keepdim=False)")
def argmax(d: Any, keep: Any, t: Any) -> Any:
    fn = "argmax"
    dim_, keep_ = args.dim(fn, d, 1), args.keepdim(fn, keep, 2)
    return ops.argmax(args.tensor(fn, t, 3), dim_, keep_)


@TABLE.fn("all", "Tensor -> Bool", "True when every element is non-zero (True).",
          "all (gt (asTensor [3, 4]) (asTensor [1, 2]))", "torch.all(t).item()")
def all_(t: Any) -> bool:
    return bool(np.all(args.tensor("all", t).numpy()))


@TABLE.fn("any", "Tensor -> Bool", "True when some element is non-zero (True).",
          "any (gt (asTensor [3, 0]) (asTensor [1, 2]))", "torch.any(t).item()")
def any_(t: Any) -> bool:
    return bool(np.any(args.tensor("any", t).numpy()))


@TABLE.fn("softmax", "Dim -> Tensor -> Tensor", "exp(x) / sum(exp(x)) along a dimension (numerically stable).",
          "softmax (Dim 0) (asTensor ([1, 2, 3] :: [Float]))", "torch.softmax(t, dim=0)")
def softmax(d: Any, t: Any) -> Any:
    dim_ = args.dim("softmax", d, 1)
    return ops.softmax(args.tensor("softmax", t, 2), dim_)


@TABLE.fn("logSoftmax", "Dim -> Tensor -> Tensor", "log (softmax x) along a dimension, computed stably.",
          "logSoftmax (Dim 0) (asTensor ([1, 2, 3] :: [Float]))", "torch.log_softmax(t, dim=0)")
def log_softmax(d: Any, t: Any) -> Any:
    dim_ = args.dim("logSoftmax", d, 1)
    return ops.log_softmax(args.tensor("logSoftmax", t, 2), dim_)


@TABLE.fn("mseLoss", "Tensor -> Tensor -> Tensor", "Mean squared error; the target comes first, then the input.",
          "mseLoss (asTensor ([1, 2] :: [Float])) (asTensor ([1.5, 2.5] :: [Float]))",
          "torch.nn.functional.mse_loss(input, target)")
def mse_loss(target: Any, prediction: Any) -> Any:
    goal = args.tensor("mseLoss", target, 1)
    return ops.mse_loss(args.tensor("mseLoss", prediction, 2), goal)


@TABLE.fn("binaryCrossEntropyLoss'", "Tensor -> Tensor -> Tensor",
          "Mean binary cross entropy of probabilities; the target comes first, then the input.",
          "binaryCrossEntropyLoss' (asTensor ([1, 0] :: [Float])) (asTensor ([0.9, 0.2] :: [Float]))",
          "torch.nn.functional.binary_cross_entropy(input, target)")
def bce_loss(target: Any, prediction: Any) -> Any:
    fn = "binaryCrossEntropyLoss'"
    goal = args.tensor(fn, target, 1)
    return ops.binary_cross_entropy(args.tensor(fn, prediction, 2), goal)


@TABLE.fn("nllLoss'", "Tensor -> Tensor -> Tensor",
          "Mean negative log likelihood of log-probabilities [N,C] at Int64 class targets [N]; target first.",
          "nllLoss' (asTensor ([1, 0] :: [Int])) (logSoftmax (Dim 1) (asTensor ([[1, 2], [3, 1]] :: [[Float]])))",
          "torch.nn.functional.nll_loss(input, target)")
def nll_loss(target: Any, log_probs: Any) -> Any:
    goal = args.tensor("nllLoss'", target, 1)
    return ops.nll_loss(args.tensor("nllLoss'", log_probs, 2), goal)
