"""Matrix multiply: BLAS gemm called from Numba (`np.dot` in @njit, via SciPy's cython_blas) for float
matrices worth it, a loop kernel for tiny or integer ones."""
from __future__ import annotations

import importlib.util
import math

import numpy as np

from gradbook.engine.tensors.kernels.fast_parallel import hold_off
from gradbook.engine.tensors.kernels.guard import njit

# Measured here (float32): a naive Numba triple loop was 100-600x slower than NumPy at n=256..1024, while
# BLAS from Numba matches NumPy (both OpenBLAS); below SMALL_FLOPS the loop beats a BLAS call's overhead.
# Numba needs SciPy for `np.dot`; without SciPy the float path falls back to NumPy's own BLAS
# (`np.matmul`), so results never depend on it being installed.

HAVE_SCIPY = importlib.util.find_spec("scipy") is not None  # cheap: SciPy itself loads on first BLAS use

SMALL_FLOPS = 512
"""Below m*k*n of this (per batch), the loop kernel beats the cost of a BLAS call from Numba."""

CHUNK_FLOPS = 1 << 32
"""Multiply-adds per BLAS call at most (~0.05-0.5 s here): a larger product is done in blocks of the output
(NumPy's gemm on views, no copies), so an interrupt (which Python raises between calls, never inside one)
is honoured within about a second; a 16000x16000 matmul took 28.8 s to notice Ctrl-C in one call."""
MIN_BLOCK = 64  # output columns per block at least, so each gemm call still runs near full speed
LOOP_CHUNK_FLOPS = 1 << 24  # the same for the loop kernel (integers, tiny floats), ~50x slower per flop

BLAS_SPIN_SECONDS = 0.25
"""How long after a BLAS call the multi-threaded elementwise kernels stay off (OpenBLAS's idle worker
threads spin, by default for ~2**28 cycles, and would stall them)."""


@njit(cache=True)
def matmul_loop(a, b, out):
    """out[p] = a[p] @ b[p]; a (B,m,k), b (B,k,n), out (B,m,n) C-contiguous, one dtype (any numeric).
    Row by row (i-k-j order) so the inner loop runs over contiguous memory and vectorises."""
    nb, m, k = a.shape
    n = b.shape[2]
    for p in range(nb):
        for i in range(m):
            for j in range(n):
                out[p, i, j] = 0
            for t in range(k):
                x = a[p, i, t]
                for j in range(n):
                    out[p, i, j] += x * b[p, t, j]


@njit(cache=True)
def matmul_blas(a, b, out):
    """out[p] = a[p] @ b[p] by BLAS gemm; a (B,m,k), b (B,k,n), out (B,m,n) C-contiguous float32/float64,
    m, k, n >= 1. Needs SciPy (Numba's BLAS bindings)."""
    for p in range(a.shape[0]):
        np.dot(a[p], b[p], out[p])


@njit(cache=True)
def _gemm_2d(a, b, out):
    np.dot(a, b, out)  # a C- or F-layout operand is passed to gemm as is, with a transpose flag


def _c_or_f(x: np.ndarray) -> np.ndarray:
    return x if x.flags.c_contiguous or x.flags.f_contiguous else np.ascontiguousarray(x)


def matmul_2d(a: np.ndarray, b: np.ndarray, out: np.ndarray) -> None:
    """out = a @ b for 2-d a (m,k) and b (k,n) of out's dtype (float32, float64 or int64), any strides;
    out (m,n) C-contiguous. A transposed operand (`x.T`, F-contiguous) goes to BLAS as is, so the
    backward pass's `g @ w.T` and `x.T @ g` copy nothing."""
    m, k = a.shape
    n = b.shape[1]
    if a.dtype.kind != "f" or m * k * n < SMALL_FLOPS or k == 0 or m == 0 or n == 0:
        a3, b3 = np.ascontiguousarray(a).reshape(1, m, k), np.ascontiguousarray(b).reshape(1, k, n)
        for lo, hi in _row_blocks(m, k * n, LOOP_CHUNK_FLOPS):
            matmul_loop(a3[:, lo:hi], b3, out[lo:hi].reshape(1, hi - lo, n))
    elif m * k * n > CHUNK_FLOPS:
        cols = min(n, max(MIN_BLOCK, math.isqrt(CHUNK_FLOPS // k)))
        for lo, hi in _row_blocks(m, k * cols, CHUNK_FLOPS):
            for left in range(0, n, cols):
                right = min(left + cols, n)
                np.matmul(a[lo:hi], b[:, left:right], out=out[lo:hi, left:right])
        hold_off(BLAS_SPIN_SECONDS)
    else:
        if HAVE_SCIPY:
            _gemm_2d(_c_or_f(a), _c_or_f(b), out)
        else:  # pragma: no cover - only without SciPy
            np.matmul(a, b, out=out)
        hold_off(BLAS_SPIN_SECONDS)


def _row_blocks(m: int, flops_per_row: int, chunk: int) -> list[tuple[int, int]]:
    """Row ranges of an m-row product with at most `chunk` multiply-adds each (one row at least)."""
    rows = max(1, chunk // max(flops_per_row, 1))
    return [(lo, min(lo + rows, m)) for lo in range(0, m, rows)]


def matmul(a: np.ndarray, b: np.ndarray, out: np.ndarray) -> None:
    """out[p] = a[p] @ b[p] for 3-d C-contiguous a (B,m,k), b (B,k,n), out (B,m,n) of one dtype
    (float32, float64 or int64). Picks BLAS for float matrices worth it, the loop kernel otherwise."""
    nb, m, k = a.shape
    n = b.shape[2]
    if nb * m * k * n > (CHUNK_FLOPS if a.dtype.kind == "f" else LOOP_CHUNK_FLOPS):
        for p in range(nb):  # large: matrix by matrix, each in blocks of rows (see CHUNK_FLOPS)
            matmul_2d(a[p], b[p], out[p])
        return
    if a.dtype.kind != "f" or m * k * n < SMALL_FLOPS or k == 0 or m == 0 or n == 0:
        matmul_loop(a, b, out)
    else:
        if HAVE_SCIPY:
            matmul_blas(a, b, out)
        else:  # pragma: no cover - only without SciPy
            np.matmul(a, b, out=out)
        hold_off(BLAS_SPIN_SECONDS)
