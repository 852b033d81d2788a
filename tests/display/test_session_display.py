"""Display through a Session: the exact text and the separate requires_grad annotation that front ends
get for each shown value, and `:type` texts, for the cases a lesson meets."""
from __future__ import annotations

import pytest

from gradbook.engine.language.session import Session

LESSON = """a <- makeIndependent (ones' [2, 2])
let a' = toDependent a
let b = a' + 2
let c = b * b * 3"""


@pytest.fixture(scope="module")
def session() -> Session:
    s = Session()
    result = s.run(LESSON)
    assert result.ok, result.error.rendered
    return s


def shown(session: Session, source: str) -> tuple[str, str | None]:
    result = session.run(source)
    assert result.ok, result.error.rendered
    (output,) = [o for o in result.outputs if o.kind == "value"]
    return output.text, output.annotation


@pytest.mark.parametrize(
    "source,annotation",
    [
        ("a'", "requires_grad · leaf"),
        ("b", "requires_grad · grad_fn=add"),
        ("c", "requires_grad · grad_fn=mul"),
        ("a", "requires_grad · independent"),
        ("ones' [2]", None),
        ("requiresGrad b", None),
        ("sumAll c", "requires_grad · grad_fn=sum"),
    ],
)
def test_annotation_is_separate_from_the_text(session: Session, source: str, annotation: str | None) -> None:
    text, note = shown(session, source)
    assert note == annotation
    assert "requires_grad" not in text


def test_independent_tensor_text(session: Session) -> None:
    text, _ = shown(session, "a")
    assert text == (
        "IndependentTensor {toDependent = Tensor Float [2,2] [[ 1.0000   ,  1.0000   ],\n"
        "                    [ 1.0000   ,  1.0000   ]]}"
    )


@pytest.mark.parametrize(
    "source,text",
    [
        ("log (asTensor ([-1, 0, 1] :: [Float]))", "Tensor Float [3] [NaN, -Infinity   ,  0.0000]"),
        ("asTensor ([0.1, 1.0e7, 9999999] :: [Double])", "Tensor Double [3] [ 0.1000   ,  1.0000e7   ,  9999999.0000   ]"),
        ("asTensor ([1.00005, 1.00015] :: [Double])", "Tensor Double [2] [ 1.0000   ,  1.0002   ]"),
        ("(asTensor ([True, False] :: [Bool]), 0.1 :: Float)", "(Tensor Bool [2] [ 1,  0],0.1)"),
        ("[1.0e-2, 1.0e7, -0.5]", "[1.0e-2,1.0e7,-0.5]"),
        ("show 3.5", '"3.5"'),
        ('"tab\\there"', '"tab\\there"'),
        ("(Dim 1, KeepDim, Float)", "(Dim 1,KeepDim,Float)"),
        ("grad (sumAll (toDependent a)) [a]", "[Tensor Float [2,2] [[ 1.0000   ,  1.0000   ],\n                    [ 1.0000   ,  1.0000   ]]]"),
    ],
)
def test_texts(session: Session, source: str, text: str) -> None:
    assert shown(session, source)[0] == text


@pytest.mark.parametrize(
    "source,type_text",
    [
        ("b", "Tensor Float [2,2]"),
        ("a", "IndependentTensor"),
        ("[b]", "[Tensor]"),
        ("(b, True)", "(Tensor,Bool)"),
        ("3", "Integer"),
        ("length [1]", "Int"),
        ("2.5", "Double"),
        ("2.5 :: Float", "Float"),
        ('"s"', "String"),
        ("Float", "DType"),
        ("asTensor", "TensorLike a => a -> Tensor"),
        ("sumDim (Dim 0)", "KeepDim -> DType -> Tensor -> Tensor"),
    ],
)
def test_type_command(session: Session, source: str, type_text: str) -> None:
    result = session.run(f":type {source}")
    assert result.ok, result.error.rendered
    assert result.outputs[0].text.endswith(":: " + type_text)
