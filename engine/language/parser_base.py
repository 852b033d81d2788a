"""The parser's foundation: the token cursor with Haskell 2010's layout algorithm (the report's section 10.3,
function L, including its parse-error(t) rule), errors that know whether the input just ended (so the REPL
asks for more), and the small grammars of patterns and types. `parser.Parser` adds statements and expressions
on top; `layout_block` is the one block machinery every `do`/`let`/`where`/`of` (and `class ... where`) uses.
"""
from __future__ import annotations

from typing import Any, Callable

from gradbook.engine.language import syntax as S
from gradbook.engine.language.diagnostics import LangError, ParseError
from gradbook.engine.language.lexer import BOL, COL, END_COL, END_LINE, KIND, LINE, TEXT, VALUE, Token, tokenize

# Spans and nodes are named tuples; building them with tuple.__new__ skips the named tuple's Python-level
# __new__ (about half the cost), which the per-line budget of benchmarks/bench_session.py notices.
new_tuple = tuple.__new__
_Span = S.Span
LOOKAHEAD = 3  # the parser peeks at most this far past the current token (`a `op` )`)

MAX_DEPTH = 100  # deeper nesting is refused (kind "limit") instead of exhausting Python's stack
_BIND_START = frozenset(["var", "con", "(", "["])
# Tokens that can never start an item of a block: meeting one where an item could start closes an implicit
# block (parse-error(t)), as `in` closes `let x = 1 in x` and `where` a do-body at its statements' column.
_NOT_ITEM_KINDS = frozenset([")", "]", ",", "}", "eof", "vclose"])
_NOT_ITEM_WORDS = frozenset(["in", "then", "else", "of", "where", "deriving", "=", "|", "->", "=>", "::", "..",
                             "<-"])
VIRTUAL = frozenset(["vsemi", "vclose"])  # the layout algorithm's implicit `;` and `}`


