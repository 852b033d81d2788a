"""The evaluator: walks the syntax tree with an environment chain, calls builtins and closures (all
`values.Function`), and turns every builtin error into a LangError placed at the node that made the call.

Strict and dynamically typed: arguments are evaluated before a call, `if`, `&&` and `||` only evaluate what
they need. A binding group (a `let`, a `where`, the declarations of a module) is recursive: functions see each
other through their shared frame, and each value binding starts as a `Thunk` that is evaluated when first
looked up, so the order of the bindings does not matter and one that needs itself is a located error (GHC's
`<<loop>>`), not a hang. Top-level scopes are the Session's business (toplevel.py).
"""
from __future__ import annotations

from typing import Any, Callable, Iterator, Sequence

from gradbook.engine.language import datatypes, records, syntax as S
from gradbook.engine.language.diagnostics import LangError, kind_of, suggest
from gradbook.engine.tensors.errors import GradbookError
from gradbook.engine.language.runtime import Runtime, is_number, describe, load_runtime, special_operators
from gradbook.engine.language.do_blocks import evaluate_do
from gradbook.engine.language.enumeration import enumeration, list_view, unify_numbers
from gradbook.engine.language.lazy import LazyList, tail_of
from gradbook.engine.language.values import Bottom, BuiltinFunction, Char, Function, IOAction, char, chars, rebuild


CALL_ERRORS = (GradbookError, ZeroDivisionError, OverflowError, MemoryError)
"""What a builtin may raise that is the user's doing; `placed` gives it the call's span."""


def placed(error: BaseException, name: str, span: S.Span) -> LangError:
    """A builtin's error as a language error at the call that caused it (the one translation, for calls
    and operators alike)."""
    if isinstance(error, GradbookError):
        # an operator's engine message in the language's words (`toDType Float t`, the budget as `:set`
        # names it); the builtins' own messages are worded already, and rewording them changes nothing
        from gradbook.engine.language.builtins.registry import language_words

        return LangError(kind_of(error), language_words(str(error)), span)
    if isinstance(error, MemoryError):
        return LangError("limit", f"`{name}` ran out of memory", span)
    return LangError("value", f"`{name}`: {error}", span)  # ZeroDivisionError, OverflowError

__all__ = ["Closure", "Env", "Evaluator", "Runtime", "describe", "load_runtime", "to_htype"]

MAX_RANGE = 1_000_000  # elements in one `[a..b]`; more is refused before any memory is taken
COPIED_TAIL = 1000  # a `(x:xs)` match copies the tail of a list this short; a longer one is read in place



class Env:
    """One scope: a dict of names and the enclosing scope (None above the top level)."""

    __slots__ = ("vars", "parent")

    def __init__(self, vars: dict, parent: "Env | None" = None) -> None:
        self.vars = vars
        self.parent = parent


_MISSING = object()
_FALLTHROUGH = object()  # no guard of an equation or alternative held: try the next one


class Thunk:
    """A value binding of a recursive group, evaluated on first use and then replaced in its frame."""

    __slots__ = ("binding", "env", "frame", "state", "value")

    def __init__(self, binding: Any, env: "Env", frame: dict) -> None:
        self.binding = binding
        self.env = env
        self.frame = frame
        self.state = 0  # 0 not yet evaluated, 1 being evaluated, 2 done
        self.value: Any = None


