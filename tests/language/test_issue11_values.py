"""Issue 11's wrong answers and Python-flavoured messages about values, through Session.run: each failed
before its fix. Tensor goldens are PyTorch's (tests/engine/bool_golden.json, made by make_bool_golden.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gradbook.engine.language.session import Session

GOLDEN = json.loads((Path(__file__).parents[1] / "engine" / "bool_golden.json").read_text())


def shown(session: Session, source: str) -> list[str]:
    result = session.run(source)
    assert result.error is None, result.error.rendered
    return [o.text for o in result.outputs]


def error(session: Session, source: str):
    result = session.run(source)
    assert result.error is not None and result.error.kind != "internal", result
    return result.error


@pytest.mark.parametrize("op,name", [("+", "add"), ("*", "mul")])
def test_bool_tensors_combine_as_libtorch_does(op: str, name: str) -> None:
    session = Session()
    session.run("let a = asTensor [True, False, True, False]\nlet b = asTensor [True, True, False, False]")
    want = GOLDEN[name]
    assert want["dtype"] == "torch.bool"
    assert shown(session, f"dtype (a {op} b)") == ["Bool"]
    got = shown(session, f"asValue (a {op} b) :: [Bool]")
    assert got == ["[" + ",".join("True" if v else "False" for v in want["values"]) + "]"]


def test_subtracting_bool_tensors_is_refused_as_in_libtorch() -> None:
    assert GOLDEN["sub"]["refused"]
    message = error(Session(), "asTensor [True] - asTensor [False]").message
    assert "cannot be subtracted" in message and "`toDType Int64 t`" in message and "to_dtype" not in message


def test_std_and_var_of_an_empty_tensor_are_nan() -> None:
    assert GOLDEN["std_empty"] == GOLDEN["var_empty"] == "nan"
    session = Session()
    assert shown(session, "isNaN (toDouble (std (zeros' [0])))") == ["True"]
    assert shown(session, "isNaN (toDouble (var (zeros' [0])))") == ["True"]


def test_grad_through_a_tensor_made_by_set_requires_grad() -> None:
    session = Session()
    session.run("let t = setRequiresGrad True (ones' [2])\na <- makeIndependent (full' [2] 3)")
    assert shown(session, "grad (sumAll (t * toDependent a)) [a]") == [
        "[Tensor Float [2] [ 1.0000   ,  1.0000   ]]"]


def test_an_operators_engine_message_uses_the_languages_names() -> None:
    message = error(Session(), "asTensor [1, 2] ** asTensor [-1, 2]").message
    assert "`toDType Float t`" in message and "to_dtype" not in message


@pytest.mark.parametrize("source", ["read (replicate 5000 '9') > 0", "(2 ^ 1100) ** 0.5 > 0",
                                    "fromIntegral (2 ^ 1100) / 2 > 0", "(10 ^ 5000) ^^ 0 == 1"])
def test_huge_integers_never_show_pythons_limits(source: str) -> None:
    assert shown(Session(), source) == ["True"]


@pytest.mark.parametrize("source,message", [
    ("print 1 >>= 3", "`>>=` needs a function on its right; this is an Integer"),
    ("3 <$> [1, 2]", "`<$>` needs a function on its left; this is an Integer"),
])
def test_monad_operators_misused_are_located_type_errors(source: str, message: str) -> None:
    found = error(Session(), source)
    assert (found.kind, found.message, found.col) == ("type", message, 1)
