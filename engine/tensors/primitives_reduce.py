"""The op table, part three: sums, extremes and arg-extremes over everything or over dims, each
primitive's forward (a kernel over rows) and vector-Jacobian product side by side."""
from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from gradbook.engine.tensors.errors import InvalidValueError
from gradbook.engine.tensors.kernels import fast_reduce as KF
from gradbook.engine.tensors.kernels import reduce as KR
from gradbook.engine.tensors.kernels import softmax as KS
from gradbook.engine.tensors.kernels.entry import SMALL, entry_point
from gradbook.engine.tensors.ops_base import (INT64_NP, NONDIFF, alloc, apply, as_tensor, float_constant, int_list,
                                      norm_dim, primitive, record)
from gradbook.engine.tensors.primitives import DIV, div, eq, exp, mul, sub
from gradbook.engine.tensors.primitives_shape import EXPAND, RESHAPE, to_dtype
from gradbook.engine.tensors.tensor import GradMode, Tensor, make

_prod = math.prod


def _rows(x: np.ndarray, dims: tuple[int, ...]) -> tuple[np.ndarray, tuple[int, ...]]:
    """`x` as a C-contiguous (rows, reduced) 2-d array with `dims` moved last, and the kept shape."""
    if len(dims) == x.ndim:  # everything: one row
        return (x if x.flags.c_contiguous else np.ascontiguousarray(x)).reshape(1, x.size), ()
    keep = [d for d in range(x.ndim) if d not in dims]
    kept_shape = tuple(x.shape[d] for d in keep)
    moved = x.transpose(keep + list(dims)) if dims != tuple(range(x.ndim - len(dims), x.ndim)) else x
    k = _prod(x.shape[d] for d in dims)
    return np.ascontiguousarray(moved).reshape(_prod(kept_shape), k), kept_shape


