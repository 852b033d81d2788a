"""Accuracy of the blocked pairwise sum (engine/tensors/kernels/fast_reduce.py) against exact float64/long
references on adversarial inputs: float32 sums must be at least as accurate as NumPy's pairwise sum."""
from __future__ import annotations

import math

import numpy as np
import pytest

from gradbook.engine.tensors.kernels import fast_reduce as fr

# lengths around every seam: the 8-way short sum, the 64 lanes, one block (1024), carries, tails
LENGTHS = [0, 1, 7, 8, 9, 63, 64, 65, 1023, 1024, 1025, 3 * 1024 + 5, 16385, 250_007]


def _exact(x: np.ndarray) -> float:
    return math.fsum(x.astype(np.float64).tolist())


def _sum32(x: np.ndarray) -> np.float32:
    out = np.empty(1, np.float32)
    fr.sum_rows_float(np.ascontiguousarray(x).reshape(1, -1), out)
    return out[0]


def _adversarial(n: int, kind: str, rng) -> np.ndarray:
    if kind == "randn":
        return rng.standard_normal(n)
    if kind == "offset":  # all positive: errors add up instead of cancelling
        return rng.random(n) + 100.0
    if kind == "big_then_small":  # a big value first swamps every small one added after it
        x = np.full(n, 0.1)
        if n >= 2:
            x[0], x[-1] = 1e8, -1e8
        return x
    if kind == "wide":  # magnitudes across 20 decades, both signs
        return rng.standard_normal(n) * 10.0 ** rng.uniform(-10, 10, n)
    if kind == "cancel":  # pairs that cancel, the result is tiny compared with the terms
        half = rng.random((n + 1) // 2) * 1e4
        return np.concatenate([half, -half[::-1]])[:n] + 1e-3
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["randn", "offset", "big_then_small", "wide", "cancel"])
@pytest.mark.parametrize("n", LENGTHS)
def test_float32_sum_at_least_as_accurate_as_numpy(n, kind):
    rng = np.random.default_rng(n + len(kind))
    x = _adversarial(n, kind, rng).astype(np.float32)
    exact = _exact(x)
    ours = float(_sum32(x))
    theirs = float(np.sum(x, dtype=np.float32))
    one_ulp = float(np.spacing(np.float32(abs(exact)))) if exact else 0.0
    assert abs(ours - exact) <= max(abs(theirs - exact), one_ulp), (ours, theirs, exact)


@pytest.mark.parametrize("n", LENGTHS)
def test_float64_result_of_a_float32_sum_is_nearly_exact(n):
    x = _adversarial(n, "wide", np.random.default_rng(n)).astype(np.float32)
    exact = _exact(x)
    got = fr.pairwise_sum(x)
    bound = 64 * np.finfo(np.float64).eps * float(np.sum(np.abs(x.astype(np.float64))))
    assert abs(got - exact) <= bound


@pytest.mark.parametrize("n", LENGTHS)
def test_float64_sum_error_grows_like_log_n(n):
    x = _adversarial(n, "offset", np.random.default_rng(n))
    exact = _exact(x)
    got = fr.pairwise_sum(x)
    # pairwise bound: (per-lane adds + fold depth + tree depth) * eps * sum|x|
    depth = 16 + 6 + max(1, math.ceil(math.log2(max(n, 2))))
    assert abs(got - exact) <= depth * np.finfo(np.float64).eps * float(np.sum(np.abs(x)))


def test_rows_are_summed_independently():
    rng = np.random.default_rng(1)
    for shape in [(3, 5), (256, 128), (4, 5000), (1, 1), (2, 0)]:
        a = rng.standard_normal(shape)
        for dtype in (np.float32, np.float64):
            ad = a.astype(dtype)
            out = np.full(shape[0], 7, dtype)
            fr.sum_rows_float(ad, out)
            exact = np.array([_exact(row) for row in ad], np.float64)
            scale = np.abs(ad.astype(np.float64)).sum(axis=1)
            # the float32 result is the float64 sum rounded once; float64 sums obey the pairwise bound
            tol = np.spacing(np.abs(exact).astype(dtype)) if dtype == np.float32 else 40 * np.finfo(dtype).eps * scale
            assert np.all(np.abs(out.astype(np.float64) - exact) <= tol), shape


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_nan_and_inf_propagate(dtype):
    x = np.ones(5000, dtype)
    x[3000] = np.nan
    assert np.isnan(fr.pairwise_sum(x))
    x[3000] = np.inf
    assert fr.pairwise_sum(x) == np.inf
    x[10] = -np.inf
    assert np.isnan(fr.pairwise_sum(x))
    big = np.full(3000, np.finfo(dtype).max, dtype)
    out = np.empty(1, dtype)
    fr.sum_rows_float(big.reshape(1, -1), out)
    assert out[0] == np.inf  # overflow of the dtype (the float64 sum itself is finite for float32)


@pytest.mark.parametrize("kernel", ["sum_rows_short", "sum_rows_lanes", "sum_rows_pairwise"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_each_row_kernel_is_correct_whatever_the_dispatch(kernel, dtype):
    rng = np.random.default_rng(5)
    for k in [1, 63, 64, 65, 1023, 1024, 1025, 5000]:
        a = rng.standard_normal((3, k)).astype(dtype)
        out = np.empty(3, np.float64)
        getattr(fr, kernel)(a, out)
        exact = np.array([_exact(row) for row in a])
        bound = 2 * k * np.finfo(np.float64).eps * np.abs(a.astype(np.float64)).sum(axis=1)
        assert np.all(np.abs(out - exact) <= bound), (kernel, k)

