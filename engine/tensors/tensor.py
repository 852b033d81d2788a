"""The immutable `Tensor` and the `IndependentTensor` wrapper that marks where differentiation starts.

A Tensor holds a NumPy array that nothing writes to once wrapped (`numpy()` hands out read-only views)
and the name of the op that made it; when it takes part in a graph, also that primitive, its input
Tensors and parameters and a creation number (what the backward walker in `autograd.py` needs).
"""
from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from gradbook.engine.tensors.dtypes import DType, _BY_NP, dtype_of_numpy
from gradbook.engine.tensors.errors import InvalidValueError
from gradbook.engine.tensors.memory import TRACK_MIN as _TRACK_MIN
from gradbook.engine.tensors.memory import track as _track


class GradMode:
    """Whether ops record a graph. `grad` switches recording off while it walks backward (unless
    `create_graph=True`), so plain gradients cost only their kernels."""

    record = True


class Tensor:
    """An immutable n-dimensional array of one dtype. Build one with `tensor(...)`, `ones(...)`, ...

    >>> t = tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> t.shape, t.dtype.name, (t * 2 + 1).numpy().tolist()
    ((2, 2), 'Float', [[3.0, 5.0], [7.0, 9.0]])
    """

    __slots__ = ("_data", "dtype", "requires_grad", "grad_fn", "inputs", "_prim", "_params",
                 "is_leaf_independent", "_seq", "__weakref__")

    def __init__(self, data: Any, dtype: DType | None = None) -> None:
        from gradbook.engine.tensors.factories import tensor as _tensor

        made = _tensor(data, dtype)
        _init(self, made._data, made.dtype, None, None, (), None, False, False)

    # ---- properties -------------------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, ...]:
        return self._data.shape

    @property
    def ndim(self) -> int:
        return self._data.ndim

    @property
    def numel(self) -> int:
        return self._data.size

    def numpy(self) -> np.ndarray:
        """The values as a read-only NumPy array (a view; copy it to modify)."""
        view = self._data.view()
        view.flags.writeable = False
        return view

    def item(self) -> bool | int | float:
        """The single value of a one-element tensor as a Python scalar."""
        if self._data.size != 1:
            raise InvalidValueError(
                f"item: only a one-element tensor has a single value, this one has shape "
                f"[{','.join(map(str, self.shape))}]"
            )
        return self._data.reshape(()).item()

    def __repr__(self) -> str:
        body = np.array2string(self._data, separator=", ", precision=4)
        extra = f", grad_fn={self.grad_fn}" if self.grad_fn is not None and self.requires_grad else ""
        extra += ", requires_grad=True" if self.requires_grad else ""
        return f"tensor({body}, dtype={self.dtype.name}{extra})"

    def __len__(self) -> int:
        if self._data.ndim == 0:
            raise InvalidValueError("len: a 0-d tensor has no length")
        return self._data.shape[0]

    def __array__(self, dtype=None, copy=None):
        return np.array(self._data, dtype=dtype, copy=True)

    # ---- operators (the functions live in ops.py, which also installs the forward ones directly) ----
    def __add__(self, other): return _ops.add(self, other)
    def __radd__(self, other): return _ops.add(other, self)
    def __sub__(self, other): return _ops.sub(self, other)
    def __rsub__(self, other): return _ops.sub(other, self)
    def __mul__(self, other): return _ops.mul(self, other)
    def __rmul__(self, other): return _ops.mul(other, self)
    def __truediv__(self, other): return _ops.div(self, other)
    def __rtruediv__(self, other): return _ops.div(other, self)
    def __pow__(self, other): return _ops.pow(self, other)
    def __rpow__(self, other): return _ops.pow(other, self)
    def __matmul__(self, other): return _ops.matmul(self, other)
    def __rmatmul__(self, other): return _ops.matmul(other, self)
    def __neg__(self): return _ops.neg(self)
    def __pos__(self): return self
    def __abs__(self): return _ops.abs(self)

    # Tensors stay hashable by identity: comparisons are the functions eq, gt, ... (no __eq__ here).


def _init(t: Tensor, data: np.ndarray, dtype: DType, grad_fn, prim, inputs, params,
          requires_grad: bool, leaf: bool) -> None:
    t._data = data
    t.dtype = dtype
    t.grad_fn = grad_fn
    t._prim = prim
    t.inputs = inputs
    t._params = params
    t.requires_grad = requires_grad
    t.is_leaf_independent = leaf


_new = object.__new__


def make(data: np.ndarray, grad_fn: str | None = None, prim=None, inputs: tuple = (), params=None,
         requires_grad: bool = False) -> Tensor:
    """Wrap a NumPy array as a Tensor, without copying: the caller hands over an array nobody else
    writes to (kernel outputs, fresh copies). The engine's one constructor."""
    if data.nbytes >= _TRACK_MIN:
        _track(data)  # counted against the memory budget while it lives (memory.py)
    t = _new(Tensor)
    t._data = data
    dt = _BY_NP.get(data.dtype)
    t.dtype = dt if dt is not None else dtype_of_numpy(data.dtype)
    t.grad_fn = grad_fn
    t._prim = prim
    t.inputs = inputs
    t._params = params
    t.requires_grad = requires_grad
    t.is_leaf_independent = False
    if requires_grad:
        t._seq = _next_seq()  # creation order: a graph tensor always comes after its inputs
    return t


_next_seq = itertools.count().__next__


class IndependentTensor:
    """Hasktorch's `IndependentTensor`: a tensor `grad` can differentiate with respect to.

    >>> a = make_independent(ones([2, 2]))
    >>> requires_grad(to_dependent(a)), a.shape
    (True, (2, 2))
    """

    __slots__ = ("tensor",)

    def __init__(self, tensor: Tensor) -> None:
        self.tensor = tensor

    @property
    def shape(self) -> tuple[int, ...]:
        return self.tensor.shape

    @property
    def dtype(self) -> DType:
        return self.tensor.dtype

    def __repr__(self) -> str:
        return f"IndependentTensor({self.tensor!r})"


_ops: Any = None  # the op functions behind the operators; ops.py installs them (importing it here: a cycle)
