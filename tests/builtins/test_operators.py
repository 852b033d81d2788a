"""Operators on numbers (Haskell's semantics: `/` is fractional, `^` wants an Int exponent, IEEE
division by zero), on tensors mixed with numbers (Hasktorch's Num instance), equality and order."""
from __future__ import annotations

import math

import numpy as np
import pytest
from gb_builtin_helpers import call, floats, op, values

from gradbook.engine import Double, Float, Int64
from gradbook.engine.tensors.errors import ArgumentError, InvalidValueError


def test_number_arithmetic_keeps_haskell_types() -> None:
    assert op("+", 1, 2) == 3 and type(op("+", 1, 2)) is int
    assert op("*", 1.5, 2) == 3.0
    assert op("-", np.float32(1), 0.5) == 0.5 and type(op("-", np.float32(1), 0.5)) is np.float32
    assert op("/", 7, 2) == 3.5
    assert op("negate", 3) == -3


def test_division_by_zero_is_ieee() -> None:
    assert op("/", 1, 0) == math.inf
    assert op("/", -1, 0) == -math.inf
    assert math.isnan(op("/", 0, 0))
    assert op("/", np.float32(1), np.float32(0)) == np.inf


def test_powers() -> None:
    assert op("^", 2, 10) == 1024
    assert op("^", 1.5, 2) == 2.25
    assert op("^^", 2, -1) == 0.5
    assert op("**", 2, 0.5) == pytest.approx(math.sqrt(2))
    assert math.isnan(op("**", -8.0, 1 / 3))
    with pytest.raises(InvalidValueError, match="negative exponent"):
        op("^", 2, -1)
    with pytest.raises(ArgumentError, match="needs an Int exponent"):
        op("^", 2, 0.5)
    with pytest.raises(InvalidValueError, match="bits"):
        op("^", 10, 10**9)


def test_tensors_mix_with_numbers_as_in_hasktorch() -> None:
    a = call("ones'", [2, 2])
    b = op("+", a, 2)
    assert b.dtype is Float and values(b) == [[3.0, 3.0], [3.0, 3.0]]
    assert values(op("*", 3, floats([1, 2]))) == [3.0, 6.0]
    assert values(op("/", floats([1, 2]), 2)) == [0.5, 1.0]
    assert values(op("-", 1, floats([1, 2]))) == [0.0, -1.0]
    assert values(op("^", floats([2, 3]), 2)) == [4.0, 9.0]
    assert values(op("**", floats([4]), 0.5)) == [2.0]
    assert values(op("negate", floats([1, -2]))) == [-1.0, 2.0]
    assert op("+", call("asTensor", [1, 2]), 1).dtype is Int64
    assert op("+", call("asTensor", [1.0]), 1).dtype is Double


def test_arithmetic_type_errors() -> None:
    with pytest.raises(ArgumentError, match=r"`\+` works on numbers or tensors; got True"):
        op("+", True, 1)
    with pytest.raises(ArgumentError, match="`\\+\\+` joins lists"):
        op("+", [1], [2])
    a = call("makeIndependent", call("ones'", [1])).run()
    with pytest.raises(ArgumentError, match="toDependent a"):
        op("*", a, 2)
    with pytest.raises(ArgumentError, match="run it first"):
        op("+", call("randIO'", [1]), 1)


def test_equality() -> None:
    assert op("==", 1, 1.0) is True
    assert op("/=", 1, 2) is True
    assert op("==", [1, [2]], [1, [2]]) is True
    assert op("==", (1, "a"), (1, "b")) is False
    assert op("==", floats([1, 2]), floats([1, 2])) is True  # Hasktorch's Eq Tensor: all (eq a b)
    assert op("==", floats([1, 2]), floats([1, 3])) is False
    with pytest.raises(ArgumentError, match="same type"):
        op("==", 1, "1")
    with pytest.raises(ArgumentError, match="cannot compare functions"):
        op("==", call("ones'"), 1)


def test_ordering() -> None:
    assert op("<", 1, 2) is True and op(">=", 2.5, 2) is True
    assert op("<", "ab", "b") is True
    assert op("<", [1, 2], [1, 3]) is True
    assert op(">", True, False) is True
    with pytest.raises(ArgumentError, match="use `lt a b`"):
        op("<", floats([1]), floats([2]))
    with pytest.raises(ArgumentError, match="same type"):
        op("<", 1, "a")


def test_append_and_index() -> None:
    assert op("++", [1], [2, 3]) == [1, 2, 3]
    assert op("++", "ab", "c") == "abc"
    assert op("!!", [5, 6, 7], 2) == 7
    with pytest.raises(InvalidValueError, match="too large"):
        op("!!", [1], 1)
    with pytest.raises(InvalidValueError, match="negative index"):
        op("!!", [1], -1)
    with pytest.raises(ArgumentError, match="two lists or two strings"):
        op("++", [1], "a")


def test_operators_are_curried_functions() -> None:
    from gradbook.engine.language.builtins import OPERATORS

    add_two = OPERATORS["+"].apply(2)
    assert add_two.apply(3) == 5
    assert call("map", add_two, [1, 2]) == [3, 4]


def test_ints_too_big_for_a_double() -> None:
    huge = 10**5000
    assert math.isnan(op("*", huge, 0.0))  # fromInteger gives Infinity, times 0 is NaN
    assert op("+", huge, 1.5) == math.inf
    assert op("==", huge, np.float32(0)) is False
    assert op("<", np.float32(1), huge) is True
    assert op("^", 2.5, huge) == math.inf
    assert op("^", -2.0, huge + 1) == -math.inf  # an odd exponent keeps the sign
    with pytest.raises(ArgumentError, match="does not fit in an Int"):
        call("ones'", [huge])
