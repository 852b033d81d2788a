"""Session semantics on a stand-in runtime: bindings, IO, `it`, output order, errors that keep the session,
limits, interrupts, internal errors, and the front-end helpers (is_complete, complete, inspect)."""
from __future__ import annotations

import pytest


def test_let_functions_recursion_and_patterns(session, ok):
    assert ok(session, "let f n = if n == 0 then 1 else n * f (n - 1)\nf 10") == ["3628800"]
    assert ok(session, "let (a, b) = (1, 2)\nlet [c] = [a + b]\nc") == ["3"]
    assert ok(session, "twice g x = g (g x)\ntwice (* 3) 2") == ["18"]
    assert ok(session, "let h x = case x of\n      [] -> 0\n      (y:_) -> y\nh [] + h [5, 6]") == ["5"]


def test_sections_ranges_operators(session, ok):
    assert ok(session, "map (2 ^) [1..4]") == ["[2,4,8,16]"]
    assert ok(session, "map (/ 2) [1.0, 3.0]") == ["[0.5,1.5]"]
    assert ok(session, "[1, 3..9]") == ["[1,3,5,7,9]"]
    assert ok(session, "[0.1, 0.2 .. 0.35]") == ["[0.1,0.2,0.30000000000000004]"]
    assert ok(session, "[5..1]") == ["[]"]
    assert ok(session, "(length . map (+ 1)) [1, 2]") == ["2"]
    assert ok(session, "1 : [2, 3]") == ["[1,2,3]"]
    assert ok(session, "[1, 2, 3] !! 1") == ["2"]
    assert ok(session, "False && undefinedName") == ["False"]
    assert ok(session, "True || undefinedName") == ["True"]


def test_lexical_scope_keeps_old_bindings(session, ok):
    ok(session, "let k = 1\nlet addK x = x + k\nlet k = 100")
    assert ok(session, "addK 1") == ["2"]
    # Haskell's `let` is recursive: `let k = k + 1` names the new `k` on both sides, an infinite loop
    # (GHC's <<loop>>). It used to read the previous `k`; now it is a located error that keeps `k`.
    result = session.run("let k = k + 1")
    assert "<<loop>>" in result.error.rendered and result.error.col == 5
    assert ok(session, "k") == ["100"]


def test_io_actions_and_it(session, ok):
    assert ok(session, "y <- pure 7\ny") == ["7"]
    assert ok(session, "it + 1") == ["8"]
    assert ok(session, 'print 1\nputStrLn "two"\n3\nprint 4') == ["1\n", "two\n", "3", "4\n"]
    result = session.run("pure ()")
    assert result.ok and result.outputs == []


def test_stdout_outputs_keep_order_with_values(session):
    result = session.run('putStrLn "a"\nputStrLn "b"\n1')
    assert [(o.kind, o.text) for o in result.outputs] == [("stdout", "a\n"), ("stdout", "b\n"), ("value", "1")]


def test_bind_needs_an_io_action(session):
    result = session.run("x <- 5")
    assert result.error.kind == "type" and "`<-` runs an IO action" in result.error.message


def test_error_keeps_earlier_bindings_and_statements(session, ok):
    ok(session, "let a = 1")
    result = session.run("let b = 2\nlet c = nope + 1\nlet d = 4")
    assert result.error.kind == "name" and result.error.line == 2
    assert "a" in session.bindings and "b" in session.bindings
    assert "c" not in session.bindings and "d" not in session.bindings


def test_failed_statement_commits_nothing(session, ok):
    ok(session, "let p = 1")
    result = session.run("let (p, q) = (1, 2, 3)")
    assert result.error.kind == "value" and "3" in result.error.message
    assert session.bindings["p"] == 1 and "q" not in session.bindings


def test_unknown_name_suggests_nearest(session):
    result = session.run("mena [1, 2]")
    assert result.error.kind == "name"
    assert "did you mean `mean`?" in result.error.message
    session.run("let myTensor = 1")
    assert "`myTensor`" in session.run("myTensr").error.message


def test_builtin_error_is_placed_at_the_call(session):
    result = session.run("let x = 1\nlet z = shapeClash x x")
    error = result.error
    assert (error.kind, error.line, error.col, error.end_col) == ("shape", 2, 9, 23)
    assert error.rendered == ("<cell>:2:9: error: cannot add shapes [2,3] and [4]\n"
                              "  let z = shapeClash x x\n"
                              "          ^^^^^^^^^^^^^^")


