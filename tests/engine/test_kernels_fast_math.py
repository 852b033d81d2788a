"""Accuracy of the vectorised exp/log/tanh/sigmoid kernels (engine/tensors/kernels/fast_math.py): max ulp error over
wide grids against a higher-precision reference, and IEEE special values (nan, +-inf, -0.0, subnormals)."""
from __future__ import annotations

import numpy as np
import pytest

from gradbook.engine.tensors.kernels import elementwise as ew
from gradbook.engine.tensors.kernels import fast_math as fm

# float64 results are checked against long double where it is wider than double (x86); elsewhere
# against NumPy's float64 (itself < 1 ulp) with one ulp more allowed.
_WIDE = np.finfo(np.longdouble).eps < np.finfo(np.float64).eps
_HI = {np.float32: np.float64, np.float64: np.longdouble if _WIDE else np.float64}
_SLACK = {np.float32: 0.0, np.float64: 0.0 if _WIDE else 1.0}

# max ulp error allowed (measured: exp 0.92/0.86, log 0.79/0.76, tanh 2.49/2.75, sigmoid 2.47/2.33)
_MAX_ULP = {"exp": 1.0, "log": 1.0, "tanh": 3.0, "sigmoid": 3.0}


def _reference(name: str, x: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        if name == "exp":
            return np.exp(x)
        if name == "log":
            return np.log(x)
        if name == "tanh":
            return np.tanh(x)
        return 1 / (1 + np.exp(-x))


def _run(name: str, x: np.ndarray) -> np.ndarray:
    out = np.full_like(x, 12345)  # any value the kernel forgets to write shows up
    getattr(ew, name)(x, out)  # the loop kernels the engine calls, built on fast_math's scalar functions
    return out


def _ulp_errors(got: np.ndarray, ref_hi: np.ndarray, dtype) -> np.ndarray:
    """|got - ref| in units of the spacing of `dtype` at the correctly rounded result."""
    with np.errstate(all="ignore"):
        rounded = ref_hi.astype(dtype)
        spacing = np.spacing(np.abs(rounded)).astype(ref_hi.dtype)
        err = (np.abs(got.astype(ref_hi.dtype) - ref_hi) / spacing).astype(np.float64)
    same = (got == rounded) | (np.isnan(got) & np.isnan(rounded))
    err[same] = 0.0
    err[np.isinf(rounded) & ~same] = np.inf  # an overflow mismatch is never acceptable
    return err


def _grid(dtype, name: str) -> np.ndarray:
    rng = np.random.default_rng(7)
    if dtype == np.float32:
        lo, hi, emin, emax = -110.0, 100.0, -45, 38
    else:
        lo, hi, emin, emax = -750.0, 720.0, -323, 307
    parts = [
        np.linspace(lo, hi, 400_001),
        rng.standard_normal(50_000) * 4,
        np.linspace(-1e-3, 1e-3, 20_001),  # near 0, where tanh/expm1 lose accuracy if done naively
        10.0 ** rng.uniform(emin, emax, 50_000),
        -(10.0 ** rng.uniform(emin, emax, 50_000)),
    ]
    x = np.concatenate(parts).astype(dtype)
    if name == "log":
        x = np.abs(x)
    return x


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["Float", "Double"])
@pytest.mark.parametrize("name", ["exp", "log", "tanh", "sigmoid"])
def test_max_ulp_error_over_wide_ranges(name, dtype):
    x = _grid(dtype, name)
    got = _run(name, x)
    ref = _reference(name, x.astype(_HI[dtype]))
    err = _ulp_errors(got, ref, dtype)
    worst = int(np.argmax(err))
    assert err[worst] <= _MAX_ULP[name] + _SLACK[dtype], (
        f"{name}({x[worst]!r}) = {got[worst]!r}, reference {ref[worst]!r}: {err[worst]:.2f} ulp"
    )


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["Float", "Double"])
@pytest.mark.parametrize("name", ["exp", "log", "tanh", "sigmoid"])
def test_special_values_follow_ieee_like_numpy(name, dtype):
    tiny = np.finfo(dtype).smallest_subnormal
    big = np.finfo(dtype).max
    x = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, tiny, -tiny, 3 * tiny, big, -big, 1.0, -1.0], dtype)
    got = _run(name, x)
    ref = _reference(name, x.astype(_HI[dtype])).astype(dtype)
    assert np.array_equal(np.isnan(got), np.isnan(ref)), (x, got, ref)
    finite_or_inf = ~np.isnan(ref)
    assert np.array_equal(np.signbit(got[finite_or_inf]), np.signbit(ref[finite_or_inf])), (x, got, ref)
    err = _ulp_errors(got, _reference(name, x.astype(_HI[dtype])), dtype)
    assert np.all(err <= _MAX_ULP[name] + _SLACK[dtype]), (x, got, ref)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["Float", "Double"])
