"""Torch.Functional builtins with Hasktorch's argument order: scalar/exponent first, `Dim`/`KeepDim`
before the tensor, targets before inputs in the losses; `all`/`any` give Bools."""
from __future__ import annotations

import math

import numpy as np
import pytest
from gb_builtin_helpers import call, floats, values

from gradbook.engine import Bool, Double, Float, Int64
from gradbook.engine.tensors.errors import ArgumentError, DTypeError, GradbookError, InvalidValueError, ShapeError
from gradbook.engine.language.values import Dim, KeepDim

KEEP, REMOVE = KeepDim.KEEP, KeepDim.REMOVE
M = [[1.0, 2.0], [3.0, 4.0]]


def close(t: object, expected: object) -> bool:
    return np.allclose(t.numpy(), np.array(expected), rtol=1e-5, atol=1e-6)


# ------------------------------------------------------------------------------ element-wise
@pytest.mark.parametrize(
    "name,expected",
    [("add", [4.0, 6.0]), ("sub", [-2.0, -2.0]), ("mul", [3.0, 8.0]), ("div", [1 / 3, 0.5]), ("powt", [1.0, 16.0])],
)
def test_binary(name: str, expected: list) -> None:
    assert close(call(name, floats([1, 2]), floats([3, 4])), expected)


def test_binary_accepts_numbers_as_weak_scalars() -> None:
    t = call("add", floats([1, 2]), 2)
    assert t.dtype is Float and values(t) == [3.0, 4.0]


def test_matmul() -> None:
    assert values(call("matmul", floats(M), floats([[1], [1]]))) == [[3.0], [7.0]]
    with pytest.raises(ShapeError, match=r"matmul: cannot multiply \[2,2\] by \[3,1\]"):
        call("matmul", floats(M), floats([[1], [1], [1]]))


def test_pow_takes_the_exponent_first() -> None:
    assert values(call("pow", 2, floats([1, 2, 3]))) == [1.0, 4.0, 9.0]
    with pytest.raises(ArgumentError, match="pow expects a number as its first argument"):
        call("pow", floats([1]), 2)


@pytest.mark.parametrize(
    "name,expected", [("addScalar", [3.0, 4.0]), ("subScalar", [-1.0, 0.0]), ("mulScalar", [2.0, 4.0]),
                      ("divScalar", [0.5, 1.0])],
)
def test_scalar_ops_take_the_scalar_first(name: str, expected: list) -> None:
    assert values(call(name, 2, floats([1, 2]))) == expected


@pytest.mark.parametrize(
    "name,fn",
    [
        ("relu", lambda x: max(x, 0.0)),
        ("sigmoid", lambda x: 1 / (1 + math.exp(-x))),
        ("tanh", math.tanh),
        ("exp", math.exp),
        ("abs", abs),
        ("sin", math.sin),
        ("cos", math.cos),
        ("gelu", lambda x: 0.5 * x * (1 + math.erf(x / math.sqrt(2)))),
    ],
)
def test_unary(name: str, fn: object) -> None:
    xs = [-1.5, -0.25, 0.0, 0.5, 2.0]
    got = call(name, floats(xs)).numpy()
    assert np.allclose(got, [fn(x) for x in xs], rtol=1e-5, atol=1e-6)


def test_log_and_sqrt() -> None:
    assert close(call("log", floats([1, math.e])), [0.0, 1.0])
    assert values(call("sqrt", floats([4, 9]))) == [2.0, 3.0]


def test_unary_of_a_number_is_preludes_number_and_of_a_tensor_torchs() -> None:
    assert call("exp", 0.0) == 1.0 and type(call("exp", 0.0)) is float  # Prelude's exp, as a program sees it
    t = call("exp", call("asTensor", np.float32(0.0)))
    assert t.dtype is Float and t.shape == () and values(t) == 1.0


def test_clamp_min_max_input() -> None:
    assert values(call("clamp", 0, 1, floats([-2, 0.5, 3]))) == [0.0, 0.5, 1.0]


@pytest.mark.parametrize(
    "name,expected",
    [("gt", [0, 1, 1]), ("lt", [1, 0, 0]), ("ge", [0, 1, 1]), ("le", [1, 0, 0]), ("eq", [0, 0, 0]), ("ne", [1, 1, 1])],
)
def test_comparisons_give_bool_tensors(name: str, expected: list) -> None:
    t = call(name, floats([1, 5, 3]), floats([2, 2, 2]))
    assert t.dtype is Bool and values(t) == [bool(v) for v in expected]


def test_wrong_argument_kinds_say_what_was_expected() -> None:
    with pytest.raises(ArgumentError, match=r"relu expects a Tensor as its first argument; got \[1,2\] .*asTensor"):
        call("relu", [1, 2])
    with pytest.raises(ArgumentError, match="toDependent a"):
        a = call("makeIndependent", call("ones'", [1])).run()
        call("relu", a)
    with pytest.raises(ArgumentError, match="run it first"):
        call("relu", call("randIO'", [2]))


# ------------------------------------------------------------------------------ reductions
def test_whole_tensor_reductions() -> None:
    m = floats(M)
    assert values(call("sumAll", m)) == 10.0
    assert values(call("mean", m)) == 2.5
    assert values(call("max", m)) == 4.0
    assert values(call("min", m)) == 1.0
    assert close(call("var", m), np.var(M, ddof=1))
    assert close(call("std", m), np.std(M, ddof=1))


