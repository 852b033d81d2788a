"""The op table, part two: shape and indexing ops, matmul and dtype conversion, each primitive's forward
and vector-Jacobian product side by side (part one, elementwise, is primitives.py; reductions are in
primitives_reduce.py)."""
from __future__ import annotations

import builtins
import math
from typing import Any, Sequence

import numpy as np

from gradbook.engine.tensors.dtypes import DType, Int64
from gradbook.engine.tensors.errors import DTypeError, InvalidValueError, ShapeError
from gradbook.engine.tensors.kernels import index as KI
from gradbook.engine.tensors.kernels import fast_linalg as KLF
from gradbook.engine.tensors.kernels import linalg as KL
from gradbook.engine.tensors.kernels.entry import entry_point
from gradbook.engine.tensors.memory import check_allocation, format_shape
from gradbook.engine.tensors.ops_base import (alloc, apply, as_tensor, common_np, int_list, norm_dim, operands,
                                      primitive, record, shape_arg)
from gradbook.engine.tensors.tensor import GradMode, Tensor, make

_prod = math.prod


# ======================================= shape and indexing =======================================

RESHAPE = primitive("reshape", lambda x, shape: x.reshape(shape),
                    lambda g, y, x, shape: (reshape(g, x.shape),))


def reshape(t: Any, shape: Sequence[int]) -> Tensor:
    """The same elements in a new shape (one entry may be -1).

    >>> reshape(arange(6), [2, 3]).numpy().tolist()
    [[0, 1, 2], [3, 4, 5]]
    >>> reshape(arange(6), [-1, 2]).shape
    (3, 2)
    """
    t = as_tensor(t, "reshape")
    shape = int_list(shape, "reshape", "shape")
    if shape.count(-1) == 1:
        known = _prod(s for s in shape if s != -1)
        if known and t.numel % known == 0:
            shape[shape.index(-1)] = t.numel // known
    target = shape_arg(shape, "reshape")
    if _prod(target) != t.numel:
        raise ShapeError(f"reshape: cannot reshape {format_shape(t.shape)} into {format_shape(shape)} "
                         f"({t.numel} elements)")
    if target == t.shape:
        return t
    return apply(RESHAPE, (t,), shape=target)


PERMUTE = primitive("permute", lambda x, axes: x.transpose(axes),
                    lambda g, y, x, axes: (permute(g, tuple(int(i) for i in np.argsort(axes))),))


def permute(t: Any, axes: Sequence[int]) -> Tensor:
    """Reorder the dims.

    >>> permute(ones([2, 3, 4]), [2, 0, 1]).shape
    (4, 2, 3)
    """
    t = as_tensor(t, "permute")
    given = int_list(axes, "permute", "dims")
    ax = tuple(norm_dim(a, t.ndim, "permute") for a in given)
    if t.ndim == 0 and len(ax) <= 1:
        return t
    if sorted(ax) != list(range(t.ndim)):
        raise InvalidValueError(f"permute: {given} is not a permutation of the {t.ndim} dims")
    return apply(PERMUTE, (t,), axes=ax)


def transpose(t: Any, dim0: int, dim1: int) -> Tensor:
    """Swap two dims.

    >>> transpose(tensor([[1, 2, 3]]), 0, 1).numpy().tolist()
    [[1], [2], [3]]
    """
    t = as_tensor(t, "transpose")
    if t.ndim == 0:
        norm_dim(dim0, 0, "transpose"), norm_dim(dim1, 0, "transpose")
        return t
    d0, d1 = norm_dim(dim0, t.ndim, "transpose"), norm_dim(dim1, t.ndim, "transpose")
    axes = list(range(t.ndim))
    axes[d0], axes[d1] = axes[d1], axes[d0]
    return apply(PERMUTE, (t,), axes=tuple(axes))


def _expand_vjp(g, y, x, shape):
    # (the backward walker sums a gradient back to its input's shape, so the rule is the identity)
    return (g,)


