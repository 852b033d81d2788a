"""Tab completion: builtins, bindings and colon commands come from `Session.complete`; file paths after
`:load` / `:save` are the REPL's own addition (the Session never lists directories for the front end)."""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable

from prompt_toolkit.completion import CompleteEvent, Completer, Completion, PathCompleter
from prompt_toolkit.document import Document

# Any unique prefix of :load or :save (ghci style), then the path typed so far.
_PATH_COMMAND = re.compile(r"^\s*:(?:l|lo|loa|load|sa|sav|save)\s+(?P<path>.*)$")
_COLON_WORD = re.compile(r"^\s*:(?P<word>[a-zA-Z]*)$")


class GradbookCompleter(Completer):
    """`get_session` returns the Session, waiting for the engine if it is still loading."""

    def __init__(self, get_session: Callable[[], Any]) -> None:
        self.get_session = get_session
        self.paths = PathCompleter(expanduser=True)

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        before = document.text_before_cursor
        if "\n" not in before:
            match = _PATH_COMMAND.match(before)
            if match:
                path = match.group("path")
                yield from self.paths.get_completions(Document(path, len(path)), complete_event)
                return
        try:
            session = self.get_session()
            found = session.complete(document.text, document.cursor_position)
        except Exception:  # noqa: BLE001 - completion failing must never break typing
            return
        cursor = document.cursor_position
        start = min(found.start, cursor)
        seen: set[str] = set()
        for match_text in found.matches:
            if match_text not in seen:
                seen.add(match_text)
                # The meta column (a signature or a binding's type) is computed only if the menu shows it.
                yield Completion(match_text, start_position=start - cursor,
                                 display_meta=lambda name=match_text: signature(session, name))
        if not seen:
            yield from self._colon_commands(before, session)

    def _colon_commands(self, before: str, session: Any) -> Iterable[Completion]:
        """Fallback for `:ty<Tab>` should the Session leave colon commands to the front end."""
        match = _COLON_WORD.match(before) if "\n" not in before else None
        if not match:
            return
        word = match.group("word")
        try:
            names = list(session.command_names())
        except Exception:  # noqa: BLE001
            return
        for name in names:
            bare = name.lstrip(":")
            if bare.startswith(word) and bare not in ("{", "}"):
                yield Completion(":" + bare, start_position=-(len(word) + 1))


def signature(session: Any, name: str, width: int = 60) -> str:
    """`Tensor -> IO IndependentTensor` for a builtin, `Tensor Float [2]  -- no grad` for a binding: the
    first line of `Session.inspect` after `name ::`, shortened to `width`."""
    try:
        described = session.inspect(name, len(name)) or ""
    except Exception:  # noqa: BLE001 - a missing signature must never break completion
        return ""
    first = described.split("\n", 1)[0]
    _, sep, rest = first.partition(" :: ")
    text = rest if sep else ""
    return text if len(text) <= width else text[: width - 1] + "…"
