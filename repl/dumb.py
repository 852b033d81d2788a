"""Line reading for dumb terminals (TERM=dumb: Emacs' shell, CI logs, simple test harnesses).

The terminal stays in its own line mode, so it echoes and edits the line, Ctrl-C is a signal that clears
it and Ctrl-D on an empty line is an end of file, whenever they are typed. (prompt_toolkit's dumb prompt
switches to raw mode after printing the prompt, and a Ctrl-D typed in between is lost.)
"""
from __future__ import annotations

from typing import Callable, TextIO

from gradbook.repl.validator import continuation_indent, ends_with_blank_lines, in_block


def read_input(status: Callable[[str], str], stdin: TextIO, out: TextIO, prompt: str,
               continuation: str) -> str:
    """One input, continued over lines while `status` says "incomplete" (as the Enter key does).

    A continuation line typed without indentation is indented as the full REPL would have pre-filled it,
    since the layout rule needs continuation lines indented. Raises EOFError on Ctrl-D and lets
    KeyboardInterrupt through on Ctrl-C."""
    text = _read_line(stdin, out, prompt)
    while status(text) == "incomplete" and not (ends_with_blank_lines(text) and not in_block(text)):
        line = _read_line(stdin, out, continuation)
        if line.strip() and not line[:1].isspace() and not in_block(text):
            line = continuation_indent(text) + line
        text += "\n" + line
    return text


def _read_line(stdin: TextIO, out: TextIO, prompt: str) -> str:
    out.write(prompt)
    out.flush()
    line = stdin.readline()
    if not line:
        out.write("\n")
        out.flush()
        raise EOFError
    return line.rstrip("\r\n")
