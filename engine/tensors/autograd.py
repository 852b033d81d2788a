"""Pure reverse-mode autograd: `make_independent`, `to_dependent`, `requires_grad` and `grad`.

`grad(out, inputs)` walks the recorded graph backward once, calling each primitive's vector-Jacobian
product (written with Tensor ops, see ops.py). Broadcasting is undone here, in one place: a gradient is
summed back to its input's shape. Nothing is mutated, so `grad` can be called any number of times.
"""
from __future__ import annotations

from heapq import heappop, heappush
from typing import Sequence

import numpy as np

from gradbook.engine.tensors.errors import AutogradError, DTypeError
from gradbook.engine.tensors.ops_base import apply, as_tensor
from gradbook.engine.tensors.primitives import add
from gradbook.engine.tensors.primitives_reduce import SUM, sum_leading
from gradbook.engine.tensors.primitives_shape import RESHAPE, to_dtype
from gradbook.engine.tensors.tensor import GradMode, IndependentTensor, Tensor, make


def make_independent(t: Tensor) -> IndependentTensor:
    """Hasktorch's `makeIndependent`: a fresh differentiable leaf with `t`'s values, cut from t's graph.

    >>> a = make_independent(ones([2, 2]))
    >>> requires_grad(to_dependent(a))
    True
    """
    t = as_tensor(t, "make_independent")
    if not t.dtype.is_floating:
        raise DTypeError(
            f"make_independent: only floating tensors can be differentiated (allowed dtypes: Float, Double), "
            f"got {t.dtype.name}; convert with to_dtype(t, Float) first"
        )
    # Detached, sharing the (never written) values: as good as a copy, since tensors are immutable.
    leaf = make(t._data, requires_grad=True)  # (make gives it its creation number)
    leaf.is_leaf_independent = True
    return IndependentTensor(leaf)


def to_dependent(it: IndependentTensor) -> Tensor:
    """Hasktorch's `toDependent`: the tensor inside an IndependentTensor, to compute with.

    >>> to_dependent(make_independent(ones([2]))).shape
    (2,)
    """
    if not isinstance(it, IndependentTensor):
        raise AutogradError("to_dependent: expected an IndependentTensor (from make_independent)")
    return it.tensor


def requires_grad(t: Tensor | IndependentTensor) -> bool:
    """Whether `t` takes part in differentiation (it depends on some make_independent tensor).

    >>> requires_grad(ones([2])), requires_grad(to_dependent(make_independent(ones([2]))))
    (False, True)
    """
    if isinstance(t, IndependentTensor):
        return True
    return bool(getattr(t, "requires_grad", False))


def sum_to_shape(g: Tensor, shape: tuple[int, ...]) -> Tensor:
    """Undo broadcasting: sum `g` over the dims that broadcasting added or stretched, to `shape`."""
    gshape = g._data.shape
    if gshape == shape:
        return g
    lead = len(gshape) - len(shape)
    stretched = tuple(i + lead for i, s in enumerate(shape) if s == 1 and gshape[i + lead] != 1) if 1 in shape else ()
    if not stretched:  # only added leading dims (a bias row): one sum gives the shape
        return sum_leading(g, lead)
    dims = tuple(range(lead)) + stretched
    summed = apply(SUM, (g,), dims=dims, keepdim=True)
    return apply(RESHAPE, (summed,), shape=shape) if summed._data.shape != shape else summed


_SEEDS: dict = {}


def _seed(out: Tensor) -> Tensor:
    """d out / d out: ones of out's (single-element) shape; shared, since tensors are immutable."""
    key = (out._data.shape, out._data.dtype)
    seed = _SEEDS.get(key)
    if seed is None:
        seed = _SEEDS[key] = make(np.ones(key[0], key[1]))
    return seed


def _checked(out, inputs) -> tuple[Tensor, list]:
    """`grad`'s arguments checked one by one, raising the error that says what to do instead."""
    if isinstance(out, IndependentTensor):
        out = out.tensor
    if not isinstance(out, Tensor):
        raise AutogradError("grad: the first argument must be a tensor computed from independent tensors")
    if not out.requires_grad:
        raise AutogradError(
            "grad: the output does not require grad: it does not depend on any independent tensor. "
            "Create inputs with make_independent and compute the output from to_dependent of them"
        )
    if out.numel != 1:
        shape = "[" + ",".join(map(str, out.shape)) + "]"
        raise AutogradError(
            f"grad: the output must hold a single element, but it has shape {shape}; "
            "reduce it first, e.g. with sum_all or mean"
        )
    if isinstance(inputs, (IndependentTensor, Tensor)) or not hasattr(inputs, "__iter__"):
        raise AutogradError("grad: the second argument must be a list of independent tensors, e.g. [a]")
    inputs = list(inputs)
    for i, it in enumerate(inputs):
        if not isinstance(it, IndependentTensor):
            hint = (
                " (it is the toDependent tensor of an IndependentTensor: pass the IndependentTensor from "
                "make_independent, not its toDependent tensor)"
                if isinstance(it, Tensor) and it.is_leaf_independent
                else " (pass the IndependentTensor from make_independent, not its toDependent tensor or "
                "another tensor)"
            )
            raise AutogradError(f"grad: input {i} is not an IndependentTensor{hint}")
    return out, inputs