def _describe(tok: Token) -> str:
    if tok[KIND] == "eof":
        return "end of input"
    if tok[KIND] in VIRTUAL:
        return "end of the statement" if tok[KIND] == "vsemi" else "end of the block"
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
        # Layout contexts, innermost last: 0 for explicit braces, n > 0 for an implicit block whose items
        # start at column n. A token first on its line at column n of the innermost implicit context reads as
        # a virtual `;` ("vsemi"), one left of it as a virtual `}` ("vclose"); `semi_done` is the position
        # whose virtual `;` has been taken (or that opened its block, which L gives no `;`).
        self.layout: list[int] = [0]
        self.blocks: list[Token] = [tokens[0]]  # the keyword that opened each context, for messages
        self.semi_done = -1
        self.closed: tuple[int, Token, int] | None = None  # (pos, keyword, column) of the last implicit close
        self.nest = 0
        self.parens_open = 0  # a left section `(e op)` is only possible inside parentheses

    # ------------------------------------------------------------------------------------ token access
    def cur(self) -> Token:
        """The current token, or a virtual `;`/`}` where the layout algorithm puts one. Only a token first on
        its line can become one, so hot paths read `self.tokens[self.pos]` and call this only when that
        token's `bol` is set."""
        tok = self.tokens[self.pos]
        if tok[BOL] and tok[KIND] != "eof":  # running out of input stays "eof", so it reads as incomplete
            indent = self.layout[-1]
            if indent:
                col = tok[COL]
                if col < indent:
                    return ("vclose", "", None, tok[LINE], col, tok[END_LINE], tok[END_COL], True)
                if col == indent and self.pos != self.semi_done:
                    return ("vsemi", "", None, tok[LINE], col, tok[END_LINE], tok[END_COL], True)
        return tok

    def separator(self) -> bool:
        """Take a `;` or virtual `;` at the cursor if there is one."""
        tok = self.cur()
        if tok[KIND] == "vsemi":
            self.semi_done = self.pos
            return True
        if tok[KIND] == ";":
            self.pos += 1
            return True
        return False

    def layout_block(self, keyword: Token, item: Callable[[], Any], what: str) -> list:
        """The items after a block keyword (`do`, `let`, `where`, `of`, `class ... where`): `{ a; b }` with
        explicit braces, else an implicit block at the column of its first token, whose items start at that
        column and which ends at a line left of it or at any token that cannot continue it (parse-error(t))."""
        tok = self.tokens[self.pos]
        if tok[KIND] == "{":
            return self._explicit_block(item, what)
        if tok[KIND] == "eof":
            raise self.error(what, tok)
        enclosing = self.layout[-1]
        # L's `{n}` with n <= m is an empty block, which no item can follow; GHC's default
        # NondecreasingIndentation lets a `do` block start at its enclosing block's column (n == m).
        if tok[COL] < enclosing or (tok[COL] == enclosing and keyword[TEXT] != "do"):
            raise ParseError(f"expected {what}, indented further than column {enclosing} where the enclosing "
                             f"`{self.blocks[-1][TEXT]}` block lines up its items (this line starts at column "
                             f"{tok[COL]})", self.span_of(tok))
        layout, blocks = self.layout, self.blocks
        layout.append(tok[COL])
        blocks.append(keyword)
        self.semi_done = self.pos
        items: list = []
        depth = len(layout)
        try:
            while True:
                tok = self.cur()
                kind = tok[KIND]
                if kind == "vsemi" or kind == ";":
                    self.separator()
                    continue
                if kind in _NOT_ITEM_KINDS or (kind in ("kw", "reserved") and tok[TEXT] in _NOT_ITEM_WORDS):
                    break
                items.append(item())
                if not self.separator():
                    break  # a virtual `}`, the end, or parse-error(t): the caller sees the token
        finally:
            if len(layout) == depth:
                self.closed = (self.pos, keyword, layout[-1])
                layout.pop()
                blocks.pop()
        if not items:
            raise self.error(what)
        return items

    def _explicit_block(self, item: Callable[[], Any], what: str) -> list:
        open_tok = self.advance()
        self.layout.append(0)
        self.blocks.append(open_tok)
        items: list = []
        try:
            while True:
                tok = self.cur()
                if tok[KIND] == ";":
                    self.advance()
                    continue
                if tok[KIND] == "}":
                    break
                items.append(item())
                if not self.is_(";"):
                    break
                self.advance()
            self.expect("}", what=f"`;` or `}}` to close the `{{` at {self.where(open_tok)}")
        finally:
            self.layout.pop()
            self.blocks.pop()
        if not items:
            raise ParseError(f"expected {what} between the braces", self.span_from(open_tok))
        return items

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
        if tok[KIND] in VIRTUAL:
            raw = self.tokens[self.pos]
            hint = self._indent_hint(raw)
            return ParseError(f"unexpected {_describe(tok)}: expected {expected}{hint}", self.span_of(raw))
        if tok[KIND] == "eof" and self.pos > 0:
            prev = self.tokens[self.pos - 1]
            span = S.Span(self.source, prev[END_LINE], prev[END_COL], prev[END_LINE], prev[END_COL] + 1)
            return ParseError(f"unexpected {_describe(tok)}: expected {expected}", span, at_end=True)
        hint = self._indent_hint(tok) if tok[BOL] else ""
        return ParseError(f"unexpected {_describe(tok)}: expected {expected}{hint}", self.span_of(tok),
                          at_end=tok[KIND] == "eof")

    def _indent_hint(self, tok: Token) -> str:
        """Why a line at this column ends what it ends: the innermost implicit block's column."""
        col = tok[COL]
        if self.closed is not None and self.closed[0] == self.pos:
            _, keyword, indent = self.closed
            return (f" (this line starts at column {col}, left of column {indent} where the `{keyword[TEXT]}` "
                    f"block at {self.where(keyword)} lines up its items; indent it to continue that block, "
                    f"or line it up with an outer one)")
        for indent, keyword in zip(reversed(self.layout), reversed(self.blocks)):
            if indent:
                if col < indent and len(self.layout) > 1:
                    return (f" (this line starts at column {col}, left of column {indent} where the "
                            f"`{keyword[TEXT]}` block at {self.where(keyword)} lines up its items; indent it "
                            "further to continue the line above)")
                if col == indent:
                    return (f" (this line starts a new item of the block at {self.where(keyword)}, because it "
                            f"starts at its column {indent}; indent it further to continue the line above)")
                return ""
        return ""

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
            if len(items) == 1 and self.is_("reserved", "::"):  # `(x :: Float)`: a pattern signature
                self.advance()
                self.type_()
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
