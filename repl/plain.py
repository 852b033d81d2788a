"""The REPL when standard input is not a terminal (`gradbook < lesson.gb`, `cat x | gradbook`): plain lines
in, plain text out, no prompt, no escape codes, no annotations.

Stdout is exactly what `gradbook run FILE` prints for the same error-free file. Unlike `gradbook run`, a
piped session goes on after an error, as a REPL does (the error goes to stderr, later lines still see the
earlier bindings); the exit status is 1 if any input failed, else 0.
"""
from __future__ import annotations

from typing import Iterable, TextIO

from gradbook.repl.loader import EngineLoader, EngineLoadError
from gradbook.repl.render import Renderer
from gradbook.repl.validator import group_statements

SOURCE_NAME = "<stdin>"


def run_plain(loader: EngineLoader, lines: Iterable[str], out: TextIO, err: TextIO) -> int:
    """Feed `lines` to the Session statement by statement; returns the exit status."""
    renderer = Renderer(out, err, color=False, annotations=False)
    try:
        session = loader.session()
    except EngineLoadError as exc:
        renderer.error(f"gradbook: the engine failed to load: {exc}")
        return 1
    failed = False
    try:
        for first_line, chunk in group_statements(lines, session.is_complete):
            try:
                result = session.run(chunk, name=SOURCE_NAME, first_line=first_line, on_output=renderer.streamed)
            except Exception as exc:  # noqa: BLE001 - a Session bug is reported, never a traceback
                renderer.error(f"internal error: {type(exc).__name__}: {exc} (please report this bug)")
                failed = True
                continue
            if renderer.write_failed is not None:
                raise renderer.write_failed  # the CLI ends quietly on a closed pipe (repl/cli.py)
            renderer.finish(result)
            failed = failed or result.error is not None
            if result.quit:
                break
    except KeyboardInterrupt:
        renderer.error("Interrupted.")
        return 130
    return 1 if failed else 0
