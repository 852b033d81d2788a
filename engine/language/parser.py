"""Parser of the session language: tokens -> statements (syntax.py). A Pratt parser with Haskell's fixities,
sections, backticks, lambdas, if/let/case, ranges, tuples and `e :: T`, plus a small layout rule:
a statement continues on lines indented further than its first line; bindings of one `let` line up.

Running out of input (an open bracket, a trailing operator, `let x =`) raises ParseError with at_end=True,
which is how `Session.is_complete` tells "incomplete" from "invalid".
"""
from __future__ import annotations
from typing import Any, Iterator

from gradbook.engine.language import syntax as S
from gradbook.engine.language.diagnostics import LangError, ParseError
from gradbook.engine.language.lexer import BOL, COL, END_COL, END_LINE, KIND, LINE, TEXT, VALUE, Token
from gradbook.engine.language.parser_base import _ALIGN_START, _BIND_START, MAX_DEPTH, new_tuple
from gradbook.engine.language.parser_blocks import BlockParser

__all__ = ["MAX_CHAIN", "MAX_DEPTH", "FIXITY", "Parser", "parse_expression", "parse_program"]

MAX_CHAIN = 400  # operators in one left-associative chain (`1 + 1 + ...`), each one level of the tree

# Haskell's fixities: operator -> (precedence, associativity "l" / "r" / "n").
FIXITY: dict[str, tuple[int, str]] = {
    "$": (0, "r"), "$!": (0, "r"), "seq": (0, "r"), ">>": (1, "l"), ">>=": (1, "l"),
    "||": (2, "r"), "&&": (3, "r"),
    "==": (4, "n"), "/=": (4, "n"), "<": (4, "n"), "<=": (4, "n"), ">": (4, "n"), ">=": (4, "n"),
    "elem": (4, "n"), "notElem": (4, "n"), "<$>": (4, "l"),
    "++": (5, "r"), ":": (5, "r"),
    "+": (6, "l"), "-": (6, "l"),
    "*": (7, "l"), "/": (7, "l"), "div": (7, "l"), "mod": (7, "l"), "quot": (7, "l"), "rem": (7, "l"),
    "^": (8, "r"), "^^": (8, "r"), "**": (8, "r"),
    "!!": (9, "l"), ".": (9, "r"),
}
DEFAULT_FIXITY = (9, "l")
_ATOM_START = frozenset(["var", "con", "int", "float", "string", "(", "["])
_BLOCK_START = frozenset(["\\", "if", "let", "case", "do"])
_PARAM_START = frozenset(["var", "(", "[", "int", "float", "string", "con"])


