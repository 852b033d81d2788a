"""IO builtins: `print`, `putStrLn`, `putStr` (written through `values.emit_stdout`, so the Session keeps
output in order) and `show`. Actions run only when the statement that holds them runs; `pure`, `mapM_`,
`when` and the other monad functions, for IO and every other monad, are in monad_builtins.py."""
from __future__ import annotations

from typing import Any

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.language.values import UNIT, Char, IOAction, emit_stdout

TABLE = Table()


def _show(value: Any) -> str:
    from gradbook.engine.language.display import show

    return show(value)


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
    if isinstance(value, str) and type(value) is not Char:
        return value
    if isinstance(value, IOAction) and hasattr(value, "text"):
        return value.text  # `putStrLn (printf ...)`: printf's String
    if type(value) is list and value and all(type(c) is Char for c in value):
        return "".join(value)
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
