"""The matrix-multiply kernels the op table calls (bodies in fast_linalg.py: BLAS from Numba for float
matrices worth it, a loop kernel for tiny or integer ones).

  matmul(a, b, out):    3-d C-contiguous a (B,m,k), b (B,k,n), out (B,m,n), one dtype (float32, float64,
                        int64); out[p] = a[p] @ b[p].
  matmul_2d(a, b, out): 2-d a (m,k), b (k,n) of out's dtype with any strides (a transposed view is passed
                        to BLAS without a copy); out (m,n) C-contiguous.
"""
from __future__ import annotations

from gradbook.engine.tensors.kernels.fast_linalg import matmul, matmul_2d

__all__ = ["matmul", "matmul_2d"]
