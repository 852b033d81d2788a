"""The Gradbook Jupyter kernel: translates Jupyter's messages to and from one `Session` per kernel.

It evaluates nothing itself: `Session.run` does the work and hands over outputs as they are produced, which
this module sends as `stream`, `display_data`, `execute_result` and `error` messages while the cell runs
(and `:doc` as a pager payload).
"""
from __future__ import annotations

import contextvars
import fnmatch
import os
import sys
import threading
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from ipykernel.kernelbase import Kernel

from gradbook.kernel import rich
from gradbook.kernel.protocol import Handlers, safe_packer

if TYPE_CHECKING:  # importing anything under gradbook.engine loads Numba: the loader thread does that
    from gradbook.engine.language.results import ErrorReport, Output, RunResult

try:
    __version__ = version("gradbook")
except PackageNotFoundError:  # pragma: no cover - running from a source tree that was never installed
    __version__ = "0+unknown"

CELL_NAME = "<cell>"
SHUTDOWN_GRACE_SECONDS = 3.0
"""How long after shutdown_request the process may take to exit by itself before the watchdog ends it."""
SHUTDOWN_FLUSH_TIMEOUT = 0.2  # seconds; see do_shutdown
HISTORY_SESSION = 1  # this kernel's history lives in memory: one session, numbered like IPython's

KEYWORDS = frozenset({"let", "in", "if", "then", "else", "case", "of", "import"})
ERROR_NAMES = {
    "parse": "ParseError",
    "name": "NameError",
    "type": "TypeError",
    "shape": "ShapeError",
    "dtype": "DTypeError",
    "autograd": "AutogradError",
    "value": "ValueError",
    "limit": "LimitError",
    "check": "CheckFailed",
    "interrupt": "Interrupted",
    "internal": "InternalError",
}


def _pygments_lexer() -> str:
    """`gradbook` once the REPL's lexer is registered, Haskell's until then."""
    try:
        from pygments.lexers import get_lexer_by_name

        get_lexer_by_name("gradbook")
        return "gradbook"
    except Exception:  # ClassNotFound, or a broken entry point: fall back rather than fail to start
        return "haskell"


class _SessionLoader:
    """Loads the engine and its builtins in a background thread as the kernel starts, so `kernel_info` is
    answered at once while Numba loads; the first request that needs the Session waits for it.

    The background load is only a head start: it runs while ipykernel is still starting in the main thread,
    and a load that fails there (seen once in CI: "dictionary changed size during iteration", a race between
    the two threads' imports) is retried once in the requesting thread before anything is reported."""

    def __init__(self, lock: threading.Lock | None = None, warm_up: bool = True) -> None:
        # The kernel's Session lock: the warm-up holds it (the engine's grad mode is global).
        self._lock = lock or threading.Lock()
        self._session: Any = None
        self._failure: BaseException | None = None
        self._retried = False
        self._warm_up = warm_up
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._load, name="gradbook-engine-load", daemon=True)
        self._thread.start()

    def _build(self) -> Any:
        from gradbook.engine.language.session import Session

        session = Session(name=CELL_NAME, allow_files=files_enabled())
        try:
            session.complete("", 0)  # loads the builtins table, the slow part of a first cell
        except Exception:  # a failing warm-up shows up, properly reported, on the first real request
            pass
        return session

    def _load(self) -> None:
        try:
            self._session = self._build()
        except BaseException as err:  # retried, then reported, on the first request: never lost in a thread
            self._failure = err
        finally:
            self._ready.set()
        if self._warm_up and self._session is not None:
            # As the REPL does: the common kernels compiled (or loaded from Numba's cache) on a throwaway
            # Session while the user reads the notebook. A first cell meanwhile waits for it (it holds the
            # Session lock), and a Ctrl-C then ends that wait; the warm-up itself is never interrupted.
            from gradbook.repl.loader import WARM_UP

            try:
                from gradbook.engine.language.session import Session

                with self._lock:
                    Session(name="<warm-up>", allow_files=False).run(WARM_UP)
            except Exception:  # noqa: BLE001 - a failure shows up, properly reported, in a real cell
                pass

    def get(self) -> Any:
        """The Session; raises RuntimeError when the engine cannot be loaded."""
        while not self._ready.wait(0.05):  # a timeout, so a Ctrl-C is raised here while waiting
            pass
        if self._session is None and not self._retried:
            self._retried = True
            try:
                self._session = self._build()
            except BaseException as err:  # noqa: BLE001 - reported below, with the first failure's cause
                self._failure = err
        if self._session is None:
            raise RuntimeError(f"the Gradbook engine could not be loaded: {self._failure!r}")
        return self._session


