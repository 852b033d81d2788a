"""When does a line of input end a statement? The Enter key, the piped reader and the tutorial player all
ask here; the answer comes from `Session.is_complete`, plus ghci's `:{` ... `:}` block and layout."""
from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator, Literal

Completeness = Literal["complete", "incomplete", "invalid"]
IsComplete = Callable[[str], str]

BLOCK_OPEN = ":{"
BLOCK_CLOSE = ":}"
INDENT_STEP = "  "


def in_block(text: str) -> bool:
    """True while `text` is an open `:{` block: its first line is `:{` and no line is `:}` yet."""
    lines = text.split("\n")
    if lines[0].strip() != BLOCK_OPEN:
        return False
    return not any(line.strip() == BLOCK_CLOSE for line in lines[1:])


def input_status(text: str, is_complete: IsComplete) -> Completeness:
    """"incomplete" means: wait for another line. Blank input and colon commands other than `:{` are
    complete; everything else is the Session's call. An error from the Session counts as "invalid", so the
    line is run and the error shown rather than the prompt hanging."""
    if in_block(text):
        return "incomplete"
    stripped = text.strip()
    if not stripped or stripped.startswith(":"):
        return "complete"
    return _ask(text, is_complete)


def _ask(text: str, is_complete: IsComplete) -> Completeness:
    try:
        answer = is_complete(text)
    except Exception:  # noqa: BLE001 - a Session bug must not freeze the prompt
        return "invalid"
    return answer if answer in ("complete", "incomplete", "invalid") else "invalid"


def continuation_indent(text: str) -> str:
    """The indentation for the next line of unfinished input: the current line's, and at least one step
    inside a top-level statement, since a continuation line must be indented further (layout rule). A line
    that opens a `let`/`where` block (`let f x =`) continues right of that block's column, as Haskell's
    layout algorithm requires (a line at or left of it would start a new binding or close the block)."""
    last = text.split("\n")[-1]
    indent = last[: len(last) - len(last.lstrip(" \t"))]
    if in_block(text):
        return indent
    match = _OPENS_BLOCK.search(last)
    if match is not None and match.end() < len(last.rstrip()):
        return " " * (match.end() + len(INDENT_STEP))
    return indent if indent else INDENT_STEP


_OPENS_BLOCK = re.compile(r"(?:^|[\s(])(?:let|where)\s+")


def ends_with_blank_lines(text: str, count: int = 2) -> bool:
    """The user pressed Enter on `count` empty continuation lines: run what is there, even if incomplete."""
    lines = text.split("\n")
    return len(lines) > count and all(not line.strip() for line in lines[-count:])


def group_statements(lines: Iterable[str], is_complete: IsComplete) -> Iterator[tuple[int, str]]:
    """Split a stream of lines (a file, a pipe, a tutorial block) into the chunks a user would have
    entered one by one: `(first_line_number, text)`. A chunk continues while the Session says it is
    incomplete, while the next line is indented or blank (the layout rule: a later indented line still
    continues it), or inside `:{` ... `:}`. Lines are consumed lazily, so a chunk runs as soon as the next
    line that starts a new statement arrives."""
    pending: list[str] = []
    start = 0
    number = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if pending:
            text = "\n".join(pending)
            if in_block(text):
                pending.append(line)
                continue
            # An unindented line normally starts a new statement (the layout rule), so an unfinished
            # `x +` runs alone and fails there; it continues the chunk only where joining it still
            # parses (a `{- ... -}` comment or a string gap running over several lines).
            continues = not line.strip() or line[:1] in (" ", "\t") or (
                input_status(text, is_complete) == "incomplete"
                and input_status(text + "\n" + line, is_complete) != "invalid"
            )
            if continues:
                pending.append(line)
                continue
            yield start, _trim(pending)
            pending = []
        if line.strip():
            pending, start = [line], number
    if pending:
        yield start, _trim(pending)


def _trim(lines: list[str]) -> str:
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)
