"""Derivatives of functions, beyond Hasktorch, under `torch.func`'s names: `jacobian`, `hessian`, `jvp`, `vjp`
(engine/tensors/functional.py, built on `grad` with createGraph); and the checks for exercises, `gradCheck`
(grad against central differences) and `checkGrad` (a hand-derived gradient against grad). A passed check is
a Verdict value; a failed one is an error (kind "check"), so an autograder marks the cell failed."""
from __future__ import annotations

from typing import Any

import numpy as np

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.language.values import Function, Verdict
from gradbook.engine.tensors import functional as F
from gradbook.engine.tensors.dtypes import Double
from gradbook.engine.tensors.errors import ArgumentError, CheckFailed, ShapeError
from gradbook.engine.tensors.memory import format_shape
from gradbook.engine.tensors.primitives_shape import to_dtype
from gradbook.engine.tensors.tensor import IndependentTensor, Tensor

TABLE = Table()

GRAD_CHECK_TOLERANCE = 1e-5  # float64 central differences with h = 1e-6 agree with a right rule to ~1e-9
CHECK_GRAD_TOLERANCE = 1e-4  # a hand-derived gradient may well be computed in float32
EPS = 1e-6
SHOWN_PLACES = 4  # places of disagreement a failed check lists


def _function(fn: str, f: Any, position: int = 1):
    checked = args.function(fn, f, position)
    return lambda t: checked.apply(t)


def _point(fn: str, x: Any, position: int = 2) -> Tensor:
    if isinstance(x, IndependentTensor):
        x = x.tensor
    return args.tensor(fn, x, position)


def _g(value: float) -> str:
    return f"{value:.4g}"


def _e(value: float) -> str:
    """An error or a tolerance: `1.4e-10`, `1e-5`, `0`."""
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa.removesuffix('.0')}e{int(exponent)}"


def _where(index: tuple[int, ...]) -> str:
    return "[" + ",".join(map(str, index)) + "]"


def _count(n: int) -> str:
    return f"{n} element{'s' if n != 1 else ''}"


def _every(n: int) -> str:
    return "its one element" if n == 1 else f"all {n} elements"


# ------------------------------------------------------------------------------- checks for exercises

@TABLE.fn("gradCheck", "(Tensor -> Tensor) -> Tensor -> Verdict",
          "Checks `grad` of a single-value function at x against central differences in float64 (x "
          "converted, h = 1e-6) and gives the largest relative error; an error when it exceeds 1e-5.",
          "gradCheck (\\t -> sumAll (sin t * t)) (asTensor [0.5, 1.0, 2.0])",
          "torch.autograd.gradcheck(f, (x.double().requires_grad_(),))")
def grad_check(f: Any, x: Any) -> Verdict:
    report = F.gradcheck(_function("gradCheck", f), _point("gradCheck", x), EPS)
    size = report.errors.size
    note = "" if report.output_dtype == "Double" else (
        f" (f returned {report.output_dtype}, not Double: the differences are only as good as that dtype)")
    if report.largest <= GRAD_CHECK_TOLERANCE:
        return Verdict(f"gradCheck passed: grad agrees with central differences at {_every(size)} "
                       f"(largest relative error {_e(report.largest)}, tolerance {_e(GRAD_CHECK_TOLERANCE)}){note}")
    bad = int(np.count_nonzero(~(report.errors <= GRAD_CHECK_TOLERANCE)))
    at = report.worst
    raise CheckFailed(
        f"gradCheck failed: grad and central differences disagree at {bad} of {_count(size)}; the largest "
        f"relative error is {report.largest:.3g} (tolerance {_e(GRAD_CHECK_TOLERANCE)}) at {_where(at)}: grad "
        f"gives {_g(report.analytic[at])}, the differences {_g(report.numeric[at])}{note}")


def _yours(fn: str, mine: Any, x: Tensor) -> np.ndarray:
    given = mine.apply(x) if isinstance(mine, Function) else mine
    if isinstance(given, list) and len(given) == 1:  # written like grad's result, `[2 * x]`
        given = given[0]
    if isinstance(given, IndependentTensor):
        given = given.tensor
    if not isinstance(given, Tensor):
        what = "your gradient (what `mine x` returned)" if isinstance(mine, Function) else "your gradient"
        raise ArgumentError(f"{fn}: {what} must be a tensor of x's shape; got {args.describe(given)}")
    if tuple(given.shape) != tuple(x.shape):
        raise ShapeError(f"{fn}: your gradient has shape {format_shape(given.shape)} but x has shape "
                         f"{format_shape(x.shape)}; a gradient has the shape of what it is taken with respect to")
    return given.numpy().astype(np.float64)


