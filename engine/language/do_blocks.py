"""`do` blocks in any monad (IO, State and StateT over IO, lists, Maybe, Either, functions).

The block's monad is the monad of its first statement whose value is not `pure x` (monads.py): `let`s and
`x <- pure v` before it are done at once, then that statement's expression is evaluated (evaluating an IO
action's expression runs nothing) and decides. The rest of the block is then run by that monad: once per
run for IO and State (a `do` block is a value that can be run many times), once per element for lists.
A statement of another monad, or a plain value where an action belongs, is a located type error.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from gradbook.engine.language import monads
from gradbook.engine.language import syntax as S
from gradbook.engine.language.diagnostics import LangError, kind_of
from gradbook.engine.tensors.errors import GradbookError
from gradbook.engine.language.values import Pure

if TYPE_CHECKING:
    from gradbook.engine.language.evaluator import Env, Evaluator


def evaluate_do(evaluator: "Evaluator", node: S.Do, env: "Env") -> Any:
    from gradbook.engine.language.evaluator import Env

    statements = node.statements
    last = len(statements) - 1
    frame: dict = {}
    index = 0
    while True:
        statement = statements[index]
        if type(statement) is S.LetStmt:
            frame = _let(evaluator, statement, frame, env)
            index += 1
            continue
        value = evaluator.eval(statement.expr, Env(frame, env))
        if index == last:
            return value  # the block is its last statement's computation
        if type(value) is not Pure:
            break
        if type(statement) is S.BindStmt:
            frame = _bind(evaluator, statement, value.value, frame)
        index += 1
    monad = monads.monad_of(value)
    if monad is None:
        raise LangError("type", f"a statement of a `do` block must be an action (IO, State, a list, a Maybe ...); "
                        f"this is {monads._describe(value)}", statement.expr.span)
    if type(value) is not monads.Lifted and not monad.direct:
        return _by_binds(evaluator, statements, index, value, frame, env)
    first_index, first_value, first_frame = index, value, frame

    def body(perform: Callable[[Any], Any]) -> Any:
        index, value, frame = first_index, first_value, first_frame
        while True:
            statement = statements[index]
            result = _perform(perform, value, statement.expr.span)
            if index == last:
                return result
            if type(statement) is S.BindStmt:
                frame = _bind(evaluator, statement, result, frame)
            index += 1
            while type(statements[index]) is S.LetStmt:
                frame = _let(evaluator, statements[index], frame, env)
                index += 1
            value = evaluator.eval(statements[index].expr, Env(frame, env))

    return monads.drive_for(first_value, body, "a `do` block")


def _let(evaluator: "Evaluator", statement: S.LetStmt, frame: dict, env: "Env") -> dict:
    """The frame with a `let`'s bindings added (a copy: a block may run many times, and closures made
    earlier keep the names of their time)."""
    from gradbook.engine.language.evaluator import Env

    frame = dict(frame)
    evaluator.bind_all(statement.bindings, frame, Env(frame, env), force=True)
    return frame


def _bind(evaluator: "Evaluator", statement: S.BindStmt, value: Any, frame: dict) -> dict:
    frame = dict(frame)
    evaluator.bind_pattern(statement.pattern, value, frame)
    return frame


def _perform(perform: Callable[[Any], Any], value: Any, span: S.Span) -> Any:
    """One statement's computation run by the block's monad, its errors placed at the statement."""
    try:
        return perform(value)
    except LangError:
        raise
    except GradbookError as error:
        raise LangError(kind_of(error), str(error), span) from None
    except (ZeroDivisionError, OverflowError) as error:
        raise LangError("value", str(error), span) from None


def _by_binds(evaluator: "Evaluator", statements: tuple, index: int, value: Any, frame: dict, env: "Env") -> Any:
    """The rest of a block in the list monad: continuations, one branch per element; a `<-` whose pattern
    does not match an element skips it (Haskell's `fail` for lists)."""
    from gradbook.engine.language.evaluator import Env

    last = len(statements) - 1

    def go(index: int, value: Any, frame: dict) -> Any:
        statement = statements[index]
        if index == last:
            try:
                monads.items_of(value)  # the block's last computation must be a list too
            except GradbookError as error:
                raise LangError(kind_of(error), str(error), statement.expr.span) from None
            return value

        def rest(result: Any) -> Any:
            inner = frame
            if type(statement) is S.BindStmt:
                inner = dict(frame)
                if evaluator.match(statement.pattern, result, inner) is not None:
                    return []
            i = index + 1
            while type(statements[i]) is S.LetStmt:
                inner = _let(evaluator, statements[i], inner, env)
                i += 1
            return go(i, evaluator.eval(statements[i].expr, Env(inner, env)), inner)

        try:
            return monads.bind(value, rest, "a `do` block")
        except LangError:
            raise
        except GradbookError as error:
            raise LangError(kind_of(error), str(error), statement.expr.span) from None

    return go(index, value, frame)
