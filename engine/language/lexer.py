"""Tokens of the session language (one `findall` for common text, else one master regex per token): Haskell's
comments (`--`, nested `{- -}`), numbers, strings, identifiers with primes (`ones'`), operators. Layout (which
line continues which) is the parser's business (parser_base.py); each token (a tuple: see KIND ... BOL) records whether it is
the first on its line (`bol`) and its column. The final "eof" token never counts as first on its line: the
layout rule never ends a statement there (running out of input reads as incomplete), and the parser's hot
paths skip the layout check for tokens without `bol`.

A `.` touching a name, `)` or `}` on its left and a lower-case name on its right (`trained.weight`) is
OverloadedRecordDot's field selection, kind "recdot" (also right after `(`: the selector `(.field)`); with a
space on either side it stays composition.
"""
from __future__ import annotations

import re
from typing import Any

from gradbook.engine.language.diagnostics import LangError, ParseError
from gradbook.engine.language.syntax import Source, Span
from gradbook.engine.language.values import char

TYPE_LEVEL = ("type-level Hasktorch (Torch.Typed, DataKinds ticks such as '[2, 3]) is out of scope: Gradbook "
              "runs untyped Hasktorch (import Torch, Torch.Functional, Torch.NN, ...), with shapes checked at run time")
MAX_LITERAL_CHARS = 1000  # a longer number literal is refused (kind "limit") rather than parsed for ages

KEYWORDS = frozenset(
    "let in if then else case of import where do data type class instance module newtype deriving".split()
)
RESERVED_OPS = frozenset(["=", "->", "<-", "::", "..", "\\", "|", "@", "~", "=>"])
SYMBOL_CHARS = "!#$%&*+./<=>?@\\^|-~:"

# Leading blanks are folded into each match (one regex call per token); the group number says what matched.
_TOKEN = re.compile(
    r"""[ \t\r\f\v]*(?:
      ((?:[A-Z][A-Za-z0-9_']*\.(?=[A-Za-z_]))*[A-Za-z_][A-Za-z0-9_']*)  # 1 identifier, maybe qualified (F.relu)
    | ([!#$%&*+./<=>?@\\^|\-~:]+)                       # 2 operator symbols (comments checked after)
    | ([()\[\],;`{}])                                   # 3 special
    | (\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)        # 4 float
    | (0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|\d+)    # 5 int
    | (\n)                                              # 6 newline
    | (")                                               # 7 string start
    | ('(?:[^'\\\n]|\\[^\n]{1,4}?)')                     # 8 character literal
    | (\Z)                                              # 9 end of text
    )""",
    re.VERBOSE,
)
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "r": "\r", "0": "\0", "a": "\a",
            "b": "\b", "f": "\f", "v": "\v"}
_STRING_BODY = re.compile(r'(?:[^"\\\n]|\\.)*"')
_ASCII_NAMES = ("NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM "
                "SUB ESC FS GS RS US SP DEL").split()
_NAMED = {name: chr(i) for i, name in enumerate(_ASCII_NAMES[:-2])}
_NAMED.update(SP=" ", DEL="\x7f")
# Haskell's escapes: decimal, hex, octal, `\&`, ASCII names (SOH before SO: longest first), `\^A` controls
_STRING_ESCAPE = re.compile(r"\\(\d+|x[0-9a-fA-F]+|o[0-7]+|&|\^[@A-Z\[\\\]^_]|"
                            + "|".join(sorted(_NAMED, key=len, reverse=True)) + r"|.)")


# A token is a plain tuple (kind, text, value, line, col, end_line, end_col, bol), read with these indices.
# kind: "int" "float" "string" "var" "con" "op" "kw" "reserved" "(" ")" "[" "]" "," ";" "`" "eof" (and the
# parser's layout "end"). A tuple literal costs a tenth of a slotted object's __init__ and indexing is as fast
# as a slot, which shows in the per-line overhead budget (benchmarks/bench_session.py): the lexer makes one
# per token and the parser reads their fields constantly.
Token = tuple
KIND, TEXT, VALUE, LINE, COL, END_LINE, END_COL, BOL = range(8)


_RECORD_DOT_LEFT = frozenset(["var", ")", "}", "("])  # `(` for the selector section `(.field)`


def is_record_dot(tokens: list, text: str, pos: int, line: int, col: int) -> bool:
    """Whether the `.` at `pos` (column `col`) selects a field: no blank on either side, a name or closing
    bracket before it and a lower-case name after it."""
    if not tokens:
        return False
    prev = tokens[-1]
    after = text[pos + 1: pos + 2]
    return (prev[KIND] in _RECORD_DOT_LEFT and prev[END_LINE] == line and prev[END_COL] == col
            and (after.islower() or after == "_"))