class Parser(BlockParser):
    """Parses one Source. Use `parse_program()` for statements or `parse_expression()` for `:type EXPR`."""

    # -------------------------------------------------------------------------------------- statements
    def parse_program(self) -> list[Any]:
        return list(self.statements())

    def statements(self) -> Iterator[Any]:
        """Statements one at a time, so a caller can run each before the next is parsed (an error in the
        third line leaves the first two done, as in GHCi)."""
        while True:
            tok = self.tokens[self.pos]
            if tok[KIND] == "eof":
                return
            if not tok[BOL]:
                raise self.error("the end of the statement", tok)
            self.layout.append((tok[COL], -1, self.pos, _ALIGN_START))
            statement = self.statement()
            self.layout.pop()
            nxt = self.tokens[self.pos]
            if nxt[KIND] != "eof" and not (nxt[BOL] and nxt[COL] <= tok[COL]):
                raise self.error("the end of the statement", nxt)
            yield statement

    def parse_expression(self) -> Any:
        """A single expression filling the whole source (for `:type` and friends)."""
        if self.tokens[0][KIND] == "eof":
            raise self.error("an expression")
        expr = self.expr()
        if self.tokens[self.pos][KIND] != "eof":
            raise self.error("the end of the expression", self.tokens[self.pos])
        return expr

    def statement(self) -> Any:
        start = self.cur()
        if start[KIND] == "kw" and start[TEXT] == "import":
            while self.cur()[KIND] not in ("eof", "end"):
                self.advance()
            return S.ImportStmt(self.span_from(start))
        if start[KIND] == "kw" and start[TEXT] == "let":
            self.pos += 1
            bindings = self.bindings(floor=start[COL])
            tok = self.tokens[self.pos]
            if tok[BOL]:
                tok = self.cur()
            if tok[KIND] == "kw" and tok[TEXT] == "in":
                self.advance()
                body = self.expr()
                expr = S.LetIn(bindings, body, self.span_from(start))
                return S.ExprStmt(expr, self.span_from(start))
            return new_tuple(S.LetStmt, (bindings, self.span_from(start)))
        head = self.try_binding_head(allow_arrow=True)
        if head is not None:
            kind, target = head
            body = self.expr() if kind == "<-" else self.binding_rhs(kind, start)
            span = self.span_from(start)
            if kind == "<-":
                return S.BindStmt(target, body, span)
            return S.LetStmt((self.make_binding(target, body, span),), span)
        expr = self.expr()
        span = self.span_from(start)
        if isinstance(expr, S.Annot) and isinstance(expr.type, S.TFun) and isinstance(expr.expr, S.Var):
            return S.SignatureStmt((expr.expr.name,), span)
        return S.ExprStmt(expr, span)

    def try_binding_head(self, allow_arrow: bool) -> tuple[str, Any] | None:
        """Parse `f x y =`, `pat =` or (if allowed) `pat <-`, leaving the cursor after `=`/`<-`; on no match
        restore the position and return None. Returns ("=", (name, params) | pattern) or ("<-", pattern)."""
        saved = self.pos
        tokens = self.tokens
        tok = tokens[saved]
        if tok[BOL]:
            tok = self.cur()
        if tok[KIND] not in _BIND_START:
            return None
        try:
            if tok[KIND] == "var":
                name_tok = tok
                self.pos += 1
                params = []
                while True:
                    nxt = tokens[self.pos]
                    if nxt[BOL]:
                        nxt = self.cur()
                    if nxt[KIND] not in _PARAM_START:
                        break
                    params.append(self.apattern())
                if nxt[KIND] == "reserved" and nxt[TEXT] in ("=", "|"):
                    self.pos += 1
                    return nxt[TEXT], (name_tok, tuple(params))
                if nxt[KIND] == "reserved" and nxt[TEXT] == "<-" and allow_arrow and not params:
                    self.advance()
                    return "<-", S.PVar(name_tok[TEXT], self.span_of(name_tok))
                self.pos = saved
                if nxt[KIND] == "op" and nxt[TEXT] == ":" and allow_arrow:
                    pattern = self.pattern()
                    nxt = self.cur()
                    if nxt[KIND] == "reserved" and nxt[TEXT] in ("=", "<-"):
                        self.advance()
                        return nxt[TEXT], pattern
                self.pos = saved
                return None
            pattern = self.pattern()
            nxt = self.cur()
            if nxt[KIND] == "reserved" and (nxt[TEXT] == "=" or (nxt[TEXT] == "<-" and allow_arrow)):
                self.advance()
                return nxt[TEXT], pattern
        except LangError:
            pass
        self.pos = saved
        return None

    def binding_rhs(self, kind: str, start: Token) -> Any:
        """What follows `f x =` (kind "=") or `f x |` (kind "|": guards), with an optional `where`."""
        if kind == "|":
            alternatives = []
            while True:
                cond = self.expr()
                if isinstance(cond, S.Var) and cond.name == "otherwise":
                    cond = S.Lit(True, cond.span)
                self.expect("reserved", "=", what="`=` after the guard")
                alternatives.append((cond, self.expr()))
                if not self.is_("reserved", "|"):
                    break
                self.advance()
            span = self.span_from(start)
            body: Any = S.GuardFail(span)
            for cond, value in reversed(alternatives):
                body = S.If(cond, value, body, span)
        else:
            body = self.expr()
        tok = self.tokens[self.pos]
        if tok[BOL]:
            tok = self.cur()
        if tok[KIND] == "kw" and tok[TEXT] == "where":
            self.advance()
            bindings = self.bindings(floor=self.layout[-1][0])
            body = S.LetIn(bindings, body, self.span_from(start))
        return body

    def make_binding(self, target: Any, body: Any, span: S.Span) -> Any:
        if type(target) is tuple:  # (name token, params), not a pattern node (also a tuple)
            name_tok, params = target
            return new_tuple(S.FunBind, (name_tok[TEXT], params, body, span, ()))
        if isinstance(target, S.PVar):
            return S.FunBind(target.name, (), body, span)
        return S.PatBind(target, body, span)

    def bindings(self, floor: int) -> tuple:
        """The bindings after `let`: one, or several separated by `;` or lined up under the first."""
        tokens = self.tokens
        first = self.cur()
        if first[KIND] in ("eof", "end"):
            raise self.error("a binding such as `x = 1` or `f x = x + 1`")
        align = first[COL]
        outer = self.layout[-1]
        self.layout.append((max(floor, outer[0]), align, self.pos, _ALIGN_START))
        result = []
        try:
            while True:
                start = tokens[self.pos]
                if start[BOL]:
                    start = self.cur()
                after = tokens[self.pos + 1]
                if start[KIND] == "var" and after[KIND] in ("reserved", ",") and after[TEXT] in ("::", ","):
                    self.signature()  # `sq :: Float -> Float` inside the block: accepted and ignored
                else:
                    head = self.try_binding_head(allow_arrow=False)
                    if head is None:
                        raise self.error("a binding such as `x = 1` or `f x = x + 1`")
                    body = self.binding_rhs(head[0], start)
                    binding = self.make_binding(head[1], body, self.span_from(start))
                    previous = result[-1] if result else None
                    if (previous is not None and S.is_equation(binding) and S.is_equation(previous)
                            and previous.name == binding.name and len(previous.params) == len(binding.params)):
                        result[-1] = S.merge_clauses(previous, binding)
                    else:
                        result.append(binding)
                raw = tokens[self.pos]
                if (raw if not raw[BOL] else self.cur())[KIND] == ";":
                    self.advance()
                    if self.is_("kw", "in") or self.cur()[KIND] in ("eof", "end"):
                        break
                    continue
                if raw[BOL] and raw[COL] == align and raw[KIND] in _BIND_START:
                    # The next binding of this block: make it the context's start so `cur` lets it through.
                    self.layout[-1] = (self.layout[-1][0], align, self.pos, _ALIGN_START)
                    continue
                break
        finally:
            self.layout.pop()
        if not result:
            raise ParseError("a `let` block needs at least one binding besides type signatures",
                             self.span_of(first))
        return tuple(result)

    def signature(self) -> None:
        """Skip `name, name :: Type` (types are not checked: values carry their own)."""
        self.advance()
        while self.is_(","):
            self.advance()
            self.expect("var", what="a name in the type signature")
        self.expect("reserved", "::", what="`::` in the type signature")
        self.type_()

    # ------------------------------------------------------------------------------------- expressions
    def expr(self) -> Any:
        start = self.tokens[self.pos]  # only its place is used, which layout's "end" token shares
        result = self.op_expr(0)
        tok = self.tokens[self.pos]
        if tok[BOL]:
            tok = self.cur()
        if tok[KIND] == "reserved" and tok[TEXT] == "::":
            self.pos += 1
            typ = self.type_()
            result = S.Annot(result, typ, self.span_from(start))
        return result

    def infix_op(self) -> tuple[str, bool, int] | None:
        """The operator at the cursor: (name, is_backtick, number of tokens), or None."""
        tok = self.cur()
        if tok[KIND] == "op":
            return tok[TEXT], False, 1
        if tok[KIND] == "`":
            name = self.peek_raw(1)
            close = self.peek_raw(2)
            if name[KIND] in ("var", "con") and close[KIND] == "`":
                return name[TEXT], True, 3
            raise self.error("a name between backticks, as in ``a `matmul` b``", name)
        return None

    def op_expr(self, min_prec: int) -> Any:
        # The hottest path of the parser: method calls are inlined where it measurably helps.
        self.nest += 1
        if self.nest > MAX_DEPTH:
            raise LangError("limit", f"expression nested too deeply (more than {MAX_DEPTH} levels)",
                            self.span_of(self.cur()))
        tokens = self.tokens
        start = tokens[self.pos]
        if start[BOL]:  # layout: only a token first on its line can end the statement
            start = self.cur()
        if start[KIND] == "op" and start[TEXT] == "-":
            left = self.negation(start)
        else:
            left = self.application(start)
        chain = 0
        while True:
            tok = tokens[self.pos]
            if tok[BOL]:
                tok = self.cur()
            kind = tok[KIND]
            if kind == "op":
                op, backtick, width = tok[TEXT], False, 1
            elif kind == "`":
                op, backtick, width = self.infix_op()  # type: ignore[misc]
            else:
                break
            prec, assoc = FIXITY.get(op, DEFAULT_FIXITY)
            if prec < min_prec:
                break
            if self.parens_open and tokens[self.pos + width][KIND] == ")":
                break  # `(e op)`: a left section, built by the parenthesis parser
            self.pos += width
            last = tokens[self.pos - 1]
            op_span = new_tuple(S.Span, (self.source, tok[LINE], tok[COL], last[END_LINE], last[END_COL]))
            chain += 1
            if chain > MAX_CHAIN:
                raise LangError("limit", f"too many operators in one chain (more than {MAX_CHAIN}): "
                                "split the expression with `let`", op_span)
            right = self.op_expr(prec + 1 if assoc != "r" else prec)
            last = tokens[self.pos - 1]
            span = new_tuple(S.Span, (self.source, start[LINE], start[COL], last[END_LINE], last[END_COL]))
            left = new_tuple(S.BinOp, (op, left, right, span, op_span, backtick))
            if assoc == "n":
                again = self.infix_op()
                if again is not None and FIXITY.get(again[0], DEFAULT_FIXITY)[0] == prec:
                    raise ParseError(f"cannot chain `{op}` and `{again[0]}` without parentheses "
                                     "(they are non-associative)", self.span_of(self.cur()))
        self.nest -= 1
        return left

    def negation(self, tok: Token) -> Any:
        """Prefix minus binds like binary minus (precedence 6): `-2 ^ 2` is `-(2 ^ 2)`."""
        self.advance()
        operand = self.op_expr(7)
        span = self.span_from(tok)
        if isinstance(operand, S.Lit) and type(operand.value) in (int, float):
            return S.Lit(-operand.value, span)
        return S.Neg(operand, span)

    def application(self, start: Token) -> Any:
        if start[KIND] in ("reserved", "kw") and start[TEXT] in _BLOCK_START:
            return self.block()
        head = self.aexp(start)
        tokens = self.tokens
        args = []
        while True:
            tok = tokens[self.pos]
            if tok[BOL]:
                tok = self.cur()
            if tok[KIND] in _ATOM_START:
                args.append(self.aexp(tok))
            elif tok[KIND] in ("reserved", "kw") and tok[TEXT] in _BLOCK_START:
                args.append(self.block())  # `forM_ xs \i -> ...` (BlockArguments), `f $ \x -> ...`
                break
            else:
                break
        if not args:
            return head
        last = tokens[self.pos - 1]
        span = new_tuple(S.Span, (self.source, start[LINE], start[COL], last[END_LINE], last[END_COL]))
        return new_tuple(S.App, (head, tuple(args), span))

    def block(self) -> Any:
        tok = self.advance()
        text = tok[TEXT]
        if text == "\\":
            params = [self.apattern()]
            while not self.is_("reserved", "->"):
                if self.cur()[KIND] in ("eof", "end"):
                    raise self.error("`->` after the lambda's parameters")
                params.append(self.apattern())
            self.advance()
            body = self.expr()
            return S.Lambda(tuple(params), body, self.span_from(tok))
        if text == "if":
            cond = self.expr()
            self.expect("kw", "then", what="`then`")
            then = self.expr()
            self.expect("kw", "else", what="`else` (every `if` needs one)")
            orelse = self.expr()
            return S.If(cond, then, orelse, self.span_from(tok))
        if text == "let":
            bindings = self.bindings(floor=self.layout[-1][0])
            self.expect("kw", "in", what="`in` after the bindings of `let`")
            body = self.expr()
            return S.LetIn(bindings, body, self.span_from(tok))
        if text == "case":
            return self.case(tok)
        return self.do_block(tok)

    def aexp(self, tok: Token) -> Any:
        """An atom; `tok` is the current token (the caller has just looked at it)."""
        kind = tok[KIND]
        if kind == "var":
            self.pos += 1
            span = new_tuple(S.Span, (self.source, tok[LINE], tok[COL], tok[END_LINE], tok[END_COL]))
            return new_tuple(S.Var, (tok[TEXT], span))
        if kind == "int" or kind == "float" or kind == "string":
            self.pos += 1
            span = new_tuple(S.Span, (self.source, tok[LINE], tok[COL], tok[END_LINE], tok[END_COL]))
            return new_tuple(S.Lit, (tok[VALUE], span))
        if kind == "con":
            self.advance()
            if tok[TEXT] == "True" or tok[TEXT] == "False":
                return S.Lit(tok[TEXT] == "True", self.span_of(tok))
            return S.Var(tok[TEXT], self.span_of(tok))
        if kind == "(":
            return self.parens()
        if kind == "[":
            return self.brackets()
        if kind == "{":
            raise ParseError("record syntax `{ ... }` is not supported", self.span_of(tok))
        raise self.error("an expression")

    def parens(self) -> Any:
        self.parens_open += 1
        try:
            return self.parens_inner()
        finally:
            self.parens_open -= 1

    def parens_inner(self) -> Any:
        open_tok = self.advance()
        if self.is_(")"):
            self.advance()
            return S.TupleExpr((), self.span_from(open_tok))
        found = self.infix_op()
        if found is not None and not (found[0] == "-" and not found[1]
                                      and self.peek_raw(1)[KIND] != ")"):
            op, backtick, width = found
            for _ in range(width):
                self.advance()
            if self.is_(")"):
                self.advance()
                return S.OpRef(op, self.span_from(open_tok), backtick)
            right = self.expr()
            self.expect(")", what="`)` to close the section")
            return S.Section(op, None, right, self.span_from(open_tok), backtick)
        first = self.expr()
        found = self.infix_op()
        if found is not None:
            op, backtick, width = found
            if self.peek_raw(width)[KIND] == ")":
                for _ in range(width + 1):
                    self.advance()
                return S.Section(op, first, None, self.span_from(open_tok), backtick)
        if self.is_(","):
            items = [first]
            while self.is_(","):
                self.advance()
                items.append(self.expr())
            self.expect(")", what="`)` to close the tuple")
            return S.TupleExpr(tuple(items), self.span_from(open_tok))
        if not self.is_(")"):
            raise self.error(f"`)` to close the `(` at {self.where(open_tok)}")
        self.advance()
        return first

def parse_program(source: S.Source) -> list[Any]:
    return Parser(source).parse_program()


def parse_expression(source: S.Source, start: int = 0) -> Any:
    """Parse `source.text[start:]` as one expression (columns still count from the line's start)."""
    return Parser(source, start).parse_expression()
