"""Where the language runs: on an evaluation thread with a large stack, so user recursion goes 100,000
levels deep (the main thread's 8 MB stack allowed about 1,000), and with interrupts forwarded to it.

`run_deep(fn, on_interrupt)` hands `fn` to the calling thread's evaluation thread and waits. A Ctrl-C
arrives as KeyboardInterrupt in the waiting thread (signals reach only the main thread) and is passed on
with engine/tensors/interrupts.py, which holds it back while Numba compiles; `fn` sees it as usual, as a
KeyboardInterrupt raised where it was running. Print output and results come back unchanged, in order.
"""
from __future__ import annotations

import contextvars
import queue
import sys
import threading
from typing import Any, Callable

from gradbook.engine.tensors import interrupts

STACK_SIZE = 512 << 20
"""An evaluation thread's stack: address space only (pages are touched as the recursion reaches them), and
at most an eighth of an RLIMIT_AS; a quarter and a sixteenth of it are tried where a thread cannot start."""
STACK_BYTES_PER_LEVEL = 512
"""Stack budgeted per Python recursion level: measured 100-200 bytes for user recursion through calls,
`case`, guards, `$`, `.`, map, foldr and zipWith; 2.5 times that or more keeps a runaway recursion a
RecursionError instead of a crash."""
MAX_RECURSION = 1_000_000
"""The recursion limit while the language runs (from 6 to 8 Python levels per user level: 125,000+ deep)."""
IDLE_SECONDS = 1.0  # an idle evaluation thread checks this often whether its owner thread has ended

_UNSET = object()
_local = threading.local()
_create_lock = threading.Lock()
_stack_sizes: list[int] = []  # the sizes still worth trying, largest first (filled on first use)
_sized = [False]
_limit_lock = threading.Lock()
_limit_state = [0, 0]  # [runs in progress, the recursion limit to restore when none are]


class _Job:
    __slots__ = ("fn", "context", "on_interrupt", "done", "result", "error", "stop")

    def __init__(self, fn: Callable[[], Any], on_interrupt: Callable[[], Any]) -> None:
        self.fn = fn
        self.context = contextvars.copy_context()  # the caller's context variables, seen by `fn`
        self.on_interrupt = on_interrupt
        self.done = threading.Lock()
        self.done.acquire()  # released by the evaluation thread when the job ends
        self.result: Any = _UNSET
        self.error: BaseException | None = None
        self.stop = False  # an interrupt that came before the job started


class EvalThread:
    """One evaluation thread, serving the jobs of the thread that made it."""

    def __init__(self, owner: threading.Thread, stack_size: int) -> None:
        self.owner = owner
        self.jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self.ident = 0
        self.limit = min(MAX_RECURSION, stack_size // STACK_BYTES_PER_LEVEL)
        previous = threading.stack_size(stack_size)
        try:
            self.thread = threading.Thread(target=self._serve, name="gradbook-eval", daemon=True)
            self.thread.start()
        finally:
            threading.stack_size(previous)

    def _serve(self) -> None:
        self.ident = threading.get_ident()
        st = interrupts.state()
        try:
            while True:
                try:
                    job = self.jobs.get(timeout=IDLE_SECONDS)
                except queue.Empty:
                    if not self.owner.is_alive():
                        return
                    continue
                self._do(job, st)
        finally:
            interrupts.forget()

    def _do(self, job: _Job, st: interrupts.ThreadState) -> None:
        _raise_limit(self.limit)
        try:
            try:
                st.busy = True  # from here interrupts may land ...
                if job.stop:
                    raise KeyboardInterrupt
                job.result = job.context.run(job.fn)
            finally:
                st.busy = False  # ... to here; one delivered but not yet raised is withdrawn
                st.pending = False
                interrupts.clear_pending(st.ident)
        except KeyboardInterrupt:
            if job.result is _UNSET:
                job.result = job.on_interrupt()
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread, raised there
            job.error = error
        finally:
            _restore_limit()
            job.done.release()

    def run(self, job: _Job) -> Any:
        self.jobs.put(job)
        while True:
            try:
                job.done.acquire()
                break
            except KeyboardInterrupt:  # Ctrl-C while waiting: pass it on to the evaluation thread
                job.stop = True
                try:
                    interrupts.interrupt(self.ident)
                except KeyboardInterrupt:  # a second Ctrl-C meanwhile: the first is on its way
                    pass
        if job.error is not None:
            error, job.error = job.error, None
            raise error
        return job.result


def _raise_limit(limit: int) -> None:
    with _limit_lock:
        if _limit_state[0] == 0:
            _limit_state[1] = sys.getrecursionlimit()
        _limit_state[0] += 1
        if sys.getrecursionlimit() < limit:
            sys.setrecursionlimit(limit)


def _restore_limit() -> None:
    with _limit_lock:
        _limit_state[0] -= 1
        if _limit_state[0] == 0 and sys.getrecursionlimit() != _limit_state[1]:
            try:
                sys.setrecursionlimit(_limit_state[1])
            except RecursionError:  # pragma: no cover - this thread is deeper than the old limit
                pass


def stack_sizes() -> list[int]:
    """The stack sizes to try, largest first: STACK_SIZE, or an eighth of the address space an RLIMIT_AS
    allows (the evaluation threads of a REPL, its warm-up and the engine must fit in it with the data)."""
    size = STACK_SIZE
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
        if soft != resource.RLIM_INFINITY and soft > 0:
            size = min(size, soft // 8)
    except (ImportError, OSError, ValueError):  # pragma: no cover - not POSIX
        pass
    size = max(size & ~0xFFFF, 1 << 20)
    return [s for s in (size, size // 4, size // 16) if s >= 1 << 20]


def _eval_thread() -> EvalThread | None:
    """The calling thread's evaluation thread, started on first use; None when none can be started."""
    worker = getattr(_local, "worker", None)
    if worker is not None and worker.thread.is_alive():
        return worker
    with _create_lock:
        if not _sized[0]:
            _stack_sizes.extend(stack_sizes())
            _sized[0] = True
        while _stack_sizes:
            try:
                worker = EvalThread(threading.current_thread(), _stack_sizes[0])
                break
            except (RuntimeError, MemoryError, ValueError):  # no room for that stack: try a smaller one
                _stack_sizes.pop(0)
        else:
            return None
    _local.worker = worker
    return worker


def is_eval_thread() -> bool:
    return threading.current_thread().name == "gradbook-eval"


def run_deep(fn: Callable[[], Any], on_interrupt: Callable[[], Any]) -> Any:
    """`fn()` on the calling thread's evaluation thread (or here, when this is one or none could start);
    `on_interrupt()` is the result when an interrupt lands outside `fn`'s own handling of it."""
    if is_eval_thread():
        return fn()
    worker = _eval_thread()
    if worker is None:  # pragma: no cover - not even a 64 MB stack: run here, with the usual depth
        return fn()
    return worker.run(_Job(fn, on_interrupt))
