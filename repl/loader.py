"""Loads the engine (Numba, tensors, the session language) in a background thread, so the prompt appears
at once and the first line waits only for whatever is left of the load."""
from __future__ import annotations

import threading
from typing import Any, Callable

SessionFactory = Callable[[], Any]

# Run once on a throwaway Session while the user types their first line: Numba's first cached kernel
# load initialises its compiler (~0.5 s), and this moves that cost off the first line's critical path.
WARM_UP = """\
a <- makeIndependent (ones' [2, 2])
let b = toDependent a + 2
grad (mean (b * b * 3)) [a]
requiresGrad (asTensor ([1, 2, 3] :: [Float]))
"""


class EngineLoadError(Exception):
    """The engine could not be imported or the Session could not be built (an installation problem)."""


def default_factory(name: str = "<interactive>", allow_files: bool = True, warm_up: bool = False
                    ) -> SessionFactory:
    """Builds the real Session; the import happens inside, on the loader's thread. `warm_up` also runs
    WARM_UP on a separate, discarded Session (the user's Session never sees it)."""

    def build() -> Any:
        from gradbook.engine.language.session import Session

        session = Session(name=name, allow_files=allow_files)
        # Session loads its builtins (and with them tensors and Numba) on first use; asking for their
        # names here pays that cost on this thread, while the user is still typing.
        session.builtin_names()
        if warm_up:
            try:
                Session(name="<warm-up>", allow_files=False).run(WARM_UP)
            except Exception:  # noqa: BLE001 - a failure shows up, properly reported, on a real line
                pass
        return session

    return build


class EngineLoader:
    """Runs `factory` once on a daemon thread; `session()` waits for it and returns the Session.

    `on_ready` is called from the loader thread when loading ends (the REPL redraws its toolbar)."""

    def __init__(self, factory: SessionFactory | None = None, on_ready: Callable[[], None] | None = None):
        self._factory = factory or default_factory()
        self.on_ready = on_ready
        self._thread: threading.Thread | None = None
        self._session: Any = None
        self._error: BaseException | None = None
        self._retried = False
        self._done = threading.Event()

    def start(self) -> "EngineLoader":
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, name="gradbook-engine-loader", daemon=True)
            self._thread.start()
        return self

    def _load(self) -> None:
        try:
            self._session = self._factory()
        except BaseException as exc:  # noqa: BLE001 - reported to the user by session(), not lost
            self._error = exc
        finally:
            self._done.set()
            if self.on_ready is not None:
                try:
                    self.on_ready()
                except Exception:  # noqa: BLE001 - a redraw failing must not hide the engine
                    pass

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    @property
    def failed(self) -> bool:
        return self._done.is_set() and self._error is not None

    def session(self) -> Any:
        """The Session, waiting for the load to finish; raises EngineLoadError if it failed."""
        self.start()
        # wait() with a timeout in a loop keeps Ctrl-C deliverable to the main thread while waiting.
        while not self._done.wait(0.05):
            pass
        if self._error is not None and not self._retried:
            # The background load is only a head start, racing the main thread's own imports; a load that
            # failed there is tried once more here, alone, before anything is reported.
            self._retried = True
            try:
                self._session, self._error = self._factory(), None
            except BaseException as exc:  # noqa: BLE001 - reported just below
                self._error = exc
        if self._error is not None:
            raise EngineLoadError(f"{type(self._error).__name__}: {self._error}") from self._error
        return self._session
