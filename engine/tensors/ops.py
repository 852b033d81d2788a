"""Every op of the engine as a snake_case function (the op table lives in primitives.py,
primitives_shape.py and primitives_reduce.py; composites.py builds the rest from them). Import ops from here."""
from __future__ import annotations

from gradbook.engine.tensors.composites import (binary_cross_entropy, cross_entropy, flatten, gelu, max_dim, mean,
                                        mean_dim, min_dim, mse_loss, nll_loss, ones_like_tensor, relu, select,
                                        slice, softmax, squeeze, stack, std, unsqueeze, var, zeros_like_tensor)
from gradbook.engine.tensors.linalg import bmm, cholesky, dot, inverse, mv
from gradbook.engine.tensors.ops_base import NONDIFF, PRIMITIVES, as_tensor
from gradbook.engine.tensors.primitives import (abs, add, clamp, cos, div, eq, erf, exp, ge, gt, le, log, lt, maximum,
                                        minimum, mul, ne, neg, pow, sigmoid, sign, sin, sqrt, sub, tanh, where)
from gradbook.engine.tensors.primitives_reduce import (argmax, argmin, log_softmax, max_all, min_all, nonzero, sum_all,
                                               sum_dim, sum_dims)
from gradbook.engine.tensors.primitives_shape import (cat, detach, expand, index, index_add, index_put, index_select,
                                              matmul, permute, reshape, scatter_add, take_along_dim, to_dtype,
                                              transpose)

OP_NAMES = (
    "add", "sub", "mul", "div", "neg", "pow", "exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid",
    "erf",
    "relu", "gelu", "clamp", "maximum", "minimum", "where", "sign", "gt", "lt", "ge", "le", "eq", "ne",
    "sum_all", "mean", "sum_dim", "sum_dims", "mean_dim", "max_all", "min_all", "max_dim", "min_dim",
    "argmax", "argmin", "matmul", "transpose", "permute", "reshape", "squeeze", "unsqueeze", "flatten",
    "select", "slice", "index_select", "take_along_dim", "cat", "stack", "expand", "softmax",
    "log_softmax", "mse_loss", "binary_cross_entropy", "nll_loss", "cross_entropy", "var", "std",
    "to_dtype", "detach", "nonzero", "inverse", "cholesky", "dot", "mv", "bmm",
)
"""The public op functions, in the order of the issue (exported by gradbook.engine)."""

__all__ = [*OP_NAMES, "sign", "where", "sum_dims", "permute", "index", "index_put", "index_add", "scatter_add",
           "ones_like_tensor", "zeros_like_tensor", "as_tensor", "PRIMITIVES", "NONDIFF", "OP_NAMES"]

import sys as _sys  # noqa: E402
import types as _types  # noqa: E402

from gradbook.engine.tensors.ops_base import boundary as _boundary  # noqa: E402

# The Tensor operators (+, *, @, ...) call the unwrapped functions (they never see a stray exception:
# operands are checked by `operands`); installed via sys.modules because the package attribute
# `gradbook.engine.tensors.tensor` is the factory function, not the module.
_tensor_module = _sys.modules["gradbook.engine.tensors.tensor"]
_tensor_module._ops = _types.SimpleNamespace(
    add=add, sub=sub, mul=mul, div=div, pow=pow, matmul=matmul, neg=neg, abs=abs)
# the forward operators are the op functions themselves (one call less on the hottest path)
for _op, _fn in (("__add__", add), ("__sub__", sub), ("__mul__", mul), ("__truediv__", div),
                 ("__pow__", pow), ("__matmul__", matmul), ("__neg__", neg), ("__abs__", abs)):
    setattr(_tensor_module.Tensor, _op, _fn)
del _op, _fn

# Callers of `ops.X` get the API boundary: only the engine's error types escape.
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, _types.FunctionType):
        globals()[_name] = _boundary(_obj)
del _name, _obj
