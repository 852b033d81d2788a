"""Haskell 2010's layout algorithm, tested with programs: each construct in layout/ is written three ways (by
hand, as ormolu prints it, as hindent prints it; make_styles.sh regenerates the latter two and GHC's output),
and each must print exactly what runghc printed. The error side: a block that really is misindented or
unclosed reports where, and running out of input inside a block reads as incomplete."""
from __future__ import annotations

from pathlib import Path

import pytest

from gradbook.engine.language.session import Session

LAYOUT = Path(__file__).parent / "layout"
CASES = sorted(path.name for path in LAYOUT.iterdir() if path.is_dir())
STYLES = ("hand", "ormolu", "hindent")


def run_program(path: Path) -> tuple[str, object]:
    session = Session(name=str(path), allow_files=True)
    result = session.run_file(str(path), path.read_text(), run_main=True)
    return "".join(output.text for output in result.outputs if output.kind == "stdout"), result.error


def test_every_construct_has_its_three_styles():
    assert len(CASES) >= 10
    for case in CASES:
        assert all((LAYOUT / case / f"{style}.hs").is_file() for style in STYLES), case


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("case", CASES)
def test_layout_matches_ghc(case, style):
    printed, error = run_program(LAYOUT / case / f"{style}.hs")
    assert error is None, error.rendered
    assert printed == (LAYOUT / case / "expected.out").read_text()


def _error(text: str, name: str = "<cell>"):
    result = Session(name=name).run(text)
    assert result.error is not None, "expected an error"
    return result.error


def test_a_statement_left_of_its_do_block_reports_the_block():
    error = _error('main = do\n  putStrLn "a"\n putStrLn "b"')
    assert (error.line, error.col) == (3, 2)
    assert "left of column 3 where the `do` block at 1:8 lines up its items" in error.message
    assert error.rendered.endswith('\n   putStrLn "b"\n   ^^^^^^^^')


def test_a_continuation_at_the_blocks_column_starts_a_new_item():
    error = _error("f x = do\n  print x\n  x + 1\n    * 2\n  + 3")
    assert (error.line, error.col) == (5, 3)
    assert "starts a new item of the block at 1:7" in error.message


def test_a_continuation_left_of_a_let_block_is_placed():
    error = _error("f x = do\n  let y =\n   x + 1\n  pure y")
    assert (error.line, error.col) == (3, 4)
    assert "left of column 7 where the `let` block at 2:3 lines up its items" in error.message


def test_a_do_block_must_be_indented_past_its_enclosing_block():
    error = _error('main = do\n  let act = do\n    putStrLn "x"\n  act')
    assert (error.line, error.col) == (3, 5)
    assert "indented further than column 7" in error.message


def test_explicit_braces_left_open_are_incomplete_then_wrong():
    session = Session()
    assert session.is_complete("main = do { putStrLn \"a\"") == "incomplete"
    assert session.is_complete("main = do { putStrLn \"a\" }") == "complete"
    error = _error('x = do { putStrLn "a" ]')
    assert (error.line, error.col) == (1, 23) and "`;` or `}` to close the `{` at 1:8" in error.message


@pytest.mark.parametrize("text", [
    "main = do", "f x = case x of", "g = let", "h = y where", "main = do\n  forM_ xs $ \\x -> do",
    "main = do\n  when True $", "k = if a then b",
])
def test_an_unfinished_block_at_the_end_is_incomplete(text):
    assert Session().is_complete(text) == "incomplete"


@pytest.mark.parametrize("text", [
    'main = do\n  putStrLn "a"\n putStrLn "b"', "f x = case x of\n0 -> 1", "x = (1 +\n2)",
])
def test_a_misindented_block_is_invalid(text):
    assert Session().is_complete(text) == "invalid"


def test_parse_error_rule_closes_implicit_blocks_inside_brackets():
    session = Session()
    result = session.run("xs = [y | let y = 3, odd y]\nzs = (case 1 of 1 -> 2) + 1\nw = let a = 1 in a + 1\n"
                         "main = print (xs, zs, w)\n:main")
    assert result.error is None, result.error.rendered
    assert [o.text for o in result.outputs] == ["([3],3,2)\n"]


# GHC 9.0 (runghc): `parse error on input '<-'` at these very places; `let {y = 2}` and a let closed by a line
# left of its column run (layout/let_in_braces)
@pytest.mark.parametrize("text, place, hint", [
    ("main = do { let y = 2; x <- pure y; print x }", (1, 26), "at 1:13, which a `;` does not close: write its "
     "bindings in braces, `let {y = 2}`"),
    ("main = do\n  let y = 2; x <- pure y\n  print x", (2, 16), "at 2:3, which a `;` does not close"),
    ("main = do\n  let y = 2\n      x <- pure y\n  print x", (3, 9), "at 2:3, whose bindings line up at column 7: "
     "a statement goes at the column of the `do` block's statements"),
])
def test_a_statement_inside_a_let_block_is_placed_at_its_arrow(text, place, hint):
    error = _error(text)
    assert (error.line, error.col) == place
    assert error.message.startswith("unexpected `<-` in the `let` block " + hint)


def test_a_let_closed_by_braces_or_by_its_column_keeps_the_session():
    session = Session()
    assert session.run("k = 5").error is None
    assert session.run("main = do { let y = 2; x <- pure y; print x }").error is not None
    result = session.run("main = do { let {y = k}; x <- pure y\n          ; let z = x\n          ; print z }\n:main")
    assert result.error is None, result.error.rendered
    assert [o.text for o in result.outputs] == ["5\n"]
