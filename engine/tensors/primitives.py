"""The op table: every primitive's forward (a kernel call), its vector-Jacobian product written with
Tensor ops (so gradients are differentiable), and which inputs are not differentiated, side by side.
Each primitive's public function (operand checks, then `apply`) sits right under its row.
Broadcasting is NOT undone here: the backward walker (autograd.py) sums gradients to input shapes."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from gradbook.engine.tensors.errors import DTypeError, InvalidValueError
from gradbook.engine.tensors.kernels import elementwise as K
from gradbook.engine.tensors.kernels import special as KS
from gradbook.engine.tensors.kernels import tile as KT
from gradbook.engine.tensors.ops_base import (BOOL_NP, FLOAT_NP, INT64_NP, NONDIFF, alloc, apply, apply_binary,
                                      apply_unary, as_tensor, broadcast_shape, common_np, flat_operand,
                                      operands, primitive)
from gradbook.engine.tensors.tensor import Tensor, make

_prod = math.prod
_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)


# ======================================== forward builders ========================================

def _unary_forward(kernel, name: str, int_ok: bool = False):
    """Forward of an elementwise unary op; Int64/Bool inputs become Float unless the op keeps ints."""
    def forward(x):
        if x.dtype.kind != "f":
            if not int_ok:
                x = x.astype(np.float32)
            elif x.dtype == BOOL_NP:
                raise DTypeError(f"{name}: got a tensor of dtype Bool; allowed dtypes: Float, Double, Int64")
        out = alloc(x.shape, x.dtype, name)
        kernel(x.ravel(), out.reshape(-1))
        return out
    return forward


_BOOL_ARITH = {"add": "or", "mul": "and", "maximum": "or", "minimum": "and"}
"""What libtorch does with two Bool tensors: `+` is a logical or with a Bool result, `*` a logical and."""


def _binary_forward(kernel, name: str, kind: str):
    """Forward of an elementwise binary op. kind: "arith" (Bool computes as Int64, but two Bools give a Bool
    as in libtorch: `+` is or, `*` is and, `-` is refused), "float" (integers compute as Float: true
    division), "cmp" (Bool result)."""
    def forward(a, b):
        dt = a.dtype
        if dt != b.dtype:
            dt = common_np(a, b)
        if dt.kind != "f":
            if kind == "float":
                dt = FLOAT_NP
            elif kind == "arith" and dt == BOOL_NP:
                if name in _BOOL_ARITH:
                    shape = a.shape if a.shape == b.shape else broadcast_shape(name, a.shape, b.shape)
                    out = alloc(shape, BOOL_NP, name)
                    logical = np.logical_or if _BOOL_ARITH[name] == "or" else np.logical_and
                    logical(a, b, out=out)
                    return out
                if name == "sub":
                    raise DTypeError("sub: two Bool tensors cannot be subtracted (libtorch refuses it too); "
                                     "convert one first, e.g. to_dtype(t, Int64)")
                dt = INT64_NP
        shape = a.shape
        if shape != b.shape:
            shape = broadcast_shape(name, shape, b.shape)
        n = _prod(shape)
        out = alloc(shape, BOOL_NP if kind == "cmp" else dt, name)
        kernel(flat_operand(a, shape, n, dt), flat_operand(b, shape, n, dt), out.reshape(-1))
        return out
    return forward


def _unary_row(name: str, kernel, vjp, int_ok: bool = False):
    return primitive(name, _unary_forward(kernel, name, int_ok), vjp, kernel=kernel)


def _binary_row(name: str, kernel, kind: str, vjp):
    return primitive(name, _binary_forward(kernel, name, kind), vjp, kernel=kernel, out_bool=kind == "cmp")


# ============================================ unary ===============================================

NEG = _unary_row("neg", K.neg, int_ok=True, vjp=lambda g, y, x: (neg(g),))
EXP = _unary_row("exp", K.exp, vjp=lambda g, y, x: (mul(g, y),))
LOG = _unary_row("log", K.log, vjp=lambda g, y, x: (div(g, x),))
SQRT = _unary_row("sqrt", K.sqrt, vjp=lambda g, y, x: (div(g, mul(y, 2)),))
ABS = _unary_row("abs", K.abs, int_ok=True, vjp=lambda g, y, x: (mul(g, sign(x)),))
SIN = _unary_row("sin", K.sin, vjp=lambda g, y, x: (mul(g, cos(x)),))
COS = _unary_row("cos", K.cos, vjp=lambda g, y, x: (neg(mul(g, sin(x))),))
TANH = _unary_row("tanh", K.tanh, vjp=lambda g, y, x: (tanh_backward(g, y),))
ERF = _unary_row("erf", KS.erf, vjp=lambda g, y, x: (mul(g, mul(exp(neg(mul(x, x))), _TWO_OVER_SQRT_PI)),))
# NOTE: sigmoid is a primitive (not 1/(1+exp(-x))) so large |x| neither overflows nor loses precision.
SIGMOID = _unary_row("sigmoid", K.sigmoid, vjp=lambda g, y, x: (sigmoid_backward(g, y),))
SIGN = _unary_row("sign", K.sign, int_ok=True, vjp=NONDIFF)


def neg(t: Any) -> Tensor:
    """-t, elementwise.

    >>> neg(tensor([1, -2])).numpy().tolist()
    [-1, 2]
    """
    return apply_unary(NEG, t if type(t) is Tensor else as_tensor(t, "neg"))


def exp(t: Any) -> Tensor:
    """e ** t, elementwise.

    >>> exp(zeros([2])).numpy().tolist()
    [1.0, 1.0]
    """
    return apply_unary(EXP, t if type(t) is Tensor else as_tensor(t, "exp"))


def log(t: Any) -> Tensor:
    """Natural logarithm (log 0 = -inf, negatives give nan).

    >>> log(tensor([1.0, 0.0])).numpy().tolist()
    [0.0, -inf]
    """
    return apply_unary(LOG, t if type(t) is Tensor else as_tensor(t, "log"))


def sqrt(t: Any) -> Tensor:
    """Square root (nan for negatives).

    >>> sqrt(tensor([4.0, 9.0])).numpy().tolist()
    [2.0, 3.0]
    """
    return apply_unary(SQRT, t if type(t) is Tensor else as_tensor(t, "sqrt"))


def abs(t: Any) -> Tensor:  # noqa: A001 - the op's name
    """|t|, elementwise.

    >>> abs(tensor([-1.5, 2.0])).numpy().tolist()
    [1.5, 2.0]
    """
    return apply_unary(ABS, t if type(t) is Tensor else as_tensor(t, "abs"))


def sin(t: Any) -> Tensor:
    """Sine, elementwise.

    >>> sin(zeros([1])).numpy().tolist()
    [0.0]
    """
    return apply_unary(SIN, t if type(t) is Tensor else as_tensor(t, "sin"))


def cos(t: Any) -> Tensor:
    """Cosine, elementwise.

    >>> cos(zeros([1])).numpy().tolist()
    [1.0]
    """
    return apply_unary(COS, t if type(t) is Tensor else as_tensor(t, "cos"))


def tanh(t: Any) -> Tensor:
    """Hyperbolic tangent, elementwise.

    >>> tanh(zeros([1])).numpy().tolist()
    [0.0]
    """
    return apply_unary(TANH, t if type(t) is Tensor else as_tensor(t, "tanh"))


def erf(t: Any) -> Tensor:
    """The Gauss error function, elementwise (its rule: 2/sqrt(pi) exp(-t^2)).

    >>> round(erf(tensor([1.0])).item(), 4)
    0.8427
    """
    return apply_unary(ERF, t if type(t) is Tensor else as_tensor(t, "erf"))


def sigmoid(t: Any) -> Tensor:
    """1 / (1 + e ** -t), elementwise and overflow-free.

    >>> sigmoid(tensor([0.0, 1000.0])).numpy().tolist()
    [0.5, 1.0]
    """
    return apply_unary(SIGMOID, t if type(t) is Tensor else as_tensor(t, "sigmoid"))


def sign(t: Any) -> Tensor:
    """-1, 0 or 1 by sign (not differentiable).

    >>> sign(tensor([-2.0, 0.0, 3.0])).numpy().tolist()
    [-1.0, 0.0, 1.0]
    """
    return apply_unary(SIGN, t if type(t) is Tensor else as_tensor(t, "sign"))


def _clamp_forward(x, lo=None, hi=None):
    if x.dtype == np.bool_:
        raise DTypeError("clamp: got a tensor of dtype Bool; allowed dtypes: Float, Double, Int64")
    if x.dtype.kind == "f":
        lo_v = -np.inf if lo is None else lo
        hi_v = np.inf if hi is None else hi
    else:
        info = np.iinfo(np.int64)
        lo_v = info.min if lo is None else math.ceil(lo)
        hi_v = info.max if hi is None else math.floor(hi)
    out = alloc(x.shape, x.dtype, "clamp")
    K.clamp(x.ravel(), x.dtype.type(lo_v), x.dtype.type(hi_v), out.reshape(-1))
    return out


def _clamp_vjp(g, y, x, lo=None, hi=None):
    if lo is not None:
        g = where(ge(x, lo), g, 0)
    if hi is not None:
        g = where(le(x, hi), g, 0)
    return (g,)


CLAMP = primitive("clamp", _clamp_forward, _clamp_vjp)


def clamp(t: Any, lo: float | None = None, hi: float | None = None) -> Tensor:
    """Clip values into [lo, hi] (None: no bound); the gradient is 1 inside, 0 outside.

    >>> clamp(tensor([-2.0, 0.5, 3.0]), 0, 1).numpy().tolist()
    [0.0, 0.5, 1.0]
    """
    for v in (lo, hi):
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating))):
            raise InvalidValueError(f"clamp: bounds must be numbers or None, got {v!r}")
    t = as_tensor(t, "clamp")
    if t._data.dtype == INT64_NP and any(isinstance(v, (float, np.floating)) for v in (lo, hi)):
        t = make(t._data.astype(np.float32))  # a float bound makes an Int64 tensor Float, as in PyTorch
    return apply(CLAMP, (t,), lo=lo, hi=hi)


# ============================================ binary ==============================================

def _pow_vjp(g, y, a, b):
    ga = gb = None
    if a.requires_grad:
        if b.numel == 1 and not b.requires_grad:
            e = b.item()
            ga = mul(mul(g, e), pow(a, e - 1)) if e != 0 else mul(g, 0)
        else:
            ga = where(eq(b, 0), 0, mul(mul(g, b), pow(a, sub(b, 1))))
    if b.requires_grad:
        # d/db a^b = a^b log a; defined as 0 where a == 0 and b >= 0 (as PyTorch does)
        gb = where(eq(a, 0), 0, mul(mul(g, y), log(a)))
    return ga, gb


def _max_vjp(g, y, a, b):
    """The larger input gets the gradient; ties split it evenly (PyTorch's rule)."""
    half = div(g, 2)
    ga = where(gt(a, b), g, where(eq(a, b), half, 0)) if a.requires_grad else None
    gb = where(lt(a, b), g, where(eq(a, b), half, 0)) if b.requires_grad else None
    return ga, gb


def _min_vjp(g, y, a, b):
    half = div(g, 2)
    ga = where(lt(a, b), g, where(eq(a, b), half, 0)) if a.requires_grad else None
    gb = where(gt(a, b), g, where(eq(a, b), half, 0)) if b.requires_grad else None
    return ga, gb


ADD = _binary_row("add", K.add, "arith", vjp=lambda g, y, a, b: (g, g))
SUB = _binary_row("sub", K.sub, "arith",
                  vjp=lambda g, y, a, b: (g, neg(g) if b.requires_grad else None))
def _mul_vjp(g, y, a, b):
    if a is b:  # x * x: one gradient 2 g x (the walker would otherwise add two products)
        return mul(g, add(a, a)), None  # (a + a: exactly 2a, without a constant lookup)
    return mul(g, b) if a.requires_grad else None, mul(g, a) if b.requires_grad else None


MUL = _binary_row("mul", K.mul, "arith", vjp=_mul_vjp)
ADD.tile_kernel, SUB.tile_kernel, MUL.tile_kernel = KT.add, KT.sub, KT.mul
DIV = _binary_row("div", K.div, "float",
                  vjp=lambda g, y, a, b: (div(g, b) if a.requires_grad else None,
                                          neg(div(mul(g, a), mul(b, b))) if b.requires_grad else None))
DIV.tile_kernel = KT.div


# NOTE: tanh's and sigmoid's gradients from their outputs are primitives of their own (one kernel pass
# each instead of three ops, as PyTorch's tanh_backward), with rules of their own so grad of grad works.
TANH_BACKWARD = _binary_row(
    "tanh_backward", K.tanh_backward, "float",
    vjp=lambda gg, z, g, y: (tanh_backward(gg, y) if g.requires_grad else None,
                             mul(mul(mul(gg, g), y), -2) if y.requires_grad else None))
SIGMOID_BACKWARD = _binary_row(
    "sigmoid_backward", K.sigmoid_backward, "float",
    vjp=lambda gg, z, g, y: (sigmoid_backward(gg, y) if g.requires_grad else None,
                             mul(mul(gg, g), sub(1, mul(y, 2))) if y.requires_grad else None))


def tanh_backward(g: Any, y: Any) -> Tensor:
    """g * (1 - y^2): the gradient through tanh given its output y (used by tanh's rule).

    >>> tanh_backward(ones([2]), tensor([0.0, 0.5])).numpy().tolist()
    [1.0, 0.75]
    """
    if type(g) is not Tensor or type(y) is not Tensor:
        g, y = operands(g, y, "tanh_backward")
    return apply_binary(TANH_BACKWARD, g, y)


def sigmoid_backward(g: Any, y: Any) -> Tensor:
    """g * y * (1 - y): the gradient through sigmoid given its output y (used by sigmoid's rule).

    >>> sigmoid_backward(ones([2]), tensor([0.5, 1.0])).numpy().tolist()
    [0.25, 0.0]
    """
    if type(g) is not Tensor or type(y) is not Tensor:
        g, y = operands(g, y, "sigmoid_backward")
    return apply_binary(SIGMOID_BACKWARD, g, y)


def _pow_forward(a, b):
    dt = common_np(a, b)
    if dt.kind != "f" and np.any(b < 0):
        raise InvalidValueError("pow: integers cannot be raised to negative integer powers; "
                                "convert with to_dtype(t, Float) first")
    return _pow_arith(a, b)


_pow_arith = _binary_forward(K.pow, "pow", "arith")
POW = primitive("pow", _pow_forward, _pow_vjp, kernel=K.pow)
MAXIMUM = _binary_row("maximum", K.maximum, "arith", vjp=_max_vjp)
MINIMUM = _binary_row("minimum", K.minimum, "arith", vjp=_min_vjp)
GT = _binary_row("gt", K.gt, "cmp", vjp=NONDIFF)
LT = _binary_row("lt", K.lt, "cmp", vjp=NONDIFF)
GE = _binary_row("ge", K.ge, "cmp", vjp=NONDIFF)
LE = _binary_row("le", K.le, "cmp", vjp=NONDIFF)
EQ = _binary_row("eq", K.eq, "cmp", vjp=NONDIFF)
NE = _binary_row("ne", K.ne, "cmp", vjp=NONDIFF)


def add(a: Any, b: Any) -> Tensor:
    """a + b with broadcasting; numbers allowed on either side.

    >>> add(ones([2]), 2).numpy().tolist()
    [3.0, 3.0]
    >>> (ones([2, 1]) + tensor([10.0, 20.0])).shape
    (2, 2)
    """
    if type(a) is not Tensor or type(b) is not Tensor:
        a, b = operands(a, b, "add")
    return apply_binary(ADD, a, b)


def sub(a: Any, b: Any) -> Tensor:
    """a - b with broadcasting.

    >>> sub(ones([2]), 3).numpy().tolist()
    [-2.0, -2.0]
    >>> (1 - ones([2])).numpy().tolist()
    [0.0, 0.0]
    """
    if type(a) is not Tensor or type(b) is not Tensor:
        a, b = operands(a, b, "sub")
    return apply_binary(SUB, a, b)


def mul(a: Any, b: Any) -> Tensor:
    """a * b with broadcasting.

    >>> mul(tensor([1.0, 2.0]), 3).numpy().tolist()
    [3.0, 6.0]
    """
    if type(a) is not Tensor or type(b) is not Tensor:
        a, b = operands(a, b, "mul")
    return apply_binary(MUL, a, b)


def div(a: Any, b: Any) -> Tensor:
    """a / b (true division: integers give Float; x/0 is inf or nan).

    >>> div(tensor([1, 2]), 4).numpy().tolist()
    [0.25, 0.5]
    >>> div(tensor([1, 2]), 4).dtype
    Float
    """
    if type(a) is not Tensor or type(b) is not Tensor:
        a, b = operands(a, b, "div")
    return apply_binary(DIV, a, b)


def pow(t: Any, exponent: Any) -> Tensor:  # noqa: A001
    """t ** exponent, the exponent a number or a tensor.

    >>> pow(tensor([2.0, 3.0]), 2).numpy().tolist()
    [4.0, 9.0]
    >>> (tensor([2.0, 3.0]) ** tensor([3.0, 0.5])).numpy().tolist()
    [8.0, 1.7320507764816284]
    """
    a, b = operands(t, exponent, "pow")
    return apply_binary(POW, a, b)


def maximum(a: Any, b: Any) -> Tensor:
    """Elementwise larger value (NaN wins).

    >>> maximum(tensor([1.0, 5.0]), 3).numpy().tolist()
    [3.0, 5.0]
    """
    if type(a) is not Tensor or type(b) is not Tensor:
        a, b = operands(a, b, "maximum")
    return apply_binary(MAXIMUM, a, b)


def minimum(a: Any, b: Any) -> Tensor:
    """Elementwise smaller value (NaN wins).

    >>> minimum(tensor([1.0, 5.0]), 3).numpy().tolist()
    [1.0, 3.0]
    """
    if type(a) is not Tensor or type(b) is not Tensor:
        a, b = operands(a, b, "minimum")
    return apply_binary(MINIMUM, a, b)


def gt(a: Any, b: Any) -> Tensor:
    """a > b as a Bool tensor.

    >>> gt(tensor([1, 5]), 2).numpy().tolist()
    [False, True]
    """
    return apply_binary(GT, *operands(a, b, "gt"))


def lt(a: Any, b: Any) -> Tensor:
    """a < b as a Bool tensor.

    >>> lt(tensor([1, 5]), 2).numpy().tolist()
    [True, False]
    """
    return apply_binary(LT, *operands(a, b, "lt"))


def ge(a: Any, b: Any) -> Tensor:
    """a >= b as a Bool tensor.

    >>> ge(tensor([1, 2]), 2).numpy().tolist()
    [False, True]
    """
    return apply_binary(GE, *operands(a, b, "ge"))


def le(a: Any, b: Any) -> Tensor:
    """a <= b as a Bool tensor.

    >>> le(tensor([1, 2]), 1).numpy().tolist()
    [True, False]
    """
    return apply_binary(LE, *operands(a, b, "le"))


def eq(a: Any, b: Any) -> Tensor:
    """a == b as a Bool tensor.

    >>> eq(tensor([1, 2]), 2).numpy().tolist()
    [False, True]
    """
    return apply_binary(EQ, *operands(a, b, "eq"))


def ne(a: Any, b: Any) -> Tensor:
    """a != b as a Bool tensor.

    >>> ne(tensor([1, 2]), 2).numpy().tolist()
    [True, False]
    """
    return apply_binary(NE, *operands(a, b, "ne"))


def _where_forward(c, a, b):
    if c.dtype != BOOL_NP:
        raise DTypeError("where: the condition must be a Bool tensor (allowed dtypes: Bool)")
    dt = common_np(a, b)
    shape = broadcast_shape("where", c.shape, a.shape, b.shape)
    n = _prod(shape)
    out = alloc(shape, dt, "where")
    K.where(flat_operand(c, shape, n, BOOL_NP), flat_operand(a, shape, n, dt),
            flat_operand(b, shape, n, dt), out.reshape(-1))
    return out


WHERE = primitive("where", _where_forward,
                  lambda g, y, c, a, b: (None, where(c, g, 0) if a.requires_grad else None,
                                         where(c, 0, g) if b.requires_grad else None),
                  nondiff=(0,))


def where(cond: Any, a: Any, b: Any) -> Tensor:
    """a where cond is true, else b (with broadcasting); `where(gt(x, 0), x, 0)` is relu.

    >>> x = tensor([-1.0, 2.0])
    >>> where(gt(x, 0), x, 0).numpy().tolist()
    [0.0, 2.0]
    """
    cond = as_tensor(cond, "where")
    a, b = operands(a, b, "where")
    return apply(WHERE, (cond, a, b))