def test_exp_overflow_and_underflow_edges(dtype):
    fi = np.finfo(dtype)
    # the largest x with a finite exp, the first that overflows, and the subnormal tail down to 0
    top = np.log(np.float64(fi.max)) if dtype == np.float32 else np.log(np.longdouble(fi.max))
    edge = np.array([np.nextafter(dtype(top), dtype(0)), np.nextafter(dtype(top), dtype(np.inf)) + 0], dtype)
    got = _run("exp", edge)
    assert np.isfinite(got[0]) and got[0] > fi.max / 2
    assert got[1] == np.inf
    low = np.log(np.float64(fi.smallest_subnormal)) if dtype == np.float32 else -744.44
    tail = np.linspace(low - 2, np.log(np.float64(fi.tiny)), 2001).astype(dtype)
    ref = _reference("exp", tail.astype(_HI[dtype]))
    got = _run("exp", tail)
    # in the subnormal range the error is measured in units of the smallest subnormal
    assert np.max(np.abs(got.astype(_HI[dtype]) - ref) / fi.smallest_subnormal) <= 1.0
    assert _run("exp", np.array([-1e4, -np.inf], dtype)).tolist() == [0.0, 0.0]


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["Float", "Double"])
def test_log_of_subnormals_negatives_and_zero(dtype):
    fi = np.finfo(dtype)
    x = (fi.smallest_subnormal * np.array([1, 2, 3, 1000, 2**20], dtype=_HI[dtype])).astype(dtype)
    err = _ulp_errors(_run("log", x), _reference("log", x.astype(_HI[dtype])), dtype)
    assert np.all(err <= 1.0 + _SLACK[dtype])
    got = _run("log", np.array([-1.0, -np.inf, -fi.smallest_subnormal, 0.0, -0.0], dtype))
    assert np.isnan(got[:3]).all() and got[3] == -np.inf and got[4] == -np.inf


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["Float", "Double"])
def test_tanh_is_odd_and_saturates(dtype):
    x = np.linspace(0, 30, 30_001).astype(dtype)
    pos, neg = _run("tanh", x), _run("tanh", -x)
    assert np.array_equal(pos, -neg)
    assert np.all(np.diff(pos) >= 0)  # monotone, so no seam where the formula changes
    assert pos[-1] == 1.0 and np.all(np.abs(pos) <= 1.0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["Float", "Double"])
def test_sigmoid_tails_keep_relative_accuracy(dtype):
    # sigmoid(x) ~ e**x for very negative x: the naive 1/(1+e**-x) would give 0 or lose digits there
    x = np.linspace(-80 if dtype == np.float32 else -700, -20, 5001).astype(dtype)
    got = _run("sigmoid", x)
    ref = _reference("sigmoid", x.astype(_HI[dtype]))
    normal = ref > np.finfo(dtype).tiny
    assert np.all(_ulp_errors(got, ref, dtype)[normal] <= 3.0 + _SLACK[dtype])
    assert np.all(np.diff(_run("sigmoid", np.linspace(-30, 30, 60_001).astype(dtype))) >= 0)


def test_scalar_entry_points_work_outside_numba_too():
    assert fm.exp_(np.float32(0.0)) == 1.0
    assert abs(fm.log_(np.float64(np.e)) - 1.0) < 1e-15
    assert fm.tanh_(np.float64(-0.0)) == 0.0 and np.signbit(fm.tanh_(np.float64(-0.0)))
    assert fm.sigmoid_(np.float32(0.0)) == 0.5