def _keepdim_shape(shape: tuple[int, ...], dims: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(1 if d in dims else s for d, s in enumerate(shape))


# ========================================== reductions ============================================

def _sum_forward(x, dims=(), keepdim=False):
    floating = x.dtype.kind == "f"
    if floating:
        kernel, out_dt = KR.sum_rows_float, x.dtype
    else:
        kernel, out_dt = KR.sum_rows_int, INT64_NP
        x = x.astype(np.int64, copy=False)
    if dims and dims[-1] < x.ndim - 1 and dims == tuple(range(dims[0], dims[-1] + 1)):
        # a run of dims before the last one: sum the middle of a (P,R,Q) view, no transpose needed
        shape = x.shape
        P, R, Q = _prod(shape[:dims[0]]), _prod(shape[dims[0]:dims[-1] + 1]), _prod(shape[dims[-1] + 1:])
        kept = shape[:dims[0]] + shape[dims[-1] + 1:]
        out = alloc(kept, out_dt, "sum")
        (KR.sum_mid_float if floating else KR.sum_mid_int)(np.ascontiguousarray(x).reshape(P, R, Q),
                                                            out.reshape(P, Q))
        return out.reshape(_keepdim_shape(x.shape, dims)) if keepdim else out
    rows, kept = _rows(x, dims)
    out = alloc(kept, out_dt, "sum")
    kernel(rows, out.reshape(-1))
    return out.reshape(_keepdim_shape(x.shape, dims)) if keepdim else out


def _sum_vjp(g, y, x, dims=(), keepdim=False):
    if g._data.size == 1 and len(dims) == x._data.ndim:  # a sum of everything: g filled to x's shape
        if x._data.shape == g._data.shape:
            return (g,)
        out = alloc(x._data.shape, g._data.dtype, "expand")
        out.fill(g._data.reshape(()))
        return (record(EXPAND, out, (g,), {"shape": x._data.shape}),)
    if not keepdim and len(dims) != x.ndim:  # (a 0-d gradient broadcasts as it is)
        g = apply(RESHAPE, (g,), shape=_keepdim_shape(x.shape, dims))
    return (apply(EXPAND, (g,), shape=x.shape) if g.shape != x.shape else g,)


SUM = primitive("sum", _sum_forward, _sum_vjp)

_ALL_DIMS = tuple(tuple(range(n)) for n in range(33))
_SUM_ENTRIES: dict = {}


def sum_leading(t: Tensor, lead: int) -> Tensor:
    """The SUM node over `t`'s first `lead` dims (undoing a broadcast's added dims, e.g. a bias row's
    gradient). Small float tensors call the kernels `_sum_forward` would pick through their compiled
    entry points; the node is recorded as `apply` would record it."""
    x = t._data
    dims = _ALL_DIMS[lead] if lead < len(_ALL_DIMS) else tuple(range(lead))
    shape = x.shape
    R, Q = _prod(shape[:lead]), _prod(shape[lead:])
    dt = x.dtype
    if dt.kind != "f" or not 0 < x.size < SMALL or (Q == 1 and R >= KF.SHORT):
        return apply(SUM, (t,), dims=dims, keepdim=False)
    out = np.empty(shape[lead:], dt)
    x = np.ascontiguousarray(x)
    if Q == 1:  # as sum_mid_float does: the reduced elements are one contiguous row
        kernel, args = KF.sum_rows_short, (x.reshape(1, R), out.reshape(1))
    else:
        kernel, args = KR._sum_mid_float, (x.reshape(1, R, Q), out.reshape(1, Q))
    entries = _LEAD_ENTRIES[Q == 1]
    entry = entries.get(dt)
    if entry is not None:
        entry(*args)
    else:
        kernel(*args)
        entry = entry_point(kernel, args)
        if entry is not None:
            entries[dt] = entry
    return record(SUM, out, (t,), {"dims": dims, "keepdim": False})


_LEAD_ENTRIES: tuple[dict, dict] = ({}, {})  # [rows kernel?] dtype -> entry point


_MEAN_ENTRIES: dict = {}


def mean_everything(t: Tensor) -> Tensor:
    """mean(t) as the graph `div(sum(t), n)` (two nodes, as the user's words say), with both values from
    one kernel call for short float tensors: the same kernels' arithmetic, so the same results."""
    x = t._data
    n = x.size
    dt = x.dtype
    count = float_constant(n, t.dtype)
    if dt.kind != "f" or not 0 < n < KF.SHORT or x.ndim >= len(_ALL_DIMS):
        return div(sum_everything(t), count)
    total = np.empty((), dt)
    out = np.empty((), dt)
    args = (x.ravel().reshape(1, n), count._data.reshape(1), total.reshape(1), out.reshape(1))
    entry = _MEAN_ENTRIES.get(dt)
    if entry is not None:
        entry(*args)
    else:
        KF.sum_and_mean_short(*args)
        entry = entry_point(KF.sum_and_mean_short, args)
        if entry is not None:
            _MEAN_ENTRIES[dt] = entry
    summed = record(SUM, total, (t,), {"dims": _ALL_DIMS[x.ndim], "keepdim": False})
    return record(DIV, out, (summed, count), None)


def sum_everything(t: Tensor) -> Tensor:
    """The SUM node over every dim of `t`; short float tensors (every tutorial graph) take a direct
    path: one compiled kernel call, no parameter plumbing. Same kernel, same result as `apply`."""
    x = t._data
    n = x.size
    dt = x.dtype
    if dt.kind != "f" or not 0 < n < KF.SHORT or x.ndim >= len(_ALL_DIMS):
        return apply(SUM, (t,), dims=tuple(range(x.ndim)), keepdim=False)
    out = np.empty((), dt)
    rows = x.ravel().reshape(1, n)  # (ravel: C-contiguous, as the entry point needs)
    entry = _SUM_ENTRIES.get(dt)
    if entry is not None:
        entry(rows, out.reshape(1))
    else:
        flat = out.reshape(1)
        KF.sum_rows_short(rows, flat)
        entry = entry_point(KF.sum_rows_short, (rows, flat))
        if entry is not None:
            _SUM_ENTRIES[dt] = entry
    if GradMode.record and t.requires_grad:
        return record(SUM, out, (t,), {"dims": _ALL_DIMS[x.ndim], "keepdim": False})
    return record(SUM, out, (), None)


def sum_dims(t: Any, dims: Sequence[int], keepdim: bool = False) -> Tensor:
    """Sum over several dims (negative dims count from the end).

    >>> sum_dims(ones([2, 3, 4]), [0, 2]).numpy().tolist()
    [8.0, 8.0, 8.0]
    """
    t = as_tensor(t, "sum")
    nd = tuple(sorted({norm_dim(d, t.ndim, "sum") for d in int_list(dims, "sum", "dims")})) if t.ndim else ()
    return apply(SUM, (t,), dims=nd, keepdim=bool(keepdim))


def sum_all(t: Any) -> Tensor:
    """The sum of every element as a 0-d tensor (Int64 for Int64/Bool input).

    >>> sum_all(ones([2, 2])).item()
    4.0
    >>> sum_all(tensor([True, True])).dtype
    Int64
    """
    return sum_everything(t if type(t) is Tensor else as_tensor(t, "sum_all"))


def sum_dim(t: Any, dim: int, keepdim: bool = False) -> Tensor:
    """The sum over one dim. keepdim=True keeps shape [2,1].

    >>> sum_dim(ones([2, 3]), 1).numpy().tolist()
    [3.0, 3.0]
    >>> sum_dim(ones([2, 3]), -1, keepdim=True).shape
    (2, 1)
    """
    t = as_tensor(t, "sum_dim")
    d = norm_dim(dim, t.ndim, "sum_dim")
    return apply(SUM, (t,), dims=(d,) if t.ndim else (), keepdim=bool(keepdim))


def _extreme_forward(kernel, name):
    def forward(x):
        if x.size == 0:
            raise InvalidValueError(f"{name}: the tensor is empty, it has no {name[:3]}imum")
        rows, _ = _rows(x, tuple(range(x.ndim)))
        out = alloc((), x.dtype, name)
        kernel(rows.reshape(1, -1), out.reshape(-1))
        return out
    return forward


def _extreme_vjp(g, y, x):
    """The gradient is shared evenly among the elements equal to the extreme (PyTorch's rule)."""
    mask = to_dtype(eq(x, y), g.dtype)
    return (mul(div(g, sum_all(mask)), mask),)


MAX_ALL = primitive("max_all", _extreme_forward(KR.max_rows, "max_all"), _extreme_vjp)
MIN_ALL = primitive("min_all", _extreme_forward(KR.min_rows, "min_all"), _extreme_vjp)


def max_all(t: Any) -> Tensor:
    """The largest element as a 0-d tensor (NaN wins).

    >>> max_all(tensor([1, 7, 3])).item()
    7
    """
    return apply(MAX_ALL, (as_tensor(t, "max_all"),))


def min_all(t: Any) -> Tensor:
    """The smallest element as a 0-d tensor (NaN wins).

    >>> min_all(tensor([1, 7, 3])).item()
    1
    """
    return apply(MIN_ALL, (as_tensor(t, "min_all"),))


def _arg_forward(kernel, name):
    def forward(x, dim=None, keepdim=False):
        if x.size == 0:
            raise InvalidValueError(f"{name}: the tensor is empty")
        if dim is None:
            out = alloc((), INT64_NP, name)
            kernel(np.ascontiguousarray(x).reshape(1, -1), out.reshape(-1))
            return out.reshape((1,) * x.ndim) if keepdim else out
        rows, kept = _rows(x, (dim,))
        out = alloc(kept, INT64_NP, name)
        kernel(rows, out.reshape(-1))
        return out.reshape(_keepdim_shape(x.shape, (dim,))) if keepdim else out
    return forward


ARGMAX = primitive("argmax", _arg_forward(KR.argmax_rows, "argmax"), NONDIFF)
ARGMIN = primitive("argmin", _arg_forward(KR.argmin_rows, "argmin"), NONDIFF)


def argmax(t: Any, dim: int | None = None, keepdim: bool = False) -> Tensor:
    """Int64 index of the (first) largest element, over everything (dim=None) or along `dim`.

    >>> argmax(tensor([1, 7, 3])).item()
    1
    >>> argmax(tensor([[1, 7], [9, 3]]), dim=1).numpy().tolist()
    [1, 0]
    """
    t = as_tensor(t, "argmax")
    d = None if dim is None or t.ndim == 0 else norm_dim(dim, t.ndim, "argmax")
    return apply(ARGMAX, (t,), dim=d, keepdim=bool(keepdim))


def argmin(t: Any, dim: int | None = None, keepdim: bool = False) -> Tensor:
    """Int64 index of the (first) smallest element.

    >>> argmin(tensor([4, 1, 3])).item()
    1
    """
    t = as_tensor(t, "argmin")
    d = None if dim is None or t.ndim == 0 else norm_dim(dim, t.ndim, "argmin")
    return apply(ARGMIN, (t,), dim=d, keepdim=bool(keepdim))


def nonzero(t: Any) -> Tensor:
    """Int64 [count, ndim]: the index of every non-zero element, in row-major order (a constant).

    >>> nonzero(tensor([[0, 1], [2, 0]])).numpy().tolist()
    [[0, 1], [1, 0]]
    """
    t = as_tensor(t, "nonzero")
    return make(np.argwhere(t._data).astype(np.int64), None)


# ============================================ softmax =============================================

def _log_softmax_forward(x, dim):
    if x.dtype.kind != "f":
        x = x.astype(np.float32)
    rows, kept = _rows(x, (dim,))
    out = alloc(rows.shape, x.dtype, "log_softmax")
    if rows.size:
        KS.log_softmax_rows(rows, out)
    last = x.ndim - 1
    moved = out.reshape(kept + (x.shape[dim],))
    if dim == last:
        return moved
    order = list(range(last))  # put the softmax dim back where it was
    order.insert(dim, last)
    return moved.transpose(order)


def _log_softmax_vjp(g, y, x, dim):
    # d/dx log_softmax = g - softmax * sum(g): written with ops, so it is differentiable too
    return (sub(g, mul(exp(y), apply(SUM, (g,), dims=(dim,), keepdim=True))),)


# NOTE: log_softmax is a primitive (a one-pass kernel: max, log-sum-exp in float64) for speed and
# stability; its rule is the closed form above.
LOG_SOFTMAX = primitive("log_softmax", _log_softmax_forward, _log_softmax_vjp)


def log_softmax(t: Any, dim: int) -> Tensor:
    """log(softmax(t, dim)), computed stably (no exp overflows). Int64/Bool input gives Float.

    >>> [round(v, 4) for v in log_softmax(zeros([2]), 0).numpy().tolist()]
    [-0.6931, -0.6931]
    >>> log_softmax(tensor([1000.0, 0.0]), 0).numpy().tolist()
    [0.0, -1000.0]
    """
    t = t if type(t) is Tensor else as_tensor(t, "log_softmax")
    d = norm_dim(dim, t.ndim, "log_softmax")
    if t.ndim == 0:  # a single value: run it as a one-element row
        row = apply(LOG_SOFTMAX, (apply(RESHAPE, (t,), shape=(1,)),), dim=0)
        return apply(RESHAPE, (row,), shape=())
    return apply(LOG_SOFTMAX, (t,), dim=d)
