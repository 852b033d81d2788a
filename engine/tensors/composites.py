"""Ops built from primitives, so their gradients come for free: mean, relu, softmax, losses, var/std,
squeeze/unsqueeze/flatten/select/slice/stack, max_dim/min_dim. A hand-written stability trick says so
in a NOTE."""
from __future__ import annotations

import builtins
import functools
import math
from typing import Any, Callable, Sequence

import numpy as np

from gradbook.engine.tensors.dtypes import FLOATING, Int64
from gradbook.engine.tensors.errors import DTypeError, InvalidValueError, ShapeError
from gradbook.engine.tensors.memory import format_shape
from gradbook.engine.tensors.ops_base import (apply, as_tensor, broadcast_shape, constant, norm_dim, primitive,
                                              require_dtype)
from gradbook.engine.tensors.primitives import add, clamp, div, erf, exp, gt, log, maximum, mul, neg, sqrt, sub, tanh, where
from gradbook.engine.tensors.primitives_reduce import argmax, argmin, log_softmax, mean_everything, sum_all, sum_dim
from gradbook.engine.tensors.primitives_shape import GATHER, cat, detach, reshape, take_along_dim, to_dtype
from gradbook.engine.tensors.primitives_shape import index as _index
from gradbook.engine.tensors.tensor import GradMode, Tensor, make

_slice = builtins.slice
_INV_SQRT2 = 1.0 / math.sqrt(2.0)


def _named(fn: Callable) -> Callable:
    """Name a composite's result after the composite (`mean c` shows `grad_fn=mean`, not the `div` it
    ends with), so annotations and `:graph` speak the user's words. Only a tensor the composite made is
    renamed: one it returns unchanged (e.g. `squeeze` of a shape with no 1s) keeps its own name."""
    name = fn.__name__

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = fn(*args, **kwargs)
        for out in result if type(result) is tuple else (result,):
            if type(out) is Tensor and out.grad_fn is not None and not any(out is a for a in args):
                out.grad_fn = name
        return result

    return wrapper


# ========================================== reductions ============================================

def mean(t: Any) -> Tensor:
    """The mean of every element as a 0-d tensor (Float/Double only).

    >>> mean(tensor([1.0, 2.0])).item()
    1.5
    """
    if type(t) is not Tensor:
        t = as_tensor(t, "mean")
    if not t.dtype.is_floating:
        require_dtype(t, FLOATING, "mean")
    out = mean_everything(t)
    out.grad_fn = "mean"  # named here, as _named would (a hot path: one wrapper call less)
    return out


@_named
def mean_dim(t: Any, dim: int, keepdim: bool = False) -> Tensor:
    """The mean over one dim.

    >>> mean_dim(tensor([[1.0, 3.0], [5.0, 7.0]]), 1).numpy().tolist()
    [2.0, 6.0]
    """
    t = as_tensor(t, "mean_dim")
    require_dtype(t, FLOATING, "mean_dim")
    d = norm_dim(dim, t.ndim, "mean_dim")
    return div(sum_dim(t, d, keepdim), t.shape[d] if t.ndim else 1)


def _extreme_dim(t: Any, dim: int, keepdim: bool, which: str) -> tuple[Tensor, Tensor]:
    t = as_tensor(t, f"{which}_dim")
    if t.ndim == 0:
        norm_dim(dim, 0, f"{which}_dim")
        return t, to_dtype(detach(mul(t, 0)), Int64)
    d = norm_dim(dim, t.ndim, f"{which}_dim")
    idx = (argmax if which == "max" else argmin)(t, d, keepdim=True)
    values = take_along_dim(t, idx, d)
    if not keepdim:
        values = squeeze(values, d)
        idx = squeeze(idx, d)
    return values, idx


@_named
def max_dim(t: Any, dim: int, keepdim: bool = False) -> tuple[Tensor, Tensor]:
    """(values, Int64 indices) of the maximum along `dim`; the gradient flows to the chosen entries.

    >>> values, indices = max_dim(tensor([[1, 5], [7, 2]]), 1)
    >>> values.numpy().tolist(), indices.numpy().tolist()
    ([5, 7], [1, 0])
    """
    return _extreme_dim(t, dim, keepdim, "max")


@_named
def min_dim(t: Any, dim: int, keepdim: bool = False) -> tuple[Tensor, Tensor]:
    """(values, Int64 indices) of the minimum along `dim`.

    >>> values, indices = min_dim(tensor([[1, 5], [7, 2]]), 1)
    >>> values.numpy().tolist(), indices.numpy().tolist()
    ([1, 2], [0, 1])
    """
    return _extreme_dim(t, dim, keepdim, "min")


