"""User errors of the session language and their one rendering: `<cell>:2:9: error: ...`, the source line
and a caret under the span. Everything the user caused becomes a `LangError`; anything else is a bug and is
reported as an "internal" error by the Session.
"""
from __future__ import annotations

import difflib
from typing import Iterable

from gradbook.engine.tensors.errors import (
    AllocationError,
    ArgumentError,
    AutogradError,
    CheckFailed,
    DTypeError,
    GradbookError,
    InvalidValueError,
    ShapeError,
)
from gradbook.engine.language.results import ErrorReport
from gradbook.engine.language.syntax import Source, Span

# Most specific first: the first class an error is an instance of names its kind.
_KINDS: tuple[tuple[type, str], ...] = (
    (ShapeError, "shape"),
    (DTypeError, "dtype"),
    (AutogradError, "autograd"),
    (AllocationError, "limit"),
    (CheckFailed, "check"),
    (InvalidValueError, "value"),
    (ArgumentError, "type"),
)


def kind_of(error: GradbookError) -> str:
    """The ErrorReport kind for an engine/builtin error."""
    for cls, kind in _KINDS:
        if isinstance(error, cls):
            return kind
    return "value"


class LangError(Exception):
    """A user-caused error placed in the source. `kind` is one of ErrorReport's kinds."""

    def __init__(self, kind: str, message: str, span: Span | None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.span = span


class ParseError(LangError):
    """A syntax error. `at_end` is True when the input simply stopped too early (an open bracket, a
    trailing operator, `let x =`): the REPL then asks for another line instead of reporting it."""

    def __init__(self, message: str, span: Span, at_end: bool = False) -> None:
        super().__init__("parse", message, span)
        self.at_end = at_end


def suggest(name: str, candidates: Iterable[str]) -> str | None:
    """The nearest known name to a misspelt one, or None when nothing is close."""
    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    if not matches and name.lower() != name:
        matches = difflib.get_close_matches(name.lower(), list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def render(kind: str, message: str, span: Span | None, fallback: Source | None = None) -> ErrorReport:
    """Build the ErrorReport, with its rendered text, for an error at `span`."""
    if span is None:
        source = fallback or Source("<cell>", "")
        name, line, col, end_col = source.name, source.first_line, 1, 2
        return ErrorReport(kind, message, name, line, col, end_col, f"{name}:{line}:{col}: error: {message}")
    source = span.source
    text = source.line_text(span.line)
    end_col = span.end_col if span.end_line == span.line else len(text) + 1
    end_col = max(end_col, span.col + 1)
    line = source.first_line + span.line - 1
    header = f"{source.name}:{line}:{span.col}: error: {message}"
    # The caret line copies tabs from the source so it stays under the span in any terminal.
    pad = "".join("\t" if ch == "\t" else " " for ch in text[: span.col - 1])
    pad += " " * max(0, span.col - 1 - len(text))
    caret = "^" * (end_col - span.col)
    rendered = f"{header}\n  {text}\n  {pad}{caret}" if text.strip() else header
    return ErrorReport(kind, message, source.name, line, span.col, end_col, rendered)


def report(error: LangError, fallback: Source | None = None) -> ErrorReport:
    return render(error.kind, error.message, error.span, fallback)
