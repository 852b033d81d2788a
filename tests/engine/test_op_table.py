"""Table-driven checks of every differentiable primitive: gradients against central finite differences
in float64 on several shapes (0-d, vector, matrix, 3-d, broadcast pairs), second-order gradients by
finite differences too, and forward values against NumPy in float32 and float64. A meta-test fails when
a primitive of the op table has neither a gradient rule nor an explicit "not differentiable" mark, or
when a differentiable primitive has no case here."""
from __future__ import annotations

import builtins
import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pytest

import gradbook.engine as E
from gradbook.engine import Double, Float, Int64, tensor
from gradbook.engine.tensors.ops import NONDIFF, PRIMITIVES
from gradbook.engine.tensors.primitives import sigmoid_backward, tanh_backward

from .gradcheck import engine_grads, numeric_grads, scalar_value  # noqa: E402

_slice = builtins.slice


@dataclass
class Case:
    """One row: `fn` on engine tensors, `ref` the same on NumPy arrays, `shapes` a list of input-shape
    tuples, `prims` the op-table rows it exercises, `low`/`high` the input range."""

    name: str
    fn: Callable
    ref: Callable | None
    shapes: list
    prims: tuple
    low: float = -2.0
    high: float = 2.0
    gen: Callable | None = None  # custom input generator (rng, shapes) -> arrays
    tol: float = 1e-5
    eps: float = 1e-6  # finite-difference step (larger where a float32 round trip adds noise)
    second_order: bool = True


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _log_softmax(x, axis):
    m = np.max(x, axis=axis, keepdims=True)
    return x - m - np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))


def _distinct(rng, shapes, low=-2.0, high=2.0):
    """Inputs whose values are pairwise distinct and away from 0 (for kinks, ties and argmax)."""
    out = []
    for s in shapes:
        n = int(np.prod(s))
        vals = rng.permutation(n).astype(np.float64) * 0.37 + 0.1 + rng.uniform(0, 0.05, n)
        vals = vals - vals.mean() + 0.013
        out.append(vals.reshape(s))
    return out


def _gen_pair_no_ties(rng, shapes):
    """a in [-2, 2], b in [-2, 2] on a grid offset from a's values, so no pair ties."""
    a = rng.uniform(-2, 2, shapes[0])
    b = (rng.integers(-4, 5, shapes[1]) * 0.5 + 0.25).astype(np.float64)
    a = np.where(np.abs((a - 0.25) % 0.5) < 0.05, a + 0.1, a)
    return [a, b]


def _well_conditioned(rng, shapes):
    """Square matrices near 3 I, far from singular."""
    return [3 * np.eye(s[-1]) + rng.uniform(-0.5, 0.5, s) for s in shapes]


def _spd_np(a):
    """a a^T + 2 I: symmetric positive definite from any square a."""
    return a @ np.swapaxes(a, -1, -2) + 2 * np.eye(a.shape[-1])


def _spd(a):
    return E.add(E.matmul(a, E.transpose(a, -1, -2)), tensor(2 * np.eye(a.shape[-1]), a.dtype))


UNARY_SHAPES = [(), (5,), (2, 3), (2, 3, 2)]
BINARY_SHAPES = [((), ()), ((4,), (4,)), ((2, 3), (2, 3)), ((2, 3, 2), (2, 3, 2)), ((3, 1), (1, 4)),
                 ((2, 3), (3,)), ((), (2, 3)), ((2, 1, 3), (4, 1))]

