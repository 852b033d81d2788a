"""Function transforms over `grad`, with `torch.func`'s names: `gradient`, `vjp`, `jvp`, `jacobian`, `hessian`,
and the gradient checks `numeric_grad` (central differences) and `gradcheck`. Each takes a Python function of one
Tensor; each builds a fresh independent copy of x, so the caller's graph is never touched, and returns
plain tensors (constants) in x's dtype.

`jvp` needs no forward mode: uᵀJ is linear in u, so J v is the gradient with respect to u of (uᵀJ)·v,
the double-vjp trick (`grad` with create_graph, then `grad` again). `hessian` is the Jacobian of a
gradient built with create_graph.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from gradbook.engine.tensors.autograd import grad, make_independent, to_dependent
from gradbook.engine.tensors.dtypes import Double
from gradbook.engine.tensors.errors import AutogradError, DTypeError, InvalidValueError, ShapeError
from gradbook.engine.tensors.memory import format_shape
from gradbook.engine.tensors.ops_base import as_tensor
from gradbook.engine.tensors.primitives import mul
from gradbook.engine.tensors.primitives_reduce import sum_all
from gradbook.engine.tensors.primitives_shape import detach, index, reshape, to_dtype
from gradbook.engine.tensors.tensor import Tensor, make

Fn = Callable[[Tensor], Tensor]
MAX_ELEMENTS = 100_000  # a Jacobian or a finite-difference check costs one pass per element


def point(name: str, x: Tensor) -> Tensor:
    """x as a constant to differentiate at (a Float or Double tensor), or a DTypeError saying what to do."""
    x = as_tensor(x, name)
    if not x.dtype.is_floating:
        raise DTypeError(f"{name}: x must be a Float or Double tensor to differentiate at, got {x.dtype.name}; "
                         "convert first with toDType")
    return detach(x)


def _call(name: str, f: Fn, x: Tensor) -> Tensor:
    out = f(x)
    if not isinstance(out, Tensor):
        out = as_tensor(out, name)
    return out


def _zeros(shape: tuple, dtype) -> Tensor:
    return make(np.zeros(shape, dtype.np))


def _scalar(name: str, out: Tensor) -> Tensor:
    if out.numel != 1:
        raise ShapeError(f"{name}: f must return a single value, but it returned shape {format_shape(out.shape)}; "
                         "reduce it, e.g. with sumAll or mean")
    return out


def _grad_or_zeros(out: Tensor, leaf, create_graph: bool = False) -> Tensor:
    """d out / d leaf, or zeros when out does not depend on leaf at all (a constant output)."""
    if not out.requires_grad:
        return _zeros(leaf.tensor.shape, leaf.tensor.dtype)
    return grad(out, [leaf], create_graph=create_graph)[0]


def _limit(name: str, count: int, what: str) -> None:
    if count > MAX_ELEMENTS:
        raise InvalidValueError(f"{name}: {what} has {count} elements; more than {MAX_ELEMENTS} would take one "
                                "backward pass each")


def vjp(f: Fn, x: Tensor, u: Tensor) -> tuple[Tensor, Tensor]:
    """(f x, uᵀJ): the vector-Jacobian product, one backward pass (torch.func.vjp)."""
    x = point("vjp", x)
    leaf = make_independent(x)
    y = _call("vjp", f, to_dependent(leaf))
    u = as_tensor(u, "vjp")
    if tuple(u.shape) != tuple(y.shape):
        raise ShapeError(f"vjp: u must have the shape of f x, {format_shape(y.shape)}; got {format_shape(u.shape)}")
    return detach(y), _grad_or_zeros(sum_all(mul(y, to_dtype(u, y.dtype))), leaf)


def jvp(f: Fn, x: Tensor, v: Tensor) -> tuple[Tensor, Tensor]:
    """(f x, J v): the Jacobian-vector product, by two backward passes (torch.func.jvp)."""
    x = point("jvp", x)
    v = as_tensor(v, "jvp")
    if tuple(v.shape) != tuple(x.shape):
        raise ShapeError(f"jvp: v must have the shape of x, {format_shape(x.shape)}; got {format_shape(v.shape)}")
    leaf = make_independent(x)
    y = _call("jvp", f, to_dependent(leaf))
    if not y.requires_grad or not y.dtype.is_floating:
        return detach(y), _zeros(tuple(y.shape), y.dtype if y.dtype.is_floating else x.dtype)
    u = make_independent(_zeros(tuple(y.shape), y.dtype))
    u_jacobian = grad(sum_all(mul(y, to_dependent(u))), [leaf], create_graph=True)[0]  # uᵀJ, linear in u
    along_v = sum_all(mul(u_jacobian, to_dtype(v, u_jacobian.dtype)))
    return detach(y), _grad_or_zeros(along_v, u)


def _rows(out: Tensor, leaf, create_graph: bool = False) -> np.ndarray:
    """The Jacobian of every element of `out` with respect to `leaf`, as an array [out.numel, *leaf.shape]."""
    flat = reshape(out, (out.numel,))
    rows = [_grad_or_zeros(index(flat, (i,)), leaf, create_graph).numpy() for i in range(out.numel)]
    shape = tuple(leaf.tensor.shape)
    return np.stack(rows) if rows else np.zeros((0, *shape), leaf.tensor.dtype.np)


def jacobian(f: Fn, x: Tensor) -> Tensor:
    """J[i..., j...] = d (f x)[i...] / d x[j...], of shape f x's shape ++ x's shape (torch.func.jacrev)."""
    x = point("jacobian", x)
    leaf = make_independent(x)
    y = _call("jacobian", f, to_dependent(leaf))
    _limit("jacobian", y.numel, "f x")
    rows = _rows(y, leaf) if y.requires_grad else np.zeros((y.numel, *x.shape), x.dtype.np)
    return make(rows.reshape(tuple(y.shape) + tuple(x.shape)).astype(x.dtype.np, copy=False))


def hessian(f: Fn, x: Tensor) -> Tensor:
    """H[i..., j...] = d² f / d x[i...] d x[j...] for a single-value f, of shape x's shape ++ x's shape: the
    Jacobian of the gradient, which `grad` builds with create_graph (torch.func.hessian)."""
    x = point("hessian", x)
    _limit("hessian", x.numel, "x")
    leaf = make_independent(x)
    out = _scalar("hessian", _call("hessian", f, to_dependent(leaf)))
    gradient = _grad_or_zeros(out, leaf, create_graph=True)
    rows = _rows(gradient, leaf) if gradient.requires_grad else np.zeros((x.numel, *x.shape), x.dtype.np)
    return make(rows.reshape(tuple(x.shape) * 2).astype(x.dtype.np, copy=False))


def numeric_grad(f: Fn, x: Tensor, eps: float = 1e-6) -> np.ndarray:
    """Central differences (f(x + eps·e_i) - f(x - eps·e_i)) / 2 eps of a single-value f, in float64."""
    base = to_dtype(point("numeric_grad", x), Double).numpy()
    _limit("numeric_grad", base.size, "x")
    result = np.zeros(base.shape, np.float64)
    for i in range(base.size):
        at = np.unravel_index(i, base.shape)
        values = []
        for step in (eps, -eps):
            moved = np.array(base, dtype=np.float64, copy=True)
            moved[at] += step
            values.append(float(_scalar("numeric_grad", _call("numeric_grad", f, make(moved))).numpy().reshape(-1)[0]))
        result[at] = (values[0] - values[1]) / (2 * eps)
    return result


@dataclass(frozen=True)
class GradCheck:
    """What `gradcheck` found: both gradients (float64) and the largest error, where it is."""

    analytic: np.ndarray
    numeric: np.ndarray
    errors: np.ndarray  # |analytic - numeric| / max(1, |analytic|, |numeric|), element by element
    output_dtype: str

    @property
    def worst(self) -> tuple[int, ...]:
        return tuple(int(i) for i in np.unravel_index(int(np.nanargmax(self.errors)), self.errors.shape)) \
            if self.errors.size else ()

    @property
    def largest(self) -> float:
        return float(np.nanmax(self.errors)) if self.errors.size else 0.0


def relative_errors(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """|a - b| / max(1, |a|, |b|): relative for values above 1, absolute below (so zeros compare sanely)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    errors = np.abs(a - b) / np.maximum(1.0, np.maximum(np.abs(a), np.abs(b)))
    return np.where(np.isnan(a) | np.isnan(b), np.where(np.isnan(a) & np.isnan(b), 0.0, np.inf), errors)


def gradient(name: str, f: Fn, x: Tensor) -> tuple[Tensor, Tensor]:
    """(f x, d f/d x) for a single-value f, in x's dtype; zeros when f x does not depend on x (torch.func.grad)."""
    leaf = make_independent(point(name, x))
    out = _scalar(name, _call(name, f, to_dependent(leaf)))
    return out, _grad_or_zeros(out, leaf)


def gradcheck(f: Fn, x: Tensor, eps: float = 1e-6) -> GradCheck:
    """`grad` of a single-value f at x, against central differences, both in float64 (x converted)."""
    x64 = to_dtype(point("gradcheck", x), Double)
    out, analytic = gradient("gradcheck", f, x64)
    if not out.requires_grad:
        raise AutogradError("gradcheck: f x does not depend on x, so there is no gradient to check")
    analytic = to_dtype(analytic, Double).numpy()
    numeric = numeric_grad(f, x64, eps)
    return GradCheck(analytic, numeric, relative_errors(analytic, numeric), out.dtype.name)
