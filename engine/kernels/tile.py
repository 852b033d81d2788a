"""Elementwise kernels for a broadcast operand that repeats along the leading dims (a bias row added to
every row of a batch), so the op needs no materialised copy of the broadcast operand.

Contract: 1-d C-contiguous arrays of one float dtype; `out` has length n; exactly one of `a`, `b` has
length n and the other a length m with 1 < m < n and n % m == 0, read as repeating every m elements
(out[r*m + j] = a[r*m + j] op b[j], or a[j] op b[r*m + j]).
"""
from __future__ import annotations

from numba import njit


@njit(cache=True)
def add(a, b, out):
    """out = a + b with one operand tiled."""
    n = out.size
    if a.size == n:
        m = b.size
        for r in range(n // m):
            base = r * m
            for j in range(m):
                out[base + j] = a[base + j] + b[j]
    else:
        m = a.size
        for r in range(n // m):
            base = r * m
            for j in range(m):
                out[base + j] = a[j] + b[base + j]


@njit(cache=True)
def sub(a, b, out):
    """out = a - b with one operand tiled."""
    n = out.size
    if a.size == n:
        m = b.size
        for r in range(n // m):
            base = r * m
            for j in range(m):
                out[base + j] = a[base + j] - b[j]
    else:
        m = a.size
        for r in range(n // m):
            base = r * m
            for j in range(m):
                out[base + j] = a[j] - b[base + j]


@njit(cache=True)
def mul(a, b, out):
    """out = a * b with one operand tiled."""
    n = out.size
    if a.size == n:
        m = b.size
        for r in range(n // m):
            base = r * m
            for j in range(m):
                out[base + j] = a[base + j] * b[j]
    else:
        m = a.size
        for r in range(n // m):
            base = r * m
            for j in range(m):
                out[base + j] = a[j] * b[base + j]


@njit(cache=True, error_model="numpy")
def div(a, b, out):
    """out = a / b with one operand tiled (IEEE: x/0 is +-inf or nan)."""
    n = out.size
    if a.size == n:
        m = b.size
        for r in range(n // m):
            base = r * m
            for j in range(m):
                out[base + j] = a[base + j] / b[j]
    else:
        m = a.size
        for r in range(n // m):
            base = r * m
            for j in range(m):
                out[base + j] = a[j] / b[base + j]
