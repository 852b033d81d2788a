"""Shape builtins from Hasktorch's Torch.Functional: transposes, squeeze/unsqueeze/flatten, `cat` and
`stack` over a list, and `detach`."""
from __future__ import annotations

from typing import Any

from gradbook.engine.tensors import ops
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table

TABLE = Table()

_M = "(asTensor ([[1, 2, 3], [4, 5, 6]] :: [[Float]]))"


@TABLE.fn("transpose", "Dim -> Dim -> Tensor -> Tensor", "Swap two dimensions.", f"transpose (Dim 0) (Dim 1) {_M}",
          "torch.transpose(t, 0, 1)")
def transpose(d0: Any, d1: Any, t: Any) -> Any:
    fn = "transpose"
    first, second = args.dim(fn, d0, 1), args.dim(fn, d1, 2)
    return ops.transpose(args.tensor(fn, t, 3), first, second)


@TABLE.fn("transpose2D", "Tensor -> Tensor", "Swap the two dimensions of a matrix.", f"transpose2D {_M}", "t.T")
def transpose2d(t: Any) -> Any:
    return ops.transpose(args.tensor("transpose2D", t), 0, 1)


@TABLE.fn("squeezeAll", "Tensor -> Tensor", "Drop every dimension of size 1.", "squeezeAll (ones' [2, 1, 3])",
          "torch.squeeze(t)")
def squeeze_all(t: Any) -> Any:
    return ops.squeeze(args.tensor("squeezeAll", t))


@TABLE.fn("flattenAll", "Tensor -> Tensor", "All elements as a 1-d tensor.", f"flattenAll {_M}", "torch.flatten(t)")
def flatten_all(t: Any) -> Any:
    return ops.flatten(args.tensor("flattenAll", t))


@TABLE.fn("unsqueeze", "Dim -> Tensor -> Tensor", "Insert a dimension of size 1.", "unsqueeze (Dim 0) (ones' [3])",
          "torch.unsqueeze(t, 0)")
def unsqueeze(d: Any, t: Any) -> Any:
    dim_ = args.dim("unsqueeze", d, 1)
    return ops.unsqueeze(args.tensor("unsqueeze", t, 2), dim_)


def _non_empty(fn: str, value: Any) -> list:
    tensors = args.tensors(fn, value, 2)
    if not tensors:
        from gradbook.engine.tensors.errors import InvalidValueError

        raise InvalidValueError(f"{fn}: needs at least one tensor, got []")
    return tensors


@TABLE.fn("cat", "Dim -> [Tensor] -> Tensor", "Join tensors along an existing dimension.",
          "cat (Dim 0) [ones' [2], zeros' [3]]", "torch.cat([a, b], dim=0)")
def cat(d: Any, tensors: Any) -> Any:
    dim_ = args.dim("cat", d, 1)
    return ops.cat(_non_empty("cat", tensors), dim_)


@TABLE.fn("stack", "Dim -> [Tensor] -> Tensor", "Join same-shape tensors along a new dimension.",
          "stack (Dim 0) [ones' [2], zeros' [2]]", "torch.stack([a, b], dim=0)")
def stack(d: Any, tensors: Any) -> Any:
    dim_ = args.dim("stack", d, 1)
    return ops.stack(_non_empty("stack", tensors), dim_)


@TABLE.fn("detach", "Tensor -> Tensor",
          "The same values cut from the graph: a constant (pure here; Hasktorch's returns `IO Tensor`).",
          "requiresGrad (detach (x * 2))", "t.detach()")
def detach(t: Any) -> Any:
    return ops.detach(args.tensor("detach", t))