CASES = [
    # ---- unary ----
    Case("neg", E.neg, np.negative, UNARY_SHAPES, ("neg",)),
    Case("exp", E.exp, np.exp, UNARY_SHAPES, ("exp",)),
    Case("log", E.log, np.log, UNARY_SHAPES, ("log",), low=0.2, high=3.0),
    Case("sqrt", E.sqrt, np.sqrt, UNARY_SHAPES, ("sqrt",), low=0.2, high=3.0),
    Case("abs", E.abs, np.abs, UNARY_SHAPES, ("abs",), gen=lambda r, s: _distinct(r, s)),
    Case("sin", E.sin, np.sin, UNARY_SHAPES, ("sin",)),
    Case("cos", E.cos, np.cos, UNARY_SHAPES, ("cos",)),
    Case("tanh", E.tanh, np.tanh, UNARY_SHAPES, ("tanh",)),
    Case("sigmoid", E.sigmoid, _sigmoid, UNARY_SHAPES, ("sigmoid",)),
    Case("erf", E.erf, np.vectorize(math.erf), UNARY_SHAPES, ("erf",)),
    Case("relu", E.relu, lambda x: np.maximum(x, 0), UNARY_SHAPES, ("where",), gen=lambda r, s: _distinct(r, s)),
    Case("gelu", E.gelu, lambda x: 0.5 * x * (1 + np.vectorize(math.erf)(x / np.sqrt(2))),
         UNARY_SHAPES, ("mul", "erf")),
    Case("clamp", lambda x: E.clamp(x, -0.5, 0.7), lambda x: np.clip(x, -0.5, 0.7), UNARY_SHAPES, ("clamp",),
         gen=lambda r, s: _distinct(r, s)),
    Case("clamp_lo", lambda x: E.clamp(x, 0.05, None), lambda x: np.maximum(x, 0.05), [(6,)], ("clamp",),
         gen=lambda r, s: _distinct(r, s)),
    Case("pow_scalar", lambda x: E.pow(x, 3), lambda x: x ** 3, UNARY_SHAPES, ("pow",)),
    Case("pow_scalar_frac", lambda x: x ** 0.5, lambda x: x ** 0.5, UNARY_SHAPES, ("pow",), low=0.3, high=2.0),
    Case("rpow", lambda x: 2 ** x, lambda x: 2 ** x, UNARY_SHAPES, ("pow",)),
    # ---- binary ----
    Case("add", E.add, np.add, BINARY_SHAPES, ("add",)),
    Case("add_scalar", lambda x: x + 2, lambda x: x + 2, UNARY_SHAPES, ("add",)),
    Case("sub", E.sub, np.subtract, BINARY_SHAPES, ("sub",)),
    Case("rsub_scalar", lambda x: 1 - x, lambda x: 1 - x, UNARY_SHAPES, ("sub",)),
    Case("mul", E.mul, np.multiply, BINARY_SHAPES, ("mul",)),
    Case("div", E.div, np.divide, BINARY_SHAPES, ("div",), low=0.5, high=2.0),
    Case("rdiv_scalar", lambda x: 3 / x, lambda x: 3 / x, UNARY_SHAPES, ("div",), low=0.5, high=2.0),
    Case("pow_tensor", E.pow, np.power, BINARY_SHAPES, ("pow",), low=0.5, high=2.0),
    Case("maximum", E.maximum, np.maximum, BINARY_SHAPES, ("maximum",), gen=_gen_pair_no_ties),
    Case("minimum", E.minimum, np.minimum, BINARY_SHAPES, ("minimum",), gen=_gen_pair_no_ties),
    Case("where", lambda a, b: E.where(E.gt(a, b), a, b), lambda a, b: np.where(a > b, a, b), BINARY_SHAPES,
         ("where",), gen=_gen_pair_no_ties),
    # the fused gradient rows of tanh and sigmoid (g, y): their own rules make grad of grad work
    Case("tanh_backward", tanh_backward, lambda g, y: g * (1 - y * y), BINARY_SHAPES, ("tanh_backward",),
         low=-0.9, high=0.9),
    Case("sigmoid_backward", sigmoid_backward, lambda g, y: g * y * (1 - y), BINARY_SHAPES,
         ("sigmoid_backward",), low=0.1, high=0.9),
    # ---- reductions ----
    Case("sum_all", E.sum_all, np.sum, UNARY_SHAPES, ("sum",)),
    Case("mean", E.mean, np.mean, UNARY_SHAPES, ("sum", "div")),
    Case("sum_dim", lambda x: E.sum_dim(x, -1), lambda x: np.sum(x, -1), UNARY_SHAPES[1:], ("sum",)),
    Case("sum_dim_keep", lambda x: E.sum_dim(x, 0, keepdim=True), lambda x: np.sum(x, 0, keepdims=True),
         UNARY_SHAPES[1:], ("sum",)),
    Case("sum_dims", lambda x: E.sum_dims(x, [0, 2]), lambda x: np.sum(x, (0, 2)), [(2, 3, 2)], ("sum",)),
    Case("mean_dim", lambda x: E.mean_dim(x, 1), lambda x: np.mean(x, 1), [(2, 3), (2, 3, 2)], ("sum",)),
    Case("max_all", E.max_all, np.max, UNARY_SHAPES, ("max_all",), gen=lambda r, s: _distinct(r, s)),
    Case("min_all", E.min_all, np.min, UNARY_SHAPES, ("min_all",), gen=lambda r, s: _distinct(r, s)),
    Case("max_dim", lambda x: E.max_dim(x, 1)[0], lambda x: np.max(x, 1), [(2, 3), (2, 3, 2)],
         ("take_along_dim",), gen=lambda r, s: _distinct(r, s)),
    Case("min_dim_keep", lambda x: E.min_dim(x, -1, keepdim=True)[0], lambda x: np.min(x, -1, keepdims=True),
         [(4,), (2, 3)], ("take_along_dim",), gen=lambda r, s: _distinct(r, s)),
    Case("var", E.var, lambda x: np.var(x, ddof=1), [(5,), (2, 3), (2, 3, 2)], ("sum",)),
    Case("var_dim", lambda x: E.var(x, 0, unbiased=False), lambda x: np.var(x, 0), [(3, 2)], ("sum",)),
    Case("std", E.std, lambda x: np.std(x, ddof=1), [(5,), (2, 3)], ("sqrt",)),
    Case("softmax", lambda x: E.softmax(x, -1), lambda x: np.exp(_log_softmax(x, -1)), UNARY_SHAPES,
         ("exp", "log_softmax")),
    Case("log_softmax", lambda x: E.log_softmax(x, 0), lambda x: _log_softmax(x, 0), UNARY_SHAPES[1:],
         ("log_softmax",)),
    Case("log_softmax_mid", lambda x: E.log_softmax(x, 1), lambda x: _log_softmax(x, 1), [(2, 3, 2)],
         ("log_softmax",)),
    # ---- linear algebra ----
    Case("matmul_2d", E.matmul, np.matmul, [((2, 3), (3, 4)), ((1, 5), (5, 1))], ("matmul",)),
    Case("matmul_vec", E.matmul, np.matmul, [((3,), (3,)), ((3,), (3, 2)), ((2, 3), (3,))], ("matmul",)),
    Case("matmul_batched", E.matmul, np.matmul, [((2, 3, 4), (2, 4, 2)), ((2, 3, 4), (4, 2)),
                                                 ((3, 4), (2, 4, 2))], ("matmul",)),
    Case("matmul_operator", lambda a, b: a @ b, np.matmul, [((2, 2), (2, 3))], ("matmul",)),
    Case("inverse", E.inverse, np.linalg.inv, [(3, 3), (2, 3, 3)], ("inverse",), gen=_well_conditioned),
    Case("cholesky", lambda a: E.cholesky(_spd(a)), lambda a: np.linalg.cholesky(_spd_np(a)),
         [(3, 3), (2, 3, 3)], ("cholesky",)),
    Case("cholesky_upper", lambda a: E.cholesky(_spd(a), upper=True),
         lambda a: np.swapaxes(np.linalg.cholesky(_spd_np(a)), -1, -2), [(3, 3)], ("cholesky",)),
    Case("dot_mv_bmm", lambda a, b, c: E.sum_all(E.mv(a, E.dot(b, b) * b)) + E.sum_all(E.bmm(c, c)),
         lambda a, b, c: np.sum(a @ (np.dot(b, b) * b)) + np.sum(c @ c), [((2, 3), (3,), (2, 2, 2))],
         ("matmul",)),
    # ---- shape and indexing ----
    Case("transpose", lambda x: E.transpose(x, 0, -1), lambda x: np.swapaxes(x, 0, -1), UNARY_SHAPES[1:],
         ("permute",)),
    Case("permute", lambda x: E.permute(x, [2, 0, 1]), lambda x: np.transpose(x, (2, 0, 1)), [(2, 3, 2)],
         ("permute",)),
    Case("reshape", lambda x: E.reshape(x, [-1, 2]), lambda x: x.reshape(-1, 2), [(4,), (2, 3), (2, 3, 2)],
         ("reshape",)),
    Case("squeeze", E.squeeze, np.squeeze, [(1, 3), (2, 1, 3)], ("reshape",)),
    Case("unsqueeze", lambda x: E.unsqueeze(x, -1), lambda x: x[..., None], UNARY_SHAPES, ("reshape",)),
    Case("flatten", E.flatten, lambda x: x.reshape(-1), UNARY_SHAPES[2:], ("reshape",)),
    Case("select", lambda x: E.select(x, 0, -1), lambda x: x[-1], UNARY_SHAPES[1:], ("index",)),
    Case("slice", lambda x: E.slice(x, -1, 0, None, 2), lambda x: x[..., ::2], UNARY_SHAPES[1:], ("index",)),
    Case("index_select", lambda x: E.index_select(x, 0, tensor([1, 0, 1])), lambda x: x[[1, 0, 1]],
         [(2,), (2, 3), (2, 3, 2)], ("index_select",)),
    Case("index_select_dim1", lambda x: E.index_select(x, -2, tensor([2, 2])), lambda x: x[:, [2, 2]],
         [(2, 3, 2)], ("index_select",)),
    Case("take_along_dim", lambda x: E.take_along_dim(x, tensor([[0, 2], [1, 1]]), 1),
         lambda x: np.take_along_axis(x, np.array([[0, 2], [1, 1]]), 1), [(2, 3)], ("take_along_dim",)),
    Case("cat", lambda a, b: E.cat([a, b, a], -1), lambda a, b: np.concatenate([a, b, a], -1),
         [((2,), (3,)), ((2, 3), (2, 1)), ((2, 1, 2), (2, 1, 3))], ("cat",)),
    Case("stack", lambda a, b: E.stack([a, b], 1), lambda a, b: np.stack([a, b], 1),
         [((3,), (3,)), ((2, 3), (2, 3))], ("cat",)),
    Case("expand", lambda x: E.expand(x, [2, 3]), lambda x: np.broadcast_to(x, (2, 3)), [(), (3,), (2, 1)],
         ("expand",)),
    Case("to_dtype", lambda x: E.to_dtype(E.to_dtype(x, Float), Double) * x, None, [(3,)], ("to_dtype",),
         tol=1e-4, eps=1e-2),
    # the gradients' own primitives (reached through grad of grad, checked directly too)
    Case("index_put", lambda g: E.index_put(g, (_slice(None), 1), (2, 3)), None, [(2,)], ("index_put",)),
    Case("index_add", lambda g: E.index_add(g, tensor([2, 0, 2]), 0, 4), None, [(3, 2)], ("index_add",)),
    Case("scatter_add", lambda g: E.scatter_add(g, tensor([[0], [2]]), 1, (2, 3)), None, [(2, 1)],
         ("scatter_add",)),
    # ---- losses ----
    Case("mse_loss", E.mse_loss, lambda p, t: np.mean((p - t) ** 2), [((4,), (4,)), ((2, 3), (2, 3))],
         ("sub", "mul", "sum")),
    Case("binary_cross_entropy", E.binary_cross_entropy,
         lambda p, t: -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p)), [((4,), (4,)), ((2, 3), (2, 3))],
         ("binary_cross_entropy",), low=0.1, high=0.9),
    Case("nll_loss", lambda lp: E.nll_loss(lp, tensor([2, 0, 1])), lambda lp: -np.mean(lp[[0, 1, 2], [2, 0, 1]]),
         [(3, 4)], ("take_along_dim",)),
    Case("cross_entropy", lambda z: E.cross_entropy(z, tensor([1, 0])),
         lambda z: -np.mean(_log_softmax(z, 1)[[0, 1], [1, 0]]), [(2, 3)], ("take_along_dim", "log_softmax")),
]

