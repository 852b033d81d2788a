"""The elementwise kernels the op table calls (engine/tensors/kernels/elementwise.py): the size dispatch between
the sequential and multi-threaded kernels gives identical results, and pow's scalar-exponent shortcuts
match the general power."""
from __future__ import annotations

import time

import numpy as np
import pytest

from gradbook.engine.tensors.kernels import elementwise as K
from gradbook.engine.tensors.kernels import fast_math as fm
from gradbook.engine.tensors.kernels import fast_parallel as fp

N = fp.PAR_MIN + 5


@pytest.fixture(params=[False, True], ids=["sequential", "parallel"])
def parallel(request):
    """Force the dispatch's view of the machine (idle cores or not) for the test's duration."""
    saved = list(fp._idle_state)
    fp._idle_state[:] = [time.monotonic() + 1e6, request.param]  # no fresh look during the test
    yield request.param
    fp._idle_state[:] = saved


def _x(seed, n=N, dtype=np.float32):
    return (np.random.default_rng(seed).standard_normal(n) * 3).astype(dtype)


@pytest.mark.parametrize("name, ref", [("add", np.add), ("sub", np.subtract), ("mul", np.multiply),
                                       ("div", np.divide), ("gt", np.greater)])
def test_binary_ops_either_way(parallel, name, ref):
    a, b = _x(1), _x(2)
    one = np.array([0.5], np.float32)
    for x, y in [(a, b), (a, one), (one, b)]:
        out = np.empty(N, np.bool_ if name == "gt" else np.float32)
        getattr(K, name)(x, y, out)
        with np.errstate(all="ignore"):
            np.testing.assert_array_equal(out, ref(x, y))


@pytest.mark.parametrize("name", ["neg", "exp", "log", "tanh", "sigmoid"])
def test_unary_ops_either_way(parallel, name):
    x = _x(3)
    if name == "log":
        x = np.abs(x)
    out = np.empty_like(x)
    getattr(K, name)(x, out)
    if name == "neg":
        expected = -x
    else:
        scalar = getattr(fm, name + "_")  # the sequential reference: fast_math's scalar function per element
        expected = np.array([scalar(v) for v in x], dtype=x.dtype)
    np.testing.assert_array_equal(out, expected)


def test_where_either_way(parallel):
    c = _x(4) > 0
    a, b = _x(5), _x(6)
    zero = np.zeros(1, np.float32)
    for x, y in [(a, b), (a, zero), (zero, b)]:
        out = np.empty(N, np.float32)
        K.where(c, x, y, out)
        np.testing.assert_array_equal(out, np.where(c, x, y))


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_pow_scalar_exponent_shortcuts_match_the_general_power(dtype):
    x = (_x(7, 1000, np.float64) * 3).astype(dtype)
    x[:4] = [0, -0.0, 2, -3] if dtype != np.int64 else [0, 0, 2, -3]
    for e in (2, 1, 3, 0):
        out = np.empty_like(x)
        K.pow(x, np.array([e], dtype), out)
        expected = np.power(x, dtype(e))
        if dtype != np.int64 and e == 3:  # the general power: libm's pow, within an ulp of NumPy's
            np.testing.assert_allclose(out, expected, rtol=2 * np.finfo(dtype).eps)
        else:
            np.testing.assert_array_equal(out, expected)
            assert np.array_equal(np.signbit(out), np.signbit(expected))
    if dtype != np.int64:
        special = np.array([np.nan, np.inf, -np.inf], dtype)
        out = np.empty_like(special)
        K.pow(special, np.array([2], dtype), out)
        np.testing.assert_array_equal(out, np.power(special, dtype(2)))


@pytest.mark.parametrize("name, ref", [("add", np.add), ("sub", np.subtract), ("mul", np.multiply),
                                       ("div", np.divide)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_tiled_operand_kernels(name, ref, dtype):
    from gradbook.engine.tensors.kernels import tile

    rng = np.random.default_rng(12)
    for rows, m in [(128, 256), (4, 16), (3, 2), (128, 10)]:
        full = rng.standard_normal(rows * m).astype(dtype)
        row = rng.standard_normal(m).astype(dtype)
        row[0] = 0.0  # a division by zero stays IEEE
        with np.errstate(all="ignore"):
            cases = [(full, row, ref(full.reshape(rows, m), row)), (row, full, ref(row, full.reshape(rows, m)))]
        for a, b, expected in cases:
            out = np.full(rows * m, 7, dtype)
            getattr(tile, name)(a, b, out)
            np.testing.assert_array_equal(out.reshape(rows, m), expected)


def test_threads_calling_at_once_never_launch_two_parallel_kernels(parallel):
    # The dispatch lets one thread into the parallel kernels and sends the others to the sequential ones
    # (Numba's workqueue layer, used where OpenMP and TBB are missing, is not thread-safe).
    import threading

    x, y = _x(8), _x(9)
    expected = x * y
    errors = []

    def work():
        try:
            for _ in range(20):
                out = np.empty(N, np.float32)
                K.mul(x, y, out)
                np.testing.assert_array_equal(out, expected)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert fp._LOCK.acquire(False)  # released again
    fp._LOCK.release()
