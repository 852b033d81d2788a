"""Lexer: token kinds, positions in code points, comments, literals and their limits."""
from __future__ import annotations

import pytest

from gradbook.engine.language.diagnostics import LangError, ParseError
from gradbook.engine.language.lexer import BOL, COL, END_COL, KIND, LINE, MAX_LITERAL_CHARS, TEXT, VALUE, tokenize
from gradbook.engine.language.syntax import Source


def kinds(text: str) -> list[tuple[str, object]]:
    return [(t[KIND], t[VALUE]) for t in tokenize(Source("<t>", text))][:-1]


def test_identifiers_with_primes_and_constructors():
    assert kinds("ones' a' Float _x") == [("var", "ones'"), ("var", "a'"), ("con", "Float"), ("var", "_x")]


def test_numbers():
    assert kinds("3 2.5 1e-3 2.5e-3 1.0e8 0x1F") == [
        ("int", 3), ("float", 2.5), ("float", 1e-3), ("float", 2.5e-3), ("float", 1.0e8), ("int", 31)]


def test_range_dots_are_not_a_decimal_point():
    assert kinds("[1..5]") == [("[", "["), ("int", 1), ("reserved", ".."), ("int", 5), ("]", "]")]


def test_operators_and_reserved():
    assert kinds("a <- b :: c -> d = e \\ f") == [
        ("var", "a"), ("reserved", "<-"), ("var", "b"), ("reserved", "::"), ("var", "c"), ("reserved", "->"),
        ("var", "d"), ("reserved", "="), ("var", "e"), ("reserved", "\\"), ("var", "f")]
    assert [v for _, v in kinds("a ^^ b ** c /= d !! e")][1::2] == ["^^", "**", "/=", "!!"]


def test_comments_line_and_nested_block():
    assert kinds("1 -- two\n3 {- four {- five -} six -} 7") == [("int", 1), ("int", 3), ("int", 7)]


def test_dash_operator_is_not_a_comment():
    assert kinds("a --> b") == [("var", "a"), ("op", "-->"), ("var", "b")]


def test_unterminated_block_comment_is_incomplete():
    with pytest.raises(ParseError) as info:
        tokenize(Source("<t>", "1 {- open"))
    assert info.value.at_end


def test_strings_and_escapes():
    assert kinds(r'"a\nb\"c" ' + "'x'") == [("string", 'a\nb"c'), ("string", "x")]


def test_unterminated_string_is_an_error_on_its_line():
    with pytest.raises(ParseError) as info:
        tokenize(Source("<t>", 'putStrLn "oops'))
    assert not info.value.at_end
    assert (info.value.span.line, info.value.span.col) == (1, 10)


def test_positions_are_code_points_and_bol_is_marked():
    toks = tokenize(Source("<t>", 'putStrLn "héllo" x\n  y'))
    x, y = toks[2], toks[3]
    assert (x[LINE], x[COL], x[BOL]) == (1, 18, False)
    assert (y[LINE], y[COL], y[BOL]) == (2, 3, True)


def test_huge_literal_is_a_limit_error():
    with pytest.raises(LangError) as info:
        tokenize(Source("<t>", "1" * (MAX_LITERAL_CHARS + 1)))
    assert info.value.kind == "limit"


def test_unexpected_character():
    with pytest.raises(ParseError):
        tokenize(Source("<t>", "a € b"))


def test_qualified_names_drop_the_module_but_keep_their_width():
    toks = tokenize(Source("<t>", "F.relu x . y Torch.Functional.Tensor"))
    assert [(t[KIND], t[TEXT], t[COL], t[END_COL]) for t in toks[:-1]] == [
        ("var", "relu", 1, 7), ("var", "x", 8, 9), ("op", ".", 10, 11), ("var", "y", 12, 13),
        ("con", "Tensor", 14, 37)]