CASE_IDS = {c.name: c for c in CASES}


def _inputs(case: Case, shapes, seed=0):
    rng = np.random.default_rng(seed)
    if case.gen is not None:
        return case.gen(rng, shapes)
    return [rng.uniform(case.low, case.high, s) for s in shapes]


def _shape_list(s):
    """A case's input shapes for one entry: a unary entry is a single shape tuple of ints."""
    if len(s) == 0 or isinstance(s[0], int):
        return [s]
    return list(s)


PARAMS = [pytest.param(c, _shape_list(s), id=f"{c.name}-{s}") for c in CASES for s in c.shapes]


def _graph_prims(t) -> set:
    seen, stack, names = set(), [t], set()
    while stack:
        x = stack.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        if x._prim is not None:  # the recorded primitive (grad_fn may carry a composite's name)
            names.add(x._prim.name)
        stack.extend(x.inputs)
    return names


@pytest.mark.parametrize("case,shapes", PARAMS)
def test_gradient_matches_finite_differences(case: Case, shapes):
    arrays = _inputs(case, shapes)
    leaves, grads = engine_grads(case.fn, arrays, weights := _weights(case, arrays))
    numeric = numeric_grads(scalar_value(case.fn, weights), arrays, eps=case.eps)
    for leaf, g, n in zip(leaves, grads, numeric):
        assert g.shape == leaf.shape and g.dtype is Double
        np.testing.assert_allclose(g.numpy(), n, rtol=case.tol, atol=case.tol)


