"""Block constructs of the parser, kept apart from the core expression grammar: `do` blocks (layout or
braces), `case` alternatives, and the bracket forms (lists, ranges, list comprehensions). Mixed into
`parser.Parser`, whose `expr`, `bindings` and `try_binding_head` they call.
"""
from __future__ import annotations

from typing import Any

from gradbook.engine.language import syntax as S
from gradbook.engine.language.diagnostics import LangError, ParseError
from gradbook.engine.language.lexer import BOL, COL, KIND, TEXT, Token
from gradbook.engine.language.parser_base import _ALIGN_START, TokenCursor


class BlockParser(TokenCursor):
    """`do`, `case` and `[ ... ]`; the methods they rely on come from `parser.Parser`."""

    expr: Any
    bindings: Any
    try_binding_head: Any

    def do_block(self, tok: Token) -> Any:
        """`do` followed by statements lined up (or separated by `;`, or in `{ ... }`): an IO action running
        them in order."""
        if self.is_("{"):
            return self.do_braces(tok)
        first = self.cur()
        if first[KIND] in ("eof", "end"):
            raise self.error("a statement after `do`")
        align = first[COL]
        floor = self.layout[-1][0]
        self.layout.append((floor, align, self.pos, None))
        statements = []
        try:
            while True:
                statements.append(self.do_statement(align))
                raw = self.tokens[self.pos]
                if self.is_(";"):
                    self.advance()
                    continue
                if raw[BOL] and raw[COL] == align and raw[KIND] != "eof":
                    self.layout[-1] = (floor, align, self.pos, None)
                    continue
                break
        finally:
            self.layout.pop()
        if not isinstance(statements[-1], S.ExprStmt):
            raise ParseError("the last statement of a `do` block must be an expression, such as `pure x`",
                             statements[-1].span)
        return S.Do(tuple(statements), self.span_from(tok))

    def do_braces(self, tok: Token) -> Any:
        self.advance()
        self.layout.append((0, -1, self.pos, _ALIGN_START))  # explicit braces switch the layout rule off
        statements = []
        try:
            while True:
                if self.is_("}"):
                    break
                statements.append(self.do_statement(-1))
                if not self.is_(";"):
                    break
                self.advance()
            self.expect("}", what="`;` or `}` in the `do { ... }` block")
        finally:
            self.layout.pop()
        if not statements or not isinstance(statements[-1], S.ExprStmt):
            raise ParseError("the last statement of a `do` block must be an expression, such as `pure x`",
                             self.span_from(tok))
        return S.Do(tuple(statements), self.span_from(tok))

    def do_statement(self, align: int) -> Any:
        start = self.cur()
        if start[KIND] == "kw" and start[TEXT] == "let":
            self.advance()
            bindings = self.bindings(floor=align)
            if self.is_("kw", "in"):
                self.advance()
                body = self.expr()
                return S.ExprStmt(S.LetIn(bindings, body, self.span_from(start)), self.span_from(start))
            return S.LetStmt(bindings, self.span_from(start))
        head = self.try_binding_head(allow_arrow=True)
        if head is not None:
            if head[0] != "<-":
                raise ParseError("inside `do`, name a value with `let x = ...` or run an action with `x <- ...`",
                                 self.span_from(start))
            body = self.expr()
            return S.BindStmt(head[1], body, self.span_from(start))
        expr = self.expr()
        return S.ExprStmt(expr, self.span_from(start))

    def case(self, tok: Token) -> Any:
        scrutinee = self.expr()
        self.expect("kw", "of", what="`of`")
        first = self.cur()
        if first[KIND] in ("eof", "end"):
            raise self.error("a case alternative such as `[] -> 0`")
        align = first[COL]
        self.layout.append((self.layout[-1][0], align, self.pos, _ALIGN_START))
        alternatives = []
        try:
            while True:
                pattern = self.pattern()
                self.expect("reserved", "->", what="`->` after the pattern")
                alternatives.append((pattern, self.expr()))
                raw = self.tokens[self.pos]
                if self.is_(";"):
                    self.advance()
                    continue
                if raw[BOL] and raw[COL] == align and raw[KIND] in _ALIGN_START:
                    self.layout[-1] = (self.layout[-1][0], align, self.pos, _ALIGN_START)
                    continue
                break
        finally:
            self.layout.pop()
        return S.Case(scrutinee, tuple(alternatives), self.span_from(tok))

    def brackets(self) -> Any:
        open_tok = self.advance()
        if self.is_("]"):
            self.advance()
            return S.ListExpr((), self.span_from(open_tok))
        first = self.expr()
        if self.is_("reserved", ".."):
            return self.range_tail(open_tok, first, None)
        items = [first]
        if self.is_(","):
            self.advance()
            items.append(self.expr())
            if self.is_("reserved", ".."):
                return self.range_tail(open_tok, first, items[1])
            while self.is_(","):
                self.advance()
                items.append(self.expr())
        if self.is_("reserved", "|") and len(items) == 1:
            return self.comprehension(open_tok, first)
        if not self.is_("]"):
            raise self.error(f"`,` or `]` to close the `[` at {self.where(open_tok)}")
        self.advance()
        return S.ListExpr(tuple(items), self.span_from(open_tok))

    def comprehension(self, open_tok: Token, expr: Any) -> Any:
        qualifiers = []
        while True:
            self.advance()  # `|` or `,`
            if self.is_("kw", "let"):
                self.advance()
                qualifiers.append(("let", self.bindings(floor=self.layout[-1][0])))
            else:
                saved = self.pos
                try:
                    pattern = self.pattern()
                    generator = self.is_("reserved", "<-")
                except LangError:
                    generator = False
                if generator:
                    self.advance()
                    qualifiers.append(("gen", pattern, self.expr()))
                else:
                    self.pos = saved
                    qualifiers.append(("guard", self.expr()))
            if not self.is_(","):
                break
        self.expect("]", what=f"`,` or `]` to close the `[` at {self.where(open_tok)}")
        return S.ListComp(expr, tuple(qualifiers), self.span_from(open_tok))

    def range_tail(self, open_tok: Token, start: Any, then: Any) -> Any:
        self.advance()  # `..`
        if self.is_("]"):  # `[1..]`, `[0, 2..]`: an infinite list, made lazily
            self.advance()
            return S.Range(start, then, None, self.span_from(open_tok))
        end = self.expr()
        self.expect("]", what="`]` to close the range")
        return S.Range(start, then, end, self.span_from(open_tok))