def test_sum_dim_dim_keepdim_dtype_input() -> None:
    t = call("sumDim", Dim(0), REMOVE, Float, floats(M))
    assert values(t) == [4.0, 6.0]
    kept = call("sumDim", Dim(1), KEEP, Double, floats(M))
    assert kept.shape == (2, 1) and kept.dtype is Double and values(kept) == [[3.0], [7.0]]
    ints = call("sumDim", Dim(0), REMOVE, Int64, call("asTensor", [[1, 2], [3, 4]]))
    assert ints.dtype is Int64 and values(ints) == [4, 6]


def test_mean_dim() -> None:
    assert values(call("meanDim", Dim(1), KEEP, Float, floats(M))) == [[1.5], [3.5]]
    with pytest.raises(DTypeError, match="meanDim"):
        call("meanDim", Dim(0), KEEP, Int64, floats(M))


def test_argmax_dim_keepdim_input() -> None:
    t = call("argmax", Dim(1), REMOVE, floats([[1, 5], [7, 2]]))
    assert t.dtype is Int64 and values(t) == [1, 0]
    assert call("argmax", Dim(1), KEEP, floats([[1, 5], [7, 2]])).shape == (2, 1)


def test_dim_errors_use_the_builtin_name() -> None:
    with pytest.raises(InvalidValueError, match="^sumDim: "):
        call("sumDim", Dim(5), KEEP, Float, floats(M))
    with pytest.raises(ArgumentError, match="sumDim expects `KeepDim` or `RemoveDim` as its second argument"):
        call("sumDim", Dim(0), True, Float, floats(M))


def test_all_and_any_give_haskell_bools() -> None:
    yes = call("gt", floats([3, 4]), floats([1, 2]))
    assert call("all", yes) is True
    assert call("any", call("gt", floats([3, 0]), floats([1, 2]))) is True
    assert call("all", call("gt", floats([3, 0]), floats([1, 2]))) is False


def test_softmax_and_log_softmax() -> None:
    x = [1.0, 2.0, 3.0]
    expected = np.exp(x) / np.exp(x).sum()
    assert close(call("softmax", Dim(0), floats(x)), expected)
    assert close(call("logSoftmax", Dim(0), floats(x)), np.log(expected))


def test_losses_take_the_target_first() -> None:
    target, prediction = floats([1, 0]), floats([0.9, 0.2])
    assert close(call("mseLoss", target, prediction), ((0.1**2) + (0.2**2)) / 2)
    bce = -(math.log(0.9) + math.log(0.8)) / 2
    assert close(call("binaryCrossEntropyLoss'", target, prediction), bce)
    log_probs = call("logSoftmax", Dim(1), floats([[1, 2], [3, 1]]))
    classes = call("asTensor", [1, 0])
    expected = -(log_probs.numpy()[0, 1] + log_probs.numpy()[1, 0]) / 2
    assert close(call("nllLoss'", classes, log_probs), expected)


# ------------------------------------------------------------------------------ shapes
def test_transposes() -> None:
    m = floats([[1, 2, 3], [4, 5, 6]])
    assert call("transpose", Dim(0), Dim(1), m).shape == (3, 2)
    assert values(call("transpose2D", m)) == [[1, 4], [2, 5], [3, 6]]


def test_squeeze_flatten_unsqueeze() -> None:
    assert call("squeezeAll", call("ones'", [2, 1, 3])).shape == (2, 3)
    assert call("flattenAll", call("ones'", [2, 3])).shape == (6,)
    assert call("unsqueeze", Dim(0), call("ones'", [3])).shape == (1, 3)
    assert call("unsqueeze", Dim(-1), call("ones'", [3])).shape == (3, 1)


def test_cat_and_stack_take_the_dim_then_a_list() -> None:
    assert values(call("cat", Dim(0), [call("ones'", [2]), call("zeros'", [1])])) == [1.0, 1.0, 0.0]
    assert call("stack", Dim(1), [call("ones'", [2]), call("zeros'", [2])]).shape == (2, 2)
    with pytest.raises(InvalidValueError, match="cat: needs at least one tensor"):
        call("cat", Dim(0), [])
    with pytest.raises(ShapeError):
        call("stack", Dim(0), [call("ones'", [2]), call("zeros'", [3])])


def test_detach_gives_a_constant(independent: object) -> None:
    x = call("toDependent", independent)
    detached = call("detach", call("mulScalar", 2, x))
    assert not detached.requires_grad and values(detached) == [[2.0, 2.0], [2.0, 2.0]]
    assert call("requiresGrad", call("detach", x)) is False


def test_dtype_errors_suggest_a_conversion() -> None:
    with pytest.raises(DTypeError, match=r"^mean: .*Int64.*allowed dtypes: Float, Double; convert first, e\.g\. `toDType Float t`"):
        call("mean", call("asTensor", [1, 2]))


def test_errors_keep_the_engine_error_classes() -> None:
    with pytest.raises(GradbookError):
        call("add", floats([1, 2]), floats([1, 2, 3]))
