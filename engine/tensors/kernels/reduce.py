"""Reduction Numba kernels. The *_rows kernels reduce each row of a 2-d C-contiguous array (the caller
moves the reduced dims last and flattens them) into a preallocated 1-d `out`; the sum_mid kernels reduce
the middle axis of a 3-d (P,R,Q) view, so sums over leading dims need no transpose."""
from __future__ import annotations

import numpy as np

from gradbook.engine.tensors.kernels import fast_reduce
from gradbook.engine.tensors.kernels.guard import njit


# out[i] = sum(a[i, :]) for 2-d C-contiguous float32/float64 `a` into 1-d `out`, accumulated in float64
# (blocked and vectorised, at least as accurate as NumPy's pairwise sum): fast_reduce's kernel.
sum_rows_float = fast_reduce.sum_rows_float


@njit(cache=True)
def sum_rows_int(a, out):
    """out[i] = sum(a[i, :]); a int64, out int64."""
    m, k = a.shape
    for i in range(m):
        acc = 0
        for j in range(k):
            acc += a[i, j]
        out[i] = acc


@njit(cache=True)
def max_rows(a, out):
    """out[i] = max(a[i, :]), NaN-propagating; k >= 1; a and out one dtype."""
    m, k = a.shape
    for i in range(m):
        best = a[i, 0]
        for j in range(1, k):
            x = a[i, j]
            if x > best or x != x:
                best = x
                if x != x:
                    break
        out[i] = best


@njit(cache=True)
def min_rows(a, out):
    """out[i] = min(a[i, :]), NaN-propagating; k >= 1; a and out one dtype."""
    m, k = a.shape
    for i in range(m):
        best = a[i, 0]
        for j in range(1, k):
            x = a[i, j]
            if x < best or x != x:
                best = x
                if x != x:
                    break
        out[i] = best


@njit(cache=True)
def argmax_rows(a, out):
    """out[i] = the first index of the maximum of a[i, :] (a NaN counts as the maximum); out int64."""
    m, k = a.shape
    for i in range(m):
        best = a[i, 0]
        at = 0
        if best == best:
            for j in range(1, k):
                x = a[i, j]
                if x != x:
                    at = j
                    break
                if x > best:
                    best = x
                    at = j
        out[i] = at


@njit(cache=True)
def argmin_rows(a, out):
    """out[i] = the first index of the minimum of a[i, :] (a NaN counts as the minimum); out int64."""
    m, k = a.shape
    for i in range(m):
        best = a[i, 0]
        at = 0
        if best == best:
            for j in range(1, k):
                x = a[i, j]
                if x != x:
                    at = j
                    break
                if x < best:
                    best = x
                    at = j
        out[i] = at




def sum_mid_float(a, out):
    """out[p, q] = sum(a[p, :, q]); a 3-d C-contiguous (P,R,Q) float32/float64, out 2-d (P,Q) of a's dtype.
    With Q == 1 the reduced elements are contiguous rows: the row-sum kernel (vectorised, pairwise)."""
    if a.shape[2] == 1:
        sum_rows_float(a.reshape(a.shape[0], a.shape[1]), out.reshape(-1))
    else:
        _sum_mid_float(a, out)


@njit(cache=True)
def _sum_mid_float(a, out):
    """out[p, q] = sum(a[p, :, q]); a 3-d C-contiguous (P,R,Q) float32/float64, out 2-d (P,Q) of a's
    dtype, accumulated in float64. Sums over leading or middle dims without transposing: the inner loop
    runs over contiguous q (vectorisable)."""
    P, R, Q = a.shape
    acc = np.zeros(Q, dtype=np.float64)
    for p in range(P):
        acc[:] = 0.0
        for r in range(R):
            for q in range(Q):
                acc[q] += a[p, r, q]
        for q in range(Q):
            out[p, q] = acc[q]


@njit(cache=True)
def sum_mid_int(a, out):
    """out[p, q] = sum(a[p, :, q]); a 3-d C-contiguous (P,R,Q) int64, out 2-d (P,Q) int64."""
    P, R, Q = a.shape
    for p in range(P):
        for q in range(Q):
            out[p, q] = 0
        for r in range(R):
            for q in range(Q):
                out[p, q] += a[p, r, q]
