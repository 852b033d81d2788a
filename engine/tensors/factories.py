"""Tensor constructors: from Python data (`tensor`), filled (`ones`, `zeros`, `full`, `eye`), ranges
(`arange`, `linspace`) and random (`rand`, `randn`, `randint`, seeded by `manual_seed`)."""
from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from gradbook.engine.tensors import random as _random
from gradbook.engine.tensors.dtypes import ALL_DTYPES, FLOATING, Bool, DType, Double, Float, Int64, dtype_of_numpy, names
from gradbook.engine.tensors.errors import DTypeError, InvalidValueError
from gradbook.engine.tensors.memory import check_allocation
from gradbook.engine.tensors.ops_base import shape_arg
from gradbook.engine.tensors.random import manual_seed  # noqa: F401  (re-exported)
from gradbook.engine.tensors.tensor import IndependentTensor, Tensor, make


def _dtype_arg(dtype: Any, op: str, allowed=ALL_DTYPES) -> DType:
    if dtype not in allowed:
        raise DTypeError(f"{op}: unknown or unsupported dtype {dtype!r}; allowed dtypes: {names(allowed)}")
    return dtype


def _infer_dtype(data: Any) -> DType | None:
    """Bool for bools, Int64 for ints, Float for Python floats; None when mixed/other (decided later)."""
    kinds = set()

    def walk(x: Any) -> None:
        if isinstance(x, (list, tuple)):
            for y in x:
                walk(y)
        elif isinstance(x, (bool, np.bool_)):
            kinds.add(Bool)
        elif isinstance(x, (int, np.integer)):
            kinds.add(Int64)
        elif isinstance(x, np.floating):
            kinds.add(dtype_of_numpy(x.dtype))
        elif isinstance(x, float):
            kinds.add(Float)
        elif isinstance(x, Tensor):
            kinds.add(x.dtype)
        else:
            raise DTypeError(f"tensor: cannot make a tensor from {type(x).__name__} {x!r}; "
                             "expected numbers, booleans or nested lists of them")

    walk(data)
    if not kinds:
        return Float
    return max(kinds, key=lambda d: d.rank)


def tensor(data: Any, dtype: DType | None = None) -> Tensor:
    """A tensor from a number, nested lists or a NumPy array. Ints give Int64, Python floats Float, bools Bool
    (or pass `dtype`).

    >>> tensor([[1.0, 2.0], [3.0, 4.0]]).shape
    (2, 2)
    >>> tensor([1, 2]).dtype, tensor(2.5).dtype, tensor([True]).dtype
    (Int64, Float, Bool)
    """
    if dtype is not None:
        _dtype_arg(dtype, "tensor")
    if isinstance(data, IndependentTensor):
        data = data.tensor
    if isinstance(data, Tensor):
        if dtype is None or dtype is data.dtype:
            return make(data._data, None)
        _check_integral(data._data, dtype, "tensor")
        with np.errstate(over="ignore", invalid="ignore"):  # IEEE: a too-large value becomes inf, quietly
            return make(data._data.astype(dtype.np), None)
    if isinstance(data, np.ndarray):
        inferred = dtype_of_numpy(data.dtype)
        arr = data
    else:
        inferred = _infer_dtype(data)
        try:
            arr = np.array(
                [t._data for t in data] if isinstance(data, (list, tuple)) and data and
                all(isinstance(t, Tensor) for t in data) else data
            )
        except ValueError as exc:
            raise InvalidValueError(f"tensor: nested lists must be rectangular ({exc})") from None
        if arr.dtype == object:
            big = _too_big_int(data)
            if big is not None:
                raise InvalidValueError(f"tensor: the number {big} does not fit in Int64 "
                                        f"(-2^63 .. 2^63-1); write it as a float, e.g. {float(big):g}")
            raise InvalidValueError("tensor: nested lists must be rectangular (every row the same length)")
    target = dtype or inferred
    check_allocation(arr.shape, target.np, "tensor")
    _check_integral(arr, target, "tensor")
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            out = np.array(arr, dtype=target.np, copy=True)
    except (OverflowError, ValueError) as exc:
        raise InvalidValueError(f"tensor: the values do not fit in {target.name} ({exc})") from None
    return make(out, None)


def _too_big_int(data: Any) -> int | None:
    """The first Python int in `data` outside int64, if any."""
    if isinstance(data, (list, tuple)):
        for x in data:
            found = _too_big_int(x)
            if found is not None:
                return found
        return None
    if isinstance(data, int) and not isinstance(data, bool) and not -(2 ** 63) <= data < 2 ** 63:
        return data
    return None


