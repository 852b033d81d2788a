"""Hasktorch's Torch.Initializers and the numbers of Torch.NN's layers: Kaiming and Xavier initialisation
computed as Hasktorch computes them (Float scalars, `randIO'`/`randnIO'` from the global generator, then
`subScalar bound (mulScalar (bound * 2) init)`), the Linear layer's initial weight and bias, and its
forward `x W^T + b`."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from gradbook.engine.tensors import random as R
from gradbook.engine.tensors.errors import InvalidValueError
from gradbook.engine.tensors.primitives import add, mul, sub
from gradbook.engine.tensors.primitives_shape import matmul, transpose
from gradbook.engine.tensors.tensor import Tensor, make

F32 = np.float32


def calculate_gain(nonlinearity: str, param: float | None = None) -> np.float32:
    """Hasktorch's calculateGain: Identity/Sigmoid 1, Tanh 5/3, Relu sqrt 2, LeakyRelu p
    sqrt (2 / (1 + p^^2)), all in Float."""
    if nonlinearity in ("Identity", "Sigmoid"):
        return F32(1.0)
    if nonlinearity == "Tanh":
        return F32(F32(5.0) / F32(3))
    if nonlinearity == "Relu":
        return F32(np.sqrt(F32(2.0)))
    if nonlinearity == "LeakyRelu":
        p = F32(param)
        return F32(np.sqrt(F32(F32(2.0) / F32(F32(1.0) + F32(p * p)))))
    raise InvalidValueError(f"calculateGain: unknown nonlinearity {nonlinearity}")


def calculate_fan(shape: Sequence[int]) -> tuple[int, int]:
    """(fan in, fan out): (shape !! 1, shape !! 0) for a matrix; with a receptive field, Hasktorch's
    `numInputFmaps * product (tail shape)` and `numOutputFmaps * product (tail shape)`."""
    if len(shape) < 2:
        raise InvalidValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
    if len(shape) == 2:
        return shape[1], shape[0]
    field = int(np.prod(shape[1:]))
    return shape[1] * field, shape[0] * field


def _uniform_in_bound(shape: Sequence[int], bound: np.float32, gen: R.Generator | None) -> Tensor:
    """subScalar bound (mulScalar (bound * 2) init) for init <- randIO' shape."""
    gen = R.global_generator() if gen is None else gen
    init = make(R.uniform_array(gen, list(shape), np.float32), None)
    return sub(mul(init, F32(bound * F32(2.0))), bound)


def kaiming_uniform(shape: Sequence[int], fan_in: bool = True, nonlinearity: str = "LeakyRelu",
                    param: float | None = 0.0, gen: R.Generator | None = None) -> Tensor:
    """kaimingUniform mode nonlinearity shape: bound = sqrt 3 * gain / sqrt fan."""
    fan = F32(calculate_fan(shape)[0 if fan_in else 1])
    std = F32(calculate_gain(nonlinearity, param) / F32(np.sqrt(fan)))
    return _uniform_in_bound(shape, F32(F32(np.sqrt(F32(3.0))) * std), gen)


def kaiming_normal(shape: Sequence[int], fan_in: bool = True, nonlinearity: str = "LeakyRelu",
                   param: float | None = 0.0, gen: R.Generator | None = None) -> Tensor:
    """kaimingNormal: mulScalar (gain / sqrt fan) (randnIO' shape)."""
    fan = F32(calculate_fan(shape)[0 if fan_in else 1])
    std = F32(calculate_gain(nonlinearity, param) / F32(np.sqrt(fan)))
    gen = R.global_generator() if gen is None else gen
    return mul(make(R.normal_array(gen, list(shape), np.float32), None), std)


def _xavier_std(shape: Sequence[int], gain: float) -> np.float32:
    fan_in, fan_out = calculate_fan(shape)
    return F32(F32(gain) * F32(np.sqrt(F32(F32(2.0) / F32(F32(fan_in) + F32(fan_out))))))


def xavier_uniform(shape: Sequence[int], gain: float = 1.0, gen: R.Generator | None = None) -> Tensor:
    """xavierUniform gain shape: bound = sqrt 3 * gain * sqrt (2 / (fan in + fan out))."""
    return _uniform_in_bound(shape, F32(F32(np.sqrt(F32(3.0))) * _xavier_std(shape, gain)), gen)


def xavier_normal(shape: Sequence[int], gain: float = 1.0, gen: R.Generator | None = None) -> Tensor:
    gen = R.global_generator() if gen is None else gen
    return mul(make(R.normal_array(gen, list(shape), np.float32), None), _xavier_std(shape, gain))


def linear_init(in_features: int, out_features: int, gen: R.Generator | None = None) -> tuple[Tensor, Tensor]:
    """Hasktorch's `sample (LinearSpec in out)`: the weight [out, in] by kaimingUniform FanIn
    (LeakyRelu (sqrt 5)), then the bias [out] uniform in +-1/sqrt in, both drawn in that order."""
    if in_features <= 0 or out_features < 0:
        raise InvalidValueError(f"LinearSpec: needs in_features >= 1 and out_features >= 0, got {in_features} "
                                f"and {out_features}")
    weight = kaiming_uniform([out_features, in_features], True, "LeakyRelu", float(np.sqrt(F32(5.0))), gen)
    bound = F32(F32(1.0) / F32(np.sqrt(F32(in_features))))
    return weight, _uniform_in_bound([out_features], bound, gen)


def linear(x: Tensor, weight: Tensor, bias: Tensor) -> Tensor:
    """x W^T + b (libtorch's linear)."""
    return add(matmul(x, transpose(weight, 0, 1)), bias)
