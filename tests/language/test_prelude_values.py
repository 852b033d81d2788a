"""Haskell's values through Session.run: what the transcripts (tests/transcripts/prelude-*.txt, from GHC)
cannot hold in one line: a 5000-digit escape, the Python types behind Int/Integer/Char, laziness."""
from __future__ import annotations

from gradbook.engine.language.session import Session
from gradbook.engine.language.values import Char, Int


def test_a_5000_digit_escape_is_a_located_error_not_pythons_digit_limit() -> None:
    result = Session().run('"\\' + "9" * 5000 + '"')
    assert result.error is not None
    assert result.error.message == "character code in a string escape is too large"
    assert (result.error.line, result.error.col) == (1, 1)


def test_int_and_integer_and_char_are_distinct_runtime_types() -> None:
    session = Session()
    session.run("let n = length [1, 2, 3]\nlet big = 2 ^ 70\nlet c = head \"xy\"")
    assert type(session.bindings["n"]) is Int
    assert type(session.bindings["big"]) is int
    assert type(session.bindings["c"]) is Char
    assert [o.text for o in session.run("(maxBound :: Int) + n").outputs] == ["-9223372036854775806"]


def test_a_lazy_list_is_walked_only_as_far_as_needed() -> None:
    session = Session()
    seen = session.run("let xs = map (* 2) [1 ..]\ntake 3 xs\nxs !! 100000")
    assert [o.text for o in seen.outputs] == ["[2,4,6]", "200002"]


def test_an_error_keeps_every_binding() -> None:
    session = Session()
    session.run("let keep = 'k'")
    assert session.run("length (repeat 1)").error.kind == "limit"
    assert [o.text for o in session.run("keep").outputs] == ["'k'"]


QUALIFIED = """import qualified Prelude as P
import qualified Torch as T
import Torch

main :: IO ()
main = do
  print (P.exp 1.0, P.max 1 2, P.div 7 2)
  print (T.exp (asTensor [0.0 :: Float]))
  print (exp 0.0, max 3 4, T.max (asTensor [1.0, 5.0 :: Float]))
"""


def test_qualified_names_pick_preludes_or_torchs_side_of_a_shared_name() -> None:
    session = Session()
    assert session.run(QUALIFIED).error is None
    result = session.run("main")
    assert "".join(o.text for o in result.outputs) == (
        "(2.718281828459045,2,3)\nTensor Float [1] [ 1.0000   ]\n(1.0,4,Tensor Float []  5.0000   )\n")
    wrong = session.run("P.exp (asTensor [1.0 :: Float])").error
    assert wrong.kind == "type" and wrong.message.startswith("exp expects a number as its first argument")
