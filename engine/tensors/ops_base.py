"""The machinery under the op table: the `Primitive` record, `apply` (run a kernel, record the graph
node), operand coercion and promotion, dim checks, and the boundary that turns NumPy/Numba exceptions
into the engine's error types."""
from __future__ import annotations

import math
from typing import Any, Callable, Sequence

import numpy as np

from gradbook.engine.tensors import memory as _memory
from gradbook.engine.tensors.dtypes import (_BY_NP, Bool, DType, Int64, names, promote, promote_scalar,
                                             promote_with_zero_dim, scalar_dtype)
from gradbook.engine.tensors.errors import DTypeError, GradbookError, InvalidValueError, ShapeError
from gradbook.engine.tensors.kernels.entry import SMALL as _SMALL
from gradbook.engine.tensors.kernels.entry import entry_point
from gradbook.engine.tensors.memory import TRACK_MIN as _TRACK_MIN
from gradbook.engine.tensors.memory import check_allocation, format_shape
from gradbook.engine.tensors.tensor import GradMode, IndependentTensor, Tensor, _next_seq, make

_prod = math.prod
BOOL_NP = np.dtype(np.bool_)
_BOOL = Bool
INT64_NP = np.dtype(np.int64)
FLOAT_NP = np.dtype(np.float32)

NONDIFF = "not differentiable"
"""Mark for a primitive with no gradient at all (comparisons, argmax, ...): its outputs never require grad."""


class Primitive:
    """One row of the op table: `forward(*arrays, **params) -> array` (calls kernels), `vjp(g, out,
    *inputs, **params) -> tuple of Tensor|None` written with Tensor ops (or NONDIFF), and `nondiff`,
    the positions of inputs that are never differentiated (indices, conditions)."""

    __slots__ = ("name", "forward", "vjp", "nondiff", "diff_positions", "kernel", "out_bool", "tile_kernel",
                 "entries", "tile_entries")

    def __init__(self, name: str, forward: Callable, vjp: Callable | str, nondiff: tuple[int, ...] = (),
                 kernel: Callable | None = None, out_bool: bool = False):
        self.name = name
        self.forward = forward
        self.vjp = vjp
        self.nondiff = nondiff
        self.diff_positions = None if vjp == NONDIFF else nondiff
        # elementwise rows also name their kernel, for the float fast paths below (same result as forward)
        self.kernel = kernel
        self.out_bool = out_bool
        self.tile_kernel = None  # set for ops with a kernels/tile.py variant (a repeating operand)
        # compiled entry points of `kernel` / `tile_kernel` by input dtype, for small arrays (kernels/entry.py)
        self.entries: dict = {}
        self.tile_entries: dict = {}

    def __repr__(self) -> str:
        return f"Primitive({self.name})"


PRIMITIVES: dict[str, Primitive] = {}


def primitive(name: str, forward: Callable, vjp: Callable | str, nondiff: tuple[int, ...] = (),
              kernel: Callable | None = None, out_bool: bool = False) -> Primitive:
    """Add a row to the op table."""
    if name in PRIMITIVES:  # pragma: no cover - a programming error
        raise RuntimeError(f"primitive {name} defined twice")
    p = Primitive(name, forward, vjp, nondiff, kernel, out_bool)
    PRIMITIVES[name] = p
    return p


def apply(prim: Primitive, inputs: tuple[Tensor, ...], **params: Any) -> Tensor:
    """Run `prim` on `inputs` and, when recording and some differentiable input requires grad, record
    the node (op, inputs, params) the backward walker needs."""
    try:
        n = len(inputs)
        if n == 1:
            data = prim.forward(inputs[0]._data, **params)
        elif n == 2:
            data = prim.forward(inputs[0]._data, inputs[1]._data, **params)
        else:
            data = prim.forward(*[t._data for t in inputs], **params)
    except GradbookError:
        raise
    except Exception as exc:  # the API boundary: nothing but the engine's errors escapes
        raise convert_exception(prim.name, exc) from exc
    if GradMode.record:
        skip = prim.diff_positions
        if skip is not None:
            if not skip:
                for t in inputs:
                    if t.requires_grad:
                        return make(data, prim.name, prim, inputs, params, True)
            else:
                for i, t in enumerate(inputs):
                    if t.requires_grad and i not in skip:
                        return make(data, prim.name, prim, inputs, params, True)
    return make(data, prim.name)