def test_error_inside_a_function_points_at_its_definition(session):
    session.run("let bad x = x / 0", name="lesson.gb", first_line=10)
    error = session.run("bad 1").error
    assert (error.source_name, error.line, error.col) == ("lesson.gb", 10, 13)


def test_io_error_is_placed_at_the_statement(session):
    error = session.run("v <- fromIO 1").error
    assert error.kind == "type" and error.col == 6


def test_applying_a_non_function(session):
    error = session.run("let n = 3\nn 4").error
    assert error.kind == "type" and "`n` is an Integer, not a function" in error.message


def test_runaway_recursion_is_a_limit_error_and_session_survives(session, ok):
    ok(session, "let keep = 1\nlet loop x = loop x + 1")
    error = session.run("loop 1").error
    assert error.kind == "limit" and "recursion" in error.message
    assert ok(session, "keep") == ["1"]


def test_interrupt_keeps_bindings(session, ok):
    ok(session, "let keep = 1")
    result = session.run("let lost = 2\nlet z = interrupt 0")
    assert result.error.kind == "interrupt" and result.error.line == 2
    assert ok(session, "keep + lost") == ["3"]
    assert "z" not in session.bindings


def test_unexpected_python_error_is_internal(session, ok):
    result = session.run("crash 1")
    assert result.error.kind == "internal" and "KeyError" in result.error.message
    assert ok(session, "1 + 1") == ["2"]


def test_huge_input_and_huge_range_are_limits(session):
    assert session.run("[1..100000000000]").error.kind == "limit"
    assert session.run("1" * 5000).error.kind == "limit"


def test_multiline_block_and_history(session, ok):
    assert ok(session, ":{\nlet q = 1\n        + 2\n:}\nq") == ["3"]
    assert session.history == ["let q = 1\n        + 2", "q"]
    session.run("oops +")
    assert session.history == ["let q = 1\n        + 2", "q"]


def test_imports_and_signatures_are_ignored(session, ok):
    assert ok(session, "import Torch\nf :: Int -> Int\nf x = x + 1\nf 1") == ["2"]


@pytest.mark.parametrize("source, answer", [
    ("", "complete"), ("let x = 1", "complete"), ("foo (", "incomplete"), ("let f x =", "incomplete"),
    ("if a then b", "incomplete"), ("1 +", "incomplete"), (":{\nlet x = 1", "incomplete"),
    ("{- open", "incomplete"), ("x )", "invalid"), ("let = 1", "invalid"), (":type x", "complete"),
    (":{\nlet x = 1\n:}", "complete"), ("let x = 1\n        + 2", "complete"), ("let x = 1\n  + 2", "invalid"),
])
def test_is_complete(session, source, answer):
    assert session.is_complete(source) == answer


def test_complete_names_commands_and_bindings(session):
    session.run("let myValue = 1")
    done = session.complete("map my", 6)
    assert done.matches == ["myValue"] and (done.start, done.end) == (4, 6)
    assert "map" in session.complete("ma", 2).matches
    cmd = session.complete(":br", 3)
    assert cmd.matches == [":browse"] and cmd.start == 0
    assert session.complete("1 + ", 4).matches == []


def test_inspect_bindings_and_builtins(session):
    session.run("let myValue = 1")
    assert session.inspect("myValue + 1", 3) == "myValue :: int"
    doc = session.inspect("map f xs", 1)
    assert doc.startswith("map :: a -> b") and "torch.map" in doc
    assert session.inspect("1 + 2", 1) is None


def test_do_blocks_run_in_order_and_return_the_last_value(session, ok):
    program = ("let main = do\n"
               "      let x = 2\n"
               "      y <- pure (x * 10)\n"
               "      print y\n"
               "      pure (x + y)\n"
               "main")
    assert ok(session, program) == ["20\n", "22"]
    assert ok(session, "r <- do { print 1; pure 5 }\nr") == ["1\n", "5"]
    assert ok(session, "let act = do\n      putStrLn \"not yet\"\n      pure ()") == []  # an action runs only when run


@pytest.mark.parametrize("source, answer", [
    ("let main = do", "incomplete"), ("do { print 1;", "incomplete"), ("do\n  x <- pure 1", "invalid"),
])
def test_do_completeness(session, source, answer):
    assert session.is_complete(source) == answer


