"""Declarations and record syntax of the parser: `data`, `newtype`, `type`, `class`, `instance`, standalone
`deriving instance`; constructor, record and as-patterns; record construction `C {f = e}`, update `r {f = e}`,
`{..}` and puns, and OverloadedRecordDot's `r.field` (the lexer's "recdot" token). Mixed into
`parser.Parser` between the block constructs and the expression grammar; datatypes.py and classes.py
evaluate what it builds.
"""
from __future__ import annotations

from typing import Any, Callable

from gradbook.engine.language import syntax as S
from gradbook.engine.language.diagnostics import ParseError
from gradbook.engine.language.lexer import BOL, COL, KIND, TEXT, Token
from gradbook.engine.language.parser_base import VIRTUAL, new_tuple
from gradbook.engine.language.parser_blocks import BlockParser

_APAT_START = frozenset(["var", "con", "int", "float", "string", "(", "["])
_TYPE_START = frozenset(["con", "var", "(", "["])
DECLARATION_WORDS = ("data", "newtype", "type", "class", "instance", "deriving")
_ITEM_END = frozenset(["eof", ";", "}"]) | VIRTUAL


class DeclParser(BlockParser):
    """Top-level declarations, the patterns of data values, and the record forms of expressions."""

    binding_rhs: Any
    make_binding: Any
    signature: Any

    # ------------------------------------------------------------------------------------ declarations
    def declaration(self) -> Any:
        """The declaration starting at the keyword under the cursor (one of DECLARATION_WORDS)."""
        start = self.advance()
        word = start[TEXT]
        if word in ("data", "newtype"):
            return self.data_declaration(start, word == "newtype")
        if word == "type":
            if self.is_("var", "family") or self.is_("kw", "instance"):
                raise ParseError("type families are not supported", self.span_of(self.cur()))
            name = self.expect("con", what="the new type's name (capitalised)")
            params = self.type_params()
            self.expect("reserved", "=", what="`=` and the type the synonym stands for")
            return S.TypeDecl(name[TEXT], params, self.type_(), self.span_from(start))
        if word == "class":
            return self.class_declaration(start)
        if word == "instance":
            return self.instance_declaration(start, "")
        strategy = self.strategy() or "stock"
        self.expect("kw", "instance", what="`instance` (a standalone `deriving instance C T`)")
        return self.instance_declaration(start, strategy)

    def type_params(self) -> tuple:
        params = []
        while self.cur()[KIND] == "var" or self.is_("("):
            if self.is_("("):  # a kind signature `(f :: Type -> Type)`: the name is what matters
                self.advance()
                params.append(self.expect("var", what="a type variable")[TEXT])
                while not self.is_(")") and self.cur()[KIND] not in _ITEM_END:
                    self.advance()
                self.expect(")", what="`)` to close the type variable")
            else:
                params.append(self.advance()[TEXT])
        return tuple(params)

    def data_declaration(self, start: Token, newtype: bool) -> S.DataDecl:
        what = "newtype" if newtype else "data type"
        name = self.expect("con", what=f"the {what}'s name (capitalised)")
        params = self.type_params()
        constructors = []
        if self.is_("reserved", "="):
            self.advance()
            while True:
                constructors.append(self.constructor())
                if not self.is_("reserved", "|"):
                    break
                self.advance()
        elif self.is_("kw", "where"):
            raise ParseError("GADT syntax (`data T where ...`) is not supported: write `data T = C1 ... | C2 ...`",
                             self.span_of(self.cur()))
        deriving = []
        while self.is_("kw", "deriving"):
            self.advance()
            deriving.extend(self.deriving_clause())
        span = self.span_from(start)
        if newtype and (len(constructors) != 1 or constructors[0].arity != 1):
            raise ParseError("a `newtype` has exactly one constructor with exactly one field", span)
        return S.DataDecl(name[TEXT], params, tuple(constructors), tuple(deriving), newtype, span)

    def constructor(self) -> S.ConDecl:
        tok = self.cur()
        if self.is_("var", "forall"):
            raise ParseError("existential constructors (`forall`) are not supported", self.span_of(tok))
        if tok[KIND] == "con" and self.peek_raw()[KIND] == "{":
            self.advance()
            return self.record_constructor(tok)
        if tok[KIND] == "(" and self.peek_raw()[KIND] == "op" and self.peek_raw(2)[KIND] == ")":
            self.advance()
            op = self.advance()
            self.advance()
            types = self.field_types()
            return S.ConDecl(op[TEXT], len(types), (), types, self.span_from(tok))
        if tok[KIND] == "con":
            self.advance()
            types = self.field_types()
            if not (self.cur()[KIND] == "op" and self.cur()[TEXT].startswith(":")):
                return S.ConDecl(tok[TEXT], len(types), (), types, self.span_from(tok))
            left: Any = S.TName(tok[TEXT], types, self.span_from(tok))
        else:
            left = self.strict_type()
        op = self.cur()
        if not (op[KIND] == "op" and op[TEXT].startswith(":")):
            raise self.error("a constructor (a capitalised name such as `Leaf` or `Node Int`)")
        self.advance()
        right = self.strict_type()
        return S.ConDecl(op[TEXT], 2, (), (left, right), self.span_from(tok), True)

    def strict_type(self) -> Any:
        if self.is_("op", "!") or self.is_("reserved", "~"):  # strictness marks: the evaluator is strict anyway
            self.advance()
        if self.cur()[KIND] == "con":
            return self.btype()
        return self.atype()

    def field_types(self) -> tuple:
        types = []
        while True:
            tok = self.cur()
            if (tok[KIND] == "op" and tok[TEXT] == "!") or (tok[KIND] == "reserved" and tok[TEXT] == "~"):
                self.advance()
                types.append(self.atype())
            elif tok[KIND] in _TYPE_START:
                types.append(self.atype())
            else:
                return tuple(types)

    def record_constructor(self, name: Token) -> S.ConDecl:
        self.open_braces()
        fields: list[str] = []
        types: list[Any] = []
        try:
            while not self.is_("}"):
                group = [self.field_label()]
                while self.is_(","):
                    self.advance()
                    group.append(self.field_label())
                self.expect("reserved", "::", what="`::` and the field's type")
                if self.is_("op", "!") or self.is_("reserved", "~"):
                    self.advance()
                field_type = self.type_()
                for label in group:
                    if label in fields:
                        raise ParseError(f"field `{label}` is declared twice in `{name[TEXT]}`",
                                         self.span_from(name))
                    fields.append(label)
                    types.append(field_type)
                if not self.is_(","):
                    break
                self.advance()
            self.expect("}", what="`,` or `}` in the record declaration")
        finally:
            self.close_braces()
        return S.ConDecl(name[TEXT], len(fields), tuple(fields), tuple(types), self.span_from(name))

    def field_label(self) -> str:
        tok = self.cur()
        if tok[KIND] == "var":
            self.advance()
            return tok[TEXT]
        if tok[KIND] == "(" and self.peek_raw()[KIND] == "op" and self.peek_raw(2)[KIND] == ")":
            self.advance()
            op = self.advance()
            self.advance()
            return op[TEXT]
        raise self.error("a field name (lower-case)")

    def strategy(self) -> str:
        tok = self.cur()
        if (tok[KIND] == "var" and tok[TEXT] in ("stock", "anyclass")) or (tok[KIND] == "kw"
                                                                          and tok[TEXT] == "newtype"):
            self.advance()
            return tok[TEXT]
        if tok[KIND] == "var" and tok[TEXT] == "via":
            raise ParseError("`deriving via` is not supported", self.span_of(tok))
        return ""

    def deriving_clause(self) -> list:
        """`deriving (Show, Eq)`, `deriving Show`, `deriving anyclass (C)`: (strategy, class, span) triples."""
        strategy = self.strategy()
        classes = []
        if self.is_("("):
            self.advance()
            while not self.is_(")"):
                tok = self.expect("con", what="a class name such as `Show`")
                while self.cur()[KIND] in _TYPE_START and not self.is_(","):
                    self.atype()  # a class applied to types (`deriving (C Int)`): only the class matters
                classes.append((strategy, tok[TEXT], self.span_of(tok)))
                if not self.is_(","):
                    break
                self.advance()
            self.expect(")", what="`,` or `)` in the deriving list")
        else:
            tok = self.expect("con", what="a class name such as `Show`, or `(Show, Eq)`")
            classes.append((strategy, tok[TEXT], self.span_of(tok)))
        if self.strategy():
            raise self.error("a `deriving` clause")
        return classes

    def context_and_head(self, what: str) -> tuple[tuple, Token, tuple]:
        """`(Show a, Eq a) => C a b` or `C a b`: the context's (class, types) pairs, the class token and the
        head's type arguments."""
        saved = self.pos
        if self.cur()[KIND] not in ("con", "("):
            raise self.error(what)
        context: tuple = ()
        head = self.btype()
        if self.is_("reserved", "=>"):
            self.advance()
            parts = head.items if isinstance(head, S.TTuple) else (head,)
            context = tuple((part.name, part.args) for part in parts if isinstance(part, S.TName))
            saved = self.pos
            head = self.btype()
        if not isinstance(head, S.TName) or not head.name[:1].isupper():
            raise self.error(what, self.tokens[saved])
        return context, self.tokens[saved], head.args

    def class_declaration(self, start: Token) -> S.ClassDecl:
        context, name, args = self.context_and_head("a class name and its type variables: `class C a where`")
        params = []
        for arg in args:
            if not (isinstance(arg, S.TName) and not arg.args and arg.name[:1].islower()):
                raise ParseError("a class declares type variables, as in `class C a where`", arg.span)
            params.append(arg.name)
        if self.is_("reserved", "|"):  # functional dependencies `| a -> b`: accepted (dispatch is at run time)
            while self.cur()[KIND] not in _ITEM_END and not self.is_("kw", "where"):
                self.advance()
        signatures: list = []
        defaults: list = []
        self.where_block(lambda: self.class_item(signatures, defaults))
        return S.ClassDecl(name[TEXT], tuple(params), context, tuple(signatures), self.grouped(defaults, start),
                           self.span_from(start))

    def instance_declaration(self, start: Token, derived: str) -> S.InstanceDecl:
        _context, name, types = self.context_and_head("a class and its types: `instance C T where`")
        if not types:
            raise self.error("the type of the instance, as in `instance Show Foo`")
        bindings: list = []
        if not derived:
            self.where_block(lambda: self.instance_item(bindings))
        return S.InstanceDecl(name[TEXT], types, self.grouped(bindings, start), self.span_from(start), derived)

    # ----------------------------------------------------------------------------- class/instance bodies
    def where_block(self, item: Callable[[], None]) -> None:
        """The optional `where` block of a class or instance (the parser's layout_block); an empty one
        (nothing indented after `where`) is allowed, as L gives it `{}`."""
        if not self.is_("kw", "where"):
            return
        keyword = self.advance()
        tok = self.tokens[self.pos]
        if tok[KIND] == "eof" or (tok[BOL] and tok[COL] <= self.layout[-1]):
            return
        self.layout_block(keyword, item, "a method definition")

    def open_braces(self) -> None:
        """`{` of record syntax: inside it the layout rule is off (an explicit context), as in `do { ... }`."""
        self.layout.append(0)
        self.blocks.append(self.advance())

    def close_braces(self) -> None:
        self.layout.pop()
        self.blocks.pop()

    def grouped(self, bindings: list, start: Token) -> tuple:
        if not bindings:
            return ()
        from gradbook.engine.language.parser import group_bindings  # parser.py imports this module

        return group_bindings(bindings, self.span_of(start))

    def skip_item(self) -> None:
        while self.cur()[KIND] not in _ITEM_END:
            self.advance()

    def is_signature(self) -> bool:
        tok = self.cur()
        offset = 1
        if tok[KIND] == "(" and self.peek_raw()[KIND] == "op" and self.peek_raw(2)[KIND] == ")":
            offset = 3
        elif tok[KIND] != "var":
            return False
        after = self.peek_raw(offset)
        return after[KIND] in ("reserved", ",") and after[TEXT] in ("::", ",")

    def class_item(self, signatures: list, defaults: list) -> None:
        tok = self.cur()
        if tok[KIND] == "var" and tok[TEXT] in ("infixl", "infixr", "infix", "default"):
            if tok[TEXT] != "default" or self.peek_raw()[KIND] in ("var", "("):
                self.skip_item()  # fixity and DefaultSignatures lines: accepted
                return
        if self.is_signature():
            names = [self.field_label()]
            while self.is_(","):
                self.advance()
                names.append(self.field_label())
            self.expect("reserved", "::", what="`::` in the method signature")
            method_type = self.type_()
            signatures.extend((name, method_type) for name in names)
            return
        self.decl_binding(defaults)

    def instance_item(self, bindings: list) -> None:
        tok = self.cur()
        if tok[KIND] == "var" and tok[TEXT] in ("infixl", "infixr", "infix"):
            self.skip_item()
            return
        if self.is_signature():  # InstanceSigs: accepted, the class's signature is what dispatch reads
            self.skip_item()
            return
        self.decl_binding(bindings)

    def decl_binding(self, result: list) -> None:
        """One equation (`show (Foo x) = ...`, `(==) a b = ...`, `Foo a == Foo b = ...`); `grouped` merges
        the equations of one function."""
        start = self.cur()
        binding = None
        if start[KIND] == "(" and self.peek_raw()[KIND] == "op" and self.peek_raw(2)[KIND] == ")":
            self.advance()
            op = self.advance()
            self.advance()
            params = []
            while self.cur()[KIND] in _APAT_START:
                params.append(self.apattern())
            kind = self.cur()
            if not (kind[KIND] == "reserved" and kind[TEXT] in ("=", "|")):
                raise self.error("`=` in the definition of the operator")
            self.advance()
            body = self.binding_rhs(kind[TEXT], start)
            binding = new_tuple(S.FunBind, (op[TEXT], tuple(params), body, self.span_from(start), (), None))
        else:
            binding = self.infix_binding(start)
        if binding is None:
            head = self.try_binding_head(allow_arrow=False)
            if head is None:
                raise self.error("a definition such as `name x = ...`")
            body = self.binding_rhs(head[0], start)
            binding = self.make_binding(head[1], body, self.span_from(start))
        result.append(binding)

    def infix_binding(self, start: Token) -> Any:
        """`x == y = ...` or ``a `op` b = ...``: the operator's definition, or None (cursor restored)."""
        saved = self.pos
        try:
            left = self.pattern_app()
            tok = self.cur()
            if tok[KIND] == "op" and tok[TEXT] != ":" and not tok[TEXT].startswith(":"):
                name = tok[TEXT]
                self.advance()
            elif tok[KIND] == "`" and self.peek_raw()[KIND] == "var" and self.peek_raw(2)[KIND] == "`":
                self.advance()
                name = self.advance()[TEXT]
                self.advance()
            else:
                self.pos = saved
                return None
            right = self.pattern_app()
            kind = self.cur()
            if not (kind[KIND] == "reserved" and kind[TEXT] in ("=", "|")):
                self.pos = saved
                return None
        except ParseError:
            self.pos = saved
            return None
        self.advance()
        body = self.binding_rhs(kind[TEXT], start)
        return new_tuple(S.FunBind, (name, (left, right), body, self.span_from(start), (), None))

    # ---------------------------------------------------------------------------------------- patterns
    def pattern(self) -> Any:
        start = self.cur()
        head = self.pattern_app()
        tok = self.cur()
        if tok[KIND] == "op" and tok[TEXT].startswith(":"):
            self.advance()
            tail = self.pattern()
            if tok[TEXT] == ":":
                return S.PCons(head, tail, self.span_from(start))
            return S.PCon(tok[TEXT], (head, tail), self.span_from(start))
        return head

    def pattern_app(self) -> Any:
        """A constructor applied to argument patterns (`Just x`, `Node l v r`), or one atomic pattern."""
        tok = self.cur()
        if tok[KIND] == "con" and tok[TEXT] not in ("True", "False") and self.peek_raw()[KIND] != "{":
            self.advance()
            args = []
            while self.cur()[KIND] in _APAT_START:
                args.append(self.apattern())
            return S.PCon(tok[TEXT], tuple(args), self.span_from(tok))
        return self.apattern()

    def apattern(self) -> Any:
        tok = self.cur()
        kind = tok[KIND]
        if kind == "var":
            after = self.peek_raw()
            if after[KIND] == "reserved" and after[TEXT] == "@":
                self.advance()
                self.advance()
                return S.PAs(tok[TEXT], self.apattern(), self.span_from(tok))
        elif kind == "con" and tok[TEXT] not in ("True", "False"):
            self.advance()
            if self.is_("{"):
                return self.record_pattern(tok)
            return S.PCon(tok[TEXT], (), self.span_of(tok))
        elif (kind == "reserved" and tok[TEXT] == "~") or (kind == "op" and tok[TEXT] == "!"):
            self.advance()  # lazy and bang patterns: the evaluator is strict, so they change nothing
            return self.apattern()
        return super().apattern()

    def record_pattern(self, con: Token) -> S.PRec:
        fields, wildcard = self.record_fields(con, pattern=True)
        return S.PRec(con[TEXT], fields, wildcard, self.span_from(con))

    # ------------------------------------------------------------------------------------- expressions
    def record_fields(self, owner: Token, pattern: bool) -> tuple[tuple, bool]:
        """`{f = e, g, ..}` after a constructor or expression: (name, value, span) triples (value None for
        a pun) and whether `..` was written. Patterns when `pattern`, else expressions."""
        self.open_braces()
        fields: list = []
        wildcard = False
        try:
            while not self.is_("}"):
                if self.is_("reserved", ".."):
                    self.advance()
                    wildcard = True
                else:
                    label = self.cur()
                    name = self.field_label()
                    span = self.span_of(label)
                    if any(field[0] == name for field in fields):
                        raise ParseError(f"field `{name}` is given twice", span)
                    if self.is_("reserved", "="):
                        self.advance()
                        value = self.pattern() if pattern else self.expr()
                        fields.append((name, value, span))
                    else:
                        fields.append((name, S.PVar(name, span) if pattern else None, span))
                if not self.is_(","):
                    break
                self.advance()
            self.expect("}", what="`,` or `}` in the record")
        finally:
            self.close_braces()
        return tuple(fields), wildcard

    def selector(self, open_tok: Token) -> Any:
        """`(.field)` or `(.a.b)`: OverloadedRecordDot's selector, a function of the record."""
        record = S.Var(" record", self.span_of(open_tok))  # a name no program can write
        node: Any = record
        while self.is_("recdot"):
            self.advance()
            field = self.expect("var", what="a field name after `.`")
            node = S.FieldAccess(node, field[TEXT], self.span_from(open_tok))
        self.expect(")", what="`)` to close the field selector")
        return S.Lambda((S.PVar(record.name, record.span),), node, self.span_from(open_tok))

    def postfix(self, node: Any, start: Token) -> Any:
        """What may follow an atom: record construction/update braces and `.field` selections."""
        while True:
            tok = self.tokens[self.pos]
            if tok[BOL]:
                tok = self.cur()
            if tok[KIND] == "recdot":
                self.advance()
                field = self.expect("var", what="a field name after `.`")
                node = S.FieldAccess(node, field[TEXT], self.span_from(start))
            elif tok[KIND] == "{":
                fields, wildcard = self.record_fields(tok, pattern=False)
                span = self.span_from(start)
                if isinstance(node, S.Var) and node.name[:1].isupper():
                    node = S.RecordCon(node.name, fields, wildcard, span, node.span)
                else:
                    if wildcard:
                        raise ParseError("`..` only builds a record from a constructor, as in `Foo {..}`", span)
                    puns = [field for field in fields if field[1] is None]
                    if puns:
                        raise ParseError(f"a record update gives each field a value: `{puns[0][0]} = ...`",
                                         puns[0][2])
                    node = S.RecordUpdate(node, fields, span)
            else:
                return node