def _expand_forward(x, shape):
    if x.size == 1:  # the common case (a sum's gradient): a cheap filled array
        out = alloc(shape, x.dtype, "expand")
        out.fill(x.reshape(()) if x.ndim else x)
        return out
    return np.broadcast_to(x, shape)


EXPAND = primitive("expand", _expand_forward, _expand_vjp)


def expand(t: Any, shape: Sequence[int]) -> Tensor:
    """Broadcast to a larger shape without copying (-1 keeps a dim).

    >>> expand(tensor([[1], [2]]), [2, 3]).numpy().tolist()
    [[1, 1, 1], [2, 2, 2]]
    """
    t = as_tensor(t, "expand")
    shape = int_list(shape, "expand", "shape")
    lead = len(shape) - t.ndim
    if lead < 0:
        raise ShapeError(f"expand: cannot expand {format_shape(t.shape)} to {format_shape(shape)}")
    shape = [t.shape[i - lead] if (s == -1 and i >= lead) else s for i, s in enumerate(shape)]
    target = shape_arg(shape, "expand")
    for i, s in enumerate(t.shape):
        if s != 1 and s != target[i + lead]:
            raise ShapeError(f"expand: cannot expand {format_shape(t.shape)} to {format_shape(target)}")
    if target == t.shape:
        return t
    return apply(EXPAND, (t,), shape=target)


def _index_put_forward(g, key, shape):
    check_allocation(shape, g.dtype, "index")
    out = np.zeros(shape, dtype=g.dtype)
    out[key] = g
    return out


INDEX = primitive("index", lambda x, key: np.asarray(x[key]), lambda g, y, x, key: (index_put(g, key, x.shape),))
INDEX_PUT = primitive("index_put", _index_put_forward, lambda g, y, x, key, shape: (index(g, key),))


def index(t: Tensor, key: tuple) -> Tensor:
    """Basic indexing with a tuple of ints and slices (the primitive under select and slice)."""
    return apply(INDEX, (as_tensor(t, "index"),), key=key)


def index_put(g: Tensor, key: tuple, shape: tuple[int, ...]) -> Tensor:
    """Zeros of `shape` with `g` placed at `key` (the gradient of `index`)."""
    return apply(INDEX_PUT, (g,), key=key, shape=tuple(shape))


def _check_index_tensor(idx: Tensor, size: int, op: str) -> None:
    if idx.dtype is not Int64:
        raise DTypeError(f"{op}: indices must be an Int64 tensor (allowed dtypes: Int64), got {idx.dtype.name}")
    data = idx.numpy()
    if data.size and (data.min() < -size or data.max() >= size):
        raise InvalidValueError(f"{op}: index {int(data.max() if data.max() >= size else data.min())} is "
                                f"out of range for a dim of size {size}")


def _index_select_vjp(g, y, x, idx, dim):
    return (index_add(g, idx, dim, x.shape[dim]), None)


def _index_add_forward(g, idx, dim, size):
    shape = g.shape[:dim] + (size,) + g.shape[dim + 1:]
    check_allocation(shape, g.dtype, "index_select")
    out = np.zeros(shape, dtype=g.dtype)
    pre, post = _prod(g.shape[:dim]), _prod(g.shape[dim + 1:])
    KI.index_add(np.ascontiguousarray(g).reshape(pre, g.shape[dim], post), np.ascontiguousarray(idx % size),
                 out.reshape(pre, size, post))
    return out


def _index_select_forward(x, idx, dim):
    check_allocation(x.shape[:dim] + idx.shape + x.shape[dim + 1:], x.dtype, "index_select")
    return np.asarray(np.take(x, idx, axis=dim))


INDEX_SELECT = primitive("index_select", _index_select_forward, _index_select_vjp, nondiff=(1,))
INDEX_ADD = primitive("index_add", _index_add_forward,
                      lambda g, y, x, idx, dim, size: (index_select(g, dim, idx), None), nondiff=(1,))


