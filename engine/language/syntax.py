"""The session language's syntax tree: small immutable records, each carrying the source span it came from.

The parser builds them, the evaluator walks them, and diagnostics render a span as `name:line:col` + caret.
They are typed named tuples rather than frozen dataclasses: just as immutable, but a frozen dataclass costs
about 2.5 µs to build here against 0.7 µs, and a line makes several nodes within a 20 µs budget
(benchmarks/bench_session.py). Nothing compares nodes, so tuple equality never matters.
"""
from __future__ import annotations

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
class PVar(NamedTuple):
    name: str
    span: Span


class PWild(NamedTuple):
    span: Span


class PTuple(NamedTuple):
    items: tuple
    span: Span


class PList(NamedTuple):
    items: tuple
    span: Span


class PLit(NamedTuple):
    value: Any
    span: Span


class PCons(NamedTuple):
    """`x : xs` in a pattern."""

    head: Any
    tail: Any
    span: Span


Pattern = Union[PVar, PWild, PTuple, PList, PLit, PCons]


# -------------------------------------------------------------------------------------------------- types
class TName(NamedTuple):
    """A type constructor applied to arguments (`Float`, `IO Tensor`) or a type variable (`a`)."""

    name: str
    args: tuple
    span: Span


class TList(NamedTuple):
    item: Any
    span: Span


class TTuple(NamedTuple):
    items: tuple
    span: Span


class TFun(NamedTuple):
    arg: Any
    result: Any
    span: Span


# ------------------------------------------------------------------------------------------- expressions
class Lit(NamedTuple):
    """A number, string or Bool literal; `value` is already the runtime value."""

    value: Any
    span: Span


class Var(NamedTuple):
    name: str
    span: Span


class QVar(NamedTuple):
    """`T.exp`, `P.exp`, `Torch.Functional.mean`: a name with the module (or `as` alias) it comes from."""

    qualifier: str
    name: str
    span: Span


class App(NamedTuple):
    """`f a b c`: applications are flattened so a call costs one node."""

    fn: Any
    args: tuple
    span: Span


class BinOp(NamedTuple):
    """`left op right`; `op` is the operator's text, or a name for backtick infix (``a `matmul` b``)."""

    op: str
    left: Any
    right: Any
    span: Span
    op_span: Span
    backtick: bool = False


class Neg(NamedTuple):
    expr: Any
    span: Span


class OpRef(NamedTuple):
    """`(+)`: an operator used as a function."""

    op: str
    span: Span
    backtick: bool = False


class Section(NamedTuple):
    """`(+ 2)` (left is None) or `(2 *)` (right is None)."""

    op: str
    left: Any
    right: Any
    span: Span
    backtick: bool = False


class ListExpr(NamedTuple):
    items: tuple
    span: Span


class Range(NamedTuple):
    """`[start..end]` or `[start, then..end]`."""

    start: Any
    then: Any
    end: Any
    span: Span


class ListComp(NamedTuple):
    """`[e | x <- xs, cond, let y = ...]`: qualifiers are ("gen", pattern, expr), ("guard", expr) or
    ("let", bindings)."""

    expr: Any
    qualifiers: tuple
    span: Span


class TupleExpr(NamedTuple):
    items: tuple
    span: Span


class Lambda(NamedTuple):
    params: tuple
    body: Any
    span: Span


class If(NamedTuple):
    cond: Any
    then: Any
    orelse: Any
    span: Span


class LetIn(NamedTuple):
    bindings: tuple
    body: Any
    span: Span


class Case(NamedTuple):
    scrutinee: Any
    alternatives: tuple  # of (pattern, expr)
    span: Span


class GuardFail(NamedTuple):
    """Reached when no guard of an equation holds."""

    span: Span


class GuardQuals(NamedTuple):
    """A pattern guard `| let y = f x, Just z <- g y, z > 0`: qualifiers as in ListComp, all must hold;
    the names they bind are seen by the guarded expression."""

    qualifiers: tuple
    span: Span


class Guarded(NamedTuple):
    """`| cond = e | cond = e` (or `->` in a case alternative): when no guard holds, the next equation or
    alternative is tried, as in Haskell."""

    alternatives: tuple  # of (cond, expr)
    span: Span


class Do(NamedTuple):
    """`do` and its statements (LetStmt, BindStmt, ExprStmt): evaluates to an IO action."""

    statements: tuple
    span: Span


class Annot(NamedTuple):
    """`e :: T`."""

    expr: Any
    type: Any
    span: Span


# -------------------------------------------------------------------------------------- bindings/statements
class FunBind(NamedTuple):
    """`f x y = e` (params non-empty) or `x = e` (params empty, name only). A function defined by several
    equations (`fact 0 = 1` then `fact n = ...`) has them all in `clauses`, as (params, body) pairs."""

    name: str
    params: tuple
    body: Any
    span: Span
    clauses: tuple = ()
    signature: Any = None  # the type of `name :: T` given in the same group (a type tree), if any


def merge_clauses(first: FunBind, second: FunBind) -> FunBind:
    """One function from two consecutive equations of the same name and arity."""
    clauses = first.clauses or ((first.params, first.body),)
    return FunBind(first.name, first.params, first.body, first.span.to(second.span),
                   clauses + ((second.params, second.body),), first.signature or second.signature)


def is_equation(binding: Any) -> bool:
    return type(binding) is FunBind and bool(binding.params)


class PatBind(NamedTuple):
    """`(a, b) = e` or `[g] = e`."""

    pattern: Any
    expr: Any
    span: Span


