"""Where statements end (validator), the piped reader (plain), the history location and the loader."""
from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest

from gradbook.repl.history import history_path, make_history
from gradbook.repl.loader import EngineLoader, EngineLoadError
from gradbook.repl.plain import run_plain
from gradbook.repl.validator import (
    continuation_indent,
    ends_with_blank_lines,
    group_statements,
    in_block,
    input_status,
)


def parens(source: str) -> str:
    return "incomplete" if source.count("(") > source.count(")") else "complete"


# --- validator -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "complete"),
        ("let x = (1", "incomplete"),
        ("let x = (1\n  )", "complete"),
        (":{", "incomplete"),
        (":{\nlet f x = (", "incomplete"),
        (":{\nlet f x = (\n:}", "complete"),
        (":type (", "complete"),  # colon commands are never continued; the Session reports the error
        ("  :{", "incomplete"),
    ],
)
def test_input_status(text: str, expected: str) -> None:
    assert input_status(text, parens) == expected


def test_input_status_survives_a_failing_session() -> None:
    def broken(source: str) -> str:
        raise RuntimeError("bug")

    assert input_status("x", broken) == "invalid"
    assert input_status("x", lambda s: "maybe") == "invalid"


def test_continuation_indent_and_blank_lines() -> None:
    assert continuation_indent("let f x =") == " " * 6  # right of the `let` block's column 5 (Haskell layout)
    assert continuation_indent("main = do") == "  "
    assert continuation_indent("let f x =\n    g (") == "    "
    assert continuation_indent(":{\nlet f x =") == ""
    assert ends_with_blank_lines("(\n  \n") and not ends_with_blank_lines("(\n  ")
    assert in_block(":{\nx") and not in_block(":{\nx\n:}") and not in_block("x\n:{")


def test_group_statements_follows_completeness_layout_and_blocks() -> None:
    lines = [
        "-- a comment\n",
        "let x = (1\n",
        "  + 2)\n",
        "\n",
        "let y = x\n",
        "  * 3\n",
        "y\n",
        ":{\n",
        "let z = 1\n",
        "\n",
        ":}\n",
        "z",
    ]
    assert list(group_statements(lines, parens)) == [
        (1, "-- a comment"),
        (2, "let x = (1\n  + 2)"),
        (5, "let y = x\n  * 3"),
        (7, "y"),
        (8, ":{\nlet z = 1\n\n:}"),
        (12, "z"),
    ]


def test_group_statements_keeps_blank_lines_inside_a_statement() -> None:
    assert list(group_statements(["f (\n", "\n", "  1)\n", "\n"], parens)) == [(1, "f (\n\n  1)")]
    assert list(group_statements(["let x = 1\n", "\n", "  + 2\n", "x\n"], parens)) == [
        (1, "let x = 1\n\n  + 2"), (4, "x")]


def test_group_statements_is_lazy() -> None:
    """A chunk is handed out as soon as the next line shows it is finished (pipes from a live process)."""
    seen: list[str] = []

    def lines():
        for line in ["a\n", "b\n", "c\n"]:
            seen.append(line)
            yield line

    chunks = group_statements(lines(), parens)
    assert next(chunks) == (1, "a") and seen == ["a\n", "b\n"]


# --- plain (piped) mode --------------------------------------------------------------------------------
def test_plain_mode_prints_values_only_and_goes_on_after_errors(fake_session) -> None:
    out, err = io.StringIO(), io.StringIO()
    status = run_plain(EngineLoader(lambda: fake_session), ["let a = 2\n", "boom\n", "(a\n", ")\n"], out, err)
    assert status == 1
    assert out.getvalue() == "2\n"  # no annotation, no escape codes, no prompt
    assert err.getvalue() == "<stdin>:2:1: error: unknown name `boom`\n  boom\n  ^\n"
    assert [(name, line) for _, name, line in fake_session.runs] == [("<stdin>", 1), ("<stdin>", 2), ("<stdin>", 3)]


def test_plain_mode_exit_status_and_quit(fake_session) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_plain(EngineLoader(lambda: fake_session), ["let a = 2\n", "a\n", ":quit\n", "boom\n"], out, err) == 0
    assert out.getvalue() == "2\n" and err.getvalue() == ""


def test_plain_mode_reports_an_engine_that_fails_to_load() -> None:
    def broken():
        raise ImportError("no numba")

    err = io.StringIO()
    assert run_plain(EngineLoader(broken), ["1\n"], io.StringIO(), err) == 1
    assert "ImportError: no numba" in err.getvalue()


# --- history -------------------------------------------------------------------------------------------
def test_history_path_precedence() -> None:
    assert history_path({"GRADBOOK_HISTORY": "/x/h", "XDG_DATA_HOME": "/d", "HOME": "/h"}) == Path("/x/h")
    assert str(history_path({"XDG_DATA_HOME": "/d", "HOME": "/h"})) == "/d/gradbook/history"
    assert str(history_path({"HOME": "/h"})) == "/h/.local/share/gradbook/history"


def test_make_history_creates_the_file_or_falls_back(tmp_path) -> None:
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    target = tmp_path / "deep" / "dir" / "history"
    assert isinstance(make_history(target), FileHistory) and target.exists()
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert isinstance(make_history(blocker / "history"), InMemoryHistory)


# --- loader --------------------------------------------------------------------------------------------
def test_loader_runs_once_in_the_background_and_signals_ready() -> None:
    calls, ready = [], threading.Event()
    loader = EngineLoader(lambda: calls.append(threading.current_thread().name) or "S", on_ready=ready.set)
    assert not loader.ready
    loader.start().start()
    assert loader.session() == "S" and loader.session() == "S"
    assert ready.wait(2) and loader.ready and not loader.failed
    assert calls == ["gradbook-engine-loader"]


def test_loader_failure_is_an_engine_load_error() -> None:
    def broken():
        raise ImportError("gone")

    loader = EngineLoader(broken)
    with pytest.raises(EngineLoadError, match="ImportError: gone"):
        loader.session()
    assert loader.failed


def test_an_unfinished_line_does_not_swallow_the_next_statement() -> None:
    """`x +` then `foo 3` unindented: two chunks (each gets its own error), as the layout rule says;
    a block comment running over unindented lines still stays one chunk."""
    from gradbook.engine.language.session import Session

    is_complete = Session().is_complete
    lines = ["x +\n", "foo 3\n", "{- a comment\n", "over lines -}\n", "[1,2\n", "x\n"]
    assert list(group_statements(lines, is_complete)) == [
        (1, "x +"), (2, "foo 3"), (3, "{- a comment\nover lines -}"), (5, "[1,2"), (6, "x")]


def test_a_background_load_that_fails_once_is_retried_before_it_is_reported() -> None:
    from gradbook.repl.loader import EngineLoadError, EngineLoader

    calls: list[int] = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("dictionary changed size during iteration")
        return "the session"

    assert EngineLoader(flaky).session() == "the session" and len(calls) == 2

    def broken():
        raise RuntimeError("no engine")

    loader = EngineLoader(broken)
    with pytest.raises(EngineLoadError, match="no engine"):
        loader.session()