def _weights(case, arrays):
    out = case.fn(*[tensor(a, Double) for a in arrays])
    return np.random.default_rng(1).uniform(0.5, 1.5, out.shape)


@pytest.mark.parametrize("case", [c for c in CASES if c.second_order], ids=lambda c: c.name)
def test_second_order_matches_finite_differences(case: Case):
    """The gradient rules are differentiable: d/dx <grad f(x), v> checked by finite differences."""
    shapes = _shape_list(case.shapes[-1])
    arrays = _inputs(case, shapes)
    weights = _weights(case, arrays)
    rng = np.random.default_rng(2)
    vs = [rng.uniform(-1, 1, a.shape) for a in arrays]

    def probe(*xs):
        from gradbook.engine import sum_all, mul

        _, gs = engine_grads(case.fn, list(xs), weights, create_graph=True)
        total = 0.0
        for g, v in zip(gs, vs):
            total += float(sum_all(mul(g, tensor(v, Double))).item())
        return total

    leaves, gs = engine_grads(case.fn, arrays, weights, create_graph=True)
    from gradbook.engine import add, grad, mul, requires_grad, sum_all

    probe_t = None
    for g, v in zip(gs, vs):
        term = sum_all(mul(g, tensor(v, Double)))
        probe_t = term if probe_t is None else add(probe_t, term)
    if not requires_grad(probe_t):  # a rule that is linear in its inputs has a zero second derivative
        analytic = [np.zeros_like(a) for a in arrays]
    else:
        analytic = [h.numpy() for h in grad(probe_t, leaves)]
    numeric = numeric_grads(probe, arrays, eps=max(case.eps, 1e-5))
    for a, n in zip(analytic, numeric):
        np.testing.assert_allclose(a, n, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("dtype", [Float, Double], ids=["Float", "Double"])
@pytest.mark.parametrize("case,shapes", [p for p in PARAMS if p.values[0].ref is not None])
def test_forward_matches_numpy(case: Case, shapes, dtype):
    arrays = [a.astype(dtype.np) for a in _inputs(case, shapes)]
    out = case.fn(*[tensor(a, dtype) for a in arrays])
    expected = np.asarray(case.ref(*arrays))
    assert out.dtype is dtype
    assert out.shape == expected.shape
    tol = 2e-6 if dtype is Float else 1e-12
    np.testing.assert_allclose(out.numpy(), expected.astype(dtype.np), rtol=tol * 4, atol=tol * 4)


def test_every_primitive_has_a_rule_or_a_mark():
    for name, prim in PRIMITIVES.items():
        assert prim.vjp == NONDIFF or callable(prim.vjp), f"{name} has neither a VJP nor a NONDIFF mark"
        assert prim.name == name


def test_every_differentiable_primitive_has_a_gradient_case():
    covered = set()
    for case in CASES:
        for shapes in case.shapes:
            arrays = _inputs(case, _shape_list(shapes))
            leaves = [E.make_independent(tensor(a, Double)) for a in arrays]
            out = case.fn(*[E.to_dependent(x) for x in leaves])
            prims = _graph_prims(out)
            missing = set(case.prims) - prims
            assert not missing, f"case {case.name} does not reach {missing}"
            covered |= prims
    differentiable = {n for n, p in PRIMITIVES.items() if p.vjp != NONDIFF}
    assert differentiable - covered == set(), "primitives without a finite-difference case"


def test_nondifferentiable_ops_never_require_grad():
    x = E.to_dependent(E.make_independent(tensor([1.0, -2.0, 3.0])))
    for fn in (E.gt, E.lt, E.ge, E.le, E.eq, E.ne):
        r = fn(x, 0.5)
        assert r.dtype.name == "Bool" and not E.requires_grad(r)
    for r in (E.sign(x), E.argmax(x), E.argmin(x), E.max_dim(E.reshape(x, [1, 3]), 1)[1]):
        assert not E.requires_grad(r)