def _unescape(body: str, source: Source, line: int, col: int) -> str:
    def one(match: re.Match) -> str:
        code = match.group(1)
        if code == "&":
            return ""
        if code.isdigit():
            # a code point has at most 7 digits; a longer escape is too large (and int() of thousands of
            # digits is refused by Python itself)
            number = int(code) if len(code.lstrip("0")) <= 7 else 0x110000
        elif code[0] == "x" and len(code) > 1:
            number = int(code[1:], 16) if len(code.lstrip("x0")) <= 6 else 0x110000
        elif code[0] == "o" and len(code) > 1:
            number = int(code[1:], 8) if len(code.lstrip("o0")) <= 7 else 0x110000
        elif code in _NAMED:
            return _NAMED[code]
        elif code[0] == "^" and len(code) == 2:
            return chr(ord(code[1]) - 64)
        elif code in _ESCAPES:
            return _ESCAPES[code]
        else:
            raise ParseError(f"unknown escape `\\{code}` in a string", Span(source, line, col, line, col + 1))
        if number > 0x10FFFF:
            raise ParseError("character code in a string escape is too large", Span(source, line, col, line, col + 1))
        return chr(number)

    return _STRING_ESCAPE.sub(one, body)


def unescape_text(body: str) -> str | None:
    """A string literal's body with its escapes resolved, or None if an escape is invalid (for `read`)."""
    try:
        return _unescape(body, Source("<read>", body), 1, 1)
    except ParseError:
        return None


def tokenize(source: Source, start: int = 0) -> list[Token]:
    """Split `source.text` (from offset `start`, which must lie on its first line) into tokens, ending with
    one "eof" token. Raises ParseError (at_end=True for an unterminated `{-` comment, so the REPL keeps
    reading)."""
    tokens = _tokenize_common(source, start)
    if tokens is None:
        tokens = _tokenize_general(source, start)
    return tokens


# The common case in one C call: `findall` yields (blanks, line comment, token) for every token, and the
# Python loop only classifies each by its first character. The alternatives split text exactly as the
# master regex does (reordered where their first characters cannot overlap, numbers factored, cheapest
# first). Anything unusual (a block comment, a
# string escape, a character literal, a too-long literal, an unexpected character, which findall would
# silently skip) makes `_tokenize_common` give up and the general loop handle the whole text.
_COMMON = re.compile(
    r"""([ \t\r\f\v]*)(?:
      (--+(?![!#$%&*+./<=>?@\\^|\-~:])(?:[^\n]*[^\n \t\r\f\v])?)  # a line comment, to its last non-blank
    | ([a-z_][A-Za-z0-9_']*                                         # lower-case identifier (the most common)
      |[!#$%&*+./<=>?@\\^|\-~:]+                                   # operator symbols
      |[()\[\],;`{}]                                                # special
      |(?:[A-Z][A-Za-z0-9_']*\.(?=[A-Za-z_]))*[A-Za-z_][A-Za-z0-9_']*  # upper-case identifier, maybe qualified
      |0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+                     # int with a radix
      |\d+(?:\.\d+)?(?:[eE][+-]?\d+)?                                # decimal int or float
      |\n                                                          # newline
      |"[^"\\\n]*"                                                 # string without escapes
    ))""",
    re.VERBOSE,
)
_CLASS: dict[str, str] = {}  # first character -> what the token is
for _char in "abcdefghijklmnopqrstuvwxyz_":
    _CLASS[_char] = "var"
for _char in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    _CLASS[_char] = "upper"
for _char in "0123456789":
    _CLASS[_char] = "number"
for _char in SYMBOL_CHARS:
    _CLASS[_char] = "symbol"
for _char in "()[],;`{}":
    _CLASS[_char] = _char
_CLASS["\n"] = "newline"
_CLASS['"'] = "string"
_RADIX_PREFIXES = frozenset(["0x", "0X", "0o", "0O", "0b", "0B"])


def _tokenize_common(source: Source, start: int) -> list[Token] | None:
    """The tokens of a text made only of common tokens, or None to leave it to `_tokenize_general`."""
    text = source.text
    if "{-" in text:
        return None  # a block comment, maybe nested
    tokens: list[Token] = []
    append = tokens.append
    pos, line, line_start, bol = start, 1, 0, True
    keywords, reserved, classes = KEYWORDS, RESERVED_OPS, _CLASS
    for blanks, comment, tok_text in _COMMON.findall(text, start):
        pos += len(blanks)
        if comment:
            pos += len(comment)
            continue
        length = len(tok_text)
        kind = classes.get(tok_text[0])
        value: Any = tok_text
        if kind == "var":
            if value in keywords:
                kind = "kw"
        elif kind == "symbol":
            if tok_text == "." and not blanks and is_record_dot(tokens, text, pos, line, pos - line_start + 1):
                kind = "recdot"
            else:
                kind = "reserved" if tok_text in reserved else "op"
        elif kind == "upper":
            if "." in tok_text:  # `F.relu`, `Torch.Functional`: text is the name, value the qualified name
                tok_text = tok_text.rsplit(".", 1)[1]
                kind = "kw" if tok_text in keywords else "con" if tok_text[0].isupper() else "var"
            else:
                kind = "con"
        elif kind == "number":
            if length > MAX_LITERAL_CHARS:
                return None
            if tok_text[:2] in _RADIX_PREFIXES:
                kind, value = "int", int(tok_text, 0)
            elif "." in tok_text or "e" in tok_text or "E" in tok_text:
                kind, value = "float", float(tok_text)
            else:
                kind, value = "int", int(tok_text)
        elif kind == "newline":
            pos += 1
            line, line_start, bol = line + 1, pos, True
            continue
        elif kind == "string":
            value = tok_text[1:-1]
        col = pos - line_start + 1
        append((kind, tok_text, value, line, col, line, col + length, bol))
        bol = False
        pos += length
    # findall skips what it cannot match; then the matches fall short of the end by as many characters, and
    # since every match ends in a non-blank character, something non-blank is left over.
    if text[pos:].strip(" \t\r\f\v"):
        return None
    col = len(text) - line_start + 1
    append(("eof", "", None, line, col, line, col + 1, False))
    return tokens


