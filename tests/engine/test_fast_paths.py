"""The engine's small-array fast paths (compiled entry points keyed by dtype, the direct sum/mean paths)
give exactly the results of the general paths, whatever order the dtypes and shapes arrive in."""
from __future__ import annotations

import numpy as np
import pytest

import gradbook.engine as E
from gradbook.engine import Double, Float, tensor
from gradbook.engine.tensors.kernels.entry import entry_point


@pytest.mark.parametrize("op, ref", [(E.add, np.add), (E.sub, np.subtract), (E.mul, np.multiply),
                                     (E.div, np.divide), (E.maximum, np.maximum)])
def test_binary_entry_points_follow_the_dtype(op, ref):
    rng = np.random.default_rng(0)
    for dtype in (np.float32, np.float64, np.float32, np.float64):  # the second round uses cached entries
        for sa, sb in [((3,), (3,)), ((2, 3), ()), ((4, 3), (3,)), ((3,), (4, 3)), ((2, 2), (2, 2))]:
            a = rng.standard_normal(sa).astype(dtype)
            b = (rng.standard_normal(sb) + 3).astype(dtype)
            got = op(tensor(a), tensor(b))
            assert got.dtype is (Float if dtype == np.float32 else Double)
            np.testing.assert_array_equal(got.numpy(), ref(a, b).astype(dtype))


@pytest.mark.parametrize("op, ref", [(E.exp, np.exp), (E.tanh, np.tanh), (E.neg, np.negative)])
def test_unary_entry_points_follow_the_dtype(op, ref):
    for dtype in (np.float64, np.float32, np.float64):
        x = np.linspace(-2, 2, 7).astype(dtype)
        np.testing.assert_allclose(op(tensor(x)).numpy(), ref(x), rtol=2e-6 if dtype == np.float32 else 1e-13)
        assert op(tensor(x)).numpy().dtype == dtype


def test_strided_and_read_only_inputs_are_read_correctly():
    base = np.arange(12, dtype=np.float32).reshape(3, 4)
    t = E.transpose(tensor(base), 0, 1)  # a non-contiguous view
    np.testing.assert_array_equal((t * 2).numpy(), base.T * 2)
    ro = np.ones((2, 2), np.float64)
    ro.flags.writeable = False
    np.testing.assert_array_equal((tensor(ro) + tensor(ro)).numpy(), np.full((2, 2), 2.0))


def test_entry_point_is_none_for_plain_python_functions():
    assert entry_point(lambda a, out: None, (np.ones(2), np.ones(2))) is None


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", [(), (1,), (3,), (2, 3), (2, 1, 3), (300,)])
def test_sum_all_and_mean_direct_path_match_the_general_one(dtype, shape):
    x = np.random.default_rng(1).standard_normal(shape).astype(dtype)
    t = tensor(x)
    general = E.sum_dims(t, list(range(len(shape))))  # the general SUM path
    assert E.sum_all(t).numpy().tolist() == general.numpy().tolist()
    assert E.mean(t).item() == pytest.approx(float(x.mean()), rel=1e-6)
    a = E.make_independent(t)
    (g,) = E.grad(E.mean(E.to_dependent(a)), [a])
    np.testing.assert_allclose(g.numpy(), np.full(shape, 1 / x.size), rtol=1e-6)
    assert E.mean(E.to_dependent(a)).grad_fn == "mean"
    (h,) = E.grad(E.sum_all(E.to_dependent(a) * E.to_dependent(a)), [a], create_graph=True)
    (hh,) = E.grad(E.sum_all(h), [a])  # d/dx sum(2x) = 2 through the direct paths
    np.testing.assert_allclose(hh.numpy(), np.full(shape, 2.0))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_small_matmul_direct_path_matches_numpy(dtype):
    rng = np.random.default_rng(2)
    for m, k, n in [(4, 2, 16), (4, 16, 1), (1, 3, 1), (3, 3, 3)]:
        a = rng.standard_normal((m, k)).astype(dtype)
        b = rng.standard_normal((k, n)).astype(dtype)
        np.testing.assert_allclose((tensor(a) @ tensor(b)).numpy(), a @ b, rtol=1e-5)
        at = E.transpose(tensor(np.ascontiguousarray(a.T)), 0, 1)  # an F-ordered view of the same values
        np.testing.assert_allclose((at @ tensor(b)).numpy(), a @ b, rtol=1e-5)


def test_bias_gradient_and_matmul_gradients_through_the_direct_paths():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((4, 2))
    w0, b0 = rng.standard_normal((2, 3)), rng.standard_normal(3)
    w, b = E.make_independent(tensor(w0)), E.make_independent(tensor(b0))
    out = E.sum_all(E.tanh(tensor(x) @ E.to_dependent(w) + E.to_dependent(b)))
    gw, gb = E.grad(out, [w, b])
    d = 1 - np.tanh(x @ w0 + b0) ** 2
    np.testing.assert_allclose(gw.numpy(), x.T @ d, rtol=1e-10)
    np.testing.assert_allclose(gb.numpy(), d.sum(0), rtol=1e-10)
    assert gb.shape == (3,)
    gw2, gb2 = E.grad(out, [w, b], create_graph=True)  # the recorded (differentiable) path agrees
    np.testing.assert_allclose(gw2.numpy(), gw.numpy(), rtol=1e-12)
    assert gw2.requires_grad and gb2.requires_grad


def test_scalar_constants_keep_the_sign_of_zero_and_the_dtype():
    x = tensor([1.0])
    assert (1 / (x * 0.0)).numpy().tolist() == [np.inf]
    assert (1 / (x * -0.0)).numpy().tolist() == [-np.inf]  # not the cached +0.0
    assert (1 / (x * 0)).numpy().tolist() == [np.inf]
    d = tensor([1.0], Double)
    assert (d * 0.1).numpy().tolist() == [0.1] and (x * 0.1).numpy().dtype == np.float32
    assert (x * 2).numpy().tolist() == (x * 2.0).numpy().tolist() == [2.0]
    assert np.isnan((x + float("nan")).numpy()).all()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("gshape, shape", [((4, 16), (16,)), ((4, 1), (1,)), ((2, 3, 4), (4,)), ((2, 3, 4), (3, 4)),
                                           ((3, 4), (1, 4)), ((300, 2), (2,)), ((300, 1), (1,))])
def test_broadcast_gradients_are_summed_back_exactly(dtype, gshape, shape):
    from gradbook.engine.tensors.autograd import sum_to_shape

    g = np.random.default_rng(4).standard_normal(gshape).astype(dtype)
    got = sum_to_shape(tensor(g), shape)
    lead = len(gshape) - len(shape)
    expected = g.sum(axis=tuple(range(lead)) + tuple(i + lead for i, s in enumerate(shape) if s == 1
                                                      and gshape[i + lead] != 1), keepdims=True).reshape(shape)
    assert got.shape == shape and got.numpy().dtype == dtype
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-5 if dtype == np.float32 else 1e-12)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_fused_mean_equals_sum_then_div_bit_for_bit(dtype):
    for n in (1, 3, 7, 64, 255):
        x = tensor(np.random.default_rng(n).standard_normal(n).astype(dtype) * 3)
        m = E.mean(x)
        assert m.numpy().tobytes() == E.div(E.sum_all(x), n).numpy().tobytes()
        a = E.make_independent(x)
        out = E.mean(E.to_dependent(a))
        assert {t._prim.name for t in (out, out.inputs[0])} == {"div", "sum"}  # the graph keeps both nodes