def record(prim: Primitive, data: np.ndarray, inputs: tuple, params: dict | None) -> Tensor:
    """The result of a direct fast path of `prim` (every input differentiable): `data` as a Tensor,
    recorded as `apply` would record it."""
    if GradMode.record:
        for t in inputs:
            if t.requires_grad:
                return make(data, prim.name, prim, inputs, params, True)
    return make(data, prim.name)


def apply_binary(prim: Primitive, a: Tensor, b: Tensor) -> Tensor:
    """`apply` for an elementwise binary row, with a fast path for the common case (both operands of
    one float dtype, same shape or one a single element) that skips the general forward's checks."""
    ad = a._data
    bd = b._data
    dt = ad.dtype
    if dt is not bd.dtype or dt.kind != "f" or prim.kernel is None:
        return apply(prim, (a, b))
    shape = ad.shape
    if shape == bd.shape or (bd.size == 1 and bd.ndim <= ad.ndim):
        n = ad.size
        kernel = prim.kernel
        entries = prim.entries
    else:
        sb = bd.shape
        if ad.size == 1 and len(shape) <= len(sb):
            shape, n = sb, bd.size
            kernel = prim.kernel
            entries = prim.entries
        elif prim.tile_kernel is not None and len(sb) <= len(shape) and _tiles(sb, shape):
            kernel = prim.tile_kernel  # b is a bias-like row repeating along a's leading dims
            entries = prim.tile_entries
            n = ad.size
        elif prim.tile_kernel is not None and len(shape) <= len(sb) and _tiles(shape, sb):
            kernel = prim.tile_kernel
            entries = prim.tile_entries
            shape, n = sb, bd.size
        else:
            return apply(prim, (a, b))
    if n * dt.itemsize > _memory._cap:
        check_allocation(shape, dt, prim.name)
    out_bool = prim.out_bool
    out = _empty(shape, BOOL_NP if out_bool else dt)
    if n < _SMALL:
        # (ravel: the entry point takes exactly 1-d C-contiguous arrays of the dtypes it was keyed by)
        entry = entries.get(dt)
        if entry is not None:
            entry(ad.ravel(), bd.ravel(), out.reshape(-1))
        else:
            _first_call(prim, kernel, entries, dt, (ad.ravel(), bd.ravel(), out.reshape(-1)))
    else:
        try:
            kernel(ad.ravel(), bd.ravel(), out.reshape(-1))
        except Exception as exc:  # pragma: no cover - the API boundary
            raise convert_exception(prim.name, exc) from exc
        if out.nbytes >= _TRACK_MIN:
            _memory.track(out)
    # the result built inline (the hottest path of all)
    t = _new_tensor(Tensor)
    t._data = out
    t.dtype = _BOOL if out_bool else a.dtype
    t.grad_fn = prim.name
    t._params = None
    t.is_leaf_independent = False
    if GradMode.record and (a.requires_grad or b.requires_grad) and prim.diff_positions == ():
        t._prim = prim
        t.inputs = (a, b)
        t.requires_grad = True
        t._seq = _next_seq()
    else:
        t._prim = None
        t.inputs = ()
        t.requires_grad = False
    return t


_empty = np.empty
_new_tensor = object.__new__


def _tiles(small: tuple[int, ...], big: tuple[int, ...]) -> bool:
    """Whether `small` broadcast to `big` repeats `small`'s elements along big's leading dims: without
    its leading 1s, `small` is a proper suffix of `big` (with more than one element)."""
    if small and small[0] != 1 and len(small) < len(big) and big[len(big) - len(small):] == small:
        m = _prod(small)  # the common case (a bias row), decided without the loop below
        return 1 < m < _prod(big)
    k = 0
    while k < len(small) and small[k] == 1:
        k += 1
    tail = small[k:]
    if not 0 < len(tail) < len(big) or big[len(big) - len(tail):] != tail:
        return False
    m = _prod(tail)
    return 1 < m < _prod(big)  # (so `big` has no zero-size dim either)


