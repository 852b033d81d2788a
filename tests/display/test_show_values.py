"""`show`, `type_of` and `annotation` for the language's non-tensor values, as GHCi shows them."""
from __future__ import annotations

import numpy as np
import pytest

from gradbook.engine.language.display import annotation, show, type_of
from gradbook.engine.language.display import split_arrows
from gradbook.engine.language.values import BuiltinFunction, Dim, GradOptions, Int, IOAction, KeepDim


@pytest.mark.parametrize(
    "value,text",
    [
        (True, "True"),
        (False, "False"),
        (3, "3"),
        (-3, "-3"),
        (3.5, "3.5"),
        (0.01, "1.0e-2"),
        (np.float32(3.5), "3.5"),
        (np.float32(0.1), "0.1"),
        ("hi\n", '"hi\\n"'),
        ([], "[]"),
        ([1, 2, 3], "[1,2,3]"),
        ([-1.0, 2.0], "[-1.0,2.0]"),
        ([[1.0, 2.0], [3.0, 4.0]], "[[1.0,2.0],[3.0,4.0]]"),
        ((1, True), "(1,True)"),
        ((), "()"),
        ((-1, "a", [np.float32(0.5)]), '(-1,"a",[0.5])'),
        (["a", "b"], '["a","b"]'),
        (Dim(1), "Dim 1"),
        (Dim(-1), "Dim (-1)"),
        (KeepDim.KEEP, "KeepDim"),
        (KeepDim.REMOVE, "RemoveDim"),
        (
            GradOptions(True, True, False),
            "GradOptions {keepGraph = True, createGraph = True, accumulateGrad = False}",
        ),
        (np.int64(7), "7"),
        (np.float64(0.5), "0.5"),
        (np.bool_(True), "True"),
    ],
)
def test_show(value: object, text: str) -> None:
    assert show(value) == text


def test_functions_and_actions_have_readable_text() -> None:
    add = BuiltinFunction("myAdd", 2, lambda a, b: a + b)
    assert show(add) == "<function myAdd>"
    assert show(add.apply(1)) == "<function myAdd>"
    assert show(IOAction("randIO'", lambda: None)) == "<IO randIO'>"
    assert show([IOAction("x", lambda: None)]) == "[<IO x>]"


@pytest.mark.parametrize(
    "value,text",
    [
        (True, "Bool"),
        (1, "Integer"),
        (Int(1), "Int"),
        (1.5, "Double"),
        (np.float32(1), "Float"),
        ("s", "String"),
        ([1, 2], "[Integer]"),
        ([], "[a]"),
        ([[1.0]], "[[Double]]"),
        ((1, True), "(Integer,Bool)"),
        ((), "()"),
        (Dim(0), "Dim"),
        (KeepDim.KEEP, "KeepDim"),
        (GradOptions(), "GradOptions"),
        (IOAction("x", lambda: None), "IO a"),
        (IOAction("randIO'", lambda: None), "IO Tensor"),
        (IOAction("makeIndependent", lambda: None), "IO IndependentTensor"),
        (IOAction("print", lambda: None), "IO ()"),
    ],
)
def test_type_of(value: object, text: str) -> None:
    assert type_of(value) == text


def test_type_of_unknown_closure_uses_its_arity() -> None:
    class Closure(BuiltinFunction):
        pass

    fn = Closure("notABuiltin", 2, lambda a, b: a)
    assert type_of(fn) == "a -> b -> c"
    assert type_of(fn.apply(1)) == "a -> b"


def test_split_arrows_respects_brackets_and_constraints() -> None:
    assert split_arrows("Tensor -> [IndependentTensor] -> [Tensor]") == ["Tensor", "[IndependentTensor]", "[Tensor]"]
    assert split_arrows("Scalar a => a -> Tensor -> Tensor") == ["a", "Tensor", "Tensor"]
    assert split_arrows("a -> Int -> (a -> Int -> a) -> a") == ["a", "Int", "(a -> Int -> a)", "a"]


def test_annotation_is_none_for_plain_values() -> None:
    assert annotation(3) is None
    assert annotation([1]) is None
    assert annotation("x") is None


def test_huge_ints_show_all_their_digits() -> None:
    value = 7**20000  # about 16900 digits, past Python's default str() limit
    text = show(value)
    assert len(text) == 16902 and text.startswith("9136929735") and text.endswith("2000001")
    assert show(-value) == "-" + text
    assert int(text[:50]) == int(str(value // 10 ** (len(text) - 50)))
