"""The Session's top-level scope: one dict of the newest bindings, grown in place, so a statement costs what it
binds, not the size of the scope (20,000 lets used to copy the scope 20,000 times).

Closures keep the bindings of their time, as in GHCi: a closure's scope chain ends at an `Env` layer of this
class. When a statement rebinds names, the layer closures hold so far is turned into an "as it was" layer
(just the old values of the rebound names) over a fresh layer on the same dict; so the cost of a rebinding is
the number of names it rebinds, and an old closure looks through one small layer per rebinding since.
"""
from __future__ import annotations

from typing import Any, Sequence

from gradbook.engine.language.evaluator import Env, Evaluator


class TopLevel:
    """Bindings of one Session, and the Env that statements are evaluated in."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {}
        self.env = Env(self.names)
        self.signatures: dict[str, Any] = {}  # `f :: T` given before `f`'s equations arrive
        self.layers_made = 0  # "as it was" layers made so far (each copies only the names it rebinds)

    def bind(self, evaluator: Evaluator, bindings: Sequence[Any]) -> None:
        """Bind one recursive group; nothing is committed unless every binding evaluates."""
        frame: dict = {}
        evaluator.bind_all(bindings, frame, Env(frame, self.env), force=True)
        self.commit(frame)

    def commit(self, frame: dict) -> None:
        names = self.names
        rebound = [name for name in frame if name in names]
        if rebound:
            held = self.env  # the layer every closure made so far ends at
            fresh = Env(names)
            held.vars = {name: names[name] for name in rebound}
            held.parent = fresh
            self.env = fresh
            self.layers_made += 1
        names.update(frame)

    def set_it(self, value: Any) -> None:
        """`it`, the last shown value. Set in place (no layer): a closure that names `it` sees the newest."""
        self.names["it"] = value