def _check_integral(arr: np.ndarray, target: DType, op: str) -> None:
    """Refuse NaN/inf (and out-of-range floats) converted to Int64, which NumPy turns into garbage."""
    if target is Int64 and arr.dtype.kind == "f" and arr.size:
        finite = np.isfinite(arr)
        if not finite.all() or np.abs(arr).max() >= 2.0 ** 63:
            raise InvalidValueError(f"{op}: NaN, infinity or a number beyond 2^63 cannot be an Int64 value")


def full(shape: Sequence[int], value: Any, dtype: DType = Float) -> Tensor:
    """A tensor of `shape` filled with `value`.

    >>> full([2], 7.0).numpy().tolist()
    [7.0, 7.0]
    """
    return _filled(shape, value, dtype, "full")


def _filled(shape: Sequence[int], value: Any, dtype: DType, op: str) -> Tensor:
    shape = shape_arg(shape, op)
    _dtype_arg(dtype, op)
    if isinstance(value, Tensor):
        value = value.item()
    if not isinstance(value, (bool, int, float, np.generic)):
        raise InvalidValueError(f"{op}: the fill value must be a number, got {value!r}")
    check_allocation(shape, dtype.np, op)
    if isinstance(value, (float, np.floating)):
        _check_integral(np.array([value]), dtype, op)
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            return make(np.full(shape, value, dtype=dtype.np), None)
    except (OverflowError, ValueError) as exc:
        raise InvalidValueError(f"{op}: {value!r} does not fit in {dtype.name} ({exc})") from None


def ones(shape: Sequence[int], dtype: DType = Float) -> Tensor:
    """A tensor of ones (Float unless `dtype` says otherwise): Hasktorch's `ones' [2,2]`.

    >>> ones([2, 2]).numpy().tolist()
    [[1.0, 1.0], [1.0, 1.0]]
    >>> ones([3], Int64).dtype
    Int64
    """
    return _filled(shape, 1, dtype, "ones")


def zeros(shape: Sequence[int], dtype: DType = Float) -> Tensor:
    """A tensor of zeros.

    >>> zeros([2, 3]).shape
    (2, 3)
    """
    return _filled(shape, 0, dtype, "zeros")


def ones_like(t: Tensor, dtype: DType | None = None) -> Tensor:
    """Ones of t's shape (and dtype).

    >>> ones_like(zeros([2], Double)).numpy().tolist()
    [1.0, 1.0]
    """
    t = tensor(t) if not isinstance(t, (Tensor, IndependentTensor)) else t
    t = t.tensor if isinstance(t, IndependentTensor) else t
    return full(t.shape, 1, dtype or t.dtype)


def zeros_like(t: Tensor, dtype: DType | None = None) -> Tensor:
    """Zeros of t's shape (and dtype).

    >>> zeros_like(ones([2])).numpy().tolist()
    [0.0, 0.0]
    """
    t = tensor(t) if not isinstance(t, (Tensor, IndependentTensor)) else t
    t = t.tensor if isinstance(t, IndependentTensor) else t
    return full(t.shape, 0, dtype or t.dtype)