def apply_unary(prim: Primitive, x: Tensor) -> Tensor:
    """`apply` for an elementwise unary row, with a fast path for float input."""
    xd = x._data
    dt = xd.dtype
    kernel = prim.kernel
    if kernel is None or dt.kind != "f":
        return apply(prim, (x,))
    n = xd.size
    if n * dt.itemsize > _memory._cap:
        check_allocation(xd.shape, dt, prim.name)
    out = _empty(xd.shape, dt)
    if n < _SMALL:
        entry = prim.entries.get(dt)
        if entry is not None:
            entry(xd.ravel(), out.reshape(-1))
        else:
            _first_call(prim, kernel, prim.entries, dt, (xd.ravel(), out.reshape(-1)))
    else:
        try:
            kernel(xd.ravel(), out.reshape(-1))
        except Exception as exc:  # pragma: no cover - the API boundary
            raise convert_exception(prim.name, exc) from exc
        if out.nbytes >= _TRACK_MIN:
            _memory.track(out)
    # the result built inline, as in apply_binary
    t = _new_tensor(Tensor)
    t._data = out
    t.dtype = x.dtype
    t.grad_fn = prim.name
    t._params = None
    t.is_leaf_independent = False
    if GradMode.record and x.requires_grad and prim.diff_positions == ():
        t._prim = prim
        t.inputs = (x,)
        t.requires_grad = True
        t._seq = _next_seq()
    else:
        t._prim = None
        t.inputs = ()
        t.requires_grad = False
    return t


def _first_call(prim: Primitive, kernel: Callable, entries: dict, dt: np.dtype, args: tuple) -> None:
    """Call `kernel` through its dispatcher (compiling it if need be), then keep its compiled entry point
    for these dtypes so the next small call skips the dispatcher."""
    try:
        kernel(*args)
    except Exception as exc:  # pragma: no cover - the API boundary
        raise convert_exception(prim.name, exc) from exc
    entry = entry_point(kernel, args)
    if entry is not None:
        entries[dt] = entry


def convert_exception(op: str, exc: Exception) -> GradbookError:
    """Map an exception from NumPy/Numba inside `op` to an engine error."""
    if isinstance(exc, MemoryError):
        from gradbook.engine.tensors.errors import AllocationError

        return AllocationError(f"{op}: out of memory")
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if type(exc).__name__ in ("TypingError", "UnsupportedError", "NumbaTypeError") or isinstance(exc, TypeError):
        return DTypeError(f"{op}: unsupported dtype ({text})")
    if isinstance(exc, IndexError):
        return InvalidValueError(f"{op}: index out of range ({text})")
    return InvalidValueError(f"{op}: {text}")


def boundary(fn: Callable) -> Callable:
    """`fn` for the public API: any stray NumPy/Numba/Python exception becomes an engine error (a
    TypeError from a wrong kind of argument an ArgumentError), so only the documented types escape."""
    import functools

    from gradbook.engine.tensors.errors import ArgumentError

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except GradbookError:
            raise
        except TypeError as exc:
            raise ArgumentError(f"{fn.__name__}: {exc}") from exc
        except Exception as exc:
            raise convert_exception(fn.__name__, exc) from exc

    wrapper.__wrapped_engine_function__ = fn
    return wrapper


# ---- operands ---------------------------------------------------------------------------------------


def as_tensor(x: Any, op: str, dtype: DType | None = None) -> Tensor:
    """A Tensor for `x` (a Tensor, IndependentTensor, Python/NumPy number or nested list)."""
    if isinstance(x, Tensor):
        return x
    if isinstance(x, IndependentTensor):
        return x.tensor
    from gradbook.engine.tensors.factories import tensor

    if isinstance(x, (bool, int, float, np.generic, list, tuple, np.ndarray)):
        return tensor(x, dtype)
    raise DTypeError(f"{op}: expected a tensor or a number, got {type(x).__name__}")


def scalar_array(value: Any, dt: DType) -> np.ndarray:
    """A 0-d array of `value` in `dt`, refusing values the dtype cannot hold."""
    try:
        arr = np.array(value, dtype=dt.np)
    except (OverflowError, ValueError) as exc:
        raise InvalidValueError(f"the number {value!r} does not fit in {dt.name}") from exc
    return arr