def _tokenize_general(source: Source, start: int = 0) -> list[Token]:
    """Every token, one master-regex match at a time (block comments, escapes, errors)."""
    text = source.text
    tokens: list[Token] = []
    append = tokens.append
    pos, line, line_start, n = start, 1, 0, len(text)
    bol = True
    match = _TOKEN.match
    keywords, reserved = KEYWORDS, RESERVED_OPS
    while True:
        m = match(text, pos)
        if m is None:
            pos = len(text) - len(text[pos:].lstrip(" \t\r\f\v"))
            col = pos - line_start + 1
            if text[pos] == "'" and text[pos + 1: pos + 2] in ("[", "(", ":") or text[pos + 1: pos + 2].isupper():
                raise ParseError(TYPE_LEVEL, Span(source, line, col, line, col + 1))
            raise ParseError(f"unexpected character {text[pos]!r}", Span(source, line, col, line, col + 1))
        group = m.lastindex
        end = m.end()
        start_pos = m.start(group)
        tok_text = m.group(group)
        col = start_pos - line_start + 1
        length = len(tok_text)
        if group == 1:
            value: Any = tok_text
            if "." in tok_text:  # `F.relu`, `Torch.Functional`: text is the name, value the qualified name
                tok_text = tok_text.rsplit(".", 1)[1]
            if tok_text in keywords:
                kind = "kw"
            elif tok_text[0].isupper():
                kind = "con"
            else:
                kind = "var"
        elif group == 2:
            if tok_text[:2] == "--" and not tok_text.strip("-"):  # only dashes: a comment (`-->` is not)
                newline = text.find("\n", start_pos)
                pos = n if newline < 0 else newline
                continue
            if tok_text == "." and is_record_dot(tokens, text, start_pos, line, col):
                kind = "recdot"
            else:
                kind = "reserved" if tok_text in reserved else "op"
            value = tok_text
        elif group == 3:
            if tok_text == "{" and text.startswith("{-", start_pos):
                pos, line, line_start = _skip_block_comment(source, start_pos, line, line_start)
                continue
            kind = value = tok_text
        elif group == 4 or group == 5:
            if len(tok_text) > MAX_LITERAL_CHARS:
                raise LangError("limit", f"number literal too long ({len(tok_text)} characters; the limit is "
                                f"{MAX_LITERAL_CHARS})", Span(source, line, col, line, col + len(tok_text)))
            if group == 4:
                kind, value = "float", float(tok_text)
            else:
                kind = "int"
                value = int(tok_text, 0) if tok_text[:2].lower() in ("0x", "0o", "0b") else int(tok_text)
        elif group == 6:
            pos, line, line_start, bol = end, line + 1, end, True
            continue
        elif group == 7:
            body = _STRING_BODY.match(text, end)
            if body is None:
                raise ParseError("unterminated string: expected a closing `\"` on the same line",
                                 Span(source, line, col, line, col + 1))
            end = body.end()
            tok_text = text[start_pos:end]
            length = len(tok_text)
            value = _unescape(tok_text[1:-1], source, line, col)
            kind = "string"
        elif group == 8:
            value = _unescape(tok_text[1:-1], source, line, col)
            if len(value) != 1:
                raise ParseError("a character literal holds exactly one character",
                                 Span(source, line, col, line, col + len(tok_text)))
            value = char(value)  # a Char, not a one-letter String
            kind = "string"
        else:  # end of text
            break
        append((kind, tok_text, value, line, col, line, col + length, bol))
        bol = False
        pos = end
    col = n - line_start + 1
    tokens.append(("eof", "", None, line, col, line, col + 1, False))
    return tokens


def _skip_block_comment(source: Source, pos: int, line: int, line_start: int) -> tuple[int, int, int]:
    """Skip a nested `{- ... -}` starting at pos; returns the position after it and the line bookkeeping."""
    text, n = source.text, len(source.text)
    depth, start_line, start_col = 0, line, pos - line_start + 1
    while pos < n:
        if text.startswith("{-", pos):
            depth += 1
            pos += 2
        elif text.startswith("-}", pos):
            depth -= 1
            pos += 2
            if depth == 0:
                return pos, line, line_start
        else:
            if text[pos] == "\n":
                line += 1
                line_start = pos + 1
            pos += 1
    span = Span(source, start_line, start_col, start_line, start_col + 2)
    raise ParseError("unterminated `{-` comment: expected `-}`", span, at_end=True)
