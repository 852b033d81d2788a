"""Parser of the session language: tokens -> statements (syntax.py). A Pratt parser with Haskell's fixities,
sections, backticks, lambdas, if/let/case, ranges, tuples and `e :: T`, under Haskell 2010's layout algorithm
(parser_base.py). The top level is a block of statements (GHCi's: expressions, `x <- action`, `let`) and
declarations (a program file's: `module`, `import`, signatures, equations); `DECLARATIONS` maps further
declaration keywords (`data`, `class`, ...) to the methods that parse them.

Running out of input (an open bracket, a trailing operator, `let x =`) raises ParseError with at_end=True,
which is how `Session.is_complete` tells "incomplete" from "invalid".
"""
from __future__ import annotations
from typing import Any, Iterator

from gradbook.engine.language import syntax as S
from gradbook.engine.language.diagnostics import LangError, ParseError
from gradbook.engine.language.lexer import BOL, COL, END_COL, END_LINE, KIND, LINE, TEXT, TYPE_LEVEL, VALUE, Token
from gradbook.engine.language.parser_base import _BIND_START, MAX_DEPTH, new_tuple
from gradbook.engine.language.parser_decls import DECLARATION_WORDS, DeclParser

__all__ = ["MAX_CHAIN", "MAX_DEPTH", "FIXITY", "DECLARATIONS", "Parser", "parse_expression", "parse_program"]

MAX_CHAIN = 400  # operators in one left-associative chain (`1 + 1 + ...`), each one level of the tree

# Haskell's fixities: operator -> (precedence, associativity "l" / "r" / "n").
FIXITY: dict[str, tuple[int, str]] = {
    "$": (0, "r"), "$!": (0, "r"), "seq": (0, "r"), ">>": (1, "l"), ">>=": (1, "l"),
    "||": (2, "r"), "&&": (3, "r"),
    "==": (4, "n"), "/=": (4, "n"), "<": (4, "n"), "<=": (4, "n"), ">": (4, "n"), ">=": (4, "n"),
    "elem": (4, "n"), "notElem": (4, "n"), "<$>": (4, "l"), "<$": (4, "l"), "<*>": (4, "l"), "*>": (4, "l"),
    "<*": (4, "l"), "=<<": (1, "r"), ">=>": (1, "r"), "<&>": (1, "l"), "<>": (6, "r"),
    "++": (5, "r"), ":": (5, "r"),
    "+": (6, "l"), "-": (6, "l"),
    "*": (7, "l"), "/": (7, "l"), "div": (7, "l"), "mod": (7, "l"), "quot": (7, "l"), "rem": (7, "l"),
    "^": (8, "r"), "^^": (8, "r"), "**": (8, "r"),
    "!!": (9, "l"), ".": (9, "r"),
}
DEFAULT_FIXITY = (9, "l")
LAMBDA_CASE_ARG = "\\case"  # the argument of `\case`: not a name a program can write
_ATOM_START = frozenset(["var", "con", "int", "float", "string", "(", "["])
_BLOCK_START = frozenset(["\\", "if", "let", "case", "do"])
_PARAM_START = frozenset(["var", "(", "[", "int", "float", "string", "con"])

_POSTFIX = frozenset(["recdot", "{"])  # `r.field`, `Con {f = e}`, `r {f = e}` (see parser_decls)

# Top-level declaration keyword -> name of the Parser method that parses it (cursor on the keyword; returns a
# statement node): `data`, `newtype`, `type`, `class`, `instance`, `deriving` are parser_decls.py's.
DECLARATIONS: dict[str, str] = {word: "declaration" for word in DECLARATION_WORDS}