_SCALARS = (bool, int, float, np.generic)
_constants: dict = {}


def constant(value: Any, dt: DType) -> Tensor:
    """A constant 0-d tensor of `value` in `dt`; recent ones are reused (tensors are immutable)."""
    # (a zero's key carries its sign: -0.0 == 0.0 as keys, and 1/(x * -0.0) must stay -inf)
    key = (type(value), value, dt) if value or value != value else (type(value), repr(value), dt)
    try:
        hit = _constants.get(key)
    except TypeError:  # pragma: no cover - unhashable numpy scalar
        hit = None
    if hit is not None:
        return hit
    t = make(scalar_array(value, dt))
    if len(_constants) >= 4096:
        _constants.clear()
    _constants[key] = t
    return t


_float_constants: dict = {}  # dtype -> {Python int/float value: 0-d constant}, the operators' fast lookup


def float_constant(value: int | float, dt: DType) -> Tensor:
    """`constant(value, dt)` for a Python int or float and a floating dtype, looked up by value alone (an
    int and the equal float give the same floating constant); zeros go through `constant` (their sign)."""
    cache = _float_constants.get(dt)
    if cache is None:
        cache = _float_constants[dt] = {}
    hit = cache.get(value)
    if hit is not None:
        return hit
    t = constant(value, dt)
    if value:  # (zeros: see `constant`; NaN never matches itself, so it is simply not found again)
        if len(cache) >= 4096:
            cache.clear()
        cache[value] = t
    return t


def operands(a: Any, b: Any, op: str) -> tuple[Tensor, Tensor]:
    """Two Tensors for a binary op; a Python number becomes a constant of the other side's promoted
    dtype (PyTorch's weak scalars), so `ones([2]) + 1` stays Float."""
    if type(a) is Tensor:
        if type(b) is Tensor:
            return a, b
        if (type(b) is int or type(b) is float) and a.dtype.is_floating:  # the common case, kept short
            return a, float_constant(b, a.dtype)
        if isinstance(b, _SCALARS):
            return a, constant(b, promote_scalar(a.dtype, b))
        return a, as_tensor(b, op)
    if type(b) is Tensor:
        if (type(a) is int or type(a) is float) and b.dtype.is_floating:
            return float_constant(a, b.dtype), b
        if isinstance(a, _SCALARS):
            return constant(a, promote_scalar(b.dtype, a)), b
        return as_tensor(a, op), b
    if isinstance(a, _SCALARS) and isinstance(b, _SCALARS):
        dt = promote(scalar_dtype(a), scalar_dtype(b))
        return constant(a, dt), constant(b, dt)
    return as_tensor(a, op), as_tensor(b, op)


def common_np(a: np.ndarray, b: np.ndarray) -> np.dtype:
    """The promoted NumPy dtype of two engine arrays."""
    if a.dtype is b.dtype or a.dtype == b.dtype:
        return a.dtype
    if (a.ndim == 0) != (b.ndim == 0):  # a 0-d operand does not widen within its category (libtorch)
        dim, zero = (a, b) if b.ndim == 0 else (b, a)
        return promote_with_zero_dim(_BY_NP[dim.dtype], _BY_NP[zero.dtype]).np
    return promote(_BY_NP[a.dtype], _BY_NP[b.dtype]).np


def broadcast_shape(op: str, *shapes: tuple[int, ...]) -> tuple[int, ...]:
    """The broadcast shape, or ShapeError naming the op and the shapes."""
    rank = max(len(s) for s in shapes)
    result = [1] * rank
    for s in shapes:
        off = rank - len(s)
        for i, d in enumerate(s):
            r = result[off + i]
            if d != r:
                if r == 1:
                    result[off + i] = d
                elif d != 1:
                    shown = " and ".join(format_shape(s) for s in shapes)
                    raise ShapeError(f"{op}: cannot broadcast shapes {shown}")
    return tuple(result)