def grad(out: Tensor, inputs: Sequence[IndependentTensor], create_graph: bool = False) -> list[Tensor]:
    """Hasktorch's `grad`: d out / d input for each IndependentTensor in `inputs`, as a new list.

    `out` must hold a single element and depend on some independent tensor. An input `out` does not
    depend on gets zeros. With `create_graph=True` the gradients are themselves differentiable.

    >>> a = make_independent(ones([2, 2]))
    >>> b = to_dependent(a) + 2
    >>> grad(mean(b * b * 3), [a])[0].numpy().tolist()
    [[4.5, 4.5], [4.5, 4.5]]
    """
    if type(out) is not Tensor or not out.requires_grad or out._data.size != 1 or type(inputs) is not list:
        out, inputs = _checked(out, inputs)
    for it in inputs:
        if type(it) is not IndependentTensor:
            _checked(out, inputs)

    saved = GradMode.record
    GradMode.record = bool(create_graph)
    try:
        leaves = _walk(out, None)
        result = []
        for it in inputs:
            g = leaves.get(it.tensor)
            result.append(make(np.zeros(it.tensor._data.shape, it.tensor._data.dtype)) if g is None else g)
        return result
    finally:
        GradMode.record = saved


def _walk(out: Tensor, trace: list | None) -> dict[Tensor, Tensor]:
    """The backward pass from `out`: every leaf's gradient. With a `trace` list, also appends one
    `(node, gradient, [(input position, input, its contribution), ...])` per node walked, in the walk's
    order (what `:graph ... wrt` and `:backprop` show); the arithmetic is the same either way."""
    # Walk the graph from `out` in decreasing creation order (a max-heap on `_seq`): a tensor is
    # always created after its inputs, so when it is popped every use of it has been visited and
    # its gradient is complete.
    # (dicts keyed by the tensors themselves: Tensors hash by identity)
    pending: dict[Tensor, Tensor] = {out: _seed(out)}
    leaves: dict[Tensor, Tensor] = {}
    heap = [(-out._seq, out)]
    while heap:
        node = heappop(heap)[1]
        g = pending.pop(node)  # (complete: every consumer of `node` came later, so came first)
        if node.is_leaf_independent or node._prim is None:
            # (only `out` itself can be an independent leaf here; a tensor made by `setRequiresGrad True`
            # is a leaf with no inputs: its gradient stops there, as PyTorch's does for one not asked for)
            leaves[node] = g
            continue
        xs = node.inputs
        params = node._params
        in_grads = node._prim.vjp(g, node, *xs, **params) if params else node._prim.vjp(g, node, *xs)
        sent = None
        if trace is not None:
            sent = []
            trace.append((node, g, sent))
        for position, (x, gx) in enumerate(zip(xs, in_grads)):
            if gx is None or not x.requires_grad:
                continue
            xd = x._data
            if gx._data.shape != xd.shape:
                gx = sum_to_shape(gx, xd.shape)
            if gx.dtype is not x.dtype:
                gx = to_dtype(gx, x.dtype)
            if sent is not None:
                sent.append((position, x, gx))
            if x.is_leaf_independent:  # a leaf is never walked through: its sum goes straight to the result
                prev = leaves.get(x)
                leaves[x] = gx if prev is None else add(prev, gx)
                continue
            prev = pending.get(x)
            if prev is None:
                pending[x] = gx
                heappush(heap, (-x._seq, x))
            else:
                pending[x] = add(prev, gx)
    return leaves


def backward_trace(out: Tensor) -> tuple[list, dict[Tensor, Tensor]]:
    """`grad`'s backward pass from a single-element `out`, recorded: the steps (see `_walk`) and each
    leaf's gradient, the very tensors `grad(out, ...)` returns (same walk, same sums in the same order)."""
    out, _ = _checked(out, [])
    trace: list = []
    saved = GradMode.record
    GradMode.record = False
    try:
        leaves = _walk(out, trace)
    finally:
        GradMode.record = saved
    return trace, leaves
