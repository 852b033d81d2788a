"""`jacobian`, `hessian`, `jvp`, `vjp` checked against central differences and closed forms in float32 and
float64 (broadcasting included); `gradCheck` and `checkGrad` through the Session: their verdicts, their
failures as located "check" errors, and gradCheck catching a deliberately wrong gradient rule."""
from __future__ import annotations

import re

import numpy as np
import pytest

from gradbook.engine.language.session import Session
from gradbook.engine.tensors import functional as F
from gradbook.engine.tensors.dtypes import Double, Float
from gradbook.engine.tensors.factories import tensor
from gradbook.engine.tensors.ops_base import PRIMITIVES
from gradbook.engine.tensors.primitives import cos

DTYPES = [Float, Double]
TOLERANCE = {"Float": 2e-3, "Double": 1e-7}
PASSED = re.compile(r"gradCheck passed: grad agrees with central differences at "
                    r"(?:all (\d+) elements|its one element) "
                    r"\(largest relative error (0|\d(\.\d)?e-\d+), tolerance 1e-5\)")


def run(session: Session, source: str):
    result = session.run(source)
    assert result.error is None, result.error.rendered
    return result.outputs[-1]


def values(session: Session, source: str) -> np.ndarray:
    return np.asarray(run(session, source).value.numpy(), dtype=np.float64)


