"""Autograd semantics: second derivatives against closed forms, purity, zero gradients for unused
inputs, create_graph, and the error messages of grad/make_independent."""
from __future__ import annotations

import numpy as np
import gradbook.engine as E
import pytest

from gradbook.engine import (AutogradError, Double, DTypeError, Float, IndependentTensor, Int64, add, cos,
                             grad, make_independent, matmul, mean, mul, ones, relu, requires_grad, sin,
                             sum_all, tanh, tensor, to_dependent, to_dtype, zeros)


def _leaf(values, dtype=Double):
    return make_independent(tensor(values, dtype))


XS = [-1.5, -0.3, 0.0, 0.7, 2.0]


def _second(f, xs=XS):
    """(f', f'') at xs through grad with create_graph=True, then grad again."""
    x = _leaf(xs)
    (g,) = grad(sum_all(f(to_dependent(x))), [x], create_graph=True)
    assert requires_grad(g)
    (h,) = grad(sum_all(g), [x])
    return g.numpy(), h.numpy()


def test_second_derivative_of_cube():
    xs = np.array(XS)
    g, h = _second(lambda x: x ** 3)
    np.testing.assert_allclose(g, 3 * xs ** 2, rtol=1e-12)
    np.testing.assert_allclose(h, 6 * xs, rtol=1e-12, atol=1e-12)


def test_second_derivative_of_cube_written_as_products():
    xs = np.array(XS)
    g, h = _second(lambda x: x * x * x)
    np.testing.assert_allclose(h, 6 * xs, rtol=1e-12, atol=1e-12)


def test_second_derivative_of_sin():
    xs = np.array(XS)
    g, h = _second(sin)
    np.testing.assert_allclose(g, np.cos(xs), rtol=1e-12)
    np.testing.assert_allclose(h, -np.sin(xs), rtol=1e-12, atol=1e-15)


def test_second_derivative_of_tanh():
    xs = np.array(XS)
    g, h = _second(tanh)
    t = np.tanh(xs)
    np.testing.assert_allclose(g, 1 - t ** 2, rtol=1e-12)
    np.testing.assert_allclose(h, -2 * t * (1 - t ** 2), rtol=1e-12, atol=1e-15)


def test_third_derivative_of_cos():
    x = _leaf(XS)
    (g,) = grad(sum_all(cos(to_dependent(x))), [x], create_graph=True)
    (h,) = grad(sum_all(g), [x], create_graph=True)
    (k,) = grad(sum_all(h), [x])
    np.testing.assert_allclose(k.numpy(), np.sin(XS), rtol=1e-12, atol=1e-15)


