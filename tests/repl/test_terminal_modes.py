"""Terminal handling outside prompt_toolkit: the dumb-terminal line reader and the key-holding mode kept
between prompts (on a real pseudo-terminal pair)."""
from __future__ import annotations

import io
import os
import pty
import termios

import pytest

from gradbook.repl.dumb import read_input
from gradbook.repl.terminal import keys_wait_for_the_prompt
from gradbook.repl.validator import input_status


def parens(source: str) -> str:
    return "incomplete" if source.count("(") > source.count(")") else "complete"


def test_dumb_reader_continues_incomplete_input_and_indents_it() -> None:
    out = io.StringIO()
    text = read_input(parens, io.StringIO("let f x = (x\n* 2)\nnext\n"), out, "gradbook> ", "gradbook| ")
    assert text == "let f x = (x\n      * 2)"  # right of the let block (column 5), as Haskell layout needs
    assert out.getvalue() == "gradbook> gradbook| "


def test_dumb_reader_keeps_typed_indentation_and_gives_up_after_two_blank_lines() -> None:
    assert read_input(parens, io.StringIO("f (\n    1)\n"), io.StringIO(), "> ", "| ") == "f (\n    1)"
    assert read_input(parens, io.StringIO("f (\n\n\nlater\n"), io.StringIO(), "> ", "| ") == "f (\n\n"


def test_dumb_reader_block_and_end_of_file() -> None:
    text = read_input(lambda s: input_status(s, lambda _: "complete"), io.StringIO(":{\nlet a = 1\n:}\n"), io.StringIO(), "> ", "| ")
    assert text == ":{\nlet a = 1\n:}"
    out = io.StringIO()
    with pytest.raises(EOFError):
        read_input(parens, io.StringIO(""), out, "> ", "| ")
    assert out.getvalue() == "> \n"


def test_keys_wait_for_the_prompt_on_a_real_terminal() -> None:
    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "rb", buffering=0, closefd=False) as stream:
            before = termios.tcgetattr(slave)
            with keys_wait_for_the_prompt(stream):
                inside = termios.tcgetattr(slave)
                assert not inside[3] & termios.ICANON and not inside[3] & termios.ECHO
                assert inside[3] & termios.ISIG  # Ctrl-C still interrupts a running line
                os.write(master, b"\x04")  # Ctrl-D is now a key that waits, not an end of file
                assert os.read(slave, 1) == b"\x04"
            assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)


def test_keys_wait_for_the_prompt_ignores_non_terminals() -> None:
    with keys_wait_for_the_prompt(io.StringIO()):
        pass