def numeric_jacobian(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central differences of f (float64 arrays in and out) with respect to every element of x."""
    out = np.asarray(f(x))
    jac = np.zeros(out.shape + x.shape)
    for i in range(x.size):
        at = np.unravel_index(i, x.shape)
        plus, minus = x.copy(), x.copy()
        plus[at] += eps
        minus[at] -= eps
        jac[(Ellipsis,) + at] = (np.asarray(f(plus)) - np.asarray(f(minus))) / (2 * eps)
    return jac


@pytest.fixture
def session() -> Session:
    s = Session()
    assert s.run("let w = asTensor ([[1, 2, 0], [-1, 0.5, 3]] :: [[Double]])").ok
    return s


# ------------------------------------------------------------------- jacobian, hessian, jvp, vjp

@pytest.mark.parametrize("dtype", ["Float", "Double"])
def test_the_jacobian_of_tanh_is_diagonal_one_minus_tanh_squared(session, dtype):
    x = np.array([-1.5, 0.0, 0.3, 2.0])
    jac = run(session, f"jacobian tanh (asTensor ([-1.5, 0.0, 0.3, 2.0] :: [{dtype}]))").value
    assert jac.dtype.name == dtype and tuple(jac.shape) == (4, 4)
    np.testing.assert_allclose(jac.numpy(), np.diag(1 - np.tanh(x) ** 2), atol=TOLERANCE[dtype])


@pytest.mark.parametrize("dtype", ["Float", "Double"])
def test_jacobian_of_a_matrix_function_with_broadcasting_matches_differences(session, dtype):
    # f maps [3] to [2,3]: tanh of a matrix-vector product plus a broadcast bias row, times x (broadcast)
    source = (f"jacobian (\\t -> unsqueeze (Dim 1) (tanh (matmul (toDType {dtype} w) t)) * sumAll t + t * 2) "
              f"(asTensor ([0.5, -1.0, 2.0] :: [{dtype}]))")
    w = np.array([[1, 2, 0], [-1, 0.5, 3]], dtype=np.float64)
    jac = values(session, source)

    def f(x):
        return np.tanh(w @ x)[:, None] * x.sum() + x[None, :] * 2

    expected = numeric_jacobian(f, np.array([0.5, -1.0, 2.0]))
    assert jac.shape == (2, 3, 3)
    np.testing.assert_allclose(jac, expected, atol=TOLERANCE[dtype] * 10, rtol=TOLERANCE[dtype])


@pytest.mark.parametrize("dtype", ["Float", "Double"])
def test_the_hessian_of_a_quadratic_form_is_a_plus_a_transposed(session, dtype):
    source = (f"let a = asTensor ([[2, 1, 0], [3, 4, 1], [0, -2, 5]] :: [[{dtype}]])\n"
              f"hessian (\\x -> sumAll (x * matmul a x)) (asTensor ([0.3, -0.7, 1.1] :: [{dtype}]))")
    a = np.array([[2, 1, 0], [3, 4, 1], [0, -2, 5]], dtype=np.float64)
    out = run(session, source).value
    assert out.dtype.name == dtype
    np.testing.assert_allclose(out.numpy(), a + a.T, atol=TOLERANCE[dtype])


@pytest.mark.parametrize("dtype", ["Float", "Double"])
def test_the_hessian_of_a_matrix_input_matches_differences_of_the_gradient(session, dtype):
    source = f"hessian (\\m -> sumAll (exp (m * 0.5) * sin m)) (asTensor ([[0.1, -0.4], [1.2, 0.7]] :: [[{dtype}]]))"
    x = np.array([[0.1, -0.4], [1.2, 0.7]])

    def gradient(m):  # d/dm exp(m/2) sin m, by hand
        return np.exp(m / 2) * (0.5 * np.sin(m) + np.cos(m))

    hess = values(session, source)
    assert hess.shape == (2, 2, 2, 2)
    np.testing.assert_allclose(hess, numeric_jacobian(gradient, x), atol=TOLERANCE[dtype] * 10)


@pytest.mark.parametrize("dtype", ["Float", "Double"])
def test_jvp_and_vjp_are_the_jacobian_times_a_vector(session, dtype):
    f = f"(\\t -> tanh (matmul (toDType {dtype} w) t) * sumAll t)"
    x, v, u = "[0.5, -1.0, 2.0]", [1.0, 0.5, -2.0], [3.0, -1.0]
    assert session.run(f"let f = {f}\nlet x = asTensor ({x} :: [{dtype}])").ok
    jac = values(session, "jacobian f x")
    y_jvp, jv = run(session, f"jvp f x (asTensor ({v} :: [{dtype}]))").value
    y_vjp, uj = run(session, f"vjp f x (asTensor ({u} :: [{dtype}]))").value
    assert jv.dtype.name == uj.dtype.name == dtype and not jv.requires_grad
    np.testing.assert_allclose(jv.numpy(), jac @ np.array(v), atol=TOLERANCE[dtype])
    np.testing.assert_allclose(uj.numpy(), np.array(u) @ jac, atol=TOLERANCE[dtype])
    np.testing.assert_array_equal(y_jvp.numpy(), y_vjp.numpy())
    np.testing.assert_allclose(y_jvp.numpy(), values(session, "f x"), atol=0)


def test_jvp_of_tanh_shows_its_closed_form(session):
    assert run(session, "jvp tanh (asTensor ([0, 1] :: [Float])) (asTensor ([2, 2] :: [Float]))").text == (
        "(Tensor Float [2] [ 0.0000,  0.7616   ],Tensor Float [2] [ 2.0000   ,  0.8399   ])")
    assert abs(2 * (1 - np.tanh(1.0) ** 2) - 0.8399) < 5e-5


def test_a_constant_function_has_zero_derivatives(session):
    assert values(session, "jacobian (\\t -> asTensor [1.0, 2.0]) (asTensor [3.0, 4.0, 5.0])").tolist() == [[0] * 3] * 2
    assert values(session, "hessian (\\t -> sumAll (t * 2)) (asTensor [3.0, 4.0])").tolist() == [[0, 0], [0, 0]]
    assert run(session, "snd (jvp (\\t -> t * 0 + 1) (asTensor [1.0]) (asTensor [1.0]))").value.numpy().tolist() == [0]


@pytest.mark.parametrize("source, kind, message", [
    ("hessian tanh (asTensor [1.0, 2.0])", "shape",
     "hessian: f must return a single value, but it returned shape [2]; reduce it, e.g. with sumAll or mean"),
    ("jvp tanh (asTensor [1.0, 2.0]) (asTensor [1.0])", "shape",
     "jvp: v must have the shape of x, [2]; got [1]"),
    ("vjp tanh (asTensor [1.0, 2.0]) (asTensor [1.0])", "shape",
     "vjp: u must have the shape of f x, [2]; got [1]"),
    ("jacobian tanh (asTensor [1, 2])", "dtype",
     "jacobian: x must be a Float or Double tensor to differentiate at, got Int64; convert first with toDType"),
    ("jacobian 3 (asTensor [1.0])", "type", "jacobian expects a function as its first argument; got 3 (an Integer)"),
    ("gradCheck tanh (asTensor [1.0, 2.0])", "shape",
     "gradCheck: f must return a single value, but it returned shape [2]; reduce it, e.g. with sumAll or mean"),
    ("gradCheck (\\t -> asTensor 1.0) (asTensor [1.0])", "autograd",
     "gradCheck: f x does not depend on x, so there is no gradient to check"),
    ("checkGrad (\\t -> sumAll t) (\\t -> sumAll (t * t)) (asTensor [1.0, 2.0])", "shape",
     "checkGrad: your gradient has shape [] but x has shape [2]; a gradient has the shape of what it is taken "
     "with respect to"),
    ("checkGrad True (\\t -> sumAll t) (asTensor [1.0])", "type",
     "checkGrad expects your gradient: a function of x (e.g. `\\x -> 2 * x`) or a tensor as its first "
     "argument; got True (a Bool)"),
])
def test_mistakes_are_located_errors(session, source, kind, message):
    result = session.run(source)
    assert result.error is not None and (result.error.kind, result.error.message) == (kind, message)
    assert result.error.rendered.startswith("<cell>:1:1: error: ")
    assert session.run("w").ok  # bindings kept


# ------------------------------------------------------------------------------------- gradCheck

def test_grad_check_passes_on_the_seed_and_a_two_layer_network(session):
    verdict = run(session, "gradCheck (\\a -> mean ((a + 2) * (a + 2) * 3)) (ones' [2, 2])")
    assert verdict.value.__class__.__name__ == "Verdict" and PASSED.fullmatch(verdict.text)
    assert PASSED.fullmatch(verdict.text).group(1) == "4"
    network = """\
let xs = asTensor ([[0, 0], [0, 1], [1, 0], [1, 1]] :: [[Float]])
let ys = asTensor ([[0], [1], [1], [0]] :: [[Float]])
let layer1 p = reshape [2, 3] (sliceDim 0 0 6 1 p)
let layer2 p = reshape [3, 1] (sliceDim 0 6 9 1 p)
let net p = sigmoid (matmul (tanh (matmul xs (layer1 p))) (layer2 p))
gradCheck (\\p -> mseLoss (net p) ys) (asTensor ([0.5, -0.3, 0.8, 0.1, -0.9, 0.4, 1.2, -0.7, 0.6] :: [Float]))"""
    assert PASSED.fullmatch(run(session, network).text).group(1) == "9"
    assert run(session, ":type gradCheck tanh").text == "gradCheck tanh :: Tensor -> Verdict"


def test_grad_check_fails_on_a_deliberately_wrong_rule(session, monkeypatch):
    # `sin`'s rule forgets to multiply by the upstream gradient: right only where that gradient is 1
    monkeypatch.setattr(PRIMITIVES["sin"], "vjp", lambda g, y, x: (cos(x),))
    result = session.run("gradCheck (\\t -> sumAll (sin t * t)) (asTensor [0.5, 1.0, 2.0])")
    assert result.error is not None and result.error.kind == "check"
    assert result.error.rendered == (
        "<cell>:1:1: error: gradCheck failed: grad and central differences disagree at 2 of 3 elements; the "
        "largest relative error is 0.416 (tolerance 1e-5) at [2]: grad gives 0.4932, the differences 0.077\n"
        "  gradCheck (\\t -> sumAll (sin t * t)) (asTensor [0.5, 1.0, 2.0])\n"
        "  " + "^" * 63)
    # the numbers are the wrong rule's and the true derivative's: cos t + sin t against t cos t + sin t
    assert abs(np.cos(2) + np.sin(2) - 0.4932) < 5e-5 and abs(2 * np.cos(2) + np.sin(2) - 0.077) < 5e-6
    monkeypatch.undo()
    assert PASSED.fullmatch(run(session, "gradCheck (\\t -> sumAll (sin t * t)) (asTensor [0.5, 1.0, 2.0])").text)


def test_grad_check_works_in_float64_whatever_x_is(session):
    # float32 differences would be far off at h = 1e-6; converted to Double they are not
    text = run(session, "gradCheck (\\t -> sumAll (exp t * 1000)) (asTensor ([1.0, 2.0, 3.0] :: [Float]))").text
    assert PASSED.fullmatch(text)


# ------------------------------------------------------------------------------------- checkGrad

def test_check_grad_accepts_a_formula_or_a_tensor(session):
    f = "(\\t -> sumAll (t * t * t))"
    assert run(session, f"checkGrad (\\t -> 3 * t * t) {f} (asTensor [1.0, -2.0, 0.5])").text == (
        "checkGrad passed: your gradient matches grad at all 3 elements (largest relative error 0, tolerance 1e-4)")
    assert run(session, f"checkGrad (asTensor [3.0, 12.0, 0.75]) {f} (asTensor [1.0, -2.0, 0.5])").text == (
        "checkGrad passed: your gradient matches grad at all 3 elements (largest relative error 0, tolerance 1e-4)")
    assert run(session, f"checkGrad (\\t -> [3 * t * t]) {f} (asTensor [1.0, -2.0, 0.5])").text.startswith(
        "checkGrad passed")


def test_check_grad_says_where_a_hand_derived_gradient_is_wrong(session):
    # the classic slip: d(t^3)/dt written as 3t instead of 3t^2, right only where t is 0 or 1
    result = session.run("checkGrad (\\t -> 3 * t) (\\t -> sumAll (t * t * t)) (asTensor [[1.0, -2.0], [0.0, 4.0]])")
    assert result.error is not None and result.error.kind == "check"
    assert result.error.message == (
        "checkGrad failed: your gradient differs from grad at 2 of 4 elements: at [0,1] yours -6, grad 12; "
        "at [1,1] yours 12, grad 48")


def test_relative_errors_are_absolute_below_one():
    errors = F.relative_errors(np.array([0.0, 100.0, np.nan, 1e-12]), np.array([1e-7, 101.0, np.nan, 0.0]))
    np.testing.assert_allclose(errors, [1e-7, 1 / 101, 0.0, 1e-12])
    assert F.gradcheck(lambda t: t * t, tensor([3.0], Double)).largest < 1e-8