def test_equations_guards_and_where(session, ok):
    assert ok(session, "fact 0 = 1\nfact n = n * fact (n - 1)\nfact 5") == ["120"]
    assert ok(session, "let sign x | x > 0 = 1\n           | x < 0 = -1\n           | otherwise = 0\n"
                       "map sign [3, -2, 0]") == ["[1,-1,0]"]
    assert ok(session, "let area r = k * r * r where k = 3\narea 2") == ["12"]
    assert ok(session, "let len [] = 0; len (_:xs) = 1 + len xs\nlen [1, 2, 3]") == ["3"]
    error = session.run("let h x | x > 100 = 1\nh 5").error
    assert error.kind == "value" and "no guard" in error.message and error.line == 1
    error = session.run("let g 0 = 1\ng 2").error
    assert error.kind == "value" and "no equation of `g`" in error.message


def test_equations_only_merge_when_consecutive(session, ok):
    # A later single equation replaces the function, as a new line does in GHCi.
    ok(session, "f 0 = 1\nf n = 2")
    assert ok(session, "f 0") == ["1"]
    ok(session, "f n = 3")
    assert ok(session, "f 0") == ["3"]


def test_list_comprehensions(session, ok):
    assert ok(session, "[x * 2 | x <- [1..5], x > 2]") == ["[6,8,10]"]
    assert ok(session, "[(i, j) | i <- [1..3], let k = i * i, j <- [k], i /= 2]") == ["[(1,1),(3,9)]"]
    assert ok(session, "[h | (h:_) <- [[1], [], [2, 3]]]") == ["[1,2]"]
    assert session.run("[x | x <- 5]").error.kind == "type"
    assert session.run("[x | x <- [1], x]").error.kind == "type"


def test_windows_line_ends_and_byte_order_mark(session, ok, tmp_path):
    assert ok(session, "let a = 1\r\nlet b = a +\r\n        1\r\nb") == ["2"]
    assert session.is_complete("let f x =\r\n") == "incomplete"
    error = session.run("let c = 1\r\nc +\r\n").error
    assert error.line == 2 and "\r" not in error.rendered
    path = tmp_path / "bom.gb"
    path.write_text("\ufefflet z = 5\nz\n", encoding="utf-8")
    session.allow_files, session.root = True, str(tmp_path)
    assert ok(session, f":load {path}") == ["5"]


@pytest.mark.parametrize("source", ["let f x =\n", "foo (\n\n", "if a then b\n", "let main = do\n"])
def test_trailing_newlines_keep_input_incomplete(session, source):
    assert session.is_complete(source) == "incomplete"


def test_modest_user_recursion_is_fine(session, ok):
    ok(session, "let depth n = if n == 0 then 0 else 1 + depth (n - 1)")
    assert ok(session, "depth 800") == ["800"]


def test_positions_inside_messages_count_from_first_line(session):
    """A Markdown block or REPL chunk starting at line 40 names its opening bracket at 40, not at 1."""
    error = session.run("let x = 1\n[1,\n  2", first_line=40).error
    assert error is not None and error.line == 42
    assert "close the `[` at 41:1" in error.message


def test_is_complete_then_run_parses_once(session, ok, monkeypatch):
    """The REPL asks is_complete on Enter, then runs the same text: the second parse is skipped, with the
    same result as a fresh parse (and a chunk after a command line keeps its own line numbers)."""
    import gradbook.engine.language.session as session_module

    made = []
    real_parser = session_module.Parser

    def counting_parser(source, *args):
        made.append(source)
        return real_parser(source, *args)

    monkeypatch.setattr(session_module, "Parser", counting_parser)
    assert session.is_complete("let q = 20 + 1") == "complete"
    assert ok(session, "let q = 20 + 1\nq") == ["21"]  # different text: parsed
    assert len(made) == 2
    assert ok(session, "let q = 20 + 1") == []
    assert ok(session, "q") == ["21"]
    assert len(made) == 3  # `let q = 20 + 1` came from is_complete's parse; `q` was new
    assert session.is_complete("let r = (") == "incomplete"
    assert session.is_complete(":type q\nlet s = oops +") == "incomplete"
    result = session.run(":type q\nlet t = undefinedName")
    assert result.error is not None and result.error.line == 2