class Closure(Function):
    """A user function (`let f x = ...`, `\\x -> ...`): parameters are patterns, the body a tree."""

    def __init__(self, evaluator: "Evaluator", name: str, params: tuple, body: Any, env: Env,
                 clauses: tuple = (), span: S.Span | None = None) -> None:
        self.evaluator = evaluator
        self.name = name
        self.params = params
        self.arity = len(params)
        self.body = body
        self.env = env
        self.clauses = clauses  # several equations: the first whose patterns match is used
        self.span = span

    def apply(self, *args: Any) -> Any:
        # The common case (exactly `arity` arguments) skips Function.apply's extra frame: user recursion
        # depth is bounded by Python frames per level.
        if len(args) == self.arity:
            return self.call(args)
        return Function.apply(self, *args)

    def call(self, args: Sequence[Any]) -> Any:
        if self.clauses:
            return self._call_clauses(args)
        frame: dict = {}
        for param, arg in zip(self.params, args):
            if type(param) is S.PVar:
                frame[param.name] = arg
            elif self.evaluator.match(param, arg, frame) is not None:
                raise self._no_match(args, param.span)
        body = self.body
        return self.evaluator.dispatch[type(body)](body, Env(frame, self.env))

    def _no_match(self, args: Sequence[Any], span: S.Span | None) -> LangError:
        shown = ", ".join(describe(arg) for arg in args)
        who = "this function" if self.name == "<lambda>" else f"`{self.name}`"
        return LangError("value", f"no equation of {who} matches its arguments ({shown})", span)

    def _call_clauses(self, args: Sequence[Any]) -> Any:
        evaluator = self.evaluator
        match = evaluator.match
        for params, body in self.clauses:
            frame: dict = {}
            if all(match(param, arg, frame) is None for param, arg in zip(params, args)):
                value = evaluator.eval_rhs(body, Env(frame, self.env))
                if value is not _FALLTHROUGH:
                    return value
        raise self._no_match(args, self.span)

    def __repr__(self) -> str:
        return f"<function {self.name}>"



