"""Elementwise Numba kernels (forward and backward loops of the unary and binary ops).

Contract for every kernel here (the op table relies on it; keep it when swapping a body):
  * arrays are 1-d and C-contiguous; `out` is preallocated by the caller and fully overwritten;
  * binary kernels take `a`, `b` of length `out.size` or 1 (a length-1 operand is broadcast);
  * inputs already have the computation dtype (float32, float64, int64 or bool as noted);
    comparison kernels write into a bool `out`.
Each kernel is compiled lazily on first call for the dtypes it meets (`cache=True`), never at import.
exp/log/tanh/sigmoid use fast_math's vectorisable versions (PyPI's llvmlite has no SVML); the hot ops
switch to fast_parallel's multi-threaded kernels for large arrays (see the end of this file).
"""
from __future__ import annotations

import math

from gradbook.engine.tensors.kernels import fast_parallel as _par
from gradbook.engine.tensors.kernels.fast_math import exp_, log_, sigmoid_, tanh_
from gradbook.engine.tensors.kernels.guard import njit

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
    """out = a ** b (float32/float64; int64 with non-negative exponents). A scalar exponent 2 or 1 (x ** 2
    and its gradient's x ** 1) is a multiply/copy instead of a libm pow call per element: same results."""
    n = out.size
    if b.size == 1 and n > 1:  # then a.size == n
        e = b[0]
        if e == 2:
            for i in range(n):
                out[i] = a[i] * a[i]
            return
        if e == 1:
            for i in range(n):
                out[i] = a[i]
            return
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


@njit(cache=True, error_model="numpy")
def exp(a, out):
    """out = e ** a (fast_math's vectorised exp: about 1 ulp, IEEE special values)."""
    for i in range(out.size):
        out[i] = exp_(a[i])


@njit(cache=True, error_model="numpy")
def log(a, out):
    """out = ln a (log 0 = -inf, log of a negative = nan); fast_math's vectorised log."""
    for i in range(out.size):
        out[i] = log_(a[i])


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


@njit(cache=True, error_model="numpy")
def tanh(a, out):
    """out = tanh a (fast_math's vectorised tanh, at most 3 ulp)."""
    for i in range(out.size):
        out[i] = tanh_(a[i])


@njit(cache=True, error_model="numpy")
def sigmoid(a, out):
    """out = 1 / (1 + e ** -a), without overflow for large |a|; fast_math's vectorised version."""
    for i in range(out.size):
        out[i] = sigmoid_(a[i])


@njit(cache=True)
def tanh_backward(g, y, out):
    """out = g * (1 - y * y), tanh's gradient from its output y (one pass instead of three ops). Written
    without literals so float32 stays float32."""
    n = out.size
    sg = 1 if g.size == n else 0
    sy = 1 if y.size == n else 0
    for i in range(n):
        gi = g[i * sg]
        yi = y[i * sy]
        out[i] = gi - gi * yi * yi


@njit(cache=True)
def sigmoid_backward(g, y, out):
    """out = g * y * (1 - y), sigmoid's gradient from its output y (one pass instead of three ops)."""
    n = out.size
    sg = 1 if g.size == n else 0
    sy = 1 if y.size == n else 0
    for i in range(n):
        gy = g[i * sg] * y[i * sy]
        out[i] = gy - gy * y[i * sy]


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


# ---- size dispatch: from _par.PAR_MIN elements on, when the other cores are idle and no other thread is
# in a parallel kernel, the multi-threaded kernels (fast_parallel.py). Callers keep calling these names;
# small arrays (every tutorial graph) stay on the sequential kernels, which compile faster and skip the
# thread hand-off.


def _unary_by_size(seq, par):
    def kernel(a, out, _seq=seq, _par=par, _min=_par.PAR_MIN, _claim=_par.claim, _release=_par.release):
        if out.size < _min or not _claim():
            _seq(a, out)
        else:
            try:
                _par(a, out)
            finally:
                _release()

    kernel.__name__ = kernel.__qualname__ = seq.py_func.__name__
    kernel.__doc__ = seq.py_func.__doc__
    kernel.sequential = seq
    return kernel


def _binary_by_size(seq, par):
    def kernel(a, b, out, _seq=seq, _par=par, _min=_par.PAR_MIN, _claim=_par.claim, _release=_par.release):
        if out.size < _min or not _claim():
            _seq(a, b, out)
        else:
            try:
                _par(a, b, out)
            finally:
                _release()

    kernel.__name__ = kernel.__qualname__ = seq.py_func.__name__
    kernel.__doc__ = seq.py_func.__doc__
    kernel.sequential = seq
    return kernel


def _where_by_size(seq, par):
    def kernel(c, a, b, out, _seq=seq, _par=par, _min=_par.PAR_MIN, _claim=_par.claim, _release=_par.release):
        if out.size < _min or not _claim():
            _seq(c, a, b, out)
        else:
            try:
                _par(c, a, b, out)
            finally:
                _release()

    kernel.__name__ = kernel.__qualname__ = seq.py_func.__name__
    kernel.__doc__ = seq.py_func.__doc__
    kernel.sequential = seq
    return kernel


add = _binary_by_size(add, _par.add)
sub = _binary_by_size(sub, _par.sub)
mul = _binary_by_size(mul, _par.mul)
div = _binary_by_size(div, _par.div)
gt = _binary_by_size(gt, _par.gt)
where = _where_by_size(where, _par.where)
neg = _unary_by_size(neg, _par.neg)
exp = _unary_by_size(exp, _par.exp)
log = _unary_by_size(log, _par.log)
tanh = _unary_by_size(tanh, _par.tanh)
sigmoid = _unary_by_size(sigmoid, _par.sigmoid)
