"""The Pygments lexer: registered under `gradbook`, classifies each kind of token, never loses text."""
from __future__ import annotations

import pytest
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Comment, Error, Keyword, Name, Number, Operator, Punctuation, String

from gradbook.repl.lexer import BUILTIN_NAMES, GradbookLexer


def tokens(source: str) -> list[tuple[object, str]]:
    return [(t, v) for t, v in GradbookLexer().get_tokens(source) if v.strip()]


def test_registered_through_entry_point() -> None:
    assert isinstance(get_lexer_by_name("gradbook"), GradbookLexer)
    assert isinstance(get_lexer_for_filename("lesson.gb"), GradbookLexer)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("makeIndependent", Name.Builtin),
        ("ones'", Name.Builtin),
        ("binaryCrossEntropyLoss'", Name.Builtin),
        ("a'", Name),
        ("onesX", Name),
        ("let", Keyword.Reserved),
        ("letter", Name),
        ("Float", Keyword.Type),
        ("True", Keyword.Constant),
        ("42", Number.Integer),
        ("2.5e-3", Number.Float),
        ("1e7", Number.Float),
        ('"hi"', String),
        ("-- note", Comment.Single),
        ("{- a {- nested -} b -}", Comment.Multiline),
        ("`matmul`", Operator.Word),
        ("<-", Operator.Word),
        ("::", Operator.Word),
        ("++", Operator),
        (":type", Keyword.Pseudo),
        (":{", Keyword.Pseudo),
    ],
)
def test_token_kinds(source: str, expected: object) -> None:
    toks = tokens(source)
    assert toks, source
    assert all(t in expected for t, _ in toks), toks


def test_statement_is_split_as_expected() -> None:
    toks = tokens("a <- makeIndependent (ones' [2, 2]) -- go")
    assert toks == [
        (Name, "a"),
        (Operator.Word, "<-"),
        (Name.Builtin, "makeIndependent"),
        (Punctuation, "("),
        (Name.Builtin, "ones'"),
        (Punctuation, "["),
        (Number.Integer, "2"),
        (Punctuation, ","),
        (Number.Integer, "2"),
        (Punctuation, "]"),
        (Punctuation, ")"),
        (Comment.Single, "-- go"),
    ]


def test_load_argument_is_a_path_and_import_is_a_namespace() -> None:
    assert tokens(":load my lesson.gb") == [(Keyword.Pseudo, ":load"), (String.Other, "my lesson.gb")]
    assert tokens("import Torch.Autograd")[0] == (Keyword.Reserved, "import")


def test_colon_is_an_operator_inside_a_line() -> None:
    assert (Operator, ":") in tokens("1 : [2]")


@pytest.mark.parametrize(
    "source",
    ["", "\n\n", "{- unclosed", '"unclosed', "let x = \u00e9\u4e2d \u2603", "'", "`", ":", "\t:}\t", "a" * 5000],
)
def test_text_round_trips_and_never_errors(source: str) -> None:
    pieces = list(GradbookLexer(ensurenl=False, stripnl=False).get_tokens(source))
    assert "".join(v for _, v in pieces) == source.replace("\r\n", "\n")
    assert all(t is not Error for t, _ in pieces)


def test_builtin_names_are_unique_identifiers() -> None:
    assert len(set(BUILTIN_NAMES)) == len(BUILTIN_NAMES)
    assert all(name.replace("'", "").replace("_", "").isalnum() for name in BUILTIN_NAMES)


# The builtins issue 3 names; each must be highlighted as one.
ISSUE_BUILTINS = """asTensor asValue shape dim numel dtype select reshape view sliceDim indexSelect toDouble toInt
toDType ones' zeros' full' eye' eyeSquare' arange' linspace' onesLike zerosLike randIO' randnIO' randintIO'
manualSeed add sub mul div matmul pow powt addScalar mulScalar relu sigmoid tanh exp log sqrt abs sin cos
clamp gelu sumAll sumDim mean meanDim max min argmax std var transpose transpose2D squeezeAll flattenAll
unsqueeze cat stack softmax logSoftmax mseLoss binaryCrossEntropyLoss' nllLoss' gt lt eq all any detach
makeIndependent toDependent requiresGrad setRequiresGrad grad gradWithOptions head tail length map zip
zipWith sum foldl take drop reverse fst snd id const print putStrLn show pure return mapM_ forM_
foldLoop""".split()


@pytest.mark.parametrize("name", ISSUE_BUILTINS)
def test_issue_builtins_are_highlighted(name: str) -> None:
    assert tokens(name) == [(Name.Builtin, name)]


def test_every_session_builtin_is_highlighted() -> None:
    """The highlighter keeps its own list (it must not import the engine: highlighting starts before the
    engine loads), so this catches drift: a builtin added to the language must be added to the lexer."""
    from gradbook.engine.language.session import Session

    names = [name for name in Session().builtin_names() if name[:1].islower() or name[:1] == "_"]
    assert "grad" in names and "makeIndependent" in names
    missing = [name for name in names if tokens(name) != [(Name.Builtin, name)]]
    assert not missing, f"add these to gradbook.repl.lexer.BUILTIN_NAMES: {missing}"