def flat_operand(x: np.ndarray, shape: tuple[int, ...], n: int, np_dtype) -> np.ndarray:
    """`x` as a 1-d contiguous array of length n (out's size) or 1, in `np_dtype`, for the
    elementwise kernels; other broadcasts are materialised here (the one place that does it)."""
    if x.dtype != np_dtype:
        check_allocation(x.shape, np_dtype)
        x = x.astype(np_dtype)
    if x.size != n and x.size != 1:
        check_allocation(shape, np_dtype)
        x = np.broadcast_to(x, shape)
    return x.ravel()


def alloc(shape: tuple[int, ...], np_dtype: np.dtype, op: str) -> np.ndarray:
    """An uninitialised output array after the memory-cap check (`np_dtype` a np.dtype)."""
    if _prod(shape) * np_dtype.itemsize > _memory._cap:
        check_allocation(shape, np_dtype, op)
    return np.empty(shape, dtype=np_dtype)


# ---- dims -------------------------------------------------------------------------------------------


def norm_dim(dim: Any, ndim: int, op: str, extra: int = 0) -> int:
    """A dim in range(ndim + extra), counting negative dims from the end (unsqueeze uses extra=1)."""
    if isinstance(dim, bool) or not isinstance(dim, (int, np.integer)):
        dim_value = getattr(dim, "index", None)  # the language's Dim n
        if not isinstance(dim_value, int):
            raise InvalidValueError(f"{op}: the dim must be an integer, got {dim!r}")
        dim = dim_value
    rank = ndim + extra
    lo, hi = -max(rank, 1), max(rank, 1) - 1
    if not lo <= dim <= hi:
        raise InvalidValueError(
            f"{op}: dim {dim} is out of range for a tensor of rank {ndim} (expected {lo}..{hi})"
        )
    return int(dim) % max(rank, 1) if rank else 0


def int_list(values: Any, op: str, what: str) -> list[int]:
    """A list of Python ints from a list/tuple of ints (or a 1-d integer tensor), else InvalidValueError."""
    if isinstance(values, (int, np.integer)) and not isinstance(values, bool):
        return [int(values)]
    if isinstance(values, Tensor) and values.ndim <= 1 and values.dtype is Int64:
        return [int(v) for v in values._data.reshape(-1)]
    if not isinstance(values, (list, tuple)):
        raise InvalidValueError(f"{op}: expected a list of integers for the {what}, got {values!r}")
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise InvalidValueError(f"{op}: the {what} must be integers, got {v!r} in {list(values)!r}")
        out.append(int(v))
    return out


_MAX_DIM = 1 << 62


def shape_arg(shape: Any, op: str) -> tuple[int, ...]:
    """A shape given as a list/tuple of non-negative ints (or one int)."""
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        shape = (shape,)
    if isinstance(shape, Tensor):
        shape = shape.numpy().tolist()
    if not isinstance(shape, (list, tuple)):
        raise InvalidValueError(f"{op}: expected a shape such as [2, 3], got {shape!r}")
    out = []
    for s in shape:
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)):
            raise InvalidValueError(f"{op}: shape entries must be integers, got {s!r} in {list(shape)!r}")
        if s < 0:
            raise InvalidValueError(f"{op}: shape entries must be non-negative, got {list(shape)!r}")
        if s > _MAX_DIM:
            from gradbook.engine.tensors.errors import AllocationError

            raise AllocationError(f"{op}: a dim of size {s} is far beyond any memory")
        out.append(int(s))
    return tuple(out)


def require_dtype(t: Tensor, allowed: Sequence[DType], op: str) -> None:
    """DTypeError unless `t`'s dtype is one of `allowed`."""
    if t.dtype not in allowed:
        raise DTypeError(f"{op}: got a tensor of dtype {t.dtype.name}; allowed dtypes: {names(allowed)}")


def float_np(x: np.ndarray) -> np.ndarray:
    """`x` itself if floating, else converted to float32 (Int64/Bool inputs of exp, log, ...)."""
    return x if x.dtype.kind == "f" else x.astype(np.float32)


__all__ = ["NONDIFF", "Primitive", "PRIMITIVES", "primitive", "apply", "apply_binary", "apply_unary",
           "as_tensor", "operands", "boundary"]