class Evaluator:
    """Evaluates expressions against a Runtime. One per Session."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        # `otherwise` is Haskell's Prelude constant for the last guard; it belongs to the language.
        self.builtins = {"otherwise": True, **runtime.builtins}
        self.operators = dict(runtime.operators)
        self.operators.update(special_operators())
        self.dispatch: dict[type, Callable[[Any, Env], Any]] = {
            S.Lit: self.ev_lit, S.Var: self.ev_var, S.App: self.ev_app, S.BinOp: self.ev_binop,
            S.Neg: self.ev_neg, S.OpRef: self.ev_opref, S.Section: self.ev_section,
            S.ListExpr: self.ev_list, S.ListComp: self.ev_listcomp, S.Range: self.ev_range, S.TupleExpr: self.ev_tuple,
            S.Lambda: self.ev_lambda, S.If: self.ev_if, S.LetIn: self.ev_letin, S.Case: self.ev_case,
            S.Annot: self.ev_annot, S.Do: self.ev_do, S.GuardFail: self.ev_guard_fail,
            S.Guarded: self.ev_guarded, S.QVar: self.ev_qvar,
        }
        # Patterns beyond the core ones (constructor, record and as-patterns), by node type.
        self.pattern_matchers: dict[type, Callable[[Any, Any, dict], str | None]] = {}
        records.install(self)
        from gradbook.engine.language.classes import builtin_operators

        for name, method in builtin_operators().items():  # `<>`, which no builtins table has
            self.operators.setdefault(name, method)
        # Module name -> names it defines differently from the plain builtins (`Prelude.exp` on numbers);
        # filled by the builtins that need it. `aliases`: `as` names of this session's imports.
        self.namespaces: dict[str, dict[str, Any]] = dict(getattr(runtime, "namespaces", {}) or {})
        self.aliases: dict[str, str] = {}

    # --------------------------------------------------------------------------------------- helpers
    def eval(self, node: Any, env: Env) -> Any:
        return self.dispatch[type(node)](node, env)

    def call(self, fn: Any, args: Sequence[Any], span: S.Span, fn_span: S.Span | None = None) -> Any:
        """Apply a function value, placing any builtin error at `span`."""
        if not isinstance(fn, Function):
            raise LangError("type", f"{describe(fn)} is not a function, so it cannot be applied to "
                            f"{len(args)} argument{'s' if len(args) != 1 else ''}", fn_span or span)
        try:
            return fn.apply(*args)
        except LangError:
            raise
        except CALL_ERRORS as error:
            return self.builtin_refused(error, fn, args, span)

    def builtin_refused(self, error: BaseException, fn: Function, args: Sequence[Any], span: S.Span) -> Any:
        """A builtin operator refused a data value: a user instance of its class (`instance Num V2`) may
        define it; else the builtin's error, placed at the call."""
        from gradbook.engine.language.classes import NOT_A_METHOD, method_fallback

        try:
            result = method_fallback(fn.name, tuple(args))
        except CALL_ERRORS as again:
            raise placed(again, fn.name, span) from None
        if result is NOT_A_METHOD:
            raise placed(error, fn.name, span) from None
        return result

    def run_io(self, action: IOAction, span: S.Span) -> Any:
        try:
            return action.run()
        except LangError:
            raise
        except GradbookError as error:
            raise LangError(kind_of(error), str(error), span) from None
        except (ZeroDivisionError, OverflowError) as error:
            raise LangError("value", f"`{action.name}`: {error}", span) from None

    def lookup(self, name: str, env: Env, span: S.Span) -> Any:
        scope: Env | None = env
        while scope is not None:
            value = scope.vars.get(name, _MISSING)
            if value is not _MISSING:
                if type(value) is Thunk:
                    return self.force(value, name)
                return value
            scope = scope.parent
        value = self.builtins.get(name, _MISSING)
        if value is not _MISSING:
            return value
        raise self.unknown_name(name, env, span)

    def unknown_name(self, name: str, env: Env, span: S.Span) -> LangError:
        names: set[str] = set(self.builtins)
        scope: Env | None = env
        while scope is not None:
            names.update(scope.vars)
            scope = scope.parent
        if name[:1].isupper():  # a constructor: suggest constructors only
            names = {n for n in names if n[:1].isupper()} | datatypes.current_types().names("constructors")
        near = suggest(name, names)
        hint = f"; did you mean `{near}`?" if near else ""
        from gradbook.engine.language.classes import ambiguous

        result_typed = ambiguous(name, span)  # `mempty` without an annotation
        if result_typed is not None:
            return result_typed
        what = "constructor" if name[:1].isupper() else "name"
        return LangError("name", f"unknown {what} `{name}`{hint}", span)

    # -------------------------------------------------------------------------------------- patterns
    def bind_pattern(self, pattern: Any, value: Any, frame: dict) -> None:
        """Bind the names of `pattern` into `frame`, or raise a LangError saying why it does not match."""
        problem = self.match(pattern, value, frame)
        if problem is not None:
            raise LangError("value", problem, pattern.span)

    def match(self, pattern: Any, value: Any, frame: dict) -> str | None:
        """None when it matches (names bound into `frame`), else the reason it does not."""
        kind = type(pattern)
        if kind is S.PVar:
            frame[pattern.name] = value
            return None
        if kind is S.PWild:
            return None
        if kind is S.PTuple:
            if not isinstance(value, tuple) or len(value) != len(pattern.items):
                return f"this pattern expects a {len(pattern.items)}-tuple, got {describe(value)}"
            for item, part in zip(pattern.items, value):
                problem = self.match(item, part, frame)
                if problem:
                    return problem
            return None
        if kind is S.PList:
            if not isinstance(value, list):
                value = list_view(value, len(pattern.items) + 1)
            if not isinstance(value, list):
                return f"this pattern expects a list, got {describe(value)}"
            if len(value) != len(pattern.items):
                return (f"this pattern expects a list of {len(pattern.items)} element"
                        f"{'s' if len(pattern.items) != 1 else ''}, got one of {len(value)}")
            for item, part in zip(pattern.items, value):
                problem = self.match(item, part, frame)
                if problem:
                    return problem
            return None
        if kind is S.PCons:
            if type(value) is str and value:  # a String: its first Char and the rest, still a String
                return self.match(pattern.head, char(value[0]), frame) or self.match(pattern.tail, value[1:], frame)
            if isinstance(value, LazyList) and not value.is_empty():
                return self.match(pattern.head, value.item(0), frame) or self.match(pattern.tail, value.drop(1), frame)
            if not isinstance(value, list) or not value:
                empty = isinstance(value, (list, str, LazyList))
                return f"this pattern expects a non-empty list, got {'an empty list' if empty else describe(value)}"
            rest = value[1:] if len(value) <= COPIED_TAIL else tail_of(value, 1)
            return self.match(pattern.head, value[0], frame) or self.match(pattern.tail, rest, frame)
        if kind is S.PLit:
            if isinstance(pattern.value, str) and type(pattern.value) is not Char and isinstance(value, list):
                value = "".join(value) if all(type(c) is Char for c in value) else value  # [Char] is String
            same_kind = isinstance(value, bool) == isinstance(pattern.value, bool)
            if same_kind and type(value) is not type(pattern.value) and not (
                    is_number(value) and is_number(pattern.value)):
                same_kind = False
            if same_kind and value == pattern.value:
                return None
            return f"the value does not match the literal pattern `{pattern.value!r}`"
        matcher = self.pattern_matchers.get(kind)
        if matcher is not None:
            return matcher(pattern, value, frame)
        return "unsupported pattern"

    # ----------------------------------------------------------------------------------- expressions
    def ev_lit(self, node: S.Lit, env: Env) -> Any:
        return node.value

    def ev_var(self, node: S.Var, env: Env) -> Any:
        name = node.name
        scope: Env | None = env
        while scope is not None:
            value = scope.vars.get(name, _MISSING)
            if value is not _MISSING:
                if type(value) is Thunk:
                    return self.force(value, name)
                return value
            scope = scope.parent
        value = self.builtins.get(name, _MISSING)
        if value is not _MISSING:
            if type(value) is Bottom:  # `undefined`: an error where it is evaluated
                raise LangError("value", value.message, node.span)
            return value
        raise self.unknown_name(name, env, node.span)

    def ev_qvar(self, node: S.QVar, env: Env) -> Any:
        """`T.exp`: the name as the module behind `T` defines it; a user module's names are the session's."""
        from gradbook.engine.language.modules import is_library

        module = self.aliases.get(node.qualifier, node.qualifier)
        if is_library(module):
            value = self.namespaces.get(module, {}).get(node.name, _MISSING)
            if value is _MISSING:
                value = self.builtins.get(node.name, _MISSING)
            if value is not _MISSING:
                return value
            raise LangError("name", f"`{node.qualifier}.{node.name}`: module {module} has no `{node.name}` "
                            "in Gradbook", node.span)
        return self.lookup(node.name, env, node.span)

    def signed(self, value: Any, binding: S.FunBind) -> Any:
        """A binding's value under its declared signature (`f :: Float -> Tensor` makes f's argument a
        Float): coerce.py converts numbers; other types are left to the values."""
        from gradbook.engine.language.coerce import signature_types, signed

        types = signature_types(binding.signature, to_htype)
        if types is None:
            return value
        try:
            return signed(value, binding.name, types)
        except GradbookError as error:
            raise LangError(kind_of(error), str(error), binding.span) from None

    def force(self, thunk: Thunk, name: str | None) -> Any:
        """The value of `name`, bound by a binding of a recursive group, evaluating it the first time."""
        binding = thunk.binding
        if thunk.state == 2:
            return thunk.value[name] if type(binding) is S.PatBind else thunk.value
        if thunk.state == 1:
            names = S.bound_names(binding)
            raise LangError("value", f"`{name or names[0]}` needs its own value to be computed (an infinite loop, "
                            "GHC's <<loop>>): a value binding cannot refer to itself, only a function can",
                            binding.span)
        thunk.state = 1
        try:
            if type(binding) is S.FunBind:
                value = self.eval(binding.body, thunk.env)
                if isinstance(value, Closure) and value.name == "<lambda>":
                    value.name = binding.name
                if binding.signature is not None:
                    value = self.signed(value, binding)
                thunk.frame[binding.name] = value
                thunk.value = value
            else:
                parts: dict = {}
                value = self.eval(binding.expr, thunk.env)
                self.bind_pattern(binding.pattern, value, parts)
                thunk.value = parts
                thunk.frame.update(parts)
        except BaseException:
            thunk.state = 0
            raise
        thunk.state = 2
        if type(binding) is S.PatBind:
            return thunk.value.get(name) if name is not None else None
        return thunk.value

    def ev_app(self, node: S.App, env: Env) -> Any:
        dispatch = self.dispatch
        fn = dispatch[type(node.fn)](node.fn, env)
        args = [dispatch[type(arg)](arg, env) for arg in node.args]
        if not isinstance(fn, Function):
            raise LangError("type", f"{self._name_of(node.fn)} is {describe(fn)}, not a function, so it cannot "
                            f"be applied to arguments", node.fn.span)
        try:
            return fn.apply(*args)
        except CALL_ERRORS as error:
            return self.builtin_refused(error, fn, args, node.span)

    @staticmethod
    def _name_of(node: Any) -> str:
        return f"`{node.name}`" if isinstance(node, S.Var) else "this"

    def ev_binop(self, node: S.BinOp, env: Env) -> Any:
        op = node.op
        dispatch = self.dispatch
        if op == "&&" or op == "||":
            left = dispatch[type(node.left)](node.left, env)
            self._need_bool(left, op, node.left.span)
            if (op == "&&") != left:
                return left
            right = dispatch[type(node.right)](node.right, env)
            self._need_bool(right, op, node.right.span)
            return right
        left = dispatch[type(node.left)](node.left, env)
        right = dispatch[type(node.right)](node.right, env)
        if node.backtick:
            fn = self.lookup(op, env, node.op_span)
            if not isinstance(fn, Function):
                return self.call(fn, (left, right), node.span, node.op_span)  # raises the "not a function" error
        else:
            fn = self.operators.get(op)
            if fn is None:
                fn = self._operator_function(op, False, env, node.op_span)
        # `self.call` inlined: an operator is the commonest call of all.
        try:
            return fn.apply(left, right)
        except CALL_ERRORS as error:
            return self.builtin_refused(error, fn, (left, right), node.span)

    @staticmethod
    def _need_bool(value: Any, op: str, span: S.Span) -> None:
        if not isinstance(value, bool):
            raise LangError("type", f"`{op}` needs Bool operands; this is {describe(value)}", span)

    def ev_neg(self, node: S.Neg, env: Env) -> Any:
        value = self.eval(node.expr, env)
        return self.call(self.operators["negate"], (value,), node.span)

    def _operator_function(self, op: str, backtick: bool, env: Env, span: S.Span) -> Function:
        if backtick:
            return self.lookup(op, env, span)
        fn = self.operators.get(op)
        if fn is None:
            if op[0] == ":":  # a constructor operator (`data Op = Int :+ Int`) lives in scope like `Just`
                return self.lookup(op, env, span)
            raise LangError("name", f"unknown operator `{op}`", span)
        return fn

    def ev_opref(self, node: S.OpRef, env: Env) -> Any:
        return self._operator_function(node.op, node.backtick, env, node.span)

    def ev_section(self, node: S.Section, env: Env) -> Any:
        fn = self._operator_function(node.op, node.backtick, env, node.span)
        span = node.span
        label = f"({node.op} ...)" if node.left is None else f"(... {node.op})"
        if node.left is None:
            right = self.eval(node.right, env)
            return BuiltinFunction(label, 1, lambda x: self.call(fn, (x, right), span))
        left = self.eval(node.left, env)
        return BuiltinFunction(label, 1, lambda y: self.call(fn, (left, y), span))

    def ev_list(self, node: S.ListExpr, env: Env) -> Any:
        dispatch = self.dispatch
        items = [dispatch[type(item)](item, env) for item in node.items]
        return unify_numbers(items) if len(items) > 1 else items

    def ev_listcomp(self, node: S.ListComp, env: Env) -> Any:
        first = node.qualifiers[0] if node.qualifiers else None
        if first is not None and first[0] == "gen":
            items = self._generator_source(first[2], env)
            if isinstance(items, LazyList) and items.infinite:
                # `[x * 2 | x <- [0..]]`: the elements are made as they are looked at
                return LazyList(self._qualify(node, 0, env, items), True, "this list comprehension")
        result: list = []
        for item in self._qualify(node, 0, env):
            result.append(item)
            if len(result) > MAX_RANGE:
                raise LangError("limit", f"list comprehension longer than the limit of {MAX_RANGE} elements",
                                node.span)
        return rebuild([], result)

    def _generator_source(self, source: Any, env: Env) -> Any:
        items = self.eval(source, env)
        if type(items) is str:
            return chars(items)
        if not isinstance(items, (list, LazyList)):
            raise LangError("type", f"`<-` in a list comprehension needs a list; this is {describe(items)}",
                            source.span)
        return items

    def _qualify(self, node: S.ListComp, index: int, env: Env, first_items: Any = None) -> Iterator[Any]:
        if index == len(node.qualifiers):
            yield self.eval(node.expr, env)
            return
        qualifier = node.qualifiers[index]
        if qualifier[0] == "gen":
            _, pattern, source = qualifier
            items = first_items if first_items is not None else self._generator_source(source, env)
            for item in items:
                frame: dict = {}
                if self.match(pattern, item, frame) is None:  # as in Haskell, non-matching items are skipped
                    yield from self._qualify(node, index + 1, Env(frame, env))
        elif qualifier[0] == "guard":
            cond = self.eval(qualifier[1], env)
            if not isinstance(cond, bool):
                raise LangError("type", f"a list comprehension's condition must be a Bool; this is "
                                f"{describe(cond)}", qualifier[1].span)
            if cond:
                yield from self._qualify(node, index + 1, env)
        else:
            frame = {}
            inner = Env(frame, env)
            self.bind_all(qualifier[1], frame, inner)
            yield from self._qualify(node, index + 1, inner)

    def ev_tuple(self, node: S.TupleExpr, env: Env) -> Any:
        dispatch = self.dispatch
        return tuple(dispatch[type(item)](item, env) for item in node.items)

    def ev_range(self, node: S.Range, env: Env) -> Any:
        start = self.eval(node.start, env)
        then = self.eval(node.then, env) if node.then is not None else None
        end = self.eval(node.end, env) if node.end is not None else None
        for value, part in ((start, node.start), (then, node.then), (end, node.end)):
            if part is not None and not (is_number(value) or type(value) is Char):
                raise LangError("type", f"a range needs numbers or Chars; this is {describe(value)}", part.span)
        try:
            return enumeration(start, then, end, MAX_RANGE)
        except GradbookError as error:
            raise LangError(kind_of(error), str(error), node.span) from None

    def ev_lambda(self, node: S.Lambda, env: Env) -> Any:
        return Closure(self, "<lambda>", node.params, node.body, env)

    def ev_if(self, node: S.If, env: Env) -> Any:
        cond = self.eval(node.cond, env)
        if type(cond).__name__ == "bool_":
            cond = bool(cond)
        if not isinstance(cond, bool):
            hint = ": use `asValue` to get a Bool out of a 0-d tensor" if type(cond).__name__ == "Tensor" else ""
            raise LangError("type", f"`if` needs a Bool condition; this is {describe(cond)}{hint}", node.cond.span)
        branch = node.then if cond else node.orelse
        return self.dispatch[type(branch)](branch, env)

    def bind_all(self, bindings: Sequence[Any], frame: dict, env: Env, force: bool = False) -> None:
        """Bind a recursive group into `frame` (the dict of `env`): functions at once, values as thunks
        evaluated on first use (all of them now, in order, when `force`: a do-block's `let` and the top
        level, whose effects and errors come where the binding stands)."""
        thunks = []
        for binding in bindings:
            if type(binding) is S.FunBind:
                if binding.params:
                    closure = Closure(self, binding.name, binding.params, binding.body, env, binding.clauses,
                                      binding.span)
                    frame[binding.name] = closure if binding.signature is None else self.signed(closure, binding)
                    continue
                if type(binding.body) is S.Lit and binding.signature is None:  # `let x = 1` needs no thunk
                    frame[binding.name] = binding.body.value
                    continue
                thunk = Thunk(binding, env, frame)
                frame[binding.name] = thunk
            else:
                thunk = Thunk(binding, env, frame)
                for name in S.pattern_names(binding.pattern):
                    frame[name] = thunk
            thunks.append(thunk)
        if force:
            for thunk in thunks:
                if thunk.state != 2:
                    self.force(thunk, None)

    def ev_letin(self, node: S.LetIn, env: Env) -> Any:
        frame: dict = {}
        inner = Env(frame, env)
        self.bind_all(node.bindings, frame, inner)
        return self.eval(node.body, inner)

    def ev_case(self, node: S.Case, env: Env) -> Any:
        value = self.eval(node.scrutinee, env)
        for pattern, body in node.alternatives:
            frame: dict = {}
            if self.match(pattern, value, frame) is None:
                result = self.eval_rhs(body, Env(frame, env))
                if result is not _FALLTHROUGH:
                    return result
        raise LangError("value", f"no alternative of this `case` matches {describe(value)}", node.span)

    def ev_guard_fail(self, node: S.GuardFail, env: Env) -> Any:
        raise LangError("value", "no guard of this equation holds (end the guards with `| otherwise = ...`)",
                        node.span)

    def eval_rhs(self, body: Any, env: Env) -> Any:
        """An equation's or alternative's right side; `_FALLTHROUGH` when it has guards and none holds."""
        kind = type(body)
        if kind is S.LetIn and type(body.body) is S.Guarded:
            frame: dict = {}
            inner = Env(frame, env)
            self.bind_all(body.bindings, frame, inner)
            return self.eval_rhs(body.body, inner)
        if kind is S.Guarded:
            for cond, value in body.alternatives:
                if type(cond) is S.GuardQuals:
                    inner = self._qualifiers_hold(cond.qualifiers, env)
                    if inner is not None:
                        return self.eval(value, inner)
                elif self._guard_holds(cond, env):
                    return self.eval(value, env)
            return _FALLTHROUGH
        return self.dispatch[kind](body, env)

    def _qualifiers_hold(self, qualifiers: tuple, env: Env) -> Env | None:
        """The scope a pattern guard's qualifiers make, or None when one fails (a pattern that does not
        match, a False condition)."""
        for qualifier in qualifiers:
            if qualifier[0] == "guard":
                if not self._guard_holds(qualifier[1], env):
                    return None
            elif qualifier[0] == "gen":
                frame: dict = {}
                if self.match(qualifier[1], self.eval(qualifier[2], env), frame) is not None:
                    return None
                env = Env(frame, env)
            else:
                frame = {}
                env = Env(frame, env)
                self.bind_all(qualifier[1], frame, env)
        return env

    def _guard_holds(self, cond: Any, env: Env) -> bool:
        value = self.eval(cond, env)
        if type(value).__name__ == "bool_":
            value = bool(value)
        if not isinstance(value, bool):
            raise LangError("type", f"a guard must be a Bool; this is {describe(value)}", cond.span)
        return value

    def ev_guarded(self, node: S.Guarded, env: Env) -> Any:
        value = self.eval_rhs(node, env)
        if value is _FALLTHROUGH:
            raise LangError("value", "no guard of this equation holds (end the guards with `| otherwise = ...`)",
                            node.span)
        return value

    def ev_do(self, node: S.Do, env: Env) -> Any:
        """A `do` block in the monad of its first action (IO, State, a list, Maybe...): do_blocks.py."""
        return evaluate_do(self, node, env)

    def ev_annot(self, node: S.Annot, env: Env) -> Any:
        from gradbook.engine.language.classes import NOT_A_METHOD, annotated_method

        chosen = annotated_method(self, node, env)  # `(mempty :: [Int])`: the annotation picks the instance
        if chosen is not NOT_A_METHOD:
            return chosen
        htype = to_htype(node.type)
        expr = node.expr
        if (htype is not None and isinstance(expr, S.App) and isinstance(expr.fn, S.Var) and len(expr.args) == 1
                and expr.fn.name == "asValue"
                and self.ev_var(expr.fn, env) is self.builtins.get("asValue")):
            # `asValue t :: T` converts the tensor itself to T, so a one-element tensor of any rank can
            # be a number, as in Hasktorch (the list asValue would give has lost that choice)
            value = self.eval(expr.args[0], env)
            if type(value).__name__ != "Tensor":
                fn = self.builtins["asValue"]
                try:
                    value = fn.apply(value)
                except CALL_ERRORS as error:
                    raise placed(error, fn.name, expr.span) from None
        else:
            value = self.eval(expr, env)
        if htype is None:
            return value
        try:
            return self.runtime.annotate(value, htype)
        except LangError:
            raise
        except GradbookError as error:
            raise LangError(kind_of(error), str(error), node.span) from None

    # ------------------------------------------------------------------------ operators of the language
def to_htype(node: Any) -> Any:
    """A type tree -> coerce.annotate's form (str, [inner], tuple), or None when it converts nothing
    (a function type, a type variable, `IO a`)."""
    if isinstance(node, S.TName):
        if node.args or not node.name[:1].isupper():
            return None
        return node.name
    if isinstance(node, S.TList):
        inner = to_htype(node.item)
        return None if inner is None else [inner]
    if isinstance(node, S.TTuple):
        items = tuple(to_htype(item) for item in node.items)
        return None if any(item is None for item in items) else items
    return None