def files_enabled() -> bool:
    """Whether cells may use files: off unless the kernel was started with GRADBOOK_FILES=on, and then
    only inside the folder it runs in (Jupyter starts a kernel in its notebook's folder)."""
    return os.environ.get("GRADBOOK_FILES", "").strip().lower() in ("on", "1", "yes", "true")


def _failed(kind: str, message: str) -> RunResult:
    """A run that failed outside any cell line (an interrupt while the engine loads, a load failure)."""
    from gradbook.engine.language.results import ErrorReport, RunResult

    report = ErrorReport(kind, message, CELL_NAME, 1, 1, 1, f"{CELL_NAME}: error: {message}")
    return RunResult(error=report)


class _Publisher:
    """Sends a cell's outputs while it runs (a training loop's prints appear as they happen), in order.
    The cell's last shown value is its execute_result, so a value is held back, with whatever follows it,
    until the next value shows it was not the last (or the cell ends). Print text is sent as one stream
    message per burst: STREAM_DELAY after a burst starts, or before the next other output."""

    STREAM_DELAY = 0.1  # seconds

    def __init__(self, kernel: "GradbookKernel") -> None:
        self.kernel = kernel
        self.held: list = []  # the last value so far and the outputs after it
        self.pages: list[str] = []
        self.text: list[str] = []
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None

    def add(self, output: Output) -> None:
        if output.kind == "value":
            self._release(last=False)
            self.held = [output]
        elif self.held:
            self.held.append(output)
        else:
            self._send(output, as_result=False)

    def finish(self, result: RunResult) -> list[dict[str, Any]]:
        """After the run: the held outputs (its value as the result unless an error ended the cell); returns
        the reply's payloads (one pager page for `:doc`)."""
        self._release(last=result.error is None)
        self.flush()
        if result.quit:  # a warning, not the program's output: stderr, as Python's warnings in IPython
            self.kernel._stream(":quit does nothing in a notebook; use the Kernel menu to shut down.\n", "stderr")
        if not self.pages:
            return []
        return [{"source": "page", "data": {"text/plain": "\n\n".join(self.pages)}, "start": 0}]

    def _release(self, last: bool) -> None:
        held, self.held = self.held, []
        for index, output in enumerate(held):
            self._send(output, as_result=last and index == 0)

    def _send(self, output: Output, as_result: bool) -> None:
        if output.kind == "stdout":
            with self.lock:
                self.text.append(output.text)
                if self.timer is None:
                    # The flush runs on a timer thread, in a copy of this context (ipykernel keeps the parent
                    # message there, which ties the stream to its cell).
                    context = contextvars.copy_context()
                    self.timer = threading.Timer(self.STREAM_DELAY, context.run, (self.flush,))
                    self.timer.daemon = True
                    self.timer.start()
            return
        self.flush()
        self.kernel._publish_one(output, as_result, self.pages)

    def flush(self) -> None:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            text = "".join(self.text)
            self.text.clear()
            if text:
                self.kernel._stream(text)