@_named
def var(t: Any, dim: int | None = None, unbiased: bool = True, keepdim: bool = False) -> Tensor:
    """Variance over everything (dim=None) or one dim, divided by n-1 (unbiased) or n.

    >>> var(tensor([1.0, 2.0, 3.0])).item()
    1.0
    >>> var(tensor([1.0, 2.0, 3.0]), unbiased=False).item()
    0.6666666865348816
    """
    t = as_tensor(t, "var")
    require_dtype(t, FLOATING, "var")
    if dim is None:
        n = t.numel
        centred = sub(t, div(sum_all(t), n))
        total = sum_all(mul(centred, centred))
    else:
        d = norm_dim(dim, t.ndim, "var")
        n = t.shape[d] if t.ndim else 1
        centred = sub(t, div(sum_dim(t, d, keepdim=True), n))
        total = sum_dim(mul(centred, centred), d, keepdim=keepdim)
    # n-1 == 0 gives inf/nan, as in PyTorch; so does an empty tensor (0/0), whatever `unbiased` says
    return div(total, (n - 1 if unbiased else n) if n else 0)


@_named
def std(t: Any, dim: int | None = None, unbiased: bool = True, keepdim: bool = False) -> Tensor:
    """Standard deviation: sqrt(var(...)).

    >>> std(tensor([1.0, 2.0, 3.0])).item()
    1.0
    """
    return sqrt(var(t, dim, unbiased, keepdim))


# ========================================= activations ============================================

@_named
def relu(t: Any) -> Tensor:
    """max(t, 0) elementwise; the gradient at 0 is 0.

    >>> relu(tensor([-1.0, 0.0, 2.0])).numpy().tolist()
    [0.0, 0.0, 2.0]
    """
    t = as_tensor(t, "relu")
    return where(gt(t, 0), t, 0)


@_named
def gelu(t: Any) -> Tensor:
    """GELU, exact (erf) form as PyTorch's and Hasktorch's default: t * 0.5 * (1 + erf(t / sqrt 2)).

    >>> [round(v, 4) for v in gelu(tensor([-1.0, 0.0, 1.0])).numpy().tolist()]
    [-0.1587, 0.0, 0.8413]
    """
    t = as_tensor(t, "gelu")
    return mul(mul(t, 0.5), add(erf(mul(t, _INV_SQRT2)), 1))


@_named
def softmax(t: Any, dim: int) -> Tensor:
    """exp(t) / sum(exp(t)) along `dim`, computed stably.

    >>> softmax(zeros([2]), 0).numpy().tolist()
    [0.5, 0.5]
    >>> softmax(tensor([1000.0, 1000.0]), 0).numpy().tolist()
    [0.5, 0.5]
    """
    return exp(log_softmax(t, dim))


# ============================================ losses ==============================================

def mse_loss(pred: Any, target: Any) -> Tensor:
    """mean((pred - target)^2).

    >>> mse_loss(tensor([1.0, 3.0]), tensor([1.0, 1.0])).item()
    2.0
    >>> mse_loss(tensor([1.0, 3.0]), tensor(1.0)).item()
    2.0
    """
    if type(pred) is not Tensor:
        pred = as_tensor(pred, "mse_loss")
    if type(target) is not Tensor:
        target = as_tensor(target, "mse_loss")
    if pred._data.shape != target._data.shape:
        # broadcast as libtorch's mse_loss does (a [4] prediction against a [4,1] target is a [4,4] mean)
        try:
            broadcast_shape("mse_loss", pred._data.shape, target._data.shape)
        except ShapeError:
            raise ShapeError(f"mse_loss: prediction {format_shape(pred.shape)} and target "
                             f"{format_shape(target.shape)} do not broadcast to one shape") from None
    diff = sub(pred, target)
    if not diff.dtype.is_floating:
        require_dtype(diff, FLOATING, "mse_loss")
    out = mean(mul(diff, diff))
    out.grad_fn = "mse_loss"  # named here, as _named would (a hot path: one wrapper call less)
    return out


def _bce_terms(p: Tensor, t: Tensor) -> Tensor:
    """-(t log p + (1 - t) log(1 - p)) elementwise, logs clamped at -100 as PyTorch does (so a
    confident wrong answer costs 100, not inf)."""
    log_p = clamp(log(p), -100.0, None)
    log_1p = clamp(log(sub(1, p)), -100.0, None)
    return neg(add(mul(t, log_p), mul(sub(1, t), log_1p)))


