"""Linear algebra beyond matmul, as Hasktorch's Torch.Functional has it: `inverse` and `cholesky` (rows of
the op table, with their gradient rules) and the checked products `dot`, `mv`, `bmm` built on matmul."""
from __future__ import annotations

from typing import Any

import numpy as np

from gradbook.engine.tensors.errors import DTypeError, InvalidValueError, ShapeError
from gradbook.engine.tensors.memory import format_shape
from gradbook.engine.tensors.ops_base import alloc, apply, as_tensor, primitive
from gradbook.engine.tensors.primitives import add, mul
from gradbook.engine.tensors.primitives_shape import matmul, transpose
from gradbook.engine.tensors.tensor import Tensor, make


def _stack_of_squares(x: np.ndarray, op: str) -> np.ndarray:
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        raise ShapeError(f"{op}: needs square matrices (shape [..., n, n]), got {format_shape(x.shape)}")
    if x.dtype.kind != "f":
        raise DTypeError(f"{op}: got a tensor of dtype {'Bool' if x.dtype == np.bool_ else 'Int64'}; "
                         "allowed dtypes: Float, Double")
    n = x.shape[-1]
    return np.ascontiguousarray(x).reshape(-1, n, n)


def _which(x: np.ndarray, p: int) -> str:
    return "" if x.ndim == 2 else f" (matrix {p} of the batch)"


def _per_matrix(x: np.ndarray, op: str, failure: str) -> np.ndarray:
    """Run the decomposition kernel named `op` on each matrix of x; the kernel reports the first one it
    could not do, which becomes the error `failure`."""
    from gradbook.engine.tensors.kernels import decompositions as KD

    stack = _stack_of_squares(x, op)
    out = alloc(x.shape, x.dtype, op)
    bad = getattr(KD, op)(stack, out.reshape(stack.shape)) if stack.size else -1
    if bad >= 0:
        raise InvalidValueError(f"{op}: the matrix is {failure}{_which(x, bad)}")
    return out


def _inverse_forward(x):
    return _per_matrix(x, "inverse", "singular")


def _inverse_vjp(g, y, x):
    # d(A^-1) = -A^-1 dA A^-1, so the gradient is -Y^T g Y^T
    yt = transpose(y, -1, -2)
    return (mul(matmul(matmul(yt, g), yt), -1),)


INVERSE = primitive("inverse", _inverse_forward, _inverse_vjp)


def _cholesky_forward(x):
    return _per_matrix(x, "cholesky", "not positive definite")


def _cholesky_vjp(g, L, x):
    # Murray (2016): S = L^-T Phi(L^T gL) L^-1, Phi keeping the lower triangle with a halved diagonal;
    # the gradient is S's symmetric part (libtorch's convention for a symmetric input)
    n = L.shape[-1]
    phi = np.tril(np.ones((n, n), L._data.dtype)) - 0.5 * np.eye(n, dtype=L._data.dtype)
    inv_l = inverse(L)
    inner = mul(matmul(transpose(L, -1, -2), g), make(phi, None))
    s = matmul(matmul(transpose(inv_l, -1, -2), inner), inv_l)
    return (mul(add(s, transpose(s, -1, -2)), 0.5),)


CHOLESKY = primitive("cholesky", _cholesky_forward, _cholesky_vjp)


def inverse(t: Any) -> Tensor:
    """The inverse of a square matrix (or of each in a stack [..., n, n]).

    >>> from gradbook.engine import tensor
    >>> inverse(tensor([[2.0, 0.0], [0.0, 4.0]])).numpy().tolist()
    [[0.5, 0.0], [0.0, 0.25]]
    """
    return apply(INVERSE, (as_tensor(t, "inverse"),))


def cholesky(t: Any, upper: bool = False) -> Tensor:
    """The Cholesky factor of a symmetric positive-definite matrix: lower L with A = L L^T, or the upper
    U = L^T (only the lower triangle of A is read).

    >>> from gradbook.engine import tensor
    >>> cholesky(tensor([[4.0, 2.0], [2.0, 5.0]])).numpy().tolist()
    [[2.0, 0.0], [1.0, 2.0]]
    """
    lower = apply(CHOLESKY, (as_tensor(t, "cholesky"),))
    return transpose(lower, -1, -2) if upper else lower


def dot(a: Any, b: Any) -> Tensor:
    """The dot product of two 1-d tensors of one length.

    >>> from gradbook.engine import tensor
    >>> dot(tensor([1.0, 2.0]), tensor([3.0, 4.0])).item()
    11.0
    """
    a, b = as_tensor(a, "dot"), as_tensor(b, "dot")
    if a.ndim != 1 or b.ndim != 1 or a.shape != b.shape:
        raise ShapeError(f"dot: needs two 1-d tensors of one length, got {format_shape(a.shape)} and "
                         f"{format_shape(b.shape)}")
    return matmul(a, b)


def mv(m: Any, v: Any) -> Tensor:
    """A matrix [n, m] times a vector [m].

    >>> from gradbook.engine import ones
    >>> mv(ones([2, 3]), ones([3])).numpy().tolist()
    [3.0, 3.0]
    """
    m, v = as_tensor(m, "mv"), as_tensor(v, "mv")
    if m.ndim != 2 or v.ndim != 1 or m.shape[1] != v.shape[0]:
        raise ShapeError(f"mv: needs a matrix [n, m] and a vector [m], got {format_shape(m.shape)} and "
                         f"{format_shape(v.shape)}")
    return matmul(m, v)


def bmm(a: Any, b: Any) -> Tensor:
    """Batched matrix products: [b, n, m] times [b, m, p] is [b, n, p] (no broadcasting, as torch.bmm).

    >>> from gradbook.engine import ones
    >>> bmm(ones([2, 1, 3]), ones([2, 3, 4])).shape
    (2, 1, 4)
    """
    a, b = as_tensor(a, "bmm"), as_tensor(b, "bmm")
    if a.ndim != 3 or b.ndim != 3 or a.shape[0] != b.shape[0] or a.shape[2] != b.shape[1]:
        raise ShapeError(f"bmm: needs [b, n, m] and [b, m, p], got {format_shape(a.shape)} and "
                         f"{format_shape(b.shape)}")
    return matmul(a, b)
