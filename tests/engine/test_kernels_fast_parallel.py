"""The multi-threaded elementwise kernels (engine/tensors/kernels/fast_parallel.py) give exactly the sequential
results for every broadcast case, on arrays above the parallel threshold."""
from __future__ import annotations

import numpy as np
import pytest

from gradbook.engine.tensors.kernels import elementwise as ew
from gradbook.engine.tensors.kernels import fast_parallel as fp

N = fp.PAR_MIN + 37  # above the threshold and not a multiple of the thread count's chunk


def _x(seed, n=N, dtype=np.float32):
    return (np.random.default_rng(seed).standard_normal(n) * 3).astype(dtype)


@pytest.mark.parametrize("name, ref", [("add", np.add), ("sub", np.subtract), ("mul", np.multiply),
                                       ("div", np.divide), ("gt", np.greater)])
def test_binary_kernels_all_broadcast_cases(name, ref):
    a, b = _x(1), _x(2)
    b[::1000] = 0.0  # division by zero follows IEEE
    one = np.array([1.5], np.float32)
    for x, y in [(a, b), (a, one), (one, b)]:
        out = np.empty(N, np.bool_ if name == "gt" else np.float32)
        getattr(fp, name)(x, y, out)
        with np.errstate(all="ignore"):
            np.testing.assert_array_equal(out, ref(x, y))


@pytest.mark.parametrize("dtype", [np.float64, np.int64])
def test_binary_kernels_other_dtypes(dtype):
    a, b = _x(3, dtype=dtype), _x(4, dtype=dtype)
    out = np.empty(N, dtype)
    fp.mul(a, b, out)
    np.testing.assert_array_equal(out, a * b)


def test_where_all_broadcast_cases():
    c = _x(5) > 0
    a, b = _x(6), _x(7)
    zero, two = np.zeros(1, np.float32), np.full(1, 2.0, np.float32)
    for x, y in [(a, b), (a, zero), (two, b), (two, zero)]:
        out = np.empty(N, np.float32)
        fp.where(c, x, y, out)
        np.testing.assert_array_equal(out, np.where(c, x, y))


@pytest.mark.parametrize("name", ["exp", "log", "tanh", "sigmoid", "neg"])
def test_unary_kernels_match_the_sequential_ones(name):
    x = _x(8)
    if name == "log":
        x = np.abs(x)
    x[:4] = [np.nan, np.inf, -np.inf, -0.0] if name != "log" else [np.nan, np.inf, 0.0, 1.0]
    out, ref = np.empty_like(x), np.empty_like(x)
    getattr(fp, name)(x, out)
    if name == "neg":
        ref = -x
    else:
        getattr(ew, name)(x, ref)
    np.testing.assert_array_equal(out, ref)
    assert np.array_equal(np.signbit(out), np.signbit(ref))


def test_cores_idle_needs_no_other_runnable_thread_and_a_moderate_load(monkeypatch):
    monkeypatch.setattr(fp, "_CORES", 2)
    for others, load, idle in [(0, 0.3, True), (0, 2.4, True), (1, 0.3, False), (0, 2.6, False), (3, 4.0, False)]:
        monkeypatch.setattr(fp, "_others_running", lambda others=others: others)
        monkeypatch.setattr(fp.os, "getloadavg", lambda load=load: (load, load, load))
        fp._idle_state[0] = -1e9  # force a fresh look
        assert fp.cores_idle() is idle, (others, load)
    monkeypatch.setattr(fp, "_CORES", 1)
    fp._idle_state[0] = -1e9
    assert fp.cores_idle() is False  # one core: never parallel
    fp._idle_state[0] = -1e9  # let the next caller look again with the real machine


def test_others_running_reads_the_machine():
    assert 0 <= fp._others_running() < 100_000


def test_a_blas_call_holds_the_parallel_kernels_off(monkeypatch):
    from gradbook.engine.tensors.kernels import fast_linalg as fl

    monkeypatch.setattr(fp, "_CORES", 2)
    monkeypatch.setattr(fp, "_others_running", lambda: 0)
    monkeypatch.setattr(fp.os, "getloadavg", lambda: (0.1, 0.1, 0.1))
    fp._idle_state[0] = -1e9
    fp._hold[0] = 0.0
    assert fp.cores_idle() is True
    a = np.ones((1, 64, 64), np.float32)
    fl.matmul(a, a, np.empty_like(a))  # big enough for BLAS
    assert fp.cores_idle() is False
    fp._hold[0] = 0.0
    fp._idle_state[0] = -1e9
    assert fp.cores_idle() is True
    fp._idle_state[0] = -1e9


def test_own_running_threads_include_the_caller():
    assert fp._own_running() >= 1