def _bce_forward(p: np.ndarray, t: np.ndarray) -> np.ndarray:
    saved = GradMode.record
    GradMode.record = False
    try:
        return mean(_bce_terms(make(p), make(t)))._data
    finally:
        GradMode.record = saved


def _bce_vjp(g: Tensor, y: Tensor, p: Tensor, t: Tensor) -> tuple:
    # NOTE: a hand-written rule, PyTorch's: d/dp = (p - t) / max(p (1 - p), 1e-12) / n. Through the
    # clamped logs the chain rule gives 0/0 = nan once a sigmoid saturates to exactly 0 or 1.
    scale = div(g, p.numel)
    gp = div(mul(scale, sub(p, t)), maximum(mul(p, sub(1, p)), 1e-12)) if p.requires_grad else None
    gt = None
    if t.requires_grad:
        gt = mul(scale, sub(clamp(log(sub(1, p)), -100.0, None), clamp(log(p), -100.0, None)))
    return gp, gt


BINARY_CROSS_ENTROPY = primitive("binary_cross_entropy", _bce_forward, _bce_vjp)


def binary_cross_entropy(pred: Any, target: Any) -> Tensor:
    """-mean(target log pred + (1 - target) log(1 - pred)) for probabilities `pred`; finite gradients
    even where `pred` is exactly 0 or 1.

    >>> round(binary_cross_entropy(tensor([0.5]), tensor([1.0])).item(), 4)
    0.6931
    >>> binary_cross_entropy(tensor([0.0]), tensor([1.0])).item()
    100.0
    """
    pred = as_tensor(pred, "binary_cross_entropy")
    target = as_tensor(target, "binary_cross_entropy")
    require_dtype(pred, FLOATING, "binary_cross_entropy")
    if pred.shape != target.shape:
        raise ShapeError(f"binary_cross_entropy: prediction {format_shape(pred.shape)} and target "
                         f"{format_shape(target.shape)} must have the same shape")
    if target.dtype is not pred.dtype:
        target = to_dtype(target, pred.dtype)
    return apply(BINARY_CROSS_ENTROPY, (pred, target))


@_named
def nll_loss(log_probs: Any, target: Any) -> Tensor:
    """-mean(log_probs[i, target[i]]) for [N,C] log-probabilities and N Int64 class indices (a [C] row with a
    0-d target also works).

    >>> round(nll_loss(log_softmax(zeros([2, 4]), 1), tensor([0, 3])).item(), 4)
    1.3863
    """
    lp = as_tensor(log_probs, "nll_loss")
    tg = as_tensor(target, "nll_loss")
    if lp.ndim == 1 and tg.ndim == 0:
        lp, tg = reshape(lp, (1,) + lp.shape), reshape(tg, (1,))
    if lp.ndim != 2 or tg.ndim != 1 or tg.shape[0] != lp.shape[0]:
        raise ShapeError(f"nll_loss: expected log-probabilities [N,C] and targets [N], got "
                         f"{format_shape(lp.shape)} and {format_shape(tg.shape)}")
    require_dtype(lp, FLOATING, "nll_loss")
    if tg.dtype is not Int64:
        raise DTypeError(f"nll_loss: the targets must be Int64 class indices (allowed dtypes: Int64), "
                         f"got {tg.dtype.name}")
    classes = lp.shape[1]
    labels = tg._data
    if labels.size and (labels.min() < 0 or labels.max() >= classes):
        bad = int(labels.min() if labels.min() < 0 else labels.max())
        raise InvalidValueError(f"nll_loss: target class {bad} is out of range for {classes} classes "
                                f"(expected 0..{classes - 1})")
    picked = apply(GATHER, (lp, reshape(tg, (tg.shape[0], 1))), dim=1)  # (indices checked just above)
    return neg(mean(picked))


@_named
def cross_entropy(logits: Any, target: Any) -> Tensor:
    """nll_loss(log_softmax(logits, 1), target) for [N,C] logits and N Int64 classes.

    >>> round(cross_entropy(zeros([2, 4]), tensor([0, 3])).item(), 4)
    1.3863
    """
    lg = as_tensor(logits, "cross_entropy")
    return nll_loss(log_softmax(lg, -1), target)


# ============================================= shape ==============================================

