"""The one rendering of user errors: `name:line:col: error: message`, the source line, a caret under the span."""
from __future__ import annotations

from gradbook.engine.language.diagnostics import LangError, kind_of, render, report, suggest
from gradbook.engine.tensors.errors import (AllocationError, ArgumentError, AutogradError, DTypeError, GradbookError,
                                    InvalidValueError, ShapeError)
from gradbook.engine.language.syntax import Source, Span


def test_render_header_source_line_and_caret():
    source = Source("<cell>", "let x = 1\nlet z = x + y", first_line=1)
    error = render("shape", "cannot add shapes [2,3] and [4]", Span(source, 2, 9, 2, 14))
    assert error.rendered == ("<cell>:2:9: error: cannot add shapes [2,3] and [4]\n"
                              "  let z = x + y\n"
                              "          ^^^^^")
    assert (error.line, error.col, error.end_col, error.kind) == (2, 9, 14, "shape")


def test_first_line_offsets_the_reported_line():
    source = Source("lesson.md", "a\nbb +", first_line=40)
    error = render("parse", "oops", Span(source, 2, 4, 2, 5))
    assert error.rendered.startswith("lesson.md:41:4: error: oops\n  bb +\n     ^")
    assert error.line == 41 and error.source_name == "lesson.md"


def test_tabs_are_copied_so_the_caret_lines_up():
    source = Source("<cell>", "\tfoo\tbar")
    rendered = render("name", "unknown", Span(source, 1, 6, 1, 9)).rendered
    assert rendered.split("\n")[2] == "  \t   \t^^^"


def test_multiline_span_underlines_to_the_end_of_its_first_line_and_empty_spans_get_one_caret():
    source = Source("<cell>", "let f x =\n  x +")
    assert render("type", "m", Span(source, 1, 5, 2, 6)).rendered.split("\n")[2] == "      ^^^^^"
    assert render("parse", "m", Span(source, 2, 6, 2, 6)).rendered.split("\n")[2] == "       ^"


def test_error_without_a_span_uses_the_fallback_source():
    error = report(LangError("limit", "input too long", None), Source("big.gb", "x", 3))
    assert error.rendered == "big.gb:3:1: error: input too long"


def test_kinds_of_engine_errors():
    pairs = [(ShapeError("s"), "shape"), (DTypeError("d"), "dtype"), (AutogradError("a"), "autograd"),
             (AllocationError("m"), "limit"), (InvalidValueError("v"), "value"), (ArgumentError("t"), "type"),
             (GradbookError("g"), "value")]
    assert [kind_of(error) for error, _ in pairs] == [kind for _, kind in pairs]


def test_suggestions():
    assert suggest("mena", ["mean", "matmul", "max"]) == "mean"
    assert suggest("makeindependent", ["makeIndependent"]) == "makeIndependent"
    assert suggest("zzzz", ["mean"]) is None
