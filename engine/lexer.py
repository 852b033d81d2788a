"""Tokens of the session language: one master regex, Haskell's comments (`--`, nested `{- -}`), numbers,
strings, identifiers with primes (`ones'`), operators. Layout (which line continues which) is the parser's
business; each token records whether it is the first on its line (`bol`) and its column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from gradbook.engine.diagnostics import LangError, ParseError
from gradbook.engine.syntax import Source, Span

MAX_LITERAL_CHARS = 1000  # a longer number literal is refused (kind "limit") rather than parsed for ages

KEYWORDS = frozenset(
    "let in if then else case of import where do data type class instance module newtype deriving".split()
)
RESERVED_OPS = frozenset(["=", "->", "<-", "::", "..", "\\", "|", "@", "~", "=>"])
SYMBOL_CHARS = "!#$%&*+./<=>?@\\^|-~:"

_TOKEN = re.compile(
    r"""
    (?P<ws>[ \t\r\f\v]+)
  | (?P<nl>\n)
  | (?P<float>\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)
  | (?P<int>0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|\d+)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_']*)
  | (?P<string>")
  | (?P<char>'(?:[^'\\\n]|\\[^\n]{1,4}?)')
  | (?P<sym>[!#$%&*+./<=>?@\\^|\-~:]+)
  | (?P<special>[()\[\],;`{}])
    """,
    re.VERBOSE,
)
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "r": "\r", "0": "\0", "a": "\a",
            "b": "\b", "f": "\f", "v": "\v"}
_STRING_BODY = re.compile(r'(?:[^"\\\n]|\\.)*"')
_STRING_ESCAPE = re.compile(r"\\(\d+|x[0-9a-fA-F]+|&|.)")


@dataclass(frozen=True, slots=True)
class Token:
    """kind: "int" "float" "string" "var" "con" "op" "kw" "reserved" "(" ")" "[" "]" "," ";" "`" "eof"."""

    kind: str
    text: str
    value: Any
    line: int
    col: int
    end_line: int
    end_col: int
    bol: bool

    def span(self, source: Source) -> Span:
        return Span(source, self.line, self.col, self.end_line, self.end_col)


def _unescape(body: str, source: Source, line: int, col: int) -> str:
    def one(match: re.Match) -> str:
        code = match.group(1)
        if code == "&":
            return ""
        if code.isdigit():
            number = int(code)
        elif code[0] == "x" and len(code) > 1:
            number = int(code[1:], 16)
        elif code in _ESCAPES:
            return _ESCAPES[code]
        else:
            raise ParseError(f"unknown escape `\\{code}` in a string", Span(source, line, col, line, col + 1))
        if number > 0x10FFFF:
            raise ParseError("character code in a string escape is too large", Span(source, line, col, line, col + 1))
        return chr(number)

    return _STRING_ESCAPE.sub(one, body)


def tokenize(source: Source, start: int = 0) -> list[Token]:
    """Split `source.text` (from offset `start`, which must lie on its first line) into tokens, ending with
    one "eof" token. Raises ParseError (at_end=True for an unterminated `{-` comment, so the REPL keeps
    reading)."""
    text = source.text
    tokens: list[Token] = []
    append = tokens.append
    pos, line, line_start, n = start, 1, 0, len(text)
    bol = True
    match = _TOKEN.match
    while pos < n:
        ch = text[pos]
        # Comments first: `--` (but not an operator such as `-->`) and nested `{- -}`.
        if ch == "-" and text.startswith("--", pos):
            end = pos
            while end < n and text[end] == "-":
                end += 1
            if end >= n or text[end] not in SYMBOL_CHARS:
                newline = text.find("\n", end)
                pos = n if newline < 0 else newline
                continue
        if ch == "{" and text.startswith("{-", pos):
            depth, start, start_line, start_col = 0, pos, line, pos - line_start + 1
            while pos < n:
                if text.startswith("{-", pos):
                    depth += 1
                    pos += 2
                elif text.startswith("-}", pos):
                    depth -= 1
                    pos += 2
                    if depth == 0:
                        break
                else:
                    if text[pos] == "\n":
                        line += 1
                        line_start = pos + 1
                    pos += 1
            if depth:
                span = Span(source, start_line, start_col, start_line, start_col + 2)
                raise ParseError("unterminated `{-` comment: expected `-}`", span, at_end=True)
            continue
        m = match(text, pos)
        col = pos - line_start + 1
        if m is None:
            raise ParseError(f"unexpected character {ch!r}", Span(source, line, col, line, col + 1))
        kind = m.lastgroup
        end = m.end()
        if kind == "ws":
            pos = end
            continue
        if kind == "nl":
            pos, line, line_start, bol = end, line + 1, end, True
            continue
        tok_text = m.group()
        if kind == "int" or kind == "float":
            if len(tok_text) > MAX_LITERAL_CHARS:
                raise LangError("limit", f"number literal too long ({len(tok_text)} characters; the limit is "
                                f"{MAX_LITERAL_CHARS})", Span(source, line, col, line, col + len(tok_text)))
            if kind == "int":
                value: Any = int(tok_text, 0) if tok_text[:2].lower() in ("0x", "0o", "0b") else int(tok_text)
            else:
                value = float(tok_text)
        elif kind == "ident":
            if tok_text in KEYWORDS:
                kind = "kw"
            elif tok_text[0].isupper():
                kind = "con"
            else:
                kind = "var"
            value = tok_text
        elif kind == "string":
            body = _STRING_BODY.match(text, end)
            if body is None:
                raise ParseError("unterminated string: expected a closing `\"` on the same line",
                                 Span(source, line, col, line, col + 1))
            end = body.end()
            tok_text = text[pos:end]
            value = _unescape(tok_text[1:-1], source, line, col)
            kind = "string"
        elif kind == "char":
            value = _unescape(tok_text[1:-1], source, line, col)
            if len(value) != 1:
                raise ParseError("a character literal holds exactly one character",
                                 Span(source, line, col, line, col + len(tok_text)))
            kind = "string"
        elif kind == "sym":
            kind = "reserved" if tok_text in RESERVED_OPS else "op"
            value = tok_text
        else:  # special
            kind = tok_text
            value = tok_text
        append(Token(kind, tok_text, value, line, col, line, col + len(tok_text), bol))
        bol = False
        pos = end
    col = pos - line_start + 1
    tokens.append(Token("eof", "", None, line, col, line, col + 1, True))
    return tokens