@TABLE.fn("checkGrad", "(Tensor -> Tensor) -> (Tensor -> Tensor) -> Tensor -> Verdict",
          "Compares a gradient derived by hand, `mine` (a function of x, or a tensor), with `grad` of a "
          "single-value f at x, and names every element where they differ by more than 1e-4 (relative).",
          "checkGrad (\\t -> 2 * t) (\\t -> sumAll (t * t)) (asTensor [1.0, -2.0, 3.0])",
          "torch.testing.assert_close(mine(x), torch.func.grad(f)(x))")
def check_grad(mine: Any, f: Any, x: Any) -> Verdict:
    function = _function("checkGrad", f, 2)
    point = _point("checkGrad", x, 3)
    if not isinstance(mine, (Function, Tensor, IndependentTensor, list)):
        raise args.fail("checkGrad", "your gradient: a function of x (e.g. `\\x -> 2 * x`) or a tensor", 1, mine,
                        "")
    point = F.point("checkGrad", point)
    # the truth in float64; yours as you compute it
    true = F.gradient("checkGrad", function, to_dtype(point, Double))[1].numpy().astype(np.float64)
    yours = _yours("checkGrad", mine, point)
    errors = F.relative_errors(yours, true)
    wrong = [tuple(int(i) for i in at) for at in np.argwhere(~(errors <= CHECK_GRAD_TOLERANCE))]
    size = errors.size
    if not wrong:
        return Verdict(f"checkGrad passed: your gradient matches grad at {_every(size)} (largest relative "
                       f"error {_e(float(np.max(errors)) if size else 0.0)}, tolerance {_e(CHECK_GRAD_TOLERANCE)})")
    places = "; ".join(f"at {_where(at)} yours {_g(yours[at])}, grad {_g(true[at])}" for at in wrong[:SHOWN_PLACES])
    more = f"; and {len(wrong) - SHOWN_PLACES} more" if len(wrong) > SHOWN_PLACES else ""
    raise CheckFailed(f"checkGrad failed: your gradient differs from grad at {len(wrong)} of {_count(size)}: "
                      f"{places}{more}")


# ------------------------------------------------------------------------------- torch.func's transforms

@TABLE.fn("jacobian", "(Tensor -> Tensor) -> Tensor -> Tensor",
          "The Jacobian of f at x: d (f x)[i] / d x[j], of shape (shape of f x) ++ (shape of x); one backward "
          "pass per element of f x.", "jacobian tanh (asTensor [0.0, 1.0])", "torch.func.jacrev(f)(x)")
def jacobian(f: Any, x: Any) -> Tensor:
    return F.jacobian(_function("jacobian", f), _point("jacobian", x))


@TABLE.fn("hessian", "(Tensor -> Tensor) -> Tensor -> Tensor",
          "The Hessian of a single-value f at x, of shape (shape of x) ++ (shape of x): the Jacobian of the "
          "gradient that `grad` builds with createGraph.", "hessian (\\t -> sumAll (t * t * t)) (asTensor [1.0, 2.0])",
          "torch.func.hessian(f)(x)")
def hessian(f: Any, x: Any) -> Tensor:
    return F.hessian(_function("hessian", f), _point("hessian", x))


@TABLE.fn("jvp", "(Tensor -> Tensor) -> Tensor -> Tensor -> (Tensor, Tensor)",
          "`(f x, J v)`: f's value and its Jacobian at x times a tangent v of x's shape (by two backward "
          "passes, no Jacobian built).", "jvp tanh (asTensor [0.0, 1.0]) (asTensor [1.0, 1.0])",
          "torch.func.jvp(f, (x,), (v,))")
def jvp(f: Any, x: Any, v: Any) -> tuple:
    return F.jvp(_function("jvp", f), _point("jvp", x), args.tensor("jvp", v, 3))


@TABLE.fn("vjp", "(Tensor -> Tensor) -> Tensor -> Tensor -> (Tensor, Tensor)",
          "`(f x, uᵀJ)`: f's value and a cotangent u of f x's shape times its Jacobian at x (one backward "
          "pass).", "vjp tanh (asTensor [0.0, 1.0]) (asTensor [1.0, 1.0])",
          "out, fn = torch.func.vjp(f, x); fn(u)")
def vjp(f: Any, x: Any, u: Any) -> tuple:
    return F.vjp(_function("vjp", f), _point("vjp", x), args.tensor("vjp", u, 3))
