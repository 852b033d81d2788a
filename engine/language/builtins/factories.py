"""Factory builtins from Hasktorch's Torch.TensorFactories (the primed, default-options versions: Float
tensors) and Torch.Random's `manualSeed`. The random ones are IO actions, as in Hasktorch."""
from __future__ import annotations

from typing import Any

import gradbook.engine as E
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table, engine_action
from gradbook.engine.tensors.dtypes import Float
from gradbook.engine.tensors.errors import InvalidValueError
from gradbook.engine.language.values import UNIT, IOAction

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
    return E.eye(_size("eye'", rows, 1), _size("eye'", cols, 2), Float)


@TABLE.fn("eyeSquare'", "Int -> Tensor", "The n x n Float identity matrix.", "eyeSquare' 3", "torch.eye(3)")
def eye_square(n: Any) -> Any:
    size = _size("eyeSquare'", n, 1)
    return E.eye(size, size, Float)


def _size(fn: str, value: Any, position: int) -> int:
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
    return E.linspace(args.number(fn, start, 1), args.number(fn, end, 2), _size(fn, steps, 3), Float)


@TABLE.fn("onesLike", "Tensor -> Tensor", "Ones with the shape and dtype of a tensor.", "onesLike (zeros' [2])",
          "torch.ones_like(t)")
def ones_like(t: Any) -> Any:
    return E.ones_like(args.tensor("onesLike", t))


@TABLE.fn("zerosLike", "Tensor -> Tensor", "Zeros with the shape and dtype of a tensor.", "zerosLike (ones' [2])",
          "torch.zeros_like(t)")
def zeros_like(t: Any) -> Any:
    return E.zeros_like(args.tensor("zerosLike", t))


@TABLE.fn("randIO'", "[Int] -> IO Tensor", "An action giving uniform random Floats in [0, 1).",
          "randIO' [2, 3]", "torch.rand(2, 3)")
def rand(shape: Any) -> IOAction:
    checked = args.shape("randIO'", shape, 1)
    return engine_action("randIO'", lambda: E.rand(checked, Float))


@TABLE.fn("randnIO'", "[Int] -> IO Tensor", "An action giving standard normal random Floats.",
          "randnIO' [3]", "torch.randn(3)")
def randn(shape: Any) -> IOAction:
    checked = args.shape("randnIO'", shape, 1)
    return engine_action("randnIO'", lambda: E.randn(checked, Float))


@TABLE.fn("randintIO'", "Int -> Int -> [Int] -> IO Tensor",
          "An action giving random whole numbers in [low, high), as a Float tensor (Hasktorch's default dtype).",
          "randintIO' 0 10 [4]", "torch.randint(0, 10, (4,), dtype=torch.float32)")
def randint(low: Any, high: Any, shape: Any) -> IOAction:
    fn = "randintIO'"
    lo, hi, checked = args.integer(fn, low, 1), args.integer(fn, high, 2), args.shape(fn, shape, 3)
    if hi <= lo:
        raise InvalidValueError(f"{fn}: needs low < high, got {lo} and {hi}")
    return engine_action(fn, lambda: E.to_dtype(E.randint(lo, hi, checked), Float))


@TABLE.fn("manualSeed", "Int -> IO ()", "An action that seeds the random generator, for reproducible lessons.",
          "manualSeed 42", "torch.manual_seed(42)")
def manual_seed(seed: Any) -> IOAction:
    value = args.integer("manualSeed", seed, 1)

    def run() -> tuple:
        E.manual_seed(value)
        return UNIT

    return IOAction("manualSeed", run)