def pattern_names(pattern: Any) -> list:
    """The names a pattern binds, in order."""
    kind = type(pattern)
    if kind is PVar:
        return [pattern.name]
    if kind is PAs:
        return [pattern.name, *pattern_names(pattern.pattern)]
    if kind is PRec:
        return record_pattern_names(pattern)
    names: list = []
    for field in pattern._fields:
        part = getattr(pattern, field)
        if field == "span":
            continue
        for item in part if type(part) is tuple else (part,):
            if hasattr(item, "_fields") and hasattr(item, "span"):
                names.extend(pattern_names(item))
    return names


def record_pattern_names(pattern: Any) -> list:
    """`Foo {bar = x, baz}` binds x and baz; `Foo {..}` also every other field of Foo (known once declared)."""
    names = [name for _field, item, _span in pattern.fields for name in pattern_names(item)]
    if pattern.wildcard:
        from gradbook.engine.language.datatypes import current_types  # the types live at run time

        con = current_types().constructor(pattern.name)
        given = {field for field, _item, _span in pattern.fields}
        names += [field for field in (con.fields if con is not None else ()) if field not in given]
    return names


def bound_names(binding: Any) -> list:
    return [binding.name] if type(binding) is FunBind else pattern_names(binding.pattern)


class LetStmt(NamedTuple):
    bindings: tuple
    span: Span


class BindStmt(NamedTuple):
    """`x <- action`."""

    pattern: Any
    expr: Any
    span: Span


class ExprStmt(NamedTuple):
    expr: Any
    span: Span


class DeclStmt(NamedTuple):
    """A top-level declaration `f x = ...` or `(a, b) = ...` (no `let`): consecutive ones form one
    recursive binding group, so they may come in any order and call each other."""

    bindings: tuple
    span: Span


class ImportStmt(NamedTuple):
    """`import qualified Torch.Functional as F (exp, log)` / `import Data.List hiding (foldl')`."""

    module: str
    span: Span
    qualified: bool = False
    alias: str | None = None
    names: tuple | None = None  # the import list, None without one
    hiding: bool = False


class ModuleHeader(NamedTuple):
    """`module Main (main) where`: the text is a program file."""

    name: str
    span: Span


class SignatureStmt(NamedTuple):
    """`f :: Tensor -> Tensor` at top level: attached to the binding of the same names in its group."""

    names: tuple
    span: Span
    type: Any = None


Statement = Union[LetStmt, DeclStmt, BindStmt, ExprStmt, ImportStmt, ModuleHeader, SignatureStmt]


# --------------------------------------------------------------------- data types, records and classes
# (parsed by parser_decls.py, evaluated by datatypes.py and classes.py)
class PCon(NamedTuple):
    """`Just x`, `Foo a b`, `Nothing`, `a :+ b` in a pattern: a constructor and its argument patterns."""

    name: str
    args: tuple
    span: Span


class PRec(NamedTuple):
    """`Foo {bar = x, baz}` or `Foo {..}`: fields as (name, pattern) pairs (a pun's pattern is PVar of the
    field); `wildcard` binds every other field to a variable of its own name (RecordWildCards)."""

    name: str
    fields: tuple
    wildcard: bool
    span: Span


class PAs(NamedTuple):
    """`p@(x, y)`: the whole value named, and matched against the pattern too."""

    name: str
    pattern: Any
    span: Span


class RecordCon(NamedTuple):
    """`LinearSpec {in_features = 3, out_features = 1}`; fields are (name, expr, span) with expr None for a
    pun (`Foo {bar}`); `wildcard` (`Foo {..}`) takes the other fields from variables in scope."""

    name: str
    fields: tuple
    wildcard: bool
    span: Span
    name_span: Span


class RecordUpdate(NamedTuple):
    """`r {f = v, g = w}`: a copy of the record with those fields replaced."""

    expr: Any
    fields: tuple
    span: Span


class FieldAccess(NamedTuple):
    """`trained.weight` (OverloadedRecordDot: a `.` with no space on either side)."""

    expr: Any
    field: str
    span: Span


class ConDecl(NamedTuple):
    """One constructor of a `data`/`newtype`: `fields` names its fields (empty for a positional one),
    `arity` counts them, `types` holds their type trees; `infix` for `a :+ b`."""

    name: str
    arity: int
    fields: tuple
    types: tuple
    span: Span
    infix: bool = False


class DataDecl(NamedTuple):
    """`data T a = C1 .. | C2 {..} deriving (...)` or `newtype`; `deriving` holds (strategy, class name,
    span) triples, strategy "" / "stock" / "anyclass" / "newtype"."""

    name: str
    params: tuple
    constructors: tuple
    deriving: tuple
    newtype: bool
    span: Span


class TypeDecl(NamedTuple):
    """`type Name a = T`."""

    name: str
    params: tuple
    type: Any
    span: Span


class ClassDecl(NamedTuple):
    """`class (Show a) => C a b | a -> b where ...`: `superclasses` are (class, type args) pairs,
    `signatures` (name, type) pairs, `defaults` FunBinds of the default methods."""

    name: str
    params: tuple
    superclasses: tuple
    signatures: tuple
    defaults: tuple
    span: Span


class InstanceDecl(NamedTuple):
    """`instance C T1 T2 where bindings`, or a standalone `deriving [strategy] instance C T` (then
    `derived` is the strategy, "stock" when none is written, and there are no bindings)."""

    name: str
    types: tuple
    bindings: tuple
    span: Span
    derived: str = ""


TYPE_DECLARATIONS = (DataDecl, TypeDecl, ClassDecl, InstanceDecl)
"""The declarations datatypes.declare runs (the others are bindings and signatures)."""
