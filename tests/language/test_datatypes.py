"""Data types through Session.run on the real builtins: declarations, constructor and record patterns
everywhere a pattern goes, record construction/update/wildcards/puns, OverloadedRecordDot, Maybe and
Either, and the located errors. The shown texts are GHC's (checked with runghc)."""
from __future__ import annotations

import pytest

from gradbook.engine.language.lexer import KIND, tokenize
from gradbook.engine.language.session import Session
from tests.language.conftest import run_ok as out
from gradbook.engine.language.syntax import Source

DECLS = """data LinearSpec = LinearSpec {in_features :: Int, out_features :: Int} deriving (Show, Eq)
data XY = XY Double Double | Origin deriving (Show, Eq, Ord)
data Layer = Layer {weight :: [Float], bias :: Float, spec :: LinearSpec} deriving Show
"""


@pytest.fixture
def s() -> Session:
    session = Session()
    out(session, DECLS)
    return session


def err(session: Session, source: str) -> str:
    result = session.run(source)
    assert result.error is not None, [o.text for o in result.outputs]
    return result.error.rendered


def test_record_dot_is_a_token_only_without_spaces() -> None:
    kinds = [t[KIND] for t in tokenize(Source("x", "m.weight (f . g) f.g r.a.b (x).c xs.  y T.exp"))]
    assert kinds == ["var", "recdot", "var", "(", "var", "op", "var", ")", "var", "recdot", "var", "var", "recdot",
                     "var", "recdot", "var", "(", "var", ")", "recdot", "var", "var", "op", "var", "var", "eof"]


def test_field_access_update_and_composition(s: Session) -> None:
    out(s, "let l = Layer {weight = [1, 2], bias = -1, spec = LinearSpec 2 1}")
    assert out(s, "l.bias") == ["-1.0"]
    assert out(s, "l.spec.out_features + in_features l.spec") == ["3"]
    assert out(s, "(l {bias = 0.5}).bias") == ["0.5"]
    assert out(s, "l {spec = (spec l) {in_features = 7}}") == [
        "Layer {weight = [1.0,2.0], bias = -1.0, spec = LinearSpec {in_features = 7, out_features = 1}}"]
    assert out(s, "(negate . (* 2)) 3") == ["-6"]


def test_constructor_patterns_everywhere(s: Session) -> None:
    out(s, "norm1 (XY a b) = a * a + b * b\nnorm1 Origin = 0.0")
    assert out(s, "map norm1 [XY 1 (-2), Origin]") == ["[5.0,0.0]"]
    assert out(s, "(\\(XY a _) -> a) (XY 5 6)") == ["5.0"]
    assert out(s, "let XY p q = XY 1 2 in p + q") == ["3.0"]
    assert out(s, "Just (XY u v) <- pure (Just (XY 3 4))\nu * v") == ["12.0"]
    assert out(s, "case Just (Just Origin) of\n  Just (Just Origin) -> 1\n  _ -> 2") == ["1"]
    assert out(s, "let pairUp p@(x, y) = (p, x + y) in pairUp (1, 2)") == ["((1,2),3)"]
    assert out(s, "let f xs@(x:_) = (x, length xs) in f [7, 8, 9]") == ["(7,3)"]
    assert out(s, "[a | Just a <- [Just 1, Nothing, Just 3]]") == ["[1,3]"]
    assert out(s, "let h v = case v of\n      Left e -> e\n      Right n -> show n\nmap h [Left \"no\", Right 2]") == [
        '["no","2"]']


def test_records_wildcards_and_puns(s: Session) -> None:
    assert out(s, "let in_features = 3; out_features = 1 in LinearSpec {..}") == [
        "LinearSpec {in_features = 3, out_features = 1}"]
    out(s, "total LinearSpec {..} = in_features * out_features")
    out(s, "firstOf LinearSpec {in_features} = in_features")
    out(s, "named LinearSpec {out_features = o} = o")
    assert out(s, "(total (LinearSpec 4 5), firstOf (LinearSpec 4 5), named (LinearSpec 4 5))") == ["(20,4,5)"]
    assert out(s, "LinearSpec {out_features = 2, in_features = 9} == LinearSpec 9 2") == ["True"]


def test_duplicate_record_fields_share_an_accessor(s: Session) -> None:
    out(s, "data Other = Other {bias :: Int} deriving Show")
    assert out(s, "(bias (Other 3), bias (Layer [] 0.5 (LinearSpec 1 1)))") == ["(3,0.5)"]


def test_maybe_and_either_builtins(s: Session) -> None:
    assert out(s, "(maybe 0 (+ 1) (Just 5), fromMaybe 2 Nothing, isJust (Just 1), isNothing (Just 1))") == [
        "(6,2,True,False)"]
    assert out(s, "(catMaybes [Just 1, Nothing, Just 3], mapMaybe (\\x -> if x > 1 then Just x else Nothing) [1, 2])"
               ) == ["([1,3],[2])"]
    assert out(s, "(lefts [Left 1, Right 2, Left 3], rights [Left 1, Right 2], either show (map negate) (Right [1]))"
               ) == ['([1,3],[2],[-1])']
    assert out(s, "(fromJust (Just 2), compare 1 2, compare (XY 1 1) Origin, Just 2 > Nothing)") == [
        "(2,LT,LT,True)"]


