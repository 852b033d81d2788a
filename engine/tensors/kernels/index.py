"""Scatter-add Numba kernels: the backward loops of index_select and gather (take_along_dim)."""
from __future__ import annotations

from gradbook.engine.tensors.kernels.guard import njit


@njit(cache=True)
def index_add(g, idx, out):
    """out[p, idx[i], q] += g[p, i, q]; g (P,I,Q) and out (P,N,Q) 3-d C-contiguous of one dtype,
    idx 1-d int64 with values in [0, N); out must be zeroed by the caller."""
    P, I, Q = g.shape
    for p in range(P):
        for i in range(I):
            r = idx[i]
            for q in range(Q):
                out[p, r, q] += g[p, i, q]


@njit(cache=True)
def scatter_add(g, idx, out):
    """out[p, idx[p, i, q], q] += g[p, i, q]; g and idx (P,I,Q), out (P,N,Q), 3-d C-contiguous;
    idx int64 in [0, N); out zeroed by the caller."""
    P, I, Q = g.shape
    for p in range(P):
        for i in range(I):
            for q in range(Q):
                out[p, idx[p, i, q], q] += g[p, i, q]
