"""The parser's foundation: the token cursor with the layout rule, errors that know whether the input just
ended (so the REPL asks for more), and the small grammars of patterns and types. `parser.Parser` adds
statements and expressions on top.
"""
from __future__ import annotations

from typing import Any

from gradbook.engine.language import syntax as S
from gradbook.engine.language.diagnostics import LangError, ParseError
from gradbook.engine.language.lexer import BOL, COL, END_COL, END_LINE, KIND, LINE, TEXT, VALUE, Token, tokenize

# Spans and nodes are named tuples; building them with tuple.__new__ skips the named tuple's Python-level
# __new__ (about half the cost), which the per-line budget of benchmarks/bench_session.py notices.
new_tuple = tuple.__new__
_Span = S.Span
LOOKAHEAD = 3  # the parser peeks at most this far past the current token (`a `op` )`)

MAX_DEPTH = 100  # deeper nesting is refused (kind "limit") instead of exhausting Python's stack
_BIND_START = frozenset(["var", "(", "["])
_ALIGN_START = frozenset(["var", "con", "int", "float", "string", "(", "["])  # may start a binding/alternative


def _describe(tok: Token) -> str:
    if tok[KIND] == "eof":
        return "end of input"
    if tok[KIND] == "end":
        return "end of the statement"
    return f"`{tok[TEXT]}`"