def eye(n: int, m: int | None = None, dtype: DType = Float) -> Tensor:
    """The n x m identity matrix (m defaults to n).

    >>> eye(2).numpy().tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    rows, cols = shape_arg([n, n if m is None else m], "eye")
    _dtype_arg(dtype, "eye")
    check_allocation((rows, cols), dtype.np, "eye")
    return make(np.eye(rows, cols, dtype=dtype.np), None)


def _number(x: Any, op: str, what: str) -> int | float:
    if isinstance(x, Tensor):
        x = x.item()
    if isinstance(x, bool) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise InvalidValueError(f"{op}: {what} must be a number, got {x!r}")
    return x


def arange(start: Any, end: Any = None, step: Any = 1, dtype: DType | None = None) -> Tensor:
    """start, start+step, ... up to (not including) end; `arange(n)` is 0..n-1. Int64 when every
    argument is an int, else Float.

    >>> arange(4).numpy().tolist()
    [0, 1, 2, 3]
    >>> arange(0, 1, 0.25).numpy().tolist()
    [0.0, 0.25, 0.5, 0.75]
    """
    if end is None:
        start, end = 0, start
    start, end, step = (_number(v, "arange", w) for v, w in ((start, "start"), (end, "end"), (step, "step")))
    if step == 0 or not all(math.isfinite(float(v)) for v in (start, end, step)):
        raise InvalidValueError("arange: step must be non-zero and start/end/step finite")
    if dtype is None:
        dtype = Int64 if all(isinstance(v, (int, np.integer)) for v in (start, end, step)) else Float
    _dtype_arg(dtype, "arange", (Float, Double, Int64))
    if dtype is Int64 and not all(abs(v) < 2 ** 62 for v in (start, end, step)):
        raise InvalidValueError("arange: Int64 start, end and step must lie within +-2^62")
    count = max(0, math.ceil((end - start) / step))
    if count > 2 ** 62:
        from gradbook.engine.tensors.errors import AllocationError

        raise AllocationError(f"arange: {float(count):.3g} elements are far beyond any memory")
    check_allocation((count,), dtype.np, "arange")
    values = start + np.arange(count, dtype=np.float64 if dtype.is_floating else np.int64) * step
    with np.errstate(over="ignore", invalid="ignore"):
        return make(values.astype(dtype.np), None)


def linspace(start: Any, end: Any, steps: int, dtype: DType = Float) -> Tensor:
    """`steps` evenly spaced values from start to end inclusive.

    >>> linspace(0, 1, 3).numpy().tolist()
    [0.0, 0.5, 1.0]
    """
    start, end = float(_number(start, "linspace", "start")), float(_number(end, "linspace", "end"))
    (count,) = shape_arg([steps], "linspace")
    _dtype_arg(dtype, "linspace", (Float, Double, Int64))
    check_allocation((count,), dtype.np, "linspace")
    with np.errstate(over="ignore", invalid="ignore"):
        return make(np.linspace(start, end, count).astype(dtype.np), None)


def _generator(gen: "_random.Generator | None") -> "_random.Generator":
    return _random.global_generator() if gen is None else gen


def rand(shape: Sequence[int], dtype: DType = Float, generator: "_random.Generator | None" = None) -> Tensor:
    """Uniform random numbers in [0, 1), libtorch's draws (the global generator unless one is given).

    >>> manual_seed(31415)
    >>> rand([2, 2]).numpy().astype(float).round(4).tolist()
    [[0.3296, 0.2113], [0.8446, 0.9235]]
    """
    shape = shape_arg(shape, "rand")
    _dtype_arg(dtype, "rand", FLOATING)
    check_allocation(shape, dtype.np, "rand")
    return make(_random.uniform_array(_generator(generator), shape, dtype.np), None)


def randn(shape: Sequence[int], dtype: DType = Float, generator: "_random.Generator | None" = None) -> Tensor:
    """Standard normal random numbers, libtorch's draws.

    >>> manual_seed(0)
    >>> randn([3], Double).dtype
    Double
    """
    shape = shape_arg(shape, "randn")
    _dtype_arg(dtype, "randn", FLOATING)
    check_allocation(shape, dtype.np, "randn")
    return make(_random.normal_array(_generator(generator), shape, dtype.np), None)


def randint(low: int, high: int, shape: Sequence[int], dtype: DType = Int64,
            generator: "_random.Generator | None" = None) -> Tensor:
    """Random integers in [low, high) (Int64 unless `dtype` says otherwise), libtorch's draws.

    >>> manual_seed(0)
    >>> x = randint(0, 10, [4])
    >>> x.dtype, bool(((x.numpy() >= 0) & (x.numpy() < 10)).all())
    (Int64, True)
    """
    shape = shape_arg(shape, "randint")
    for v in (low, high):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise InvalidValueError(f"randint: low and high must be integers, got {v!r}")
    if high <= low:
        raise InvalidValueError(f"randint: need low < high, got {low} and {high}")
    if not -(2 ** 63) <= low < high <= 2 ** 63:
        raise InvalidValueError("randint: low and high must lie within Int64")
    _dtype_arg(dtype, "randint")
    check_allocation(shape, np.int64, "randint")
    values = _random.randint_array(_generator(generator), int(low), int(high), shape)
    return make(values if dtype is Int64 else values.astype(dtype.np), None)


def randperm(n: int, dtype: DType = Int64, generator: "_random.Generator | None" = None) -> Tensor:
    """A random permutation of 0..n-1, libtorch's draws.

    >>> manual_seed(0)
    >>> sorted(randperm(5).numpy().tolist())
    [0, 1, 2, 3, 4]
    """
    (count,) = shape_arg([n], "randperm")
    _dtype_arg(dtype, "randperm")
    check_allocation((count,), np.int64, "randperm")
    values = _random.randperm_array(_generator(generator), count)
    return make(values if dtype is Int64 else values.astype(dtype.np), None)


def bernoulli(p: Tensor, generator: "_random.Generator | None" = None) -> Tensor:
    """0 or 1 per element, 1 with the element's probability; the result has p's dtype (libtorch's
    `bernoulli(p)`: Float probabilities draw 24-bit uniforms, Double ones 53-bit).

    >>> manual_seed(0)
    >>> bernoulli(tensor([0.0, 1.0])).numpy().tolist()
    [0.0, 1.0]
    """
    p = p.tensor if isinstance(p, IndependentTensor) else p
    _dtype_arg(p.dtype, "bernoulli", FLOATING)
    probs = p._data
    if probs.size and not ((probs >= 0) & (probs <= 1)).all():
        raise InvalidValueError("bernoulli: every probability must lie in [0, 1]")
    drawn = _random.bernoulli_array(_generator(generator), probs)
    return make(drawn.astype(p.dtype.np), None)
