"""`gradbook tutorial`: plays the packaged Hasktorch autograd tutorial in the terminal, prose then each input
line and its output, waiting for a key between steps on a terminal (`--no-pause` for scripts).

The Session does all the evaluation; this module only walks the Markdown and paces the show.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass, field
from importlib import resources
from typing import Callable, TextIO

from gradbook.repl.loader import EngineLoader, EngineLoadError, default_factory
from gradbook.repl.render import BOLD, DIM, Renderer, paint, terminal_supports_color
from gradbook.repl.validator import group_statements

TUTORIAL = "autograd-tutorial.md"
PROMPT = "gradbook> "
CONTINUATION = "gradbook| "
PIPE_PAUSE_S = 0.3  # between steps when stdin is not a terminal and --no-pause was not given
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*(.*)$")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]]+\]:\s*")
_INLINE_ATTRIBUTES = re.compile(r"(`[^`\n]*`)\{[^}\n]*\}")  # pandoc's `code`{.haskell .identifier}


@dataclass
class Step:
    """The prose that leads to some code, and the runnable blocks that follow it with no prose between
    (played without a pause). Each block is `(first_line, code)`, first_line being the 1-based line of its
    first code line in the Markdown file, so errors point into the tutorial."""

    prose: list[str] = field(default_factory=list)
    blocks: list[tuple[int, str]] = field(default_factory=list)


def tutorial_text() -> str:
    """The tutorial shipped as `gradbook.engine` package data."""
    return resources.files("gradbook.engine").joinpath("data", TUTORIAL).read_text(encoding="utf-8")


def steps(markdown: str) -> list[Step]:
    """Split the Markdown into steps; prose after the last block (footnotes) becomes a final, code-less
    step. Which blocks run is `gradbook.engine.language.literate`'s decision (the same as `gradbook run`'s); hidden
    blocks vanish; other non-running blocks stay in the prose, indented."""
    from gradbook.engine.language.literate import blocks_of

    runnable = {block.first_line for block in blocks_of(markdown)}
    lines = markdown.split("\n")
    index = _skip_front_matter(lines)
    result: list[Step] = []
    prose: list[str] = []
    while index < len(lines):
        fence = _FENCE.match(lines[index])
        if not fence:
            line = _INLINE_ATTRIBUTES.sub(r"\1", _FOOTNOTE_REF.sub("", lines[index]))
            prose.append(_FOOTNOTE_DEF.sub("Note: ", line))
            index += 1
            continue
        marker, info = fence.group(1), fence.group(2)
        end = index + 1
        while end < len(lines) and not _closes(lines[end], marker):
            end += 1
        body = lines[index + 1:end]
        if index + 2 in runnable:
            lead = _tidy(prose)
            if lead or not result:
                result.append(Step(lead))
            result[-1].blocks.append((index + 2, "\n".join(body)))
            prose = []
        elif "hide" not in info.replace("{", " ").replace("}", " ").replace(".", " ").split():
            prose.extend("    " + line for line in body)
        index = end + 1
    tail = _tidy(prose)
    if tail:
        result.append(Step(tail))
    return result


def _closes(line: str, marker: str) -> bool:
    """A closing fence: at least as many of the opening fence's characters and nothing else."""
    stripped = line.strip()
    return stripped.startswith(marker) and not stripped.strip(marker[0])


def _skip_front_matter(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                return index + 1
    return 0


def _tidy(prose: list[str]) -> list[str]:
    """Drop leading/trailing blank lines and collapse runs of blank lines to one."""
    tidy: list[str] = []
    for line in prose:
        if line.strip() or (tidy and tidy[-1].strip()):
            tidy.append(line.rstrip())
    while tidy and not tidy[-1].strip():
        tidy.pop()
    return tidy


class Player:
    """Shows the steps on `out`; `wait()` returns False when the user asked to stop."""

    def __init__(self, loader: EngineLoader, out: TextIO, err: TextIO, wait: Callable[[], bool],
                 color: bool) -> None:
        self.loader = loader
        self.out = out
        self.wait = wait
        self.color = color
        self.renderer = Renderer(out, err, color=color, annotations=color)

    def play(self, all_steps: list[Step]) -> int:
        failed = False
        for number, step in enumerate(all_steps):
            self.prose(step.prose)
            if not step.blocks:
                continue
            if number and not self.wait():
                return 0
            try:
                session = self.loader.session()
            except EngineLoadError as exc:
                self.renderer.error(f"gradbook: the engine failed to load: {exc}")
                return 1
            for first_line, code in step.blocks:
                for offset, chunk in group_statements(code.split("\n"), session.is_complete):
                    self.echo(chunk)
                    result = session.run(chunk, name=TUTORIAL, first_line=first_line + offset - 1)
                    self.renderer.annotations = self.color and bool(session.options.get("annotations", True))
                    self.renderer.result(result)
                    failed = failed or result.error is not None
            self.out.write("\n")
        self.out.flush()
        return 1 if failed else 0

    def prose(self, lines: list[str]) -> None:
        for line in lines:
            if line.startswith("#"):
                line = paint(line.lstrip("#").strip(), BOLD, self.color)
            elif line.startswith("    "):
                line = paint(line, DIM, self.color)
            self.out.write(line + "\n")
        if lines:
            self.out.write("\n")
        self.out.flush()

    def echo(self, chunk: str) -> None:
        """The input line as if typed at the REPL's prompt, highlighted on a terminal."""
        code = chunk
        if self.color:
            from pygments import highlight
            from pygments.formatters import TerminalFormatter

            from gradbook.repl.lexer import GradbookLexer

            code = highlight(chunk, GradbookLexer(), TerminalFormatter()).rstrip("\n")
        lines = code.split("\n")
        prompts = [PROMPT] + [CONTINUATION] * (len(lines) - 1)
        for prompt, line in zip(prompts, lines):
            self.out.write(paint(prompt, BOLD, self.color) + line + "\n")
        self.out.flush()


def keypress_waiter(stdin: TextIO, out: TextIO, color: bool) -> Callable[[], bool]:
    """Wait for one key on a terminal: Enter/space/anything goes on, q, Esc or Ctrl-D stops."""
    import termios
    import tty

    def wait() -> bool:
        hint = "── press Enter for the next step, q to quit ──"
        out.write(paint(hint, DIM, color))
        out.flush()
        fd = stdin.fileno()
        saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            key = os.read(fd, 1)
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        out.write("\r\x1b[K" if color else "\n")
        out.flush()
        return key not in (b"q", b"Q", b"\x04", b"\x1b", b"")

    return wait


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gradbook tutorial",
                                     description="Play Hasktorch's automatic differentiation tutorial.")
    parser.add_argument("--no-pause", action="store_true", help="play straight through (for scripts)")
    args = parser.parse_args(sys.argv[2:] if argv is None else argv)

    out = sys.stdout
    color = terminal_supports_color(out)
    loader = EngineLoader(default_factory(name=TUTORIAL, allow_files=False)).start()
    if args.no_pause:
        wait: Callable[[], bool] = lambda: True  # noqa: E731
    elif sys.stdin is not None and sys.stdin.isatty():
        wait = keypress_waiter(sys.stdin, out, color)
    else:
        wait = lambda: (time.sleep(PIPE_PAUSE_S), True)[1]  # noqa: E731
    try:
        return Player(loader, out, sys.stderr, wait, color).play(steps(tutorial_text()))
    except KeyboardInterrupt:
        out.write("\n")
        return 130