def test_mlp_hessian_vector_product():
    """f(W1, W2) = sum(tanh(X W1) W2); Hv by double backward against finite differences of the exact
    gradient (computed in closed form with NumPy)."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4, 3))
    W1 = rng.normal(size=(3, 5))
    W2 = rng.normal(size=(5, 2))
    V1 = rng.normal(size=W1.shape)
    V2 = rng.normal(size=W2.shape)

    def closed_grad(w1, w2):
        h = np.tanh(X @ w1)
        g2 = h.T @ np.ones((4, 2))
        g1 = X.T @ ((np.ones((4, 2)) @ w2.T) * (1 - h ** 2))
        return g1, g2

    eps = 1e-6
    p1, p2 = closed_grad(W1 + eps * V1, W2 + eps * V2)
    m1, m2 = closed_grad(W1 - eps * V1, W2 - eps * V2)
    expected1, expected2 = (p1 - m1) / (2 * eps), (p2 - m2) / (2 * eps)

    w1, w2 = _leaf(W1), _leaf(W2)
    out = sum_all(matmul(tanh(matmul(tensor(X, Double), to_dependent(w1))), to_dependent(w2)))
    g1, g2 = grad(out, [w1, w2], create_graph=True)
    np.testing.assert_allclose(g1.numpy(), closed_grad(W1, W2)[0], rtol=1e-10)
    dot = add(sum_all(mul(g1, tensor(V1, Double))), sum_all(mul(g2, tensor(V2, Double))))
    h1, h2 = grad(dot, [w1, w2])
    np.testing.assert_allclose(h1.numpy(), expected1, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(h2.numpy(), expected2, rtol=1e-5, atol=1e-7)


def test_grad_is_pure_and_repeatable():
    a = make_independent(ones([2, 2]))
    before = to_dependent(a).numpy().copy()
    b = to_dependent(a) + 2
    c = b * b * 3
    out = mean(c)
    snapshot = [t.numpy().copy() for t in (b, c, out)]
    g1 = grad(out, [a])[0].numpy().copy()
    g2 = grad(out, [a])[0].numpy().copy()
    np.testing.assert_array_equal(g1, g2)
    np.testing.assert_array_equal(to_dependent(a).numpy(), before)
    for t, s in zip((b, c, out), snapshot):
        np.testing.assert_array_equal(t.numpy(), s)
    assert requires_grad(out) and out.grad_fn == "mean"  # composites carry their own name


def test_grad_returns_fresh_tensors_not_views_of_inputs():
    a = make_independent(tensor([1.0, 2.0]))
    (g,) = grad(sum_all(to_dependent(a)), [a])
    assert g is not to_dependent(a)
    assert not g.numpy().flags.writeable


def test_numpy_view_is_read_only():
    t = ones([3])
    with pytest.raises(ValueError):
        t.numpy()[0] = 5.0
    assert t.numpy()[0] == 1.0


def test_make_independent_copies_its_input():
    src = np.array([1.0, 2.0], dtype=np.float32)
    t = tensor(src)
    src[0] = 99.0
    a = make_independent(t)
    assert to_dependent(a).numpy()[0] == 1.0
    assert not requires_grad(t)


def test_unused_input_gets_zero_gradient_of_its_shape():
    a = make_independent(ones([2, 3]))
    b = make_independent(ones([4], Double))
    ga, gb = grad(sum_all(to_dependent(a)), [a, b])
    np.testing.assert_array_equal(ga.numpy(), np.ones((2, 3)))
    assert gb.shape == (4,) and gb.dtype is Double and not gb.numpy().any()


def test_gradient_keeps_the_input_dtype_under_mixed_precision():
    a = make_independent(ones([3]))               # Float
    out = sum_all(mul(to_dependent(a), tensor([1.0, 2.0, 3.0], Double)))  # Double result
    (g,) = grad(out, [a])
    assert g.dtype is Float
    np.testing.assert_array_equal(g.numpy(), [1, 2, 3])


def test_broadcast_gradients_sum_back_to_input_shape():
    a = make_independent(ones([3, 1]))
    b = make_independent(ones([4]))
    out = sum_all(mul(to_dependent(a), to_dependent(b)))
    ga, gb = grad(out, [a, b])
    np.testing.assert_array_equal(ga.numpy(), np.full((3, 1), 4.0))
    np.testing.assert_array_equal(gb.numpy(), np.full((4,), 3.0))


def test_same_input_twice_accumulates():
    a = make_independent(tensor([3.0]))
    x = to_dependent(a)
    (g,) = grad(sum_all(x * x + x), [a])
    assert g.numpy().tolist() == [7.0]
    assert [t.numpy().tolist() for t in grad(sum_all(x), [a, a])] == [[1.0], [1.0]]


def test_relu_gradient_at_zero_is_zero():
    a = make_independent(tensor([-1.0, 0.0, 2.0]))
    (g,) = grad(sum_all(relu(to_dependent(a))), [a])
    assert g.numpy().tolist() == [0.0, 0.0, 1.0]


def test_without_create_graph_gradients_are_constants():
    a = make_independent(tensor([1.0, 2.0]))
    (g,) = grad(sum_all(to_dependent(a) ** 2), [a])
    assert not requires_grad(g) and g.inputs == ()


def test_constants_do_not_require_grad():
    x = tensor([1.0, 2.0, 3.0])
    y = make_independent(tensor([4.0, 5.0, 6.0]))
    z = x + to_dependent(y)
    assert not requires_grad(x) and requires_grad(to_dependent(y)) and requires_grad(z)
    assert requires_grad(y)
    assert not requires_grad(x * 2)


# ---- errors -------------------------------------------------------------------------------------------


def test_error_when_output_does_not_require_grad():
    a = make_independent(ones([2]))
    with pytest.raises(AutogradError, match="does not require grad.*make_independent"):
        grad(sum_all(ones([2])), [a])


def test_error_when_output_has_more_than_one_element():
    a = make_independent(ones([2]))
    with pytest.raises(AutogradError, match=r"single element.*\[2\].*sum_all or mean"):
        grad(to_dependent(a) * 2, [a])


def test_error_when_input_is_the_dependent_tensor():
    a = make_independent(ones([2]))
    with pytest.raises(AutogradError, match="not an IndependentTensor.*pass the IndependentTensor"):
        grad(sum_all(to_dependent(a)), [to_dependent(a)])


def test_error_when_input_is_some_other_value():
    a = make_independent(ones([2]))
    with pytest.raises(AutogradError, match="IndependentTensor"):
        grad(sum_all(to_dependent(a)), [ones([2])])
    with pytest.raises(AutogradError, match="list of independent tensors"):
        grad(sum_all(to_dependent(a)), a)


def test_make_independent_refuses_integer_and_bool_tensors():
    for t in (tensor([1, 2]), tensor([True])):
        with pytest.raises(DTypeError, match=r"Float, Double.*to_dtype\(t, Float\)"):
            make_independent(t)
    assert isinstance(make_independent(to_dtype(tensor([1, 2]), Float)), IndependentTensor)


def test_integer_conversion_cuts_the_graph():
    a = make_independent(tensor([1.5, 2.5]))
    assert not requires_grad(to_dtype(to_dependent(a), Int64))
    assert requires_grad(to_dtype(to_dependent(a), Double))


def test_zeros_of_single_element_output():
    a = make_independent(zeros([1]))
    (g,) = grad(to_dependent(a) * 3, [a])  # a one-element, non-scalar output is allowed
    assert g.numpy().tolist() == [3.0]


def test_ties_share_the_gradient_as_pytorch_does():
    a = make_independent(tensor([3.0, 1.0, 3.0]))
    from gradbook.engine import max_all, max_dim, maximum, reshape

    (g,) = grad(max_all(to_dependent(a)), [a])
    assert g.numpy().tolist() == [0.5, 0.0, 0.5]
    (g,) = grad(sum_all(maximum(to_dependent(a), 3.0)), [a])
    assert g.numpy().tolist() == [0.5, 0.0, 0.5]
    (g,) = grad(sum_all(max_dim(reshape(to_dependent(a), [1, 3]), 1)[0]), [a])
    assert g.numpy().tolist() == [1.0, 0.0, 0.0]  # the first maximum, the one argmax names


def test_binary_cross_entropy_gradient_is_finite_when_the_prediction_saturates():
    from gradbook.engine import binary_cross_entropy, sigmoid

    z = make_independent(tensor([40.0, -120.0, 0.0]))   # sigmoid gives exactly 1.0 and 0.0 in float32
    p = sigmoid(to_dependent(z))
    assert p.numpy().tolist()[:2] == [1.0, 0.0]
    loss = binary_cross_entropy(p, tensor([0.0, 1.0, 1.0]))
    assert loss.item() == pytest.approx((100 + 100 + np.log(2)) / 3, rel=1e-6)
    (g,) = grad(loss, [z])
    assert np.isfinite(g.numpy()).all()
    a = make_independent(tensor([0.0, 1.0, 0.25]))
    (ga,) = grad(binary_cross_entropy(to_dependent(a), tensor([1.0, 0.0, 1.0])), [a])
    assert np.isfinite(ga.numpy()).all() and ga.numpy()[2] == pytest.approx(-1 / 0.25 / 3, rel=1e-6)


def test_composites_name_their_results_and_keep_returned_inputs_untouched():
    a = make_independent(ones([2, 3]))
    x = to_dependent(a)
    assert E.mean(x).grad_fn == "mean" and E.relu(x).grad_fn == "relu" and E.softmax(x, 1).grad_fn == "softmax"
    values, _ = E.max_dim(x, 1)
    assert values.grad_fn == "max_dim"
    row = E.squeeze(E.reshape(x, [1, 2, 3]))  # squeeze makes a new tensor: renamed
    assert row.grad_fn == "squeeze"
    assert E.squeeze(x) is x or E.squeeze(x).grad_fn == "squeeze"
    assert x.grad_fn is None  # the independent's own tensor is never renamed
