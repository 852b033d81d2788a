"""Data.Char: `ord chr toUpper toLower isDigit isAlpha isSpace isUpper isLower isAlphaNum isPunctuation
digitToInt intToDigit`. A Char is values.Char (a one-letter str); Unicode rules as GHC's (Python's str
methods agree with GHC's for the general categories these use)."""
from __future__ import annotations

from typing import Any, Callable

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.tensors.errors import InvalidValueError
from gradbook.engine.language.values import Char, Int, char

TABLE = Table()


def character(fn: str, value: Any, position: int = 1) -> Char:
    if type(value) is Char:
        return value
    hint = ": a String is a list of Chars; a Char is written 'a'" if isinstance(value, str) else ""
    raise args.fail(fn, "a Char", position, value, hint)


@TABLE.fn("ord", "Char -> Int", "The code point of a Char.", "ord 'a'", "ord(c)")
def ord_(c: Any) -> Int:
    return Int(ord(character("ord", c)))


@TABLE.fn("chr", "Int -> Char", "The Char with a code point.", "chr 97", "chr(n)")
def chr_(n: Any) -> Char:
    code = args.integer("chr", n, 1)
    if not 0 <= code <= 0x10FFFF:
        raise InvalidValueError(f"chr: {code} is not a code point (0 .. 1114111)")
    return char(chr(code))


def _mapping(name: str, convert: Callable[[str], str], summary: str, example: str, pytorch: str) -> None:
    def impl(c: Any) -> Char:
        out = convert(character(name, c))
        return char(out) if len(out) == 1 else c  # GHC maps one Char to one (`toUpper 'ß'` is 'ß')

    impl.__name__ = name
    TABLE.fn(name, "Char -> Char", summary, example, pytorch)(impl)


_mapping("toUpper", str.upper, "The upper-case letter for a lower-case one (others unchanged).", "toUpper 'a'",
         "c.upper()")
_mapping("toLower", str.lower, "The lower-case letter for an upper-case one (others unchanged).", "toLower 'A'",
         "c.lower()")


def _test(name: str, check: Callable[[str], bool], summary: str, example: str, pytorch: str) -> None:
    def impl(c: Any) -> bool:
        return bool(check(character(name, c)))

    impl.__name__ = name
    TABLE.fn(name, "Char -> Bool", summary, example, pytorch)(impl)


_test("isDigit", lambda c: "0" <= c <= "9", "Whether a Char is an ASCII digit 0-9.", "isDigit '7'", "c.isdigit()")
_test("isAlpha", str.isalpha, "Whether a Char is a letter.", "isAlpha 'x'", "c.isalpha()")
_test("isAlphaNum", str.isalnum, "Whether a Char is a letter or a digit.", "isAlphaNum '_'", "c.isalnum()")
_test("isSpace", lambda c: c in " \t\n\r\f\v\xa0" or (ord(c) > 255 and c.isspace()),
      "Whether a Char is white space.", "isSpace ' '", "c.isspace()")
_test("isUpper", str.isupper, "Whether a Char is an upper-case letter.", "isUpper 'A'", "c.isupper()")
_test("isLower", str.islower, "Whether a Char is a lower-case letter.", "isLower 'a'", "c.islower()")
_test("isPunctuation", lambda c: c in "!\"#%&'()*,-./:;?@[\\]_{}", "Whether an ASCII Char is punctuation.",
      "isPunctuation '!'", "c in string.punctuation")


@TABLE.fn("digitToInt", "Char -> Int", "The value of a hexadecimal digit Char (0-9, a-f, A-F).", "digitToInt 'f'",
          "int(c, 16)")
def digit_to_int(c: Any) -> Int:
    ch = character("digitToInt", c)
    if ch in "0123456789abcdefABCDEF":
        return Int(int(ch, 16))
    raise InvalidValueError(f"digitToInt: not a digit {ch!r}")


@TABLE.fn("intToDigit", "Int -> Char", "The hexadecimal digit Char for 0-15.", "intToDigit 11", "'0123456789abcdef'[n]")
def int_to_digit(n: Any) -> Char:
    value = args.integer("intToDigit", n, 1)
    if 0 <= value < 16:
        return char("0123456789abcdef"[value])
    raise InvalidValueError(f"intToDigit: not a digit {value}")
