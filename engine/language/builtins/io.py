"""IO builtins: `print`, `putStrLn`, `putStr` (written through `values.emit_stdout`, so the Session keeps
output in order), `show`, `pure`/`return`, `mapM_`/`forM_`, `sequence_`, `when`. Actions run only when
the statement that holds them runs."""
from __future__ import annotations

from typing import Any

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.language.values import UNIT, IOAction, emit_stdout

TABLE = Table()


def _show(value: Any) -> str:
    from gradbook.engine.language.display import show

    return show(value)


def _run(value: Any) -> Any:
    return value.run() if isinstance(value, IOAction) else value


@TABLE.fn("show", "Show a => a -> String", "The text GHCi would print for a value.", "show [1.0, 2.5]", "repr(x)")
def show(value: Any) -> str:
    return _show(value)


@TABLE.fn("print", "Show a => a -> IO ()", "An action printing a value's text and a newline.", "print (ones' [2])",
          "print(t)")
def print_(value: Any) -> IOAction:
    def run() -> tuple:
        emit_stdout(_show(value) + "\n")
        return UNIT

    return IOAction("print", run)


def _string(fn: str, value: Any) -> str:
    if isinstance(value, str):
        return value
    raise args.fail(fn, "a String", 1, value, ": use `print x` (or `putStrLn (show x)`) for other values")


@TABLE.fn("putStrLn", "String -> IO ()", "An action printing a string and a newline.", 'putStrLn "hello"', "print(s)")
def put_str_ln(text: Any) -> IOAction:
    checked = _string("putStrLn", text)

    def run() -> tuple:
        emit_stdout(checked + "\n")
        return UNIT

    return IOAction("putStrLn", run)


@TABLE.fn("putStr", "String -> IO ()", "An action printing a string without a newline.", 'putStr "loss: "',
          "print(s, end='')")
def put_str(text: Any) -> IOAction:
    checked = _string("putStr", text)

    def run() -> tuple:
        emit_stdout(checked)
        return UNIT

    return IOAction("putStr", run)


@TABLE.fn("pure", "a -> IO a", "An action that does nothing and gives the value.", "pure 3", "(no equivalent)")
def pure(value: Any) -> IOAction:
    return IOAction("pure", lambda: value)


@TABLE.fn("return", "a -> IO a", "The same as `pure`: an action giving the value.", "return 3", "(no equivalent)")
def return_(value: Any) -> IOAction:
    return IOAction("return", lambda: value)


def _each(fn: str, f: Any, xs: Any, f_position: int, xs_position: int) -> IOAction:
    function = args.function(fn, f, f_position)
    items = args.sequence(fn, xs, xs_position)

    def run() -> tuple:
        for x in items:
            _run(function.apply(x))
        return UNIT

    return IOAction(fn, run)


@TABLE.fn("mapM_", "(a -> IO b) -> [a] -> IO ()", "An action running a function's action for every element.",
          "mapM_ print [1, 2, 3]", "for x in xs: f(x)")
def map_m_(f: Any, xs: Any) -> IOAction:
    return _each("mapM_", f, xs, 1, 2)


@TABLE.fn("forM_", "[a] -> (a -> IO b) -> IO ()", "`mapM_` with the list first.", "forM_ [1, 2] print",
          "for x in xs: f(x)")
def for_m_(xs: Any, f: Any) -> IOAction:
    return _each("forM_", f, xs, 2, 1)


@TABLE.fn("sequence_", "[IO a] -> IO ()", "An action running a list of actions in order.",
          'sequence_ [putStrLn "a", putStrLn "b"]', "for action in actions: action()")
def sequence_(actions: Any) -> IOAction:
    items = args.sequence("sequence_", actions, 1)

    def run() -> tuple:
        for action in items:
            _run(action)
        return UNIT

    return IOAction("sequence_", run)


@TABLE.fn("when", "Bool -> IO () -> IO ()", "An action that runs the given action only if the condition holds.",
          'when True (putStrLn "yes")', "if cond: action()")
def when(condition: Any, action: Any) -> IOAction:
    flag = args.boolean("when", condition, 1)

    def run() -> tuple:
        if flag:
            _run(action)
        return UNIT

    return IOAction("when", run)


def _collect(fn: str, f: Any, xs: Any, f_position: int, xs_position: int) -> IOAction:
    function = args.function(fn, f, f_position)
    items = args.sequence(fn, xs, xs_position)
    return IOAction(fn, lambda: [_run(function.apply(x)) for x in items])


@TABLE.fn("mapM", "(a -> IO b) -> [a] -> IO [b]", "An action running a function's action for every element, "
          "giving the list of results.", "mapM (\\s -> randIO' [s]) [1, 2]", "[f(x) for x in xs]")
def map_m(f: Any, xs: Any) -> IOAction:
    return _collect("mapM", f, xs, 1, 2)


@TABLE.fn("forM", "[a] -> (a -> IO b) -> IO [b]", "`mapM` with the list first.", "forM [1, 2] (\\s -> randIO' [s])",
          "[f(x) for x in xs]")
def for_m(xs: Any, f: Any) -> IOAction:
    return _collect("forM", f, xs, 2, 1)
