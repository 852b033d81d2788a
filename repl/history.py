"""Where the REPL keeps its input history: a file in the user's data directory, kept across sessions."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable

from prompt_toolkit.history import FileHistory, History, InMemoryHistory


def history_path(environ: dict[str, str] | None = None) -> Path:
    """`$GRADBOOK_HISTORY` if set, else `$XDG_DATA_HOME/gradbook/history`, else
    `~/.local/share/gradbook/history` (the XDG default)."""
    env = os.environ if environ is None else environ
    override = env.get("GRADBOOK_HISTORY")
    if override:
        return Path(override).expanduser()
    data_home = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME") or Path.home()) / ".local" / "share")
    return Path(data_home).expanduser() / "gradbook" / "history"


class SafeFileHistory(FileHistory):
    """A FileHistory that goes on in memory when its file stops being readable or writable (a disk that
    fills up, a file made read-only meanwhile): the line typed is run either way."""

    def load_history_strings(self):  # type: ignore[no-untyped-def]
        try:
            yield from super().load_history_strings()
        except (OSError, ValueError):
            return

    def store_string(self, string: str) -> None:
        try:
            super().store_string(string)
        except (OSError, ValueError):
            pass


def make_history(path: Path | None = None, warn: Callable[[str], None] | None = None) -> History:
    """A history file at `path` (by default history_path()); an in-memory history when it cannot be one: a
    read-only home, or `$GRADBOOK_HISTORY` naming a directory, a device or a FIFO (reading /dev/zero would
    never end) or a file this user may not read and write. Losing history never stops the REPL: `warn`
    (stderr by default) gets one line saying why."""
    target = history_path() if path is None else path
    problem = None
    try:
        if target.exists() and not target.is_file():
            problem = "is not a regular file"
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.touch(exist_ok=True)
            if not target.is_file():
                problem = "is not a regular file"
            elif not os.access(target, os.R_OK | os.W_OK):
                problem = "cannot be read and written"
    except OSError as error:
        problem = f"cannot be created ({error.strerror or error})"
    if problem is not None:
        (warn or _warn)(f"gradbook: the history file {target} {problem}; this session's history is kept in memory")
        return InMemoryHistory()
    return SafeFileHistory(str(target))


def _warn(text: str) -> None:
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (OSError, AttributeError):
        pass
