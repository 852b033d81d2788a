"""Matrix-multiply Numba kernel."""
from __future__ import annotations

from numba import njit


@njit(cache=True)
def matmul(a, b, out):
    """out[p] = a[p] @ b[p] for 3-d C-contiguous a (B,m,k), b (B,k,n), out (B,m,n); one float dtype.
    Accumulates row by row (i-k-j order) so the inner loop runs over contiguous memory."""
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
