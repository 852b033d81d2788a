"""The log-softmax kernel: one pass per row instead of the eight small ops of the composite.

Contract: `a` and `out` 2-d C-contiguous (m, k) arrays of one float dtype (float32/float64), k >= 1; each
row is reduced on its own (the caller moves the softmax dim last).
"""
from __future__ import annotations

import math

from gradbook.engine.tensors.kernels.guard import njit


@njit(cache=True, error_model="numpy")
def log_softmax_rows(a, out):
    """out[i, :] = a[i, :] - log(sum(exp(a[i, :]))), computed as a - max - log(sum(exp(a - max))) in
    float64 so no exp overflows; a NaN in a row makes the row NaN, a row of -inf gives NaN (as PyTorch)."""
    m, k = a.shape
    for i in range(m):
        mx = a[i, 0]
        for j in range(1, k):
            x = a[i, j]
            if x > mx or x != x:
                mx = x
        s = 0.0
        for j in range(k):
            s += math.exp(a[i, j] - mx)
        lse = mx + math.log(s)
        for j in range(k):
            out[i, j] = a[i, j] - lse
