"""The session language's syntax tree: small frozen dataclasses, each carrying the source span it came from.

The parser builds them, the evaluator walks them, and diagnostics render a span as `name:line:col` + caret.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple, Union


class Source(NamedTuple):
    """One piece of text given to `Session.run` (a cell, a script, a Markdown block), kept so that an error
    raised later (inside a function defined here) can still show the right line. A named tuple, like
    Span, because one is made per run and the per-line budget is tight."""

    name: str
    text: str
    first_line: int = 1

    def line_text(self, line: int) -> str:
        lines = self.text.split("\n")
        return lines[line - 1] if 1 <= line <= len(lines) else ""

    def __repr__(self) -> str:
        return f"Source({self.name!r}, first_line={self.first_line})"


class Span(NamedTuple):
    """A region of a Source: 1-based line and column (code points); `end_col` is exclusive.

    An immutable named tuple rather than a dataclass because the parser makes one per node and token, and
    a tuple is several times cheaper to build (the per-line budget in benchmarks/bench_session.py)."""

    source: Source
    line: int
    col: int
    end_line: int
    end_col: int

    def __repr__(self) -> str:
        return f"Span({self.line}:{self.col}-{self.end_line}:{self.end_col})"

    def to(self, other: "Span") -> "Span":
        """The span from the start of self to the end of other."""
        return Span(self.source, self.line, self.col, other.end_line, other.end_col)


# ----------------------------------------------------------------------------------------------- patterns
@dataclass(frozen=True)
class PVar:
    name: str
    span: Span


@dataclass(frozen=True)
class PWild:
    span: Span


@dataclass(frozen=True)
class PTuple:
    items: tuple
    span: Span


@dataclass(frozen=True)
class PList:
    items: tuple
    span: Span


@dataclass(frozen=True)
class PLit:
    value: Any
    span: Span


@dataclass(frozen=True)
class PCons:
    """`x : xs` in a pattern."""

    head: Any
    tail: Any
    span: Span


Pattern = Union[PVar, PWild, PTuple, PList, PLit, PCons]


# -------------------------------------------------------------------------------------------------- types
@dataclass(frozen=True)
class TName:
    """A type constructor applied to arguments (`Float`, `IO Tensor`) or a type variable (`a`)."""

    name: str
    args: tuple
    span: Span


@dataclass(frozen=True)
class TList:
    item: Any
    span: Span


@dataclass(frozen=True)
class TTuple:
    items: tuple
    span: Span


@dataclass(frozen=True)
class TFun:
    arg: Any
    result: Any
    span: Span


# ------------------------------------------------------------------------------------------- expressions
@dataclass(frozen=True)
class Lit:
    """A number, string or Bool literal; `value` is already the runtime value."""

    value: Any
    span: Span


@dataclass(frozen=True)
class Var:
    name: str
    span: Span


@dataclass(frozen=True)
class App:
    """`f a b c`: applications are flattened so a call costs one node."""

    fn: Any
    args: tuple
    span: Span


@dataclass(frozen=True)
class BinOp:
    """`left op right`; `op` is the operator's text, or a name for backtick infix (``a `matmul` b``)."""

    op: str
    left: Any
    right: Any
    span: Span
    op_span: Span
    backtick: bool = False


@dataclass(frozen=True)
class Neg:
    expr: Any
    span: Span


@dataclass(frozen=True)
class OpRef:
    """`(+)`: an operator used as a function."""

    op: str
    span: Span
    backtick: bool = False


@dataclass(frozen=True)
class Section:
    """`(+ 2)` (left is None) or `(2 *)` (right is None)."""

    op: str
    left: Any
    right: Any
    span: Span
    backtick: bool = False


@dataclass(frozen=True)
class ListExpr:
    items: tuple
    span: Span


@dataclass(frozen=True)
class Range:
    """`[start..end]` or `[start, then..end]`."""

    start: Any
    then: Any
    end: Any
    span: Span


@dataclass(frozen=True)
class ListComp:
    """`[e | x <- xs, cond, let y = ...]`: qualifiers are ("gen", pattern, expr), ("guard", expr) or
    ("let", bindings)."""

    expr: Any
    qualifiers: tuple
    span: Span


@dataclass(frozen=True)
class TupleExpr:
    items: tuple
    span: Span


@dataclass(frozen=True)
class Lambda:
    params: tuple
    body: Any
    span: Span


@dataclass(frozen=True)
class If:
    cond: Any
    then: Any
    orelse: Any
    span: Span


@dataclass(frozen=True)
class LetIn:
    bindings: tuple
    body: Any
    span: Span


@dataclass(frozen=True)
class Case:
    scrutinee: Any
    alternatives: tuple  # of (pattern, expr)
    span: Span


@dataclass(frozen=True)
class GuardFail:
    """Reached when no guard of an equation holds."""

    span: Span


@dataclass(frozen=True)
class Do:
    """`do` and its statements (LetStmt, BindStmt, ExprStmt): evaluates to an IO action."""

    statements: tuple
    span: Span


@dataclass(frozen=True)
class Annot:
    """`e :: T`."""

    expr: Any
    type: Any
    span: Span


# -------------------------------------------------------------------------------------- bindings/statements
@dataclass(frozen=True)
class FunBind:
    """`f x y = e` (params non-empty) or `x = e` (params empty, name only). A function defined by several
    equations (`fact 0 = 1` then `fact n = ...`) has them all in `clauses`, as (params, body) pairs."""

    name: str
    params: tuple
    body: Any
    span: Span
    clauses: tuple = ()


def merge_clauses(first: FunBind, second: FunBind) -> FunBind:
    """One function from two consecutive equations of the same name and arity."""
    clauses = first.clauses or ((first.params, first.body),)
    return FunBind(first.name, first.params, first.body, first.span.to(second.span),
                   clauses + ((second.params, second.body),))


def is_equation(binding: Any) -> bool:
    return type(binding) is FunBind and bool(binding.params)


@dataclass(frozen=True)
class PatBind:
    """`(a, b) = e` or `[g] = e`."""

    pattern: Any
    expr: Any
    span: Span


@dataclass(frozen=True)
class LetStmt:
    bindings: tuple
    span: Span


@dataclass(frozen=True)
class BindStmt:
    """`x <- action`."""

    pattern: Any
    expr: Any
    span: Span


@dataclass(frozen=True)
class ExprStmt:
    expr: Any
    span: Span


@dataclass(frozen=True)
class ImportStmt:
    span: Span


@dataclass(frozen=True)
class SignatureStmt:
    """`f :: Tensor -> Tensor` on its own line (pasted Haskell): accepted and ignored."""

    names: tuple
    span: Span


Statement = Union[LetStmt, BindStmt, ExprStmt, ImportStmt, SignatureStmt]
