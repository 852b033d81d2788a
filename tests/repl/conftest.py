"""Fixtures for the REPL's unit tests: a fake Session and a driver for the prompt with pipe input.

FakeSession honours Session's contract (engine/language/results.py) with a toy language, so the REPL's own logic
is tested without the engine: `let NAME = INT`, a bare name or integer shows itself, an unclosed `(` is
incomplete, `boom` is an error, `slow` raises KeyboardInterrupt (as if Ctrl-C arrived mid-run),
`:set OPTION on|off`, `:quit` quits. The end-to-end tests (test_e2e.py) use the real Session.
"""
from __future__ import annotations

import io
import re
import threading
import time
from typing import Any, Callable

import pytest

from gradbook.engine.language.results import StreamedOutputs, Completions, ErrorReport, Output, RunResult

BUILTINS = ["makeIndependent", "mean", "matmul", "grad", "toDependent"]
COMMANDS = [":help", ":type", ":doc", ":browse", ":graph", ":load", ":reload", ":save", ":reset", ":set",
            ":quit"]


class FakeSession:
    def __init__(self, name: str = "<interactive>", allow_files: bool = True) -> None:
        self.name = name
        self.bindings: dict[str, Any] = {}
        self.history: list[str] = []
        self.options = {"annotations": True, "colors": True}
        self.runs: list[tuple[str, str | None, int]] = []

    def builtin_names(self) -> list[str]:
        return list(BUILTINS)

    def command_names(self) -> list[str]:
        return list(COMMANDS)

    def is_complete(self, source: str) -> str:
        if source.count("(") > source.count(")"):
            return "incomplete"
        if source.count(")") > source.count("("):
            return "invalid"
        return "complete"

    def run(self, source: str, name: str | None = None, first_line: int = 1, on_output=None) -> RunResult:
        self.runs.append((source, name, first_line))
        text = " ".join(s for s in (ln.strip() for ln in source.split("\n")) if s and s not in (":{", ":}"))
        result = RunResult() if on_output is None else RunResult(StreamedOutputs(on_output))
        if text == "slow":
            raise KeyboardInterrupt
        if text == ":quit":
            result.quit = True
            return result
        if text.startswith(":set "):
            _, option, value = text.split()
            self.options[option] = value == "on"
            return result
        match = re.fullmatch(r"let (\w+) = (.+)", text)
        if match:
            self.bindings[match.group(1)] = self._value(match.group(2), source, name, first_line, result)
        elif text:
            value = self._value(text, source, name, first_line, result)
            if result.error is None:
                self.bindings["it"] = value
                result.outputs.append(Output("value", str(value), "requires_grad · grad_fn=mul", value))
        if result.error is None:
            self.history.append(source)
        return result

    def _value(self, text: str, source: str, name: str | None, line: int, result: RunResult) -> Any:
        text = text.strip("() ")
        if text.isdigit():
            return int(text)
        if text in self.bindings:
            return self.bindings[text]
        where = name or self.name
        result.error = ErrorReport("name", f"unknown name `{text}`", where, line, 1, 1 + len(text),
                                   f"{where}:{line}:1: error: unknown name `{text}`\n  {source}\n  ^")
        return None

    def complete(self, source: str, cursor: int) -> Completions:
        start = cursor
        while start > 0 and (source[start - 1].isalnum() or source[start - 1] in "_'"):
            start -= 1
        word = source[start:cursor]
        names = BUILTINS + sorted(self.bindings)
        return Completions([n for n in names if word and n.startswith(word)], start, cursor)

    def inspect(self, source: str, cursor: int) -> str | None:
        return None


# --- fixtures: drive the REPL with prompt_toolkit's pipe input and dummy output ---------------------------
@pytest.fixture
def fake_session() -> FakeSession:
    return FakeSession()


@pytest.fixture
def drive(fake_session: FakeSession) -> Callable[..., tuple[int, str]]:
    """drive(keys, session=None, history=None, color=False, loader=None) -> (exit status, printed text).

    `keys` is a string sent at once (prompt_toolkit keeps typeahead between prompts), or a list of
    strings sent 0.15 s apart, for keys whose effect is asynchronous (Tab completion)."""
    from prompt_toolkit.history import InMemoryHistory
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from gradbook.repl.app import Repl
    from gradbook.repl.loader import EngineLoader

    def run(keys, session=None, history=None, color=False, loader=None) -> tuple[int, str]:
        session = session or fake_session
        out = io.StringIO()
        with create_pipe_input() as pipe:
            feeder = None
            if isinstance(keys, str):
                pipe.send_text(keys)
            else:
                def feed() -> None:
                    for chunk in keys:
                        time.sleep(0.15)
                        pipe.send_text(chunk)

                feeder = threading.Thread(target=feed, daemon=True)
                feeder.start()
            repl = Repl(
                loader or EngineLoader(lambda: session),
                input=pipe,
                output=DummyOutput(),
                out=out,
                history=history if history is not None else InMemoryHistory(),
                color=color,
            )
            status = repl.run()
            if feeder is not None:
                feeder.join(timeout=10)
        return status, out.getvalue()

    return run
