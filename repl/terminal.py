"""The terminal's mode between two prompts, while a line runs.

prompt_toolkit reads keys in raw mode and puts the terminal back in line mode when a line is accepted.
In line mode a Ctrl-D typed while a line runs (or just as its output appears) becomes an end of file that
the next prompt never sees, so a quick "Ctrl-D to leave" would be lost. Between prompts the REPL keeps
the terminal in character mode without echo instead: keys wait, unechoed, for the next prompt (Ctrl-D
then exits as usual), while Ctrl-C still raises SIGINT and interrupts the running computation.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator


@contextmanager
def keys_wait_for_the_prompt(stream: Any) -> Iterator[None]:
    """Hold `stream`'s terminal in character mode (ICANON and ECHO off, ISIG on) for the block and restore
    its settings afterwards. A no-op when `stream` is not a terminal."""
    try:
        import termios

        fd = stream.fileno()
        saved = termios.tcgetattr(fd)
    except Exception:  # noqa: BLE001 - not a terminal (a pipe, a test double), or no termios at all
        yield
        return
    held = list(saved)
    held[3] = held[3] & ~(termios.ICANON | termios.ECHO) | termios.ISIG
    held[6] = list(held[6])
    held[6][termios.VMIN] = 1
    held[6][termios.VTIME] = 0
    try:
        termios.tcsetattr(fd, termios.TCSANOW, held)
    except termios.error:
        yield
        return
    try:
        yield
    finally:
        try:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        except termios.error:
            pass