def index_select(t: Any, dim: int, index: Tensor) -> Tensor:  # noqa: A002 - the issue's name
    """The entries at the Int64 `index` positions along `dim`.

    >>> index_select(tensor([[1, 2], [3, 4]]), 0, tensor([1, 1])).numpy().tolist()
    [[3, 4], [3, 4]]
    """
    t = as_tensor(t, "index_select")
    idx = as_tensor(index, "index_select")
    if t.ndim == 0:
        raise InvalidValueError("index_select: a 0-d tensor has no dim to select from")
    d = norm_dim(dim, t.ndim, "index_select")
    if idx.ndim > 1:
        raise InvalidValueError(f"index_select: the index must be 0-d or 1-d, got {format_shape(idx.shape)}")
    _check_index_tensor(idx, t.shape[d], "index_select")
    return apply(INDEX_SELECT, (t, idx), dim=d)


def index_add(g: Tensor, idx: Tensor, dim: int, size: int) -> Tensor:
    """Zeros of size `size` along `dim` with the slices of `g` added at `idx` (index_select's gradient).

    >>> index_add(ones([3]), tensor([0, 2, 0]), 0, 3).numpy().tolist()
    [2.0, 0.0, 1.0]
    """
    return apply(INDEX_ADD, (g, idx), dim=dim, size=size)


def _gather_forward(x, idx, dim):
    check_allocation(np.broadcast_shapes(idx.shape), x.dtype, "take_along_dim")
    return np.take_along_axis(x, idx, axis=dim)


def _scatter_forward(g, idx, dim, shape):
    check_allocation(shape, g.dtype, "take_along_dim")
    out = np.zeros(shape, dtype=g.dtype)
    pre, post = _prod(g.shape[:dim]), _prod(g.shape[dim + 1:])
    gi = np.broadcast_to(idx, g.shape) % shape[dim]
    KI.scatter_add(np.ascontiguousarray(g).reshape(pre, g.shape[dim], post),
                   np.ascontiguousarray(gi).reshape(pre, g.shape[dim], post), out.reshape(pre, shape[dim], post))
    return out


GATHER = primitive("take_along_dim", _gather_forward,
                   lambda g, y, x, idx, dim: (scatter_add(g, idx, dim, x.shape), None), nondiff=(1,))
SCATTER_ADD = primitive("scatter_add", _scatter_forward,
                        lambda g, y, x, idx, dim, shape: (take_along_dim(g, idx, dim), None), nondiff=(1,))


def take_along_dim(t: Any, indices: Tensor, dim: int) -> Tensor:
    """Pick one entry along `dim` per position (NumPy's take_along_axis, PyTorch's gather); `indices` is Int64
    with t's rank.

    >>> take_along_dim(tensor([[1, 2], [3, 4]]), tensor([[1], [0]]), 1).numpy().tolist()
    [[2], [3]]
    """
    t = as_tensor(t, "take_along_dim")
    idx = as_tensor(indices, "take_along_dim")
    d = norm_dim(dim, t.ndim, "take_along_dim")
    if idx.ndim != t.ndim:
        raise ShapeError(f"take_along_dim: indices {format_shape(idx.shape)} must have the rank of the "
                         f"tensor {format_shape(t.shape)}")
    _check_index_tensor(idx, t.shape[d] if t.ndim else 1, "take_along_dim")
    return apply(GATHER, (t, idx), dim=d)


