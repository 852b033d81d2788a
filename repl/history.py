"""Where the REPL keeps its input history: a file in the user's data directory, kept across sessions."""
from __future__ import annotations

import os
from pathlib import Path

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


def make_history(path: Path | None = None) -> History:
    """A FileHistory at `path`; an in-memory history when the file cannot be created (read-only home),
    because losing history must never stop the REPL from starting."""
    target = history_path() if path is None else path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.touch(exist_ok=True)
        if not os.access(target, os.R_OK | os.W_OK):
            raise PermissionError(target)
    except OSError:
        return InMemoryHistory()
    return FileHistory(str(target))
