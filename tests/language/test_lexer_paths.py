"""The lexer's two paths agree: the one-call fast path (`_tokenize_common`) gives exactly the tokens of the
general loop (`_tokenize_general`), or declines (None) and leaves the text to it; never a different answer."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gradbook.engine.language.diagnostics import LangError
from gradbook.engine.language.lexer import MAX_LITERAL_CHARS, VALUE, _tokenize_common, _tokenize_general, tokenize
from gradbook.engine.language.syntax import Source

TRANSCRIPTS = Path(__file__).resolve().parents[1] / "transcripts"


def fields(tokens):
    return [(*t, type(t[VALUE])) for t in tokens]


def agree(text: str, start: int = 0) -> bool:
    """True when the fast path handled `text` (and matched the general loop), False when it declined."""
    source = Source("<t>", text)
    fast = _tokenize_common(source, start)
    try:
        general = _tokenize_general(source, start)
    except LangError:
        assert fast is None, f"the fast path accepted {text!r}, which the general loop refuses"
        return False
    if fast is None:
        return False
    assert fields(fast) == fields(general), text
    return True


COMMON = [
    "let b = a' + 2", "let c = b * b * 3", "let out = mean c", "let g = grad out [a]",
    "let h = relu (c - 20) `matmul` b", "a <- makeIndependent (ones' [2, 2])",
    "F.relu x . y Torch.Functional.Tensor", "3 2.5 1e-3 2.5e-3 1.0e8 0x1F 0o17 0b101 007 1.e5 0xg 1.5e",
    "[1..5] [1,3..9]", "a --> b", "x -- a comment\n  y", "--| doc\n---\n-- x", "a\t=\r 1\f\v",
    'putStrLn "héllo" x\n  y', "let f x = x + 1 ; g = 2", "\\x -> x ** 2 !! 0 $ y", "import Torch\n",
    "   indented", "", "\n\n", "x  ", "let s = \"\"", "do { a ; b }",
]
DECLINED = [
    "{- block -} 1", "a {- x", 'putStrLn "a\\nb"', "'x'", "a € b", 'putStrLn "oops', "1" * (MAX_LITERAL_CHARS + 1),
    "x\n€", "ok €",
    # a skipped character before a comment that ends in blanks: the leftover must still show
    "'--\t", "€ -- c  ", "' x -- c \t",
]


@pytest.mark.parametrize("text", COMMON)
def test_fast_path_takes_common_text_and_agrees(text: str) -> None:
    assert agree(text)


@pytest.mark.parametrize("text", DECLINED)
def test_fast_path_declines_what_only_the_general_loop_handles(text: str) -> None:
    assert not agree(text)


def test_start_offset() -> None:
    assert agree(":type f 1 + x", start=6)


def test_every_transcript_line_agrees() -> None:
    for path in sorted(TRANSCRIPTS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            agree(line)


def test_tokenize_falls_back_to_the_general_loop() -> None:
    assert [t[VALUE] for t in tokenize(Source("<t>", "{- c -} 'x' \"a\\tb\""))][:-1] == ["x", "a\tb"]


ALPHABET = st.sampled_from(list("abxyFT'_ 0123456789.eExob()[]{},;`\\\"-+*/^=<>|&$:!~\n\t\r€é") +
                           ["let ", "in ", "--", "{-", "-}", "->", "F.", "Torch.", "0x", "1.5", "..", "'a'"])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_random_text_agrees(text: str) -> None:
    agree(text)