def scatter_add(g: Tensor, idx: Tensor, dim: int, shape: tuple[int, ...]) -> Tensor:
    """Zeros of `shape` with `g` added at `idx` along `dim` (take_along_dim's gradient).

    >>> scatter_add(ones([2, 1]), tensor([[1], [0]]), 1, (2, 2)).numpy().tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    return apply(SCATTER_ADD, (g, idx), dim=dim, shape=tuple(shape))


def _cat_forward(*arrays, dim):
    dt = arrays[0].dtype
    for a in arrays[1:]:
        dt = common_np(np.empty(0, dt), a)
    shape = list(arrays[0].shape)
    shape[dim] = builtins.sum(a.shape[dim] for a in arrays)
    check_allocation(shape, dt, "cat")
    return np.concatenate([a.astype(dt, copy=False) for a in arrays], axis=dim)


def _cat_vjp(g, y, *xs, dim):
    out, start = [], 0
    for x in xs:
        stop = start + x.shape[dim]
        key = (builtins.slice(None),) * dim + (builtins.slice(start, stop),)
        out.append(index(g, key) if x.requires_grad else None)
        start = stop
    return tuple(out)


CAT = primitive("cat", _cat_forward, _cat_vjp)


def cat(tensors: Sequence[Any], dim: int = 0) -> Tensor:
    """Join tensors along an existing dim.

    >>> cat([ones([2]), zeros([1])]).numpy().tolist()
    [1.0, 1.0, 0.0]
    """
    if isinstance(tensors, Tensor) or not isinstance(tensors, (list, tuple)) or not tensors:
        raise InvalidValueError("cat: expected a non-empty list of tensors")
    ts = tuple(as_tensor(t, "cat") for t in tensors)
    first = ts[0]
    if first.ndim == 0:
        raise InvalidValueError("cat: 0-d tensors cannot be joined; use stack")
    d = norm_dim(dim, first.ndim, "cat")
    for t in ts[1:]:
        if t.ndim != first.ndim or any(a != b for i, (a, b) in enumerate(zip(t.shape, first.shape)) if i != d):
            raise ShapeError(f"cat: cannot join {format_shape(first.shape)} and {format_shape(t.shape)} "
                             f"along dim {d}")
    return apply(CAT, ts, dim=d)


# ========================================= linear algebra =========================================

def _matmul_forward(a, b):
    dt = common_np(a, b)
    if dt == np.bool_:
        raise DTypeError("matmul: got Bool tensors; allowed dtypes: Float, Double, Int64")
    m, k, n = a.shape[-2], a.shape[-1], b.shape[-1]
    if a.ndim == 2 and b.ndim == 2:  # operands go as they are: a transposed view reaches BLAS uncopied
        out = alloc((m, n), dt, "matmul")
        KL.matmul_2d(a.astype(dt, copy=False), b.astype(dt, copy=False), out)
        return out
    batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    nb = _prod(batch)
    out = alloc(batch + (m, n), dt, "matmul")
    a3 = np.ascontiguousarray(np.broadcast_to(a, batch + (m, k)), dtype=dt).reshape(nb, m, k)
    b3 = np.ascontiguousarray(np.broadcast_to(b, batch + (k, n)), dtype=dt).reshape(nb, k, n)
    KL.matmul(a3, b3, out.reshape(nb, m, n))
    return out


def _matmul_vjp(g, y, a, b):
    ga = matmul(g, _swap_last(b)) if a.requires_grad else None
    gb = matmul(_swap_last(a), g) if b.requires_grad else None
    return ga, gb


def _swap_last(t: Tensor) -> Tensor:
    """transpose(t, -1, -2) without the argument checks (t has at least 2 dims here)."""
    x = t._data
    if x.ndim == 2 and not (t.requires_grad and GradMode.record):
        return make(x.T, "permute")  # what `apply` gives when nothing is recorded, minus its plumbing
    axes = list(range(x.ndim))
    axes[-1], axes[-2] = axes[-2], axes[-1]
    return apply(PERMUTE, (t,), axes=tuple(axes))


MATMUL = primitive("matmul", _matmul_forward, _matmul_vjp)


def _small_matmul(a: Tensor, b: Tensor, m: int, k: int, n: int, dt: np.dtype) -> Tensor:
    """A small float 2-d product: the loop kernel `_matmul_forward` would pick, called through its
    compiled entry point (C-contiguous 3-d operands of one dtype, as it was keyed)."""
    out = alloc((m, n), dt, "matmul")
    args = (np.ascontiguousarray(a._data).reshape(1, m, k), np.ascontiguousarray(b._data).reshape(1, k, n),
            out.reshape(1, m, n))
    entry = MATMUL.entries.get(dt)
    if entry is not None:
        entry(*args)
    else:
        KLF.matmul_loop(*args)
        entry = entry_point(KLF.matmul_loop, args)
        if entry is not None:
            MATMUL.entries[dt] = entry
    return record(MATMUL, out, (a, b), None)


def matmul(a: Any, b: Any) -> Tensor:
    """Matrix product: 1-d (dot), 2-d, and batched 3-d with broadcast batch dims. `[2,3] @ [4,5]` raises a
    ShapeError.

    >>> matmul(ones([2, 3]), ones([3, 4])).shape
    (2, 4)
    >>> (tensor([1.0, 2.0]) @ tensor([3.0, 4.0])).item()
    11.0
    """
    if type(a) is not Tensor or type(b) is not Tensor:
        a, b = operands(a, b, "matmul")
    sa, sb = a._data.shape, b._data.shape
    if len(sa) == 2 and len(sb) == 2 and sa[1] == sb[0]:  # the common case, checked in one line
        m, k, n = sa[0], sa[1], sb[1]
        dt = a._data.dtype
        if 0 < m * k * n < KLF.SMALL_FLOPS and dt is b._data.dtype and dt.kind == "f":
            return _small_matmul(a, b, m, k, n, dt)
        return apply(MATMUL, (a, b))
    if a.ndim == 0 or b.ndim == 0:
        raise ShapeError(f"matmul: cannot multiply {format_shape(a.shape)} by {format_shape(b.shape)}: "
                         "both need at least one dim (use mul for scalars)")
    if a.shape[-1] != b.shape[-2 if b.ndim > 1 else 0]:
        raise ShapeError(f"matmul: cannot multiply {format_shape(a.shape)} by {format_shape(b.shape)}")
    aa = reshape(a, (1,) + a.shape) if a.ndim == 1 else a
    bb = reshape(b, b.shape + (1,)) if b.ndim == 1 else b
    try:
        np.broadcast_shapes(aa.shape[:-2], bb.shape[:-2])
    except ValueError:
        raise ShapeError(f"matmul: cannot multiply {format_shape(a.shape)} by {format_shape(b.shape)}: "
                         "batch dims do not broadcast") from None
    out = apply(MATMUL, (aa, bb))
    if a.ndim == 1:
        out = reshape(out, out.shape[:-2] + out.shape[-1:])
    if b.ndim == 1:
        out = reshape(out, out.shape[:-1])
    return out


# ============================================= dtype ==============================================

def _to_dtype_forward(x, dtype):
    check_allocation(x.shape, dtype.np, "to_dtype")
    if dtype is Int64 and x.dtype.kind == "f" and x.size and not (np.isfinite(x).all() and
                                                                 np.abs(x).max() < 2.0 ** 63):
        raise InvalidValueError("to_dtype: NaN, infinity or a number beyond 2^63 has no Int64 value")
    with np.errstate(over="ignore", invalid="ignore"):  # IEEE: Double beyond Float's range becomes inf
        return x.astype(dtype.np)


TO_DTYPE = primitive("to_dtype", _to_dtype_forward, lambda g, y, x, dtype: (g,))


def to_dtype(t: Any, dtype: DType) -> Tensor:
    """Convert to another dtype (Float, Double, Int64, Bool); to an integer dtype the result is a constant (not
    differentiable).

    >>> to_dtype(tensor([1.7, -1.7]), Int64).numpy().tolist()
    [1, -1]
    """
    from gradbook.engine.tensors.dtypes import ALL_DTYPES

    t = as_tensor(t, "to_dtype")
    if dtype not in ALL_DTYPES:
        raise DTypeError(f"to_dtype: unknown dtype {dtype!r}; allowed dtypes: Float, Double, Int64, Bool")
    if dtype is t.dtype:
        return t
    if not dtype.is_floating:
        return detach(apply(TO_DTYPE, (detach(t),), dtype=dtype))
    return apply(TO_DTYPE, (t,), dtype=dtype)


def detach(t: Any) -> Tensor:
    """The same values, cut from the graph (a constant).

    >>> x = to_dependent(make_independent(ones([2])))
    >>> requires_grad(x), requires_grad(detach(x))
    (True, False)
    """
    t = as_tensor(t, "detach")
    if not t.requires_grad:
        return t
    return make(t._data, "detach")
