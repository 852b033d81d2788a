"""Reduction Numba kernels over the rows of a 2-d C-contiguous array (the caller moves the reduced
dims last and flattens them), writing one value per row into a preallocated 1-d `out`."""
from __future__ import annotations

from numba import njit


@njit(cache=True)
def sum_rows_float(a, out):
    """out[i] = sum(a[i, :]); a float32/float64, accumulated in float64 (at least as accurate as
    NumPy's pairwise float32 sum); out float32/float64."""
    m, k = a.shape
    for i in range(m):
        acc = 0.0
        for j in range(k):
            acc += a[i, j]
        out[i] = acc


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


