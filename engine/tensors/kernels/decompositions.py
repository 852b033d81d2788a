"""Matrix inverse and Cholesky factor kernels for the op table: LAPACK through Numba's np.linalg
(which binds it via SciPy). Inputs are 3-d C-contiguous float stacks (B, n, n); out has the same shape."""
from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def inverse(a, out):
    """out[p] = inv(a[p]); returns the index of the first singular matrix, or -1."""
    for p in range(a.shape[0]):
        m = a[p]
        # LAPACK's getrf reports singularity by raising here; a zero pivot in exact arithmetic
        # can still pass it with huge entries, as in libtorch
        try:
            out[p] = np.linalg.inv(m)
        except Exception:  # noqa: BLE001 - Numba raises LinAlgError without a type to catch
            return p
    return -1


@njit(cache=True)
def cholesky(a, out):
    """out[p] = the lower Cholesky factor of a[p] (only its lower triangle is read, as LAPACK's potrf
    with uplo='L'); returns the index of the first matrix that is not positive definite, or -1."""
    n = a.shape[1]
    for p in range(a.shape[0]):
        sym = np.empty((n, n), a.dtype)
        for i in range(n):
            for j in range(n):
                sym[i, j] = a[p, i, j] if j <= i else a[p, j, i]
        try:
            out[p] = np.linalg.cholesky(sym)
        except Exception:  # noqa: BLE001
            return p
    return -1
