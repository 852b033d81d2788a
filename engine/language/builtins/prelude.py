"""Prelude's plumbing: `fst snd id const not flip curry uncurry seq asTypeOf error undefined read maxBound
minBound`. `error` and `undefined` raise a located error where they are evaluated (the evaluator is strict,
so that is where GHC would force them in most programs)."""
from __future__ import annotations

import re
from typing import Any

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.tensors.errors import GradbookError, InvalidValueError
from gradbook.engine.language.values import INT_MAX, INT_MIN, Bottom, Char, Int, char

TABLE = Table()


class UserError(GradbookError):
    """`error "..."` or `undefined`, evaluated."""


@TABLE.fn("fst", "(a, b) -> a", "The first component of a pair.", "fst (1, True)", "pair[0]")
def fst(pair: Any) -> Any:
    return _pair("fst", pair)[0]


@TABLE.fn("snd", "(a, b) -> b", "The second component of a pair.", "snd (1, True)", "pair[1]")
def snd(pair: Any) -> Any:
    return _pair("snd", pair)[1]


def _pair(fn: str, value: Any) -> tuple:
    if isinstance(value, tuple) and len(value) == 2:
        return value
    raise args.fail(fn, "a pair (a, b)", 1, value, "")


@TABLE.fn("id", "a -> a", "Returns its argument unchanged.", "id 3", "lambda x: x")
def identity(x: Any) -> Any:
    return x


@TABLE.fn("const", "a -> b -> a", "Returns its first argument, ignoring the second.", "const 1 2", "lambda x, _: x")
def const(x: Any, _ignored: Any) -> Any:
    return x


@TABLE.fn("not", "Bool -> Bool", "Boolean negation.", "not True", "not x")
def not_(x: Any) -> bool:
    return not args.boolean("not", x, 1)


@TABLE.fn("flip", "(a -> b -> c) -> b -> a -> c", "A two-argument function with its arguments swapped.",
          "flip (-) 1 10", "lambda a, b: f(b, a)")
def flip(f: Any, a: Any, b: Any) -> Any:
    return args.function("flip", f, 1).apply(b, a)


@TABLE.fn("curry", "((a, b) -> c) -> a -> b -> c", "A function of a pair as a function of two arguments.",
          "curry fst 1 2", "lambda a, b: f((a, b))")
def curry(f: Any, a: Any, b: Any) -> Any:
    return args.function("curry", f, 1).apply((a, b))


@TABLE.fn("uncurry", "(a -> b -> c) -> (a, b) -> c", "A function of two arguments as a function of a pair.",
          "uncurry (+) (1, 2)", "lambda p: f(*p)")
def uncurry(f: Any, pair: Any) -> Any:
    a, b = _pair("uncurry", pair)
    return args.function("uncurry", f, 1).apply(a, b)


@TABLE.fn("seq", "a -> b -> b", "Evaluates its first argument, returns the second (arguments are always "
          "evaluated here).", "seq (1 + 1) 3", "(a, b)[1]")
def seq(_first: Any, second: Any) -> Any:
    return second


@TABLE.fn("asTypeOf", "a -> a -> a", "Its first argument (Haskell uses it to fix a type).", "asTypeOf 1 2.0",
          "lambda x, _: x")
def as_type_of(x: Any, _other: Any) -> Any:
    return x


@TABLE.fn("error", "String -> a", "Stops with an error carrying the message (where it is evaluated).",
          "if 1 > 0 then 1 else error \"unreachable\"",
          "raise RuntimeError(msg)")
def error(message: Any) -> Any:
    text = message if isinstance(message, str) else None
    if text is None:
        raise args.fail("error", "a String message", 1, message, "")
    raise UserError(f"error called: {text}")


TABLE.value("undefined", Bottom("`undefined` was evaluated: this value is still to be written"), "a",
            "A placeholder for a value not written yet: evaluating it is an error.",
            "if True then 1 else undefined", "raise NotImplementedError")
TABLE.value("maxBound", Int(INT_MAX), "Int", "The largest Int, 2^63 - 1.", "maxBound", "2**63 - 1")
TABLE.value("minBound", Int(INT_MIN), "Int", "The smallest Int, -2^63.", "minBound", "-2**63")


# ------------------------------------------------------------------------------ read
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")


@TABLE.fn("read", "Read a => String -> a", "The value a String shows (a number, Bool, Char, String, or a list or "
          "tuple of them); annotate the type, as in `read s :: Double`.", "read \"[1,2,3]\" :: [Int]",
          "ast.literal_eval(s)")
def read(text: Any) -> Any:
    if not isinstance(text, str) or type(text) is Char:
        raise args.fail("read", "a String", 1, text, "")
    reader = _Reader(text)
    value = reader.value()
    reader.blank()
    if reader.pos != len(text):
        raise InvalidValueError(f"read: no parse of {_shown(text)}")
    return value


def _shown(text: str) -> str:
    from gradbook.engine.language.display.ghc import show_string

    return show_string(text)


def parse_int(digits: str) -> int:
    """An integer from its decimal digits, however many (Python's int() refuses more than 4300)."""
    sign, body = ("-", digits[1:]) if digits.startswith("-") else ("", digits)
    if len(body) <= 4000:
        return int(digits)
    head, tail = body[:-4000], body[-4000:]
    value = parse_int(head) * 10**4000 + int(tail)
    return -value if sign else value


class _Reader:
    """A reader for the literal forms `show` prints (never Python's eval)."""

    def __init__(self, text: str) -> None:
        self.text, self.pos = text, 0

    def blank(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def fail(self) -> InvalidValueError:
        return InvalidValueError(f"read: no parse of {_shown(self.text)}")

    def value(self) -> Any:
        self.blank()
        text, pos = self.text, self.pos
        if pos >= len(text):
            raise self.fail()
        c = text[pos]
        if c in "[(":
            return self.sequence(c)
        if c == '"' or c == "'":
            return self.quoted(c)
        for word, value in (("True", True), ("False", False)):
            if text.startswith(word, pos):
                self.pos += len(word)
                return value
        match = _NUMBER.match(text, pos)
        if match is None:
            raise self.fail()
        self.pos = match.end()
        number = match.group()
        if match.group(1) or match.group(2):
            return float(number)
        return parse_int(number)

    def sequence(self, opener: str) -> Any:
        closer = "]" if opener == "[" else ")"
        self.pos += 1
        items = []
        self.blank()
        if self.text.startswith(closer, self.pos):
            self.pos += 1
            return [] if opener == "[" else ()
        while True:
            items.append(self.value())
            self.blank()
            if self.text.startswith(",", self.pos):
                self.pos += 1
                continue
            if self.text.startswith(closer, self.pos):
                self.pos += 1
                break
            raise self.fail()
        if opener == "[":
            return items
        return items[0] if len(items) == 1 else tuple(items)

    def quoted(self, quote: str) -> Any:
        from gradbook.engine.language.lexer import unescape_text

        end = self.pos + 1
        while end < len(self.text) and self.text[end] != quote:
            end += 2 if self.text[end] == "\\" else 1
        if end >= len(self.text):
            raise self.fail()
        body = unescape_text(self.text[self.pos + 1: end])
        self.pos = end + 1
        if body is None or (quote == "'" and len(body) != 1):
            raise self.fail()
        return char(body) if quote == "'" else body
