"""Factory builtins from Hasktorch's Torch.TensorFactories (the primed, default-options versions: Float
tensors); the random ones and the option-taking factories live in generators.py and options.py."""
from __future__ import annotations

from typing import Any

import gradbook.engine as E
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.tensors.dtypes import Float
from gradbook.engine.tensors.errors import InvalidValueError

TABLE = Table()


@TABLE.fn("ones'", "[Int] -> Tensor", "A Float tensor of ones with the given shape.", "ones' [2, 2]",
          "torch.ones(2, 2)")
def ones(shape: Any) -> Any:
    return E.ones(args.shape("ones'", shape, 1), Float)


@TABLE.fn("zeros'", "[Int] -> Tensor", "A Float tensor of zeros with the given shape.", "zeros' [3, 4]",
          "torch.zeros(3, 4)")
def zeros(shape: Any) -> Any:
    return E.zeros(args.shape("zeros'", shape, 1), Float)


@TABLE.fn("full'", "Scalar a => [Int] -> a -> Tensor", "A Float tensor of the given shape filled with one value.",
          "full' [2, 3] 7", "torch.full((2, 3), 7.0)")
def full(shape: Any, value: Any) -> Any:
    return E.full(args.shape("full'", shape, 1), args.number("full'", value, 2), Float)


@TABLE.fn("eye'", "Int -> Int -> Tensor", "A Float matrix (rows, columns) with ones on the diagonal.",
          "eye' 2 3", "torch.eye(2, 3)")
def eye(rows: Any, cols: Any) -> Any:
    return E.eye(size_arg("eye'", rows, 1), size_arg("eye'", cols, 2), Float)


@TABLE.fn("eyeSquare'", "Int -> Tensor", "The n x n Float identity matrix.", "eyeSquare' 3", "torch.eye(3)")
def eye_square(n: Any) -> Any:
    size = size_arg("eyeSquare'", n, 1)
    return E.eye(size, size, Float)


def size_arg(fn: str, value: Any, position: int) -> int:
    n = args.integer(fn, value, position, "a size (an Int >= 0)")
    if n < 0:
        raise InvalidValueError(f"{fn}: sizes must be non-negative, got {n}")
    return n


@TABLE.fn("arange'", "Int -> Int -> Int -> Tensor", "start, start+step, ... below end, as a Float tensor.",
          "arange' 0 10 2", "torch.arange(0, 10, 2, dtype=torch.float32)")
def arange(start: Any, end: Any, step: Any) -> Any:
    fn = "arange'"
    return E.arange(args.number(fn, start, 1), args.number(fn, end, 2), args.number(fn, step, 3), Float)


@TABLE.fn("linspace'", "(Scalar a, Scalar b) => a -> b -> Int -> Tensor",
          "`steps` evenly spaced Float values from start to end, both included.", "linspace' 0 1 5",
          "torch.linspace(0, 1, 5)")
def linspace(start: Any, end: Any, steps: Any) -> Any:
    fn = "linspace'"
    return E.linspace(args.number(fn, start, 1), args.number(fn, end, 2), size_arg(fn, steps, 3), Float)


@TABLE.fn("onesLike", "Tensor -> Tensor", "Ones with the shape and dtype of a tensor.", "onesLike (zeros' [2])",
          "torch.ones_like(t)")
def ones_like(t: Any) -> Any:
    return E.ones_like(args.tensor("onesLike", t))


@TABLE.fn("zerosLike", "Tensor -> Tensor", "Zeros with the shape and dtype of a tensor.", "zerosLike (ones' [2])",
          "torch.zeros_like(t)")
def zeros_like(t: Any) -> Any:
    return E.zeros_like(args.tensor("zerosLike", t))