class TokenCursor:
    """Walks the tokens of one Source under layout contexts, and parses patterns and types."""

    def __init__(self, source: S.Source, start: int = 0) -> None:
        self.source = source
        tokens = tokenize(source, start)
        # Copies of "eof" past the end, so peeking ahead needs no bounds check.
        tokens.extend([tokens[-1]] * LOOKAHEAD)
        self.tokens = tokens
        self.pos = 0
        # Layout contexts: (floor, align, start, kinds). A token first on its line ends the context when its
        # column is <= floor, or == align for a token that can start the next item of the block (a binding of
        # `let`, an alternative of `case`: kinds; any token of a `do` block: kinds is None).
        self.layout: list[tuple[int, int, int, frozenset | None]] = [(0, -1, 0, _ALIGN_START)]
        self.nest = 0
        self.parens_open = 0  # a left section `(e op)` is only possible inside parentheses

    # ------------------------------------------------------------------------------------ token access
    def cur(self) -> Token:
        """The current token, or an "end" token where the layout rule closes the statement or block. Only a
        token first on its line can be cut off, so hot paths read `self.tokens[self.pos]` and call this
        only when that token's `bol` is set."""
        tok = self.tokens[self.pos]
        if tok[BOL] and tok[KIND] != "eof":  # running out of input stays "eof", so it reads as incomplete
            floor, align, start, kinds = self.layout[-1]
            col = tok[COL]
            if self.pos > start and (col <= floor or (col == align and (kinds is None or tok[KIND] in kinds))):
                return ("end", "", None, tok[LINE], tok[COL], tok[END_LINE], tok[END_COL], True)
        return tok

    def peek_raw(self, offset: int = 1) -> Token:
        return self.tokens[self.pos + offset]

    def advance(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def span_of(self, tok: Token) -> S.Span:
        return new_tuple(_Span, (self.source, tok[LINE], tok[COL], tok[END_LINE], tok[END_COL]))

    def span_from(self, start: Token) -> S.Span:
        last = self.tokens[self.pos - 1] if self.pos > 0 else start
        return new_tuple(_Span, (self.source, start[LINE], start[COL], last[END_LINE], last[END_COL]))

    def where(self, tok: Token) -> str:
        """`line:col` of a token as the user sees it (a Markdown block or REPL chunk starts at first_line)."""
        return f"{tok[LINE] + self.source.first_line - 1}:{tok[COL]}"

    def error(self, expected: str, tok: Token | None = None) -> ParseError:
        tok = tok or self.cur()
        if tok[KIND] in ("eof", "end") and self.pos > 0:
            prev = self.tokens[self.pos - 1]
            span = S.Span(self.source, prev[END_LINE], prev[END_COL], prev[END_LINE], prev[END_COL] + 1)
            at_end = tok[KIND] == "eof"
            hint = "" if at_end else " (continue a statement on lines indented further than its first line)"
            return ParseError(f"unexpected {_describe(tok)}: expected {expected}{hint}", span, at_end=at_end)
        return ParseError(f"unexpected {_describe(tok)}: expected {expected}", self.span_of(tok),
                          at_end=tok[KIND] == "eof")

    def expect(self, kind: str, text: str | None = None, what: str | None = None) -> Token:
        tok = self.cur()
        if tok[KIND] == kind and (text is None or tok[TEXT] == text):
            return self.advance()
        raise self.error(what or f"`{text or kind}`")

    def is_(self, kind: str, text: str | None = None) -> bool:
        tok = self.cur()
        return tok[KIND] == kind and (text is None or tok[TEXT] == text)

    def enter(self) -> None:
        self.nest += 1
        if self.nest > MAX_DEPTH:
            tok = self.cur()
            raise LangError("limit", f"expression nested too deeply (more than {MAX_DEPTH} levels)",
                            self.span_of(tok))

    # ------------------------------------------------------------------------------------------ patterns
    def pattern(self) -> Any:
        start = self.cur()
        head = self.apattern()
        if self.is_("op", ":"):
            self.advance()
            tail = self.pattern()
            return S.PCons(head, tail, self.span_from(start))
        return head

    def apattern(self) -> Any:
        tok = self.cur()
        if tok[KIND] == "var":
            self.advance()
            if tok[TEXT] == "_":
                return S.PWild(self.span_of(tok))
            return S.PVar(tok[TEXT], self.span_of(tok))
        if tok[KIND] in ("int", "float", "string"):
            self.advance()
            return S.PLit(tok[VALUE], self.span_of(tok))
        if tok[KIND] == "op" and tok[TEXT] == "-" and self.peek_raw()[KIND] in ("int", "float"):
            self.advance()
            num = self.advance()
            return S.PLit(-num[VALUE], self.span_from(tok))
        if tok[KIND] == "con" and tok[TEXT] in ("True", "False"):
            self.advance()
            return S.PLit(tok[TEXT] == "True", self.span_of(tok))
        if tok[KIND] == "(":
            self.advance()
            if self.is_(")"):
                self.advance()
                return S.PTuple((), self.span_from(tok))
            items = [self.pattern()]
            while self.is_(","):
                self.advance()
                items.append(self.pattern())
            self.expect(")", what="`)` to close the pattern")
            if len(items) == 1:
                return items[0]
            return S.PTuple(tuple(items), self.span_from(tok))
        if tok[KIND] == "[":
            self.advance()
            items = []
            if not self.is_("]"):
                items.append(self.pattern())
                while self.is_(","):
                    self.advance()
                    items.append(self.pattern())
            self.expect("]", what="`]` to close the pattern")
            return S.PList(tuple(items), self.span_from(tok))
        raise self.error("a pattern (a name, `_`, a tuple or a list)")

    # ------------------------------------------------------------------------------------------- types
    def type_(self) -> Any:
        start = self.cur()
        arg = self.btype()
        if self.is_("reserved", "->"):
            self.advance()
            result = self.type_()
            return S.TFun(arg, result, self.span_from(start))
        if self.is_("reserved", "=>"):  # a class context such as `Num a =>`: accepted and ignored
            self.advance()
            return self.type_()
        return arg

    def btype(self) -> Any:
        start = self.cur()
        head = self.atype()
        if isinstance(head, S.TName) and not head.args:
            args = []
            while self.cur()[KIND] in ("con", "var", "(", "["):
                args.append(self.atype())
            if args:
                return S.TName(head.name, tuple(args), self.span_from(start))
        return head

    def atype(self) -> Any:
        tok = self.cur()
        if tok[KIND] in ("con", "var"):
            self.advance()
            return S.TName(tok[TEXT], (), self.span_of(tok))
        if tok[KIND] == "[":
            self.advance()
            item = self.type_()
            self.expect("]", what="`]` to close the list type")
            return S.TList(item, self.span_from(tok))
        if tok[KIND] == "(":
            self.advance()
            if self.is_(")"):
                self.advance()
                return S.TTuple((), self.span_from(tok))
            items = [self.type_()]
            while self.is_(","):
                self.advance()
                items.append(self.type_())
            self.expect(")", what="`)` to close the type")
            return items[0] if len(items) == 1 else S.TTuple(tuple(items), self.span_from(tok))
        raise self.error("a type such as `Float`, `[Float]` or `Tensor`")
