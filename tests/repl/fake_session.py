"""A stand-in for `gradbook.engine.session.Session` that honours its contract (engine/results.py) with a
toy language, so the REPL's own logic is tested without the engine: `let NAME = INT`, a bare name or
integer shows itself, an unclosed `(` is incomplete, `boom` is an error, `slow` raises KeyboardInterrupt
(as if Ctrl-C arrived mid-run), `:quit` quits."""
from __future__ import annotations

import re
from typing import Any

from gradbook.engine.results import Completions, ErrorReport, Output, RunResult

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

    def run(self, source: str, name: str | None = None, first_line: int = 1) -> RunResult:
        self.runs.append((source, name, first_line))
        text = " ".join(line.strip() for line in source.split("\n") if line.strip() not in (":{", ":}"))
        result = RunResult()
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
