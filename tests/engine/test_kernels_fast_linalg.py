"""BLAS-backed matmul kernel (engine/tensors/kernels/fast_linalg.py) against NumPy: tiny, BLAS-sized, batched,
integer and empty shapes, in float32/float64/int64."""
from __future__ import annotations

import numpy as np
import pytest

from gradbook.engine.tensors.kernels import fast_linalg as fl

SHAPES = [(1, 1, 1, 1), (1, 2, 2, 2), (3, 4, 2, 16), (1, 4, 16, 1), (2, 9, 13, 7), (1, 128, 70, 33),
          (2, 64, 64, 64), (1, 0, 3, 2), (1, 3, 0, 2), (1, 3, 2, 0)]


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_matmul_matches_numpy(shape, dtype):
    nb, m, k, n = shape
    rng = np.random.default_rng(sum(shape))
    a = (rng.standard_normal((nb, m, k)) * 4).astype(dtype)
    b = (rng.standard_normal((nb, k, n)) * 4).astype(dtype)
    out = np.full((nb, m, n), 99, dtype)
    fl.matmul(a, b, out)
    ref = np.matmul(a.astype(np.float64), b.astype(np.float64))
    tol = {np.float32: 1e-5, np.float64: 1e-12, np.int64: 0}[dtype]
    np.testing.assert_allclose(out, ref, rtol=tol, atol=tol * max(k, 1) * 16)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_blas_and_loop_kernels_agree_on_either_side_of_the_threshold(dtype):
    pytest.importorskip("scipy")  # matmul_blas is Numba's np.dot, which binds BLAS through SciPy
    rng = np.random.default_rng(3)
    for m, k, n in [(7, 8, 9), (8, 8, 8), (9, 8, 8), (33, 17, 5)]:
        a = rng.standard_normal((2, m, k)).astype(dtype)
        b = rng.standard_normal((2, k, n)).astype(dtype)
        o1, o2 = np.empty((2, m, n), dtype), np.empty((2, m, n), dtype)
        fl.matmul_loop(a, b, o1)
        fl.matmul_blas(a, b, o2)
        np.testing.assert_allclose(o1, o2, rtol=1e-5 if dtype == np.float32 else 1e-12, atol=1e-5)


def test_ieee_values_pass_through():
    a = np.array([[[np.inf, 1.0], [np.nan, 0.0]]], np.float32).repeat(40, axis=2)[:, :, :2]
    b = np.ones((1, 2, 40), np.float32)
    out = np.empty((1, 2, 40), np.float32)
    fl.matmul(a, b, out)
    assert np.all(out[0, 0] == np.inf) and np.all(np.isnan(out[0, 1]))


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_matmul_2d_reads_transposed_and_strided_operands(dtype):
    rng = np.random.default_rng(11)
    for m, k, n in [(3, 2, 4), (40, 30, 20), (128, 64, 10)]:
        a_c = (rng.standard_normal((m, k)) * 3).astype(dtype)
        b_c = (rng.standard_normal((k, n)) * 3).astype(dtype)
        variants = {
            "C": (a_c, b_c),
            "F": (np.asfortranarray(a_c), np.asfortranarray(b_c)),
            "T": (np.ascontiguousarray(a_c.T).T, np.ascontiguousarray(b_c.T).T),  # transposed views
            "strided": (np.repeat(a_c, 2, axis=1)[:, ::2], np.repeat(b_c, 2, axis=0)[::2]),
        }
        ref = a_c.astype(np.float64) @ b_c.astype(np.float64)
        for name, (a, b) in variants.items():
            np.testing.assert_array_equal(a, a_c)
            out = np.full((m, n), 7, dtype)
            fl.matmul_2d(a, b, out)
            tol = {np.float32: 1e-5, np.float64: 1e-12, np.int64: 0}[dtype]
            np.testing.assert_allclose(out, ref, rtol=tol, atol=tol * k * 16, err_msg=name)
