"""Every builtin has exactly one doc entry, complete, whose signature agrees with its arity, and whose
example runs in a Session."""
from __future__ import annotations

import pytest

from gradbook.engine.language.builtins import BUILTINS, DOCS, OPERATORS, BuiltinDoc
from gradbook.engine.language.display import split_arrows
from gradbook.engine.language.values import Function

ISSUE_NAMES = """asTensor asValue shape dim numel dtype select reshape view sliceDim indexSelect toDouble toInt
toDType ones' zeros' full' eye' eyeSquare' arange' linspace' onesLike zerosLike randIO' randnIO' randintIO'
manualSeed add sub mul div matmul pow powt addScalar subScalar mulScalar divScalar relu sigmoid tanh exp log sqrt
abs sin cos clamp gelu sumAll sumDim mean meanDim max min argmax std var transpose transpose2D squeezeAll
flattenAll unsqueeze cat stack softmax logSoftmax mseLoss binaryCrossEntropyLoss' nllLoss' gt lt eq all any
detach makeIndependent toDependent requiresGrad setRequiresGrad grad gradWithOptions head tail length map zip
zipWith sum foldl take drop reverse fst snd id const print putStrLn show pure return mapM_ forM_ foldLoop
Float Double Int64 Bool KeepDim RemoveDim Dim GradOptions""".split()


def test_every_name_of_the_issue_is_a_builtin() -> None:
    assert [name for name in ISSUE_NAMES if name not in BUILTINS] == []


def test_docs_and_builtins_have_the_same_names() -> None:
    assert set(DOCS) == set(BUILTINS)


@pytest.mark.parametrize("name", sorted(DOCS))
def test_doc_entry_is_complete(name: str) -> None:
    doc = DOCS[name]
    assert isinstance(doc, BuiltinDoc)
    assert doc.name == name
    for field in (doc.signature, doc.summary, doc.example, doc.pytorch):
        assert field.strip()
    assert doc.summary.endswith(".")


@pytest.mark.parametrize("name", sorted(n for n, v in BUILTINS.items() if isinstance(v, Function)))
def test_signature_matches_arity(name: str) -> None:
    assert len(split_arrows(DOCS[name].signature)) - 1 == BUILTINS[name].arity


def test_operators_table() -> None:
    expected = {"+", "-", "*", "/", "^", "^^", "**", "==", "/=", "<", "<=", ">", ">=", "++", "!!", "negate"}
    # Hasktorch's element-wise comparisons (tensor-tensor and tensor-scalar) and tensor indexing
    expected |= {"==.", "/=.", ">.", "<.", ">=.", "<=.", ".==", "./=", ".>", ".<", ".>=", ".<=", "!"}
    assert set(OPERATORS) == expected
    assert all(OPERATORS[s].arity == 2 for s in expected - {"negate"})
    assert OPERATORS["negate"].arity == 1


# the examples mention a few variables; bind them first, as a lesson would
PRELUDE = """a <- makeIndependent (asTensor ([1, 2, 3] :: [Float]))
let x = toDependent a"""


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    from gradbook.engine.language.session import Session

    # the file builtins' examples write into a folder of their own
    session = Session(allow_files=True, root=str(tmp_path_factory.mktemp("docs")))
    assert session.run(PRELUDE).ok
    return session


@pytest.mark.parametrize("name", sorted(DOCS))
def test_example_runs(session, name: str) -> None:
    result = session.run(DOCS[name].example)
    assert result.error is None, result.error.rendered


def test_every_operator_has_a_doc() -> None:
    from gradbook.engine.language.builtins import OPERATOR_DOCS

    assert set(OPERATOR_DOCS) == set(OPERATORS)
    for name, doc in OPERATOR_DOCS.items():
        arity = len(split_arrows(doc.signature)) - 1
        assert arity == OPERATORS[name].arity, name


def test_type_of_operators_and_sections() -> None:
    from gradbook.engine.language.display import type_of

    assert type_of(OPERATORS["+"]) == "Num a => a -> a -> a"
    assert type_of(OPERATORS["++"].apply([1])) == "[a] -> [a]"
    assert type_of(BUILTINS["grad"].apply(None)) == "[IndependentTensor] -> [Tensor]"
