"""Finite-difference helpers for the engine tests: numerical gradients of a scalar function of
float64 NumPy inputs, compared with the engine's `grad`."""
from __future__ import annotations

import numpy as np

from gradbook.engine import Double, grad, make_independent, mul, sum_all, tensor, to_dependent


def weighted_scalar(out, weights):
    """sum(out * weights): a scalar whose gradient probes every output element."""
    if out.numel == 1 and out.ndim == 0:
        return mul(out, float(weights.reshape(-1)[0]))
    return sum_all(mul(out, tensor(weights, Double)))


def numeric_grads(f, arrays, eps=1e-6):
    """Central differences of the scalar f(*arrays) (arrays float64) w.r.t. every element."""
    result = []
    for k, x in enumerate(arrays):
        g = np.zeros_like(x)
        for i in range(x.size):
            at = np.unravel_index(i, x.shape)  # (a 0-d array's reshape(-1) is a copy, not a view)
            plus = [np.array(a, copy=True) for a in arrays]
            minus = [np.array(a, copy=True) for a in arrays]
            plus[k][at] += eps
            minus[k][at] -= eps
            g[at] = (f(*plus) - f(*minus)) / (2 * eps)
        result.append(g)
    return result


def engine_grads(fn, arrays, weights, create_graph=False):
    """The engine's gradients of sum(fn(*inputs) * weights) for float64 `arrays`."""
    leaves = [make_independent(tensor(a, Double)) for a in arrays]
    out = fn(*[to_dependent(x) for x in leaves])
    return leaves, grad(weighted_scalar(out, weights), leaves, create_graph=create_graph)


def scalar_value(fn, weights):
    """A float64 scalar function of NumPy arrays: sum(fn(*tensors) * weights), for numeric_grads."""
    def f(*arrays):
        out = fn(*[tensor(a, Double) for a in arrays])
        return float(np.sum(out.numpy().astype(np.float64) * weights))
    return f
