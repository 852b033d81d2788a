"""Special functions for the elementwise ops: erf (for the exact GELU, as PyTorch and Hasktorch compute it)."""
from __future__ import annotations

import math

from gradbook.engine.tensors.kernels.guard import njit


@njit(cache=True)
def erf(a, out):
    """out = erf a; a and out 1-d, same length, float32 or float64 (computed in float64, libm's erf)."""
    for i in range(out.size):
        out[i] = math.erf(a[i])
