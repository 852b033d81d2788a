"""Block constructs of the parser, kept apart from the core expression grammar: `do` blocks, `case`
alternatives (with guards), and the bracket forms (lists, ranges, list comprehensions). Blocks come from
`TokenCursor.layout_block`. Mixed into `parser.Parser`, whose `expr`, `bindings`, `guarded_rhs` and
`try_binding_head` they call.
"""
from __future__ import annotations

from typing import Any

from gradbook.engine.language import syntax as S
from gradbook.engine.language.diagnostics import LangError, ParseError
from gradbook.engine.language.lexer import Token
from gradbook.engine.language.parser_base import TokenCursor


class BlockParser(TokenCursor):
    """`do`, `case` and `[ ... ]`; the methods they rely on come from `parser.Parser`."""

    expr: Any
    bindings: Any
    guarded_rhs: Any
    try_binding_head: Any

    def do_block(self, tok: Token) -> Any:
        """`do` followed by statements (a layout block or braces): an IO action running them in order."""
        statements = self.layout_block(tok, self.do_statement, "a statement after `do`")
        if not isinstance(statements[-1], S.ExprStmt):
            raise ParseError("the last statement of a `do` block must be an expression, such as `pure x`",
                             statements[-1].span)
        return S.Do(tuple(statements), self.span_from(tok))

    def do_statement(self) -> Any:
        start = self.cur()
        if start[0] == "kw" and start[1] == "let":
            self.advance()
            bindings = self.bindings(start)
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
        of = self.expect("kw", "of", what="`of`")
        alternatives = self.layout_block(of, self.alternative, "a case alternative such as `[] -> 0`")
        return S.Case(scrutinee, tuple(alternatives), self.span_from(tok))

    def alternative(self) -> tuple:
        """`pat -> e` or `pat | guard -> e | guard -> e`, with an optional `where`."""
        start = self.cur()
        pattern = self.pattern()
        if self.is_("reserved", "|"):
            self.advance()
            body = self.guarded_rhs(start, "->")
        else:
            self.expect("reserved", "->", what="`->` after the pattern")
            body = self.expr()
            body = self.where_clause(start, body)
        return (pattern, body)

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
                qualifiers.append(("let", self.bindings(self.tokens[self.pos - 1])))
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