def test_type_of_constructors_and_values(s: Session) -> None:
    assert out(s, ":type LinearSpec") == ["LinearSpec :: Int -> Int -> LinearSpec"]
    assert out(s, ":type in_features") == ["in_features :: LinearSpec -> Int"]
    assert out(s, ":type Just 3") == ["Just 3 :: Maybe Integer"]


@pytest.mark.parametrize("source, message, caret", [
    ("Foo 3", "unknown constructor `Foo`", "^^^"),
    ("LinearSpec {in_fetures = 1}", "`LinearSpec` has no field `in_fetures`; did you mean `in_features`?",
     "\n              ^^^^^^^^^^"),
    ("case Just 1 of\n  Just a b -> a", "the constructor `Just` has 1 field, but the pattern gives it 2", "^^^^^^^^"),
    ("out_features (LinearSpec {in_features = 1})", "the field `out_features` of this `LinearSpec` was not given a "
     "value when the record was built (at 1:15)", "^"),
    ("(XY 1 2) {bias = 1}", "`XY` has no field `bias`", None),
    ("(Layer [] 1 (LinearSpec 1 1)) {bias = Origin}", "`bias` of `Layer`: expected a value of type Float", None),
    ("data T = T Int\nT 3", "no instance for (Show T): add `deriving (Show)` to the declaration of `T`", "^^^"),
    ("(5 :: Int).weight", "`weight` selects a field of a record; this is an Int", "^"),
])
def test_errors_are_located_and_keep_bindings(s: Session, source: str, message: str, caret: str | None) -> None:
    out(s, "let kept = 42")
    rendered = err(s, source)
    assert message in rendered.split("\n")[0]
    if caret is not None:
        assert caret in rendered
    assert out(s, "kept") == ["42"]


def test_parse_errors_of_declarations(s: Session) -> None:
    assert "a `newtype` has exactly one constructor with exactly one field" in err(s, "newtype N = N Int Int")
    assert "expected `,` or `}` in the record declaration" in err(s, "data R = R {a :: Int b :: Int}")
    assert s.is_complete("data R = R {a :: Int,") == "incomplete"
    assert s.is_complete("data R = R {a :: Int}\n  deriving (Show") == "incomplete"


def test_show_of_records_holding_tensors(s: Session) -> None:
    out(s, "data Linear = Linear {weight :: Parameter, bias :: Parameter} deriving Show")
    out(s, "data Box = Box Tensor (Maybe Tensor) deriving Show")
    out(s, "w <- makeIndependent (asTensor ([[1, 2]] :: [[Float]]))\nb <- makeIndependent (asTensor [0.5 :: Float])")
    weight, bias = out(s, "show w\nshow b")
    weight, bias = weight[1:-1].replace('\\"', '"'), bias[1:-1].replace('\\"', '"')
    tensor = out(s, "show (toDependent w)")[0][1:-1]
    assert out(s, "Linear {weight = w, bias = b}") == [f"Linear {{weight = {weight}, bias = {bias}}}"]
    assert out(s, "Just (Linear w b)") == [f"Just (Linear {{weight = {weight}, bias = {bias}}})"]
    # Hasktorch's Show Tensor defines only `show`, so a tensor argument is never parenthesised
    assert out(s, "Box (toDependent w) (Just (toDependent w))") == [f"Box {tensor} (Just {tensor})"]
    assert out(s, "[Just w]") == [f"[Just ({weight})]"]


def test_selector_sections(s: Session) -> None:
    out(s, "let ls = [Layer [1] 0.5 (LinearSpec 1 2), Layer [] (-1) (LinearSpec 3 4)]")
    assert out(s, "(map (.bias) ls, map (.spec.out_features) ls)") == ["([0.5,-1.0],[2,4])"]
    assert out(s, "(. negate) (+ 1) 3") == ["-2"]  # with a space it is still a section of composition


def test_deriving_strategies_and_strictness_marks(s: Session) -> None:
    out(s, "newtype Meters = Meters Double deriving newtype (Show, Eq, Ord)\n"
           "newtype Tag = Tag String deriving stock (Show, Eq) deriving (Generic)\n"
           "data S = S !Int ![Double] deriving (Show, Generic)")
    # what runghc prints (GeneralizedNewtypeDeriving: a Meters shows as its Double)
    assert out(s, "(Meters 3, Just (Meters (-3)), Meters 1 < Meters 2)") == ["(3.0,Just (-3.0),True)"]
    assert out(s, '(Tag "x", Just (Tag "y"))') == ['(Tag "x",Just (Tag "y"))']
    assert out(s, "S 3 [-1]") == ["S 3 [-1.0]"]


def test_incomplete_declarations_ask_for_more(s: Session) -> None:
    assert [s.is_complete(text) for text in ("class", "instance", "data T = T {", "class a where")] == [
        "incomplete", "incomplete", "incomplete", "invalid"]
    assert "expected a class name and its type variables: `class C a where`" in err(s, "class a where")