@_named
def squeeze(t: Any, dim: int | None = None) -> Tensor:
    """Drop size-1 dims (all, or just `dim` if it has size 1).

    >>> squeeze(ones([2, 1])).shape
    (2,)
    >>> squeeze(ones([1, 2, 1]), 0).shape
    (2, 1)
    """
    t = as_tensor(t, "squeeze")
    if dim is None:
        return reshape(t, tuple(s for s in t.shape if s != 1))
    if t.ndim == 0:
        norm_dim(dim, 0, "squeeze")
        return t
    d = norm_dim(dim, t.ndim, "squeeze")
    if t.shape[d] != 1:
        return t
    return reshape(t, t.shape[:d] + t.shape[d + 1:])


@_named
def unsqueeze(t: Any, dim: int) -> Tensor:
    """Insert a size-1 dim at `dim` (range -(n+1)..n).

    >>> unsqueeze(ones([2]), 0).shape
    (1, 2)
    >>> unsqueeze(ones([2]), -1).shape
    (2, 1)
    """
    t = as_tensor(t, "unsqueeze")
    d = norm_dim(dim, t.ndim, "unsqueeze", extra=1)
    return reshape(t, t.shape[:d] + (1,) + t.shape[d:])


@_named
def flatten(t: Any) -> Tensor:
    """All elements as a 1-d tensor.

    >>> flatten(tensor([[1, 2], [3, 4]])).numpy().tolist()
    [1, 2, 3, 4]
    """
    t = as_tensor(t, "flatten")
    return reshape(t, (t.numel,))


@_named
def select(t: Any, dim: int, index: int) -> Tensor:  # noqa: A002 - the issue's name
    """The slice at `index` along `dim`, dropping that dim.

    >>> select(tensor([[1, 2], [3, 4]]), 0, 1).numpy().tolist()
    [3, 4]
    >>> select(tensor([[1, 2], [3, 4]]), 1, -1).numpy().tolist()
    [2, 4]
    """
    t = as_tensor(t, "select")
    if t.ndim == 0:
        raise InvalidValueError("select: a 0-d tensor has no dim to select from")
    d = norm_dim(dim, t.ndim, "select")
    if isinstance(index, bool) or not isinstance(index, int):
        raise InvalidValueError(f"select: the index must be an integer, got {index!r}")
    size = t.shape[d]
    if not -size <= index < size:
        raise InvalidValueError(f"select: index {index} is out of range for dim {d} of size {size}")
    return _index(t, (_slice(None),) * d + (index % size,))


@_named
def slice(t: Any, dim: int, start: int | None = None, end: int | None = None, step: int = 1) -> Tensor:  # noqa: A001
    """Entries start, start+step, ... before end along `dim` (Python slicing rules, step >= 1).

    >>> slice(arange(6), 0, 1, 5, 2).numpy().tolist()
    [1, 3]
    """
    t = as_tensor(t, "slice")
    if t.ndim == 0:
        raise InvalidValueError("slice: a 0-d tensor has no dim to slice")
    d = norm_dim(dim, t.ndim, "slice")
    for v in (start, end, step):
        if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
            raise InvalidValueError(f"slice: start, end and step must be integers, got {v!r}")
    if step is None or step < 1:
        raise InvalidValueError(f"slice: step must be positive, got {step}")
    return _index(t, (_slice(None),) * d + (_slice(start, end, step),))


@_named
def stack(tensors: Sequence[Any], dim: int = 0) -> Tensor:
    """Join same-shape tensors along a new dim.

    >>> stack([ones([2]), zeros([2])]).numpy().tolist()
    [[1.0, 1.0], [0.0, 0.0]]
    """
    if isinstance(tensors, Tensor) or not isinstance(tensors, (list, tuple)) or not tensors:
        raise InvalidValueError("stack: expected a non-empty list of tensors")
    ts = [as_tensor(t, "stack") for t in tensors]
    for t in ts[1:]:
        if t.shape != ts[0].shape:
            raise ShapeError(f"stack: all tensors need the same shape, got {format_shape(ts[0].shape)} "
                             f"and {format_shape(t.shape)}")
    d = norm_dim(dim, ts[0].ndim, "stack", extra=1)
    return cat([unsqueeze(t, d) for t in ts], d)


def ones_like_tensor(t: Tensor) -> Tensor:
    """Ones of t's shape and dtype (the seed gradient of `grad`)."""
    from gradbook.engine.tensors.factories import full

    return full(t.shape, 1, t.dtype)


def zeros_like_tensor(t: Tensor) -> Tensor:
    """Zeros of t's shape and dtype (the gradient of an input `out` does not depend on)."""
    from gradbook.engine.tensors.factories import full

    return full(t.shape, 0, t.dtype)