class Parser(DeclParser):
    """Parses one Source. Use `parse_program()` for statements or `parse_expression()` for `:type EXPR`."""

    # -------------------------------------------------------------------------------------- statements
    def parse_program(self) -> list[Any]:
        return list(self.statements())

    def statements(self) -> Iterator[Any]:
        """Statements one at a time, so a caller can run each before the next is parsed (an error in the
        third line leaves the first two done, as in GHCi). The top level is a layout block at the column of
        its first token (or of the first after `module M where`); a line left of that column starts a new
        top-level block there, as separate GHCi inputs would."""
        tok = self.tokens[0]
        if tok[KIND] == "eof":
            return
        explicit = False
        if tok[KIND] == "kw" and tok[TEXT] == "module":
            header = self.module_header()
            yield header
            tok = self.tokens[self.pos]
            if tok[KIND] == "{":
                self.advance()
                explicit = True
                tok = self.tokens[self.pos]
        self.layout = [0 if explicit else tok[COL]]
        self.blocks = [tok]
        self.semi_done = self.pos
        while True:
            tok = self.cur()
            kind = tok[KIND]
            if kind == "eof":
                if explicit:
                    raise self.error("`}` to close the module's `{`")
                return
            if kind == "vsemi" or kind == ";":
                self.separator()
                continue
            if kind == "vclose":
                self.layout[-1] = tok[COL]
                self.semi_done = self.pos
                continue
            if explicit and kind == "}":
                self.advance()
                if self.tokens[self.pos][KIND] != "eof":
                    raise self.error("the end of the module", self.tokens[self.pos])
                return
            statement = self.statement()
            nxt = self.cur()
            if nxt[KIND] not in ("eof", "vsemi", ";", "vclose") and not (explicit and nxt[KIND] == "}"):
                raise self.error("the end of the statement", nxt)
            yield statement

    def module_header(self) -> Any:
        """`module Main (main, Model (..)) where`: the export list is accepted (everything is visible)."""
        start = self.advance()
        name = self.expect("con", what="a module name such as `Main`")
        if self.is_("("):
            depth = 0
            while True:
                tok = self.cur()
                if tok[KIND] == "eof":
                    raise self.error("`)` to close the export list")
                self.advance()
                depth += tok[KIND] == "("
                depth -= tok[KIND] == ")"
                if depth == 0:
                    break
        self.expect("kw", "where", what="`where` after the module header")
        return S.ModuleHeader(name[VALUE], self.span_from(start))

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
        kind, text = start[KIND], start[TEXT]
        if kind == "kw":
            if text == "import":
                return self.import_()
            if text == "let":
                self.pos += 1
                bindings = self.bindings(start)
                tok = self.tokens[self.pos]
                if tok[BOL]:
                    tok = self.cur()
                if tok[KIND] == "kw" and tok[TEXT] == "in":
                    self.advance()
                    body = self.expr()
                    expr = S.LetIn(bindings, body, self.span_from(start))
                    return S.ExprStmt(expr, self.span_from(start))
                return new_tuple(S.LetStmt, (bindings, self.span_from(start)))
            method = DECLARATIONS.get(text)
            if method is not None:
                return getattr(self, method)()
            if text == "module":
                raise ParseError("`module` can only be the first line of a file", self.span_of(start))
        if kind == "var" and self.peek_raw()[KIND] in ("reserved", ",") and self.peek_raw()[TEXT] in ("::", ","):
            signature = self.try_signature()
            if signature is not None:
                return signature
        head = self.try_binding_head(allow_arrow=True)
        if head is not None:
            kind, target = head
            body = self.expr() if kind == "<-" else self.binding_rhs(kind, start)
            span = self.span_from(start)
            if kind == "<-":
                return S.BindStmt(target, body, span)
            return S.DeclStmt((self.make_binding(target, body, span),), span)
        expr = self.expr()
        return S.ExprStmt(expr, self.span_from(start))

    def try_signature(self) -> Any:
        """`f, g :: T` at top level: a signature when T is a function type or the next item defines the
        first name; otherwise (`x :: Float` in a session) None, and the text is an annotated expression."""
        saved = self.pos
        start = self.cur()
        names = self.signature()
        typ = self._last_type
        nxt = self.cur()
        if isinstance(typ, S.TFun) or self.module_mode or (
                nxt[KIND] in ("vsemi", ";") and self.tokens[self.pos + (nxt[KIND] == ";")][TEXT] == names[0]):
            return S.SignatureStmt(names, self.span_from(start), typ)
        self.pos = saved
        return None

    module_mode = False  # set by the Session for a program file: `x :: T` is then always a signature

    def import_(self) -> Any:
        """`import [qualified] M [qualified] [as A] [hiding] [(names)]`."""
        start = self.advance()
        qualified = False
        if self.is_("var", "qualified"):
            self.advance()
            qualified = True
        module = self.expect("con", what="a module name such as `Torch`")[VALUE]
        if module == "Torch.Typed" or module.startswith("Torch.Typed."):
            raise ParseError(TYPE_LEVEL, self.span_from(start))
        if self.is_("var", "qualified"):
            self.advance()
            qualified = True
        alias = None
        if self.is_("var", "as"):
            self.advance()
            alias = self.expect("con", what="a module alias after `as`, such as `F`")[VALUE]
        hiding = False
        if self.is_("var", "hiding"):
            self.advance()
            hiding = True
        names = None
        if self.is_("("):
            names = self.import_list()
        return S.ImportStmt(module, self.span_from(start), qualified, alias, names, hiding)

    def import_list(self) -> tuple:
        """`(exp, log, Linear (..), (<+>))`: the names, with a type's constructor list skipped."""
        self.advance()
        names: list[str] = []
        while not self.is_(")"):
            tok = self.cur()
            if tok[KIND] in ("var", "con"):
                self.advance()
                names.append(tok[TEXT])
                if self.is_("("):
                    self.advance()
                    while not self.is_(")"):
                        if self.cur()[KIND] == "eof":
                            raise self.error("`)`")
                        self.advance()
                    self.advance()
            elif tok[KIND] == "(":
                self.advance()
                op = self.cur()
                self.advance()
                names.append(op[TEXT])
                self.expect(")", what="`)` after the operator")
            elif tok[KIND] == "kw" and tok[TEXT] == "type":
                self.advance()
            else:
                raise self.error("a name in the import list")
            if not self.is_(","):
                break
            self.advance()
        self.expect(")", what="`)` to close the import list")
        return tuple(names)

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
                if (nxt[KIND] == "op" and nxt[TEXT] == ":" and allow_arrow) or (
                        nxt[KIND] == "reserved" and nxt[TEXT] == "@" and not params):
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
            return self.guarded_rhs(start, "=")
        return self.where_clause(start, self.expr())

    def guarded_rhs(self, start: Token, arrow: str) -> Any:
        """`cond = e | cond = e ...` after the first `|` (`->` in a case alternative), then `where`."""
        alternatives = []
        while True:
            cond = self.guard()
            self.expect("reserved", arrow, what=f"`{arrow}` after the guard")
            alternatives.append((cond, self.expr()))
            if not self.is_("reserved", "|"):
                break
            self.advance()
        body = S.Guarded(tuple(alternatives), self.span_from(start))
        return self.where_clause(start, body)

    def guard(self) -> Any:
        """One guard: a Bool expression, or qualifiers (`let y = f x, Just z <- g y, z > 0`), a GuardQuals."""
        start = self.cur()
        qualifiers = [self.guard_qualifier()]
        while self.is_(","):
            self.advance()
            qualifiers.append(self.guard_qualifier())
        if len(qualifiers) == 1 and qualifiers[0][0] == "guard":
            cond = qualifiers[0][1]
            return S.Lit(True, cond.span) if isinstance(cond, S.Var) and cond.name == "otherwise" else cond
        return S.GuardQuals(tuple(qualifiers), self.span_from(start))

    def guard_qualifier(self) -> tuple:
        tok = self.cur()
        if tok[KIND] == "kw" and tok[TEXT] == "let":
            self.advance()
            return ("let", self.bindings(tok))
        saved = self.pos
        try:
            pattern = self.pattern()
            generator = self.is_("reserved", "<-")
        except LangError:
            generator = False
        if generator:
            self.advance()
            return ("gen", pattern, self.expr())
        self.pos = saved
        return ("guard", self.expr())

    def where_clause(self, start: Token, body: Any) -> Any:
        tok = self.tokens[self.pos]
        if tok[BOL]:
            tok = self.cur()
        if tok[KIND] == "kw" and tok[TEXT] == "where":
            self.advance()
            bindings = self.bindings(tok)
            body = S.LetIn(bindings, body, self.span_from(start))
        return body

    def make_binding(self, target: Any, body: Any, span: S.Span) -> Any:
        if type(target) is tuple:  # (name token, params), not a pattern node (also a tuple)
            name_tok, params = target
            return new_tuple(S.FunBind, (name_tok[TEXT], params, body, span, (), None))
        if isinstance(target, S.PVar):
            return S.FunBind(target.name, (), body, span)
        return S.PatBind(target, body, span)

    def bindings(self, keyword: Token) -> tuple:
        """The bindings of a `let` or `where` block, with their signatures attached; consecutive equations
        of one function become one binding."""
        items = self.layout_block(keyword, self.binding_item, "a binding such as `x = 1` or `f x = x + 1`")
        return group_bindings(items, self.span_of(keyword))

    def binding_item(self) -> Any:
        start = self.cur()
        after = self.tokens[self.pos + 1]
        if start[KIND] == "var" and after[KIND] in ("reserved", ",") and after[TEXT] in ("::", ","):
            names = self.signature()
            if len(names) == 1 and self.is_("reserved", "="):  # `t :: Linear = ...`: a pattern signature
                self.advance()
                body = self.where_clause(start, self.expr())
                typ = self._last_type
                body = S.Annot(body, typ, body.span)
                return S.FunBind(names[0], (), body, self.span_from(start), (), typ)
            return S.SignatureStmt(names, self.span_from(start), self._last_type)
        head = self.try_binding_head(allow_arrow=False)
        if head is None:
            arrow = self._arrow_in_item()
            if arrow is not None:  # `do { let y = 2; x <- pure y }`: the implicit `let` block goes on past `;`
                block = self.blocks[-1]
                hint = ("which a `;` does not close: write its bindings in braces, `let {y = 2}`"
                        if self.tokens[self.pos - 1][KIND] == ";" else
                        f"whose bindings line up at column {self.layout[-1]}: a statement goes at the column of "
                        "the `do` block's statements")
                raise ParseError(f"unexpected `<-` in the `let` block at {block[LINE]}:{block[COL]}, {hint}",
                                 self.span_of(arrow))
            raise self.error("a binding such as `x = 1` or `f x = x + 1`")
        body = self.binding_rhs(head[0], start)
        return self.make_binding(head[1], body, self.span_from(start))

    def _arrow_in_item(self) -> Token | None:
        """The `<-` of the item starting here (outside brackets, before its `;` or `}` or a line at or left
        of the block's column), if it is in a `let` block: GHC's parse error on input `<-`."""
        if self.blocks[-1][TEXT] != "let":
            return None
        depth, column = 0, self.layout[-1]
        for tok in self.tokens[self.pos:]:
            kind = tok[KIND]
            if kind == "eof" or (depth == 0 and kind in (";", "}")) or (tok[BOL] and tok[COL] <= column
                                                                          and tok is not self.tokens[self.pos]):
                return None
            if kind in ("(", "[", "{"):
                depth += 1
            elif kind in (")", "]", "}"):
                depth -= 1
            elif depth == 0 and kind == "reserved" and tok[TEXT] == "<-":
                return tok
        return None

    _last_type: Any = None

    def signature(self) -> tuple:
        """`name, name :: Type`: the names (the type is left in `_last_type`)."""
        names = [self.advance()[TEXT]]
        while self.is_(","):
            self.advance()
            names.append(self.expect("var", what="a name in the type signature")[TEXT])
        self.expect("reserved", "::", what="`::` in the type signature")
        self._last_type = self.type_()
        return tuple(names)

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
            if self.is_("kw", "case"):  # LambdaCase: `\case` alternatives, a function of one argument
                case = self.advance()
                alternatives = self.layout_block(case, self.alternative, "a case alternative such as `[] -> 0`")
                span = self.span_from(tok)
                scrutinee = S.Var(LAMBDA_CASE_ARG, span)
                return S.Lambda((S.PVar(LAMBDA_CASE_ARG, span),), S.Case(scrutinee, tuple(alternatives), span),
                                span)
            params = [self.apattern()]
            while not self.is_("reserved", "->"):
                if self.cur()[KIND] in ("eof", "vsemi", "vclose"):
                    raise self.error("`->` after the lambda's parameters")
                params.append(self.apattern())
            self.advance()
            body = self.expr()
            return S.Lambda(tuple(params), body, self.span_from(tok))
        if text == "if":
            cond = self.expr()
            self.optional_semi("then")  # DoAndIfThenElse: `then` and `else` may line up with a do-block's lines
            self.expect("kw", "then", what="`then`")
            then = self.expr()
            self.optional_semi("else")
            self.expect("kw", "else", what="`else` (every `if` needs one)")
            orelse = self.expr()
            return S.If(cond, then, orelse, self.span_from(tok))
        if text == "let":
            bindings = self.bindings(tok)
            self.expect("kw", "in", what="`in` after the bindings of `let`")
            body = self.expr()
            return S.LetIn(bindings, body, self.span_from(tok))
        if text == "case":
            return self.case(tok)
        return self.do_block(tok)

    def optional_semi(self, word: str) -> None:
        tok = self.cur()
        if tok[KIND] in ("vsemi", ";"):
            after = self.tokens[self.pos + (tok[KIND] == ";")]
            if after[KIND] == "kw" and after[TEXT] == word:
                self.separator()

    def aexp(self, tok: Token) -> Any:
        """An atom; `tok` is the current token (the caller has just looked at it)."""
        kind = tok[KIND]
        if kind == "var":
            self.pos += 1
            span = new_tuple(S.Span, (self.source, tok[LINE], tok[COL], tok[END_LINE], tok[END_COL]))
            if tok[VALUE] is not tok[TEXT] and tok[VALUE] != tok[TEXT]:  # `T.exp`
                node = S.QVar(tok[VALUE].rsplit(".", 1)[0], tok[TEXT], span)
            else:
                node = new_tuple(S.Var, (tok[TEXT], span))
            nxt = self.tokens[self.pos]
            if nxt[KIND] in _POSTFIX or nxt[BOL]:
                return self.postfix(node, tok)
            return node
        if kind == "int" or kind == "float" or kind == "string":
            self.pos += 1
            span = new_tuple(S.Span, (self.source, tok[LINE], tok[COL], tok[END_LINE], tok[END_COL]))
            return new_tuple(S.Lit, (tok[VALUE], span))
        if kind == "con":
            self.advance()
            if tok[TEXT] == "True" or tok[TEXT] == "False":
                return S.Lit(tok[TEXT] == "True", self.span_of(tok))
            return self.postfix(S.Var(tok[TEXT], self.span_of(tok)), tok)
        if kind == "(":
            return self.postfix(self.parens(), tok)
        if kind == "[":
            return self.brackets()
        if kind == "{":
            raise ParseError("`{` here needs a constructor or a record before it, as in `Foo {x = 1}`",
                             self.span_of(tok))
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
        if self.is_("recdot"):
            return self.selector(open_tok)
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


