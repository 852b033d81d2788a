"""The interactive REPL driven through prompt_toolkit's pipe input and dummy output, with a fake Session:
typing, Enter on incomplete input, `:{ :}`, Ctrl-C, Ctrl-D, completion, history, colours, failures."""
from __future__ import annotations

import io
import threading

import pytest
from prompt_toolkit.history import FileHistory
from prompt_toolkit.input import DummyInput
from prompt_toolkit.output import DummyOutput

from gradbook.repl.app import Repl
from gradbook.repl.loader import EngineLoader

ESC = "\x1b"
CTRL_C, CTRL_D, ENTER, UP, TAB = "\x03", "\x04", "\r", "\x1b[A", "\t"


def sources(session) -> list[str]:
    return [source for source, _, _ in session.runs]


def test_a_line_runs_and_shows_value_with_annotation(drive, fake_session) -> None:
    status, out = drive("let x = 7\rx\r" + CTRL_D)
    assert status == 0
    assert sources(fake_session) == ["let x = 7", "x"]
    assert out == "7\nrequires_grad · grad_fn=mul\n"


def test_enter_on_incomplete_input_continues_with_indent(drive, fake_session) -> None:
    status, out = drive("(x" + ENTER + ")" + ENTER + CTRL_D)
    assert status == 0
    assert sources(fake_session) == ["(x\n  )"]


def test_two_empty_continuation_lines_run_unfinished_input(drive, fake_session) -> None:
    drive("(((" + ENTER + ENTER + ENTER + CTRL_D)
    assert len(fake_session.runs) == 1 and fake_session.runs[0][0].startswith("(((")


def test_ghci_block_collects_lines_until_close(drive, fake_session) -> None:
    drive(":{\rlet y\r\r= 5\r:}\ry\r" + CTRL_D)
    assert sources(fake_session)[0] == ":{\nlet y\n\n= 5\n:}"
    assert fake_session.bindings["y"] == 5


def test_alt_enter_starts_a_new_line_in_complete_input(drive, fake_session) -> None:
    drive("let z = 3" + ESC + ENTER + "\r" + CTRL_D)
    assert sources(fake_session) == ["let z = 3\n      "]  # right of the let block (column 5): Haskell layout


def test_ctrl_c_clears_the_line(drive, fake_session) -> None:
    status, _ = drive("let q = 1" + CTRL_C + "let r = 2\r" + CTRL_D)
    assert status == 0
    assert sources(fake_session) == ["let r = 2"]


def test_ctrl_d_exits_only_on_an_empty_line(drive, fake_session) -> None:
    status, _ = drive("let r = 2" + CTRL_D + ENTER + CTRL_D)
    assert status == 0
    assert sources(fake_session) == ["let r = 2"]


def test_blank_lines_are_not_sent(drive, fake_session) -> None:
    drive("\r   \r" + CTRL_D)
    assert fake_session.runs == []


def test_quit_ends_the_session(drive, fake_session) -> None:
    status, _ = drive(":quit\rlet never = 1\r")
    assert status == 0
    assert sources(fake_session) == [":quit"]


def test_error_then_a_line_using_earlier_bindings(drive, fake_session) -> None:
    status, out = drive("let a = 4\rboom\ra\r" + CTRL_D)
    assert status == 0
    assert "<interactive>:1:1: error: unknown name `boom`" in out
    assert out.endswith("4\nrequires_grad · grad_fn=mul\n")


def test_interrupt_during_a_run_keeps_the_session(drive, fake_session) -> None:
    status, out = drive("let a = 4\rslow\ra\r" + CTRL_D)
    assert status == 0
    assert "Interrupted." in out
    assert out.endswith("4\nrequires_grad · grad_fn=mul\n")


def test_tab_completes_builtins_and_bindings(drive, fake_session) -> None:
    drive(["let width = 3\r", "makeI", TAB, ENTER, "wid", TAB, ENTER, CTRL_D])
    assert sources(fake_session) == ["let width = 3", "makeIndependent", "width"]


def test_tab_completes_colon_commands(drive, fake_session) -> None:
    drive([":brow", TAB, ENTER, CTRL_D])
    assert sources(fake_session) == [":browse"]


def test_tab_completes_file_paths_after_load(drive, fake_session, tmp_path, monkeypatch) -> None:
    (tmp_path / "lesson-one.gb").write_text("let x = 1\n")
    monkeypatch.chdir(tmp_path)
    drive([":load less", TAB, ENTER, ":l less", TAB, ENTER, CTRL_D])
    assert sources(fake_session) == [":load lesson-one.gb", ":l lesson-one.gb"]


