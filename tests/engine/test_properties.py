"""Property tests: random shapes, broadcasting and dims agree with NumPy; gradients of random
broadcast pairs sum back to the input shapes."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import gradbook.engine as E
from gradbook.engine import Double, tensor

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True)
BINARY = [(E.add, np.add), (E.sub, np.subtract), (E.mul, np.multiply), (E.maximum, np.maximum),
          (E.minimum, np.minimum)]


@st.composite
def broadcast_pair(draw):
    shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=4, max_side=4))
    a = draw(hnp.arrays(np.float64, shapes.input_shapes[0], elements=st.floats(-10, 10)))
    b = draw(hnp.arrays(np.float64, shapes.input_shapes[1], elements=st.floats(-10, 10)))
    return a, b


@SETTINGS
@given(broadcast_pair(), st.sampled_from(range(len(BINARY))))
def test_binary_ops_broadcast_like_numpy(pair, which):
    a, b = pair
    ours, ref = BINARY[which]
    out = ours(tensor(a, Double), tensor(b, Double))
    np.testing.assert_array_equal(out.numpy(), ref(a, b))


@SETTINGS
@given(broadcast_pair())
def test_broadcast_gradients_have_input_shapes(pair):
    a, b = pair
    x, y = E.make_independent(tensor(a, Double)), E.make_independent(tensor(b, Double))
    out = E.sum_all(E.mul(E.to_dependent(x), E.to_dependent(y)))
    gx, gy = E.grad(out, [x, y])
    shape = np.broadcast_shapes(a.shape, b.shape)
    # d/dx sum(x*y) = y summed over the broadcast dims, and symmetrically
    expect_x = np.broadcast_to(b, shape)
    expect_x = expect_x.sum(axis=tuple(range(len(shape) - a.ndim)))
    expect_x = expect_x.sum(axis=tuple(i for i, s in enumerate(a.shape) if s == 1), keepdims=True) \
        if a.ndim else expect_x
    assert gx.shape == a.shape and gy.shape == b.shape
    np.testing.assert_allclose(gx.numpy(), np.reshape(expect_x, a.shape), rtol=1e-12, atol=1e-12)


@SETTINGS
@given(hnp.arrays(np.float32, hnp.array_shapes(min_dims=1, max_dims=4, max_side=5),
                  elements=st.floats(-100, 100, width=32)), st.data())
def test_reductions_over_a_dim_match_numpy(x, data):
    dim = data.draw(st.integers(-x.ndim, x.ndim - 1))
    keep = data.draw(st.booleans())
    t = tensor(x)
    np.testing.assert_allclose(E.sum_dim(t, dim, keep).numpy(), x.sum(dim, keepdims=keep, dtype=np.float64),
                               rtol=1e-5, atol=1e-3)
    if x.shape[dim] > 0:
        v, i = E.max_dim(t, dim, keep)
        np.testing.assert_array_equal(v.numpy(), x.max(dim, keepdims=keep))
        np.testing.assert_array_equal(i.numpy(), x.argmax(dim, keepdims=keep))
        np.testing.assert_array_equal(E.argmin(t, dim, keep).numpy(), x.argmin(dim, keepdims=keep))


@SETTINGS
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=3, max_side=4),
                  elements=st.floats(-5, 5)), st.data())
def test_shape_ops_match_numpy(x, data):
    t = tensor(x, Double)
    d0 = data.draw(st.integers(-x.ndim, x.ndim - 1))
    d1 = data.draw(st.integers(-x.ndim, x.ndim - 1))
    np.testing.assert_array_equal(E.transpose(t, d0, d1).numpy(), np.swapaxes(x, d0, d1))
    np.testing.assert_array_equal(E.flatten(t).numpy(), x.reshape(-1))
    np.testing.assert_array_equal(E.unsqueeze(t, d0).numpy(), np.expand_dims(x, d0))
    start = data.draw(st.integers(-5, 5))
    step = data.draw(st.integers(1, 3))
    np.testing.assert_array_equal(E.slice(t, d0, start, None, step).numpy(),
                                  x[(slice(None),) * (d0 % x.ndim) + (slice(start, None, step),)])
    np.testing.assert_array_equal(E.cat([t, t], d1).numpy(), np.concatenate([x, x], d1))
    np.testing.assert_array_equal(E.stack([t, t], d1).numpy(), np.stack([x, x], d1))


@SETTINGS
@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.integers(1, 3))
def test_matmul_matches_numpy(m, k, n, batch):
    rng = np.random.default_rng(m * 100 + k * 10 + n)
    a = rng.normal(size=(batch, m, k))
    b = rng.normal(size=(k, n))
    np.testing.assert_allclose(E.matmul(tensor(a, Double), tensor(b, Double)).numpy(), a @ b, rtol=1e-12)
    np.testing.assert_allclose(E.matmul(tensor(a[0], Double), tensor(b, Double)).numpy(), a[0] @ b, rtol=1e-12)
