"""The evaluator's part of data types: record construction `C {f = e}` (with `{..}` and puns), update
`r {f = e}`, OverloadedRecordDot's `r.field`, and matching constructor, record and as-patterns. `install`
adds them to an Evaluator's dispatch tables.
"""
from __future__ import annotations

from typing import Any

from gradbook.engine.language import syntax as S
from gradbook.engine.language.datatypes import (
    ConInfo,
    FieldSelector,
    MissingField,
    checked,
    current_types,
    get_field,
    info_of,
)
from gradbook.engine.language.diagnostics import LangError, suggest
from gradbook.engine.language.values import Data, Function
from gradbook.engine.tensors.errors import ArgumentError, InvalidValueError


def install(evaluator: Any) -> None:
    """Teach an Evaluator the record expressions and the constructor/record/as-patterns."""
    evaluator.dispatch[S.RecordCon] = lambda node, env: ev_record_con(evaluator, node, env)
    evaluator.dispatch[S.RecordUpdate] = lambda node, env: ev_record_update(evaluator, node, env)
    evaluator.dispatch[S.FieldAccess] = lambda node, env: ev_field_access(evaluator, node, env)
    evaluator.pattern_matchers[S.PCon] = lambda p, value, frame: match_con(evaluator, p, value, frame)
    evaluator.pattern_matchers[S.PRec] = lambda p, value, frame: match_record(evaluator, p, value, frame)
    evaluator.pattern_matchers[S.PAs] = lambda p, value, frame: match_as(evaluator, p, value, frame)


def known_constructor(name: str, span: S.Span) -> ConInfo:
    con = current_types().constructor(name)
    if con is None:
        near = suggest(name, current_types().names("constructors"))
        hint = f"; did you mean `{near}`?" if near else ""
        raise LangError("name", f"unknown constructor `{name}`{hint}", span)
    return con


def _field_position(con: ConInfo, name: str, span: S.Span) -> int:
    index = con.field_index.get(name)
    if index is None:
        near = suggest(name, con.fields)
        hint = f"; did you mean `{near}`?" if near else ""
        if not con.fields:
            hint = f"; `{con.name}` has positional fields only"
        raise LangError("name", f"`{con.name}` has no field `{name}`{hint}", span)
    return index


def ev_record_con(evaluator: Any, node: S.RecordCon, env: Any) -> Data:
    con = known_constructor(node.name, node.name_span)
    values: list[Any] = [None] * con.arity
    given = [False] * con.arity
    for name, expr, span in node.fields:
        index = _field_position(con, name, span)
        values[index] = evaluator.eval(expr, env) if expr is not None else evaluator.lookup(name, env, span)
        given[index] = True
    for index, field in enumerate(con.fields):
        if given[index]:
            continue
        if node.wildcard:  # RecordWildCards: a variable of the field's name (not the accessor itself)
            found = _local(evaluator, field, env)
            values[index] = found if found is not _ABSENT else MissingField(con, field, node.span)
        else:
            values[index] = MissingField(con, field, node.span)
    if not con.fields and con.arity:
        values = [MissingField(con, f"#{i + 1}", node.span) for i in range(con.arity)]
    try:
        return con.build(tuple(values))
    except ArgumentError as error:
        raise LangError("type", str(error), node.span) from None


_ABSENT = object()


def _local(evaluator: Any, name: str, env: Any) -> Any:
    """The value of a variable `name` bound in `env`, or _ABSENT (the field's own accessor does not count)."""
    scope = env
    while scope is not None:
        if name in scope.vars:
            value = scope.vars[name]
            if type(value) is FieldSelector:
                return _ABSENT
            return evaluator.lookup(name, scope, None)  # forces a thunk of a recursive group
        scope = scope.parent
    return _ABSENT


def ev_record_update(evaluator: Any, node: S.RecordUpdate, env: Any) -> Data:
    record = evaluator.eval(node.expr, env)
    if type(record) is not Data:
        from gradbook.engine.language.runtime import describe

        raise LangError("type", f"a record update `r {{f = v}}` needs a record; this is {describe(record)}",
                        node.expr.span)
    values = list(record.fields)
    con = info_of(record)
    for name, expr, span in node.fields:
        index = con.field_index.get(name)
        if index is None:
            try:
                get_field(record, name)
            except (ArgumentError, InvalidValueError) as error:
                raise LangError("name" if isinstance(error, ArgumentError) else "value", str(error), span) from None
        values[index] = evaluator.eval(expr, env)
    try:
        return con.build(tuple(values))
    except ArgumentError as error:
        raise LangError("type", str(error), node.span) from None


def ev_field_access(evaluator: Any, node: S.FieldAccess, env: Any) -> Any:
    record = evaluator.eval(node.expr, env)
    if type(record) is not Data:
        # OverloadedRecordDot on a built-in record (`p.toDependent`): the field's function, if there is one
        selector = evaluator.builtins.get(node.field)
        if isinstance(selector, Function) and selector.arity == 1:
            return evaluator.call(selector, (record,), node.span)
    try:
        return get_field(record, node.field)
    except (ArgumentError, InvalidValueError) as error:
        kind = "type" if isinstance(error, ArgumentError) else "value"
        raise LangError(kind, str(error), node.span) from None


def match_con(evaluator: Any, pattern: S.PCon, value: Any, frame: dict) -> str | None:
    con = known_constructor(pattern.name, pattern.span)
    if len(pattern.args) != con.arity:
        raise LangError("type", f"the constructor `{con.name}` has {con.arity} field"
                        f"{'s' if con.arity != 1 else ''}, but the pattern gives it {len(pattern.args)}",
                        pattern.span)
    if type(value) is not Data or value.type_name != con.datatype.name:
        from gradbook.engine.language.runtime import describe

        return f"this pattern expects a {con.datatype.name} value, got {describe(value)}"
    if value.con != con.name:
        return f"the value was built with `{value.con}`, not `{con.name}`"
    match = evaluator.match
    for item, part in zip(pattern.args, value.fields):
        if type(item) is not S.PWild:
            problem = match(item, checked(part), frame)
            if problem:
                return problem
    return None


def match_record(evaluator: Any, pattern: S.PRec, value: Any, frame: dict) -> str | None:
    con = known_constructor(pattern.name, pattern.span)
    positions = [(_field_position(con, name, span), item) for name, item, span in pattern.fields]
    if type(value) is not Data or value.type_name != con.datatype.name:
        from gradbook.engine.language.runtime import describe

        return f"this pattern expects a {con.datatype.name} value, got {describe(value)}"
    if value.con != con.name:
        return f"the value was built with `{value.con}`, not `{con.name}`"
    for index, item in positions:
        problem = evaluator.match(item, checked(value.fields[index]), frame)
        if problem:
            return problem
    if pattern.wildcard:
        named = {index for index, _ in positions}
        for index, field in enumerate(con.fields):
            if index not in named:
                frame[field] = value.fields[index]  # a missing field is an error only once it is used
    return None


def match_as(evaluator: Any, pattern: S.PAs, value: Any, frame: dict) -> str | None:
    frame[pattern.name] = value
    return evaluator.match(pattern.pattern, value, frame)