def test_tab_at_line_start_indents(drive, fake_session) -> None:
    drive(["(1", ENTER, TAB, ")", ENTER, CTRL_D])
    assert sources(fake_session) == ["(1\n    )"]


def test_history_persists_across_sessions(drive, fake_session, tmp_path) -> None:
    path = tmp_path / "history"
    drive("let kept = 9\r" + CTRL_D, history=FileHistory(str(path)))
    assert "let kept = 9" in path.read_text()
    fake_session.runs.clear()
    drive(UP + ENTER + CTRL_D, history=FileHistory(str(path)))
    assert sources(fake_session) == ["let kept = 9"]


def test_colours_on_a_terminal_and_set_options(drive, fake_session) -> None:
    _, out = drive("let a = 1\ra\rboom\r" + CTRL_D, color=True)
    assert "\x1b[2mrequires_grad · grad_fn=mul\x1b[0m" in out
    assert "\x1b[31m<interactive>:1:1: error: unknown name `boom`\x1b[0m" in out
    _, out = drive(":set colors off\ra\rboom\r:set annotations off\ra\r" + CTRL_D, color=True)
    assert "\x1b[" not in out
    assert out.count("requires_grad") == 1


def test_engine_that_fails_to_load_is_reported(drive) -> None:
    def broken():
        raise ImportError("numba is missing")

    status, out = drive("1\r" + CTRL_D, loader=EngineLoader(broken))
    assert status == 1
    assert "the engine failed to load: ImportError: numba is missing" in out


def test_exceptions_while_reading_input_are_caught(fake_session, monkeypatch) -> None:
    calls = iter([RuntimeError("terminal went away"), "let x = 1", EOFError()])

    def fake_prompt(*args, **kwargs):
        item = next(calls)
        if isinstance(item, BaseException):
            raise item
        return item

    out = io.StringIO()
    repl = Repl(EngineLoader(lambda: fake_session), out=out, color=False, input=DummyInput(),
                output=DummyOutput())
    monkeypatch.setattr(repl.prompt, "prompt", fake_prompt)
    assert repl.run() == 0
    assert "could not read input (RuntimeError: terminal went away)" in out.getvalue()
    assert sources(fake_session) == ["let x = 1"]


def test_a_session_bug_is_reported_without_traceback(drive, fake_session, monkeypatch) -> None:
    def crash(*args, **kwargs):
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(fake_session, "run", crash)
    status, out = drive("1\r" + CTRL_D)
    assert status == 0
    assert "internal error: ZeroDivisionError: oops" in out
    assert "Traceback" not in out


@pytest.mark.parametrize("done", [False, True])
def test_toolbar_reports_loading_and_bindings(fake_session, done) -> None:
    gate = threading.Event()
    loader = EngineLoader(lambda: (gate.wait(5), fake_session)[1])
    repl = Repl(loader, input=DummyInput(), output=DummyOutput(), color=False)
    loader.start()
    if done:
        fake_session.bindings.update(a=1, b=2)
        gate.set()
        loader.session()
        assert "2 bindings" in "".join(text for _, text in repl._toolbar())
    else:
        assert "loading the engine" in "".join(text for _, text in repl._toolbar())
        gate.set()


def test_prompt_needs_no_engine_until_the_first_line(drive) -> None:
    """The prompt runs while the engine is still loading; blank lines, an open `:{` block, Ctrl-C and
    Ctrl-D never wait for it."""
    gate = threading.Event()
    loader = EngineLoader(lambda: gate.wait(30))
    status, out = drive(ENTER + "   " + ENTER + ":{" + ENTER + "let" + CTRL_C + CTRL_D, loader=loader)
    assert status == 0 and out == ""
    assert not loader.ready
    gate.set()


def test_repl_modules_do_not_import_the_engine() -> None:
    import subprocess
    import sys

    code = ("import sys, gradbook.repl.cli, gradbook.repl.app, gradbook.repl.tutorial, gradbook.repl.plain; "
            "print(sorted(m for m in sys.modules if m == 'numba' or m == 'numpy' or "
            "m.startswith('gradbook.engine.')))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "[]"


def test_completion_menu_shows_signatures(fake_session) -> None:
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document
    from prompt_toolkit.formatted_text import fragment_list_to_text

    from gradbook.repl.completer import GradbookCompleter

    fake_session.inspect = lambda source, cursor: {"matmul": "matmul :: Tensor -> Tensor -> Tensor\n\nMore."}.get(source)
    found = list(GradbookCompleter(lambda: fake_session).get_completions(Document("ma"), CompleteEvent()))
    assert [c.text for c in found] == ["makeIndependent", "matmul"]
    assert [fragment_list_to_text(c.display_meta) for c in found] == ["", "Tensor -> Tensor -> Tensor"]
