"""Hasktorch functions beyond the issue's list (extras.py), with Hasktorch's argument order."""
from __future__ import annotations

import math

import numpy as np
import pytest
from gb_builtin_helpers import call, floats, values

from gradbook.engine import Int64
from gradbook.engine.tensors.errors import ArgumentError
from gradbook.engine.language.values import Dim, KeepDim

M = [[1.0, 5.0], [7.0, 2.0]]


def test_max_dim_and_min_dim_give_values_and_indices() -> None:
    maxima, where = call("maxDim", Dim(1), KeepDim.REMOVE, floats(M))
    assert values(maxima) == [5.0, 7.0] and values(where) == [1, 0] and where.dtype is Int64
    minima, where = call("minDim", Dim(0), KeepDim.KEEP, floats(M))
    assert values(minima) == [[1.0, 2.0]] and values(where) == [[0, 1]]


def test_squeeze_dim_permute_expand() -> None:
    assert call("squeezeDim", 1, call("ones'", [2, 1, 3])).shape == (2, 3)
    assert call("squeezeDim", 0, call("ones'", [2, 1, 3])).shape == (2, 1, 3)
    assert call("permute", [2, 0, 1], call("ones'", [2, 3, 4])).shape == (4, 2, 3)
    assert values(call("expand", floats([[1], [2]]), False, [2, 3])) == [[1, 1, 1], [2, 2, 2]]
    with pytest.raises(ArgumentError, match="permute expects a list of dimensions"):
        call("permute", 1, call("ones'", [2]))


def test_one_sided_clamps() -> None:
    assert values(call("clampMin", 0, floats([-1, 2]))) == [0.0, 2.0]
    assert values(call("clampMax", 1, floats([-1, 2]))) == [-1.0, 1.0]


def test_leaky_relu_takes_the_slope_first() -> None:
    assert np.allclose(values(call("leakyRelu", 0.1, floats([-2, 3]))), [-0.2, 3.0])


def test_log_sigmoid_is_stable() -> None:
    got = values(call("logSigmoid", call("asTensor", [-100.0, 0.0, 100.0])))
    assert np.allclose(got, [-100.0, -math.log(2), 0.0])


def test_log_sigmoid_gradient() -> None:
    a = call("makeIndependent", call("asTensor", [0.0, -50.0])).run()
    (g,) = call("grad", call("sumAll", call("logSigmoid", call("toDependent", a))), [a])
    assert np.allclose(values(g), [0.5, 1.0])  # d/dx log sigmoid x = 1 - sigmoid x


def test_sign() -> None:
    assert values(call("sign", floats([-2, 0, 3]))) == [-1.0, 0.0, 1.0]
