"""Colon commands through Session.run: prefixes, :type/:doc/:browse/:set/:reset/:quit, and the file commands
(:load/:reload/:save) with and without file access."""
from __future__ import annotations

import json

import pytest

from gradbook.engine.language.commands import resolve
from gradbook.engine.language.session import Session


@pytest.mark.parametrize("word, name", [
    ("t", "type"), ("ty", "type"), ("type", "type"), ("r", "reload"), ("res", "reset"), ("s", "set"),
    ("sa", "save"), ("q", "quit"), ("b", "browse"), ("g", "graph"), ("d", "doc"), ("?", "help"),
    ("l", "load"), ("nope", None),
])
def test_prefixes(word, name):
    assert resolve(word) == name


def info(session, source):
    result = session.run(source)
    assert result.error is None, result.error.rendered
    return [(o.kind, o.text) for o in result.outputs]


def test_help_lists_every_command(session):
    [(kind, text)] = info(session, ":help")
    assert kind == "info"
    for name in ("type", "doc", "browse", "graph", "load", "reload", "save", "reset", "set", "quit"):
        assert f":{name}" in text


def test_type_and_doc(session):
    session.run("let x = 1")
    assert info(session, ":t x + 1") == [("info", "x + 1 :: int")]
    [(kind, text)] = info(session, ":doc map")
    assert kind == "doc" and text.startswith("map :: a -> b") and "PyTorch: torch.map" in text
    assert info(session, ":doc x") == [("doc", "x :: int")]


def test_command_errors_point_into_the_command_line(session):
    error = session.run(":type 1 +").error
    assert error.kind == "parse" and error.col == 10 and error.rendered.split("\n")[1] == "  :type 1 +"
    error = session.run(":doc mapp").error
    assert error.kind == "name" and "did you mean `map`?" in error.message and error.col == 6
    error = session.run(":frobnicate").error
    assert error.kind == "name" and "unknown command" in error.message


def test_browse_reset_and_it(session):
    assert info(session, ":browse") == [("info", "no bindings yet")]
    session.run("let a = 1\nlet b = True\na")
    assert info(session, ":browse") == [("info", "a :: int\nb :: bool")]
    assert info(session, ":reset") == [("info", "every binding is cleared")]
    assert dict(session.bindings) == {} and session.history == []


def test_set_options(session):
    assert info(session, ":set annotations off") == [("info", "annotations off")]
    assert session.options["annotations"] is False
    assert info(session, ":s colors off") == [("info", "colors off")]
    assert info(session, ":set") == [("info", "options: annotations off, colors off, summarise on, graph text")]
    assert info(session, ":set graph svg") == [("info", "graph svg")] and session.options["graph"] == "svg"
    assert session.run(":set sparkles on").error.kind == "value"
    assert session.run(":set graph on").error.kind == "value" and session.options["graph"] == "svg"


def test_quit_stops_the_run(session):
    result = session.run("1\n:quit\n2")
    assert result.quit and [o.text for o in result.outputs] == ["1"]


def test_commands_mix_with_code_in_order(session):
    assert info(session, "let x = 1\n:t x\nx") == [("info", "x :: int"), ("value", "1")]


def test_file_commands_need_permission(session, tmp_path):
    for command in (f":load {tmp_path}/a.gb", ":reload", f":save {tmp_path}/a.gb"):
        error = session.run(command).error
        assert error.kind == "value" and "not available here" in error.message
    assert not (tmp_path / "a.gb").exists()


@pytest.fixture
def file_session(session, tmp_path):
    session.allow_files = True
    session.root = str(tmp_path)  # files are confined to the working folder (language/files.py)
    return session


def test_save_then_load_reproduces(file_session, tmp_path):
    s = file_session
    s.run("let a = 2\nlet f x = x * a\nbroken +")
    s.run("f 5")
    path = tmp_path / "lesson.gb"
    assert info(s, f":save {path}") == [("info", f"saved 3 statements to {path}")]
    assert path.read_text() == "let a = 2\nlet f x = x * a\nf 5\n"
    fresh = Session(allow_files=True, root=str(tmp_path))
    fresh._runtime = s.runtime
    assert info(fresh, f":load {path}") == [("value", "10")]
    assert info(fresh, ":r") == [("value", "10")]


def test_load_reports_errors_at_the_file_line(file_session, tmp_path):
    path = tmp_path / "bad.gb"
    path.write_text("let a = 1\nlet b = a +\n")
    error = file_session.run(f":load {path}").error
    assert error.source_name == str(path) and error.line == 2
    assert file_session.bindings["a"] == 1
    assert "cannot read" in file_session.run(f":load {tmp_path}/missing.gb").error.message


def test_load_markdown_runs_its_blocks(file_session, tmp_path):
    path = tmp_path / "lesson.md"
    path.write_text("# Lesson\n\n```haskell do\nlet a = 20\n```\n\n```haskell\nignored\n```\n\n"
                    "```haskell eval\na + 1\n```\n")
    assert info(file_session, f":load {path}") == [("value", "21")]


def test_load_replaces_the_bindings_as_ghci_does(real_session, tmp_path):
    """ghci's `:load` and `:reload` start from no bindings (types and instances included); a `.gb` script runs
    on top of them (as ghci's `:script`); a module that fails to load keeps what the session had."""
    s = real_session
    s.allow_files, s.root = True, str(tmp_path)
    (tmp_path / "A.hs").write_text("data P = P Int deriving Show\ninstance Num P where\n  P a + P b = P (a + b)\n"
                                   "  fromInteger n = P (fromInteger n)\nh :: Int\nh = 1\n")
    (tmp_path / "lesson.md").write_text("```haskell top\nk = 7\n```\n\n```haskell eval\nk * 2\n```\n")
    (tmp_path / "s.gb").write_text("let z = 3\n")
    (tmp_path / "Bad.hs").write_text("q = (\n")
    s.run("x = 1\ndata Q = Q deriving Show")
    assert s.run(":load A.hs").error is None and s.run("x").error.message == "unknown name `x`"
    assert "unknown constructor `Q`" in s.run("Q").error.message
    assert info(s, "P 1 + P 2") == [("value", "P 3")]
    s.run("y = 2")
    assert s.run(":reload").error is None and "y" not in s.bindings and s.bindings["h"] == 1
    assert info(s, f":load {tmp_path}/lesson.md") == [("value", "14")]
    assert "h" not in s.bindings and "unknown constructor `P`" in s.run("P 1").error.message
    assert s.run(f":load {tmp_path}/s.gb").error is None and (s.bindings["k"], s.bindings["z"]) == (7, 3)
    assert s.run(f":load {tmp_path}/Bad.hs").error.line == 1
    assert (s.bindings["k"], s.bindings["z"]) == (7, 3)
    assert s.run(":load A.hs").error is None and info(s, "sum [P 1, P 2]") == [("value", "P 3")]


def test_save_notebook_is_valid_nbformat(file_session, tmp_path):
    import nbformat  # a declared test dependency
    file_session.run("let a = 1\na + 1")
    path = tmp_path / "lesson.ipynb"
    file_session.run(f":save {path}")
    notebook = nbformat.read(str(path), as_version=4)
    nbformat.validate(notebook)
    assert [cell.source for cell in notebook.cells] == ["let a = 1", "a + 1"]
    assert json.loads(path.read_text())["metadata"]["kernelspec"]["name"] == "gradbook"
