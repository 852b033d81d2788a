"""Interrupts that land only where they are safe: a Ctrl-C is deferred while a thread is inside a
`deferred()` block (a Numba compile or cache load, the first engine import) and raised as soon as it
leaves it; `interrupt(thread)` delivers one to a thread that is not the main thread (the evaluation thread
of engine/language/evalthread.py), which a signal never reaches by itself.

Why: a KeyboardInterrupt raised inside Numba's compiler left its registries half-updated, and every later
compile failed until restart (`duplicate registration for ...`, `no compiled object yet for <Library>`).

How delivery stays atomic (CPython 3.11): a thread switches only at an eval-breaker check (a function's
start, a backward jump, after a call into C). `interrupt` reads the target's state and sets the async
exception with no such check in between, and the target changes that state with none either, so an
interrupt is either raised outside every deferred block or recorded and raised when the block ends.
"""
from __future__ import annotations

import ctypes
import signal
import threading
from typing import Any

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)
_set_async_exc.restype = ctypes.c_int
# The same function with a NULL exception withdraws a pending one (a second prototype: NULL, not None).
_clear_async_exc = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))
_MAIN = threading.main_thread()


class ThreadState:
    """What `interrupt` needs to know of one thread: whether it accepts interrupts at all (`busy`: it is
    running user work), how deep it is in deferred blocks, and whether an interrupt waits for their end."""

    __slots__ = ("ident", "busy", "depth", "pending", "handler")

    def __init__(self, ident: int) -> None:
        self.ident = ident
        self.busy = False
        self.depth = 0
        self.pending = False
        self.handler: Any = None  # the SIGINT handler a deferred block on the main thread replaced


_states: dict[int, ThreadState] = {}
_local = threading.local()


def state() -> ThreadState:
    """The calling thread's state (made on first use)."""
    try:
        return _local.state
    except AttributeError:
        ident = threading.get_ident()
        st = _local.state = _states[ident] = ThreadState(ident)
        return st


def forget() -> None:
    """Drop the calling thread's state (a thread that ends)."""
    _states.pop(threading.get_ident(), None)
    _local.__dict__.pop("state", None)


def _defer_sigint(signum: int, frame: Any) -> None:
    state().pending = True  # signal handlers run on the main thread


class deferred:
    """`with deferred():` holds back interrupts to this thread until the block ends, then raises one
    KeyboardInterrupt if any arrived. Nested blocks defer to the outermost. On the main thread it also
    turns SIGINT into that flag meanwhile (when Python's default handler is installed: a front end with
    its own handler keeps it)."""

    __slots__ = ("_st",)

    def __enter__(self) -> "deferred":
        st = self._st = state()
        st.depth += 1
        if st.depth == 1 and threading.current_thread() is _MAIN:
            try:
                if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
                    st.handler = signal.signal(signal.SIGINT, _defer_sigint)
            except (ValueError, TypeError):  # pragma: no cover - no signals in this interpreter
                pass
        return self

    def __exit__(self, kind: Any, value: Any, tb: Any) -> None:
        st = self._st
        st.depth -= 1
        if st.depth:
            return
        if st.handler is not None:
            handler, st.handler = st.handler, None
            signal.signal(signal.SIGINT, handler)
        if st.pending:
            st.pending = False
            if kind is None or not issubclass(kind, KeyboardInterrupt):
                raise KeyboardInterrupt


def interrupt(ident: int) -> bool:
    """Interrupt the thread `ident` if it is running user work: now, or when its deferred block ends.
    Returns whether it was running user work."""
    st = _states.get(ident)
    if st is None or not st.busy:
        return False
    exc = KeyboardInterrupt
    # No call and no backward jump between the test and the delivery (see the module docstring).
    if st.depth:
        st.pending = True
    else:
        _set_async_exc(ident, exc)
    return True


def clear_pending(ident: int) -> None:
    """Withdraw an interrupt delivered to thread `ident` that it has not raised yet (its work ended)."""
    _clear_async_exc(ident, None)
    st = _states.get(ident)
    if st is not None:
        st.pending = False