def group_bindings(items: list, span: S.Span) -> tuple:
    """A block's bindings: signatures attached to the bindings they name, consecutive equations of one
    function (same name and arity) merged into one binding. Raises when only signatures are left."""
    signatures: dict[str, Any] = {}
    result: list = []
    for item in items:
        if type(item) is S.SignatureStmt:
            for name in item.names:
                signatures[name] = item.type
            continue
        previous = result[-1] if result else None
        if (previous is not None and S.is_equation(item) and S.is_equation(previous)
                and previous.name == item.name and len(previous.params) == len(item.params)):
            result[-1] = S.merge_clauses(previous, item)
        else:
            result.append(item)
    if not result:
        raise ParseError("a `let` block needs at least one binding besides type signatures", span)
    first: dict[str, Any] = {}
    for binding in result:  # as GHC: one name, one definition per group (equations of it side by side)
        for name in S.bound_names(binding):
            if name in first:
                where = first[name].span
                line = where.line + where.source.first_line - 1
                raise ParseError(f"`{name}` is defined twice in one group (first at {line}:{where.col}); a "
                                 "function's equations must stand together", binding.span)
            first[name] = binding
    if signatures:
        result = [b._replace(signature=signatures[b.name])
                  if type(b) is S.FunBind and b.name in signatures and b.signature is None else b for b in result]
    return tuple(result)