class GradbookKernel(Kernel):
    implementation = "gradbook"
    implementation_version = __version__
    banner = (
        f"Gradbook {__version__}: automatic differentiation in the language of Hasktorch's tutorials.\n"
        "Type :doc NAME for a builtin's documentation, :browse for your bindings."
    )
    help_links = [
        {"text": "Hasktorch", "url": "https://hasktorch.github.io"},
        {"text": "Hasktorch autograd tutorial", "url": "https://hasktorch.github.io/tutorial/"},
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        from gradbook.repl.cli import quiet_warnings

        quiet_warnings()  # NumPy's and Numba's warnings would reach the notebook as stderr
        # Every request answered (an error reply for a malformed one), every message sendable as UTF-8.
        self.shell_handlers = Handlers(self, self.shell_handlers)
        if self.session is not None:
            self.session.pack = safe_packer(self.session.pack)
        # One request at a time uses the engine (its grad mode is global); the warm-up takes its turn too.
        self._lock = threading.Lock()
        self._loader = _SessionLoader(self._lock)
        self._history: list[tuple[int, str, str]] = []  # (execution count, cell source, shown text)
        self._language_info: dict[str, Any] | None = None

    # ------------------------------------------------------------ kernel_info

    @property
    def language_info(self) -> dict[str, Any]:  # type: ignore[override]
        if self._language_info is None:
            self._language_info = {
                "name": "gradbook",
                "version": __version__,
                "mimetype": "text/x-gradbook",
                "file_extension": ".gb",
                "pygments_lexer": _pygments_lexer(),
                "codemirror_mode": "haskell",
            }
        return self._language_info

    @property
    def kernel_info(self) -> dict[str, Any]:
        info = dict(super().kernel_info)
        # ipykernel advertises its debugger whenever debugpy is importable; Gradbook has none. Nor does it
        # offer subshells: a cell on a subshell thread could not be interrupted (signals reach the main
        # thread only), so clients run every cell on the main shell.
        unsupported = ("debugger", "kernel subshells")
        info["supported_features"] = [f for f in info.get("supported_features", []) if f not in unsupported]
        return info

    async def create_subshell_request(self, socket: Any, ident: Any, parent: Any) -> None:  # type: ignore[override]
        content = {"status": "error", "ename": "NotSupported", "traceback": [],
                   "evalue": "the Gradbook kernel has no subshells (kernel_info does not offer them)"}
        self.session.send(socket, "create_subshell_reply", content, parent, ident)

    # ------------------------------------------------------------ execute

    def _run(self, code: str, on_output: Any = None) -> RunResult:
        try:
            session = self._loader.get()
            with self._lock:
                return session.run(code, on_output=on_output)
        except KeyboardInterrupt:  # the interrupt landed outside `Session.run` (e.g. while loading)
            return _failed("interrupt", "interrupted")
        except Exception as err:  # `Session.run` reports errors itself; anything else is a bug, said so
            self.log.error("Session.run failed", exc_info=True)
            return _failed("internal", f"internal error in Gradbook: {err!r}")

    async def do_execute(  # type: ignore[override]
        self,
        code: str,
        silent: bool,
        store_history: bool = True,
        user_expressions: dict | None = None,
        allow_stdin: bool = False,
        *,
        cell_meta: dict | None = None,
        cell_id: str | None = None,
    ) -> dict[str, Any]:
        publisher = None if silent else _Publisher(self)
        try:
            result = self._run(code, None if publisher is None else publisher.add)
            payload = [] if publisher is None else publisher.finish(result)
        except KeyboardInterrupt:  # a late interrupt while publishing: still answer, as promised
            result, payload = _failed("interrupt", "interrupted"), []
        if store_history and not silent:
            shown = "\n".join(o.text.rstrip("\n") for o in result.outputs if o.kind in ("value", "info"))
            self._history.append((self.execution_count, code, shown))
        if result.error is not None:
            error = result.error
            content = {
                "ename": ERROR_NAMES.get(error.kind, "Error"),
                "evalue": error.message,
                "traceback": error.rendered.rstrip("\n").split("\n"),
            }
            if not silent:
                self.send_response(self.iopub_socket, "error", content)
            return {"status": "error", "execution_count": self.execution_count, **content}
        return {
            "status": "ok",
            "execution_count": self.execution_count,
            "payload": payload,
            "user_expressions": {},
        }

    def _publish_one(self, output: Output, as_result: bool, pages: list[str]) -> None:
        """Send one output that is not print text (a `:doc` page is kept for the reply's payload)."""
        if output.kind == "doc":
            pages.append(output.text)
        elif output.kind == "value":
            self._send_value(output, as_result=as_result)
        elif output.kind == "picture":  # `:graph`, `:backprop`: the drawing, with its text as the fallback
            self.send_response(self.iopub_socket, "display_data",
                               {"data": rich.picture_bundle(output.text, output.value), "metadata": {}})
        else:  # "info": a colon command's answer, shown as plain text
            self.send_response(
                self.iopub_socket, "display_data", {"data": {"text/plain": output.text}, "metadata": {}}
            )

    def _stream(self, text: str, name: str = "stdout") -> None:
        self.send_response(self.iopub_socket, "stream", {"name": name, "text": text})

    def _send_value(self, output: Output, as_result: bool) -> None:
        try:
            annotate = bool(self._loader.get().options.get("annotations", True))  # `:set annotations`
            data = rich.mime_bundle(output.text, output.value, annotate)
        except Exception:  # a rich view is a bonus: never lose the value's text over it
            self.log.warning("rich display failed", exc_info=True)
            data = {"text/plain": output.text}
        metadata = {"gradbook": {"annotation": output.annotation}} if output.annotation else {}
        if as_result:
            content = {"execution_count": self.execution_count, "data": data, "metadata": metadata}
            self.send_response(self.iopub_socket, "execute_result", content)
        else:
            self.send_response(self.iopub_socket, "display_data", {"data": data, "metadata": metadata})

    # ------------------------------------------------------------ completion, inspection

    def _with_session(self, method: str, *args: Any) -> Any:
        """Ask the Session something quick; None when it cannot answer (engine not loaded, interrupted)."""
        try:
            session = self._loader.get()
            with self._lock:
                return getattr(session, method)(*args)
        except KeyboardInterrupt:
            return None
        except Exception:  # still reply, so the front end does not wait forever on a Session bug
            self.log.error("Session.%s failed", method, exc_info=True)
            return None

    async def do_complete(self, code: str, cursor_pos: int | None) -> dict[str, Any]:  # type: ignore[override]
        cursor = len(code) if cursor_pos is None else cursor_pos
        completions = self._with_session("complete", code, cursor)
        if completions is None:
            return {"status": "ok", "matches": [], "cursor_start": cursor, "cursor_end": cursor,
                    "metadata": {}}
        matches = list(completions.matches)
        return {
            "status": "ok",
            "matches": matches,
            "cursor_start": completions.start,
            "cursor_end": completions.end,
            # JupyterLab's completer shows what each match is (the key is JupyterLab's, experimental)
            "metadata": {"_jupyter_types_experimental": [
                {"start": completions.start, "end": completions.end, "text": m, "type": self._kind_of(m)}
                for m in matches
            ]},
        }

    def _kind_of(self, match: str) -> str:
        if match.startswith(":"):
            return "magic"  # Jupyter's word for a front-end command such as IPython's %magics
        if match in KEYWORDS:
            return "keyword"
        return "instance" if match in self._loader.get().bindings else "function"

    async def do_inspect(  # type: ignore[override]
        self, code: str, cursor_pos: int | None, detail_level: int = 0, omit_sections: Any = ()
    ) -> dict[str, Any]:
        cursor = len(code) if cursor_pos is None else cursor_pos
        text = self._with_session("inspect", code, cursor)
        if not text:
            return {"status": "ok", "found": False, "data": {}, "metadata": {}}
        return {"status": "ok", "found": True, "data": {"text/plain": text}, "metadata": {}}

    async def do_is_complete(self, code: str) -> dict[str, Any]:  # type: ignore[override]
        status = self._with_session("is_complete", code)
        if status is None:
            return {"status": "unknown"}
        if status == "incomplete":
            return {"status": "incomplete", "indent": "  "}
        return {"status": status}

    # ------------------------------------------------------------ history

    async def do_history(  # type: ignore[override]
        self,
        hist_access_type: str,
        output: bool,
        raw: bool,
        session: int | None = None,
        start: int | None = None,
        stop: int | None = None,
        n: int | None = None,
        pattern: str | None = None,
        unique: bool = False,
        **_ignored: Any,
    ) -> dict[str, Any]:
        entries = self._history
        if hist_access_type == "tail":
            entries = entries[-n:] if n else entries
        elif hist_access_type == "range":
            # IPython's numbering: session 0 (or a negative offset of 0) is the current one; stop excluded.
            if session not in (None, 0, HISTORY_SESSION):
                entries = []
            else:
                low = start if start is not None else 0
                entries = [e for e in entries if e[0] >= low and (stop is None or e[0] < stop)]
        elif hist_access_type == "search":
            glob = pattern or "*"
            entries = [e for e in entries if fnmatch.fnmatchcase(e[1], glob)]
            if unique:
                seen: dict[str, tuple[int, str, str]] = {}
                for entry in entries:  # keep the latest of each distinct input, in order
                    seen.pop(entry[1], None)
                    seen[entry[1]] = entry
                entries = list(seen.values())
            entries = entries[-n:] if n else entries
        else:
            entries = []
        if output:
            history = [(HISTORY_SESSION, count, (code, shown)) for count, code, shown in entries]
        else:
            history = [(HISTORY_SESSION, count, code) for count, code, _ in entries]
        return {"status": "ok", "history": history}

    # ------------------------------------------------------------ shutdown

    async def do_shutdown(self, restart: bool) -> dict[str, Any]:  # type: ignore[override]
        # Nothing to save: a restart starts a fresh process with a fresh Session. But ipykernel 7 races
        # here: once this reply is sent the main thread stops the IOPub thread while the control thread
        # still flushes stdout/stderr, and that flush then waits its full timeout (10 s) before the process
        # can exit. Every output has been sent by now, so a short wait is plenty.
        for stream in (sys.stdout, sys.stderr):
            if hasattr(stream, "flush_timeout"):
                stream.flush_timeout = SHUTDOWN_FLUSH_TIMEOUT
        # Even so, about 1 shutdown in 5 left the process alive for 25 s and more (ipykernel's threads, not
        # ours: the Session holds no resources). A daemon watchdog ends the process once the reply and the
        # IOPub broadcast have had ample time to leave; a normal exit before then simply takes it along.
        watchdog = threading.Timer(SHUTDOWN_GRACE_SECONDS, os._exit, args=(0,))
        watchdog.daemon = True
        watchdog.start()
        return {"status": "ok", "restart": restart}
