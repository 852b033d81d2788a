"""Elementwise Numba kernels (forward and backward loops of the unary and binary ops).

Contract for every kernel here (the op table relies on it; keep it when swapping a body):
  * arrays are 1-d and C-contiguous; `out` is preallocated by the caller and fully overwritten;
  * binary kernels take `a`, `b` of length `out.size` or 1 (a length-1 operand is broadcast);
  * inputs already have the computation dtype (float32, float64, int64 or bool as noted);
    comparison kernels write into a bool `out`.
Each kernel is compiled lazily on first call for the dtypes it meets (`cache=True`), never at import.
"""
from __future__ import annotations

import math

from numba import njit

# ---- binary arithmetic: a, b, out of one dtype (float32/float64/int64) --------------------------


@njit(cache=True)
def add(a, b, out):
    """out = a + b."""
    n = out.size
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        out[i] = a[i * sa] + b[i * sb]


@njit(cache=True)
def sub(a, b, out):
    """out = a - b."""
    n = out.size
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        out[i] = a[i * sa] - b[i * sb]


@njit(cache=True)
def mul(a, b, out):
    """out = a * b."""
    n = out.size
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        out[i] = a[i * sa] * b[i * sb]


@njit(cache=True, error_model="numpy")
def div(a, b, out):
    """out = a / b (float32/float64 only; IEEE: x/0 is +-inf or nan)."""
    n = out.size
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        out[i] = a[i * sa] / b[i * sb]


@njit(cache=True, error_model="numpy")
def pow(a, b, out):  # noqa: A001 - the op's name
    """out = a ** b (float32/float64; int64 with non-negative exponents)."""
    n = out.size
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        out[i] = a[i * sa] ** b[i * sb]


@njit(cache=True)
def maximum(a, b, out):
    """out = max(a, b), NaN-propagating."""
    n = out.size
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        x = a[i * sa]
        y = b[i * sb]
        out[i] = x if (x >= y or x != x) else y


@njit(cache=True)
def minimum(a, b, out):
    """out = min(a, b), NaN-propagating."""
    n = out.size
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        x = a[i * sa]
        y = b[i * sb]
        out[i] = x if (x <= y or x != x) else y


# ---- comparisons: a, b of one dtype, out bool ---------------------------------------------------


@njit(cache=True)
def gt(a, b, out):
    """out = a > b."""
    n = out.size
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        out[i] = a[i * sa] > b[i * sb]


@njit(cache=True)
def lt(a, b, out):
    """out = a < b."""
    n = out.size
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        out[i] = a[i * sa] < b[i * sb]


@njit(cache=True)
def ge(a, b, out):
    """out = a >= b."""
    n = out.size
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        out[i] = a[i * sa] >= b[i * sb]


@njit(cache=True)
def le(a, b, out):
    """out = a <= b."""
    n = out.size
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        out[i] = a[i * sa] <= b[i * sb]


@njit(cache=True)
def eq(a, b, out):
    """out = a == b."""
    n = out.size
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        out[i] = a[i * sa] == b[i * sb]


@njit(cache=True)
def ne(a, b, out):
    """out = a != b."""
    n = out.size
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        out[i] = a[i * sa] != b[i * sb]


@njit(cache=True)
def where(c, a, b, out):
    """out = a if c else b; c is bool, a/b/out one dtype; each of c, a, b has length out.size or 1."""
    n = out.size
    sc = 1 if c.size == n else 0
    sa = 1 if a.size == n else 0
    sb = 1 if b.size == n else 0
    for i in range(n):
        out[i] = a[i * sa] if c[i * sc] else b[i * sb]


# ---- unary: a, out of one dtype (float32/float64; neg/abs/sign also int64) -----------------------


@njit(cache=True)
def neg(a, out):
    """out = -a."""
    for i in range(out.size):
        out[i] = -a[i]


@njit(cache=True)
def abs(a, out):  # noqa: A001
    """out = |a| (|-0.0| is 0.0, as IEEE fabs)."""
    for i in range(out.size):
        x = a[i]
        out[i] = x if x > 0 else -x


@njit(cache=True)
def sign(a, out):
    """out = -1, 0 or 1 (NaN stays NaN)."""
    for i in range(out.size):
        x = a[i]
        out[i] = 1 if x > 0 else (-1 if x < 0 else x * 0)


@njit(cache=True)
def exp(a, out):
    """out = e ** a."""
    for i in range(out.size):
        out[i] = math.exp(a[i])


@njit(cache=True, error_model="numpy")
def log(a, out):
    """out = ln a (log 0 = -inf, log of a negative = nan)."""
    for i in range(out.size):
        x = a[i]
        if x > 0:
            out[i] = math.log(x)
        elif x == 0:
            out[i] = -math.inf
        else:  # negative or NaN
            out[i] = math.nan


@njit(cache=True, error_model="numpy")
def sqrt(a, out):
    """out = sqrt(a) (nan for negatives)."""
    for i in range(out.size):
        x = a[i]
        out[i] = math.sqrt(x) if x >= 0 else math.nan


@njit(cache=True)
def sin(a, out):
    """out = sin a."""
    for i in range(out.size):
        out[i] = math.sin(a[i])


@njit(cache=True)
def cos(a, out):
    """out = cos a."""
    for i in range(out.size):
        out[i] = math.cos(a[i])


@njit(cache=True)
def tanh(a, out):
    """out = tanh a."""
    for i in range(out.size):
        out[i] = math.tanh(a[i])


@njit(cache=True)
def sigmoid(a, out):
    """out = 1 / (1 + e ** -a), computed without overflow for large |a|."""
    for i in range(out.size):
        x = a[i]
        if x >= 0:
            out[i] = 1.0 / (1.0 + math.exp(-x))
        else:
            z = math.exp(x)
            out[i] = z / (1.0 + z)


@njit(cache=True)
def clamp(a, lo, hi, out):
    """out = min(max(a, lo), hi); lo/hi are scalars of a's dtype (use -inf/inf, or int64 extremes, for
    no bound); NaN stays NaN."""
    for i in range(out.size):
        x = a[i]
        if x < lo:
            x = lo
        if x > hi:
            x = hi
        out[i] = x
