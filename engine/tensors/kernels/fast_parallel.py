"""Multi-threaded (`prange`) versions of the hot elementwise kernels, used for large arrays while the other
cores are idle (elementwise.py dispatches). Same contract as elementwise.py."""
from __future__ import annotations

import os
import threading
import time

from numba import prange

from gradbook.engine.tensors.kernels.fast_math import exp_, log_, sigmoid_, tanh_
from gradbook.engine.tensors.kernels.guard import njit

# Why the conditions: on this 2-core machine they halve the time of memory-bound loops above ~10^5
# elements, but compile about 3x slower, pay a thread hand-off (~10 us) per call, and suffer when another
# core is busy (a descheduled worker stalls the whole call; worst with OpenBLAS threads spinning after a
# matmul). Arrays are 1-d C-contiguous, `out` preallocated; binary operands have out's length or 1.

PAR_MIN = 1 << 16
"""Arrays with at least this many elements go to the parallel kernels (when cores are idle)."""

_CORES = os.cpu_count() or 1
_idle_state = [0.0, False]  # [time of the last look, whether the other cores were idle then]
_hold = [0.0]  # no parallel kernels before this time (see hold_off)


def hold_off(seconds: float) -> None:
    """Keep to the sequential kernels for `seconds`: called after a BLAS call, whose OpenBLAS worker
    threads keep spinning for a while (measured: an MLP step took 8 ms instead of 1.1 ms when its
    weight update ran multi-threaded right after the backward matmuls)."""
    _hold[0] = time.monotonic() + seconds


def _own_running() -> int:
    """Runnable threads of this process right now (this one included): its own OpenMP workers keep
    spinning for a while after a parallel kernel and must not count as other load."""
    count = 0
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat") as f:
                count += f.read().rpartition(")")[2].split()[0] == "R"
        except OSError:  # the thread ended meanwhile
            pass
    return max(count, 1)


def _others_running() -> int:
    """Runnable threads on the machine right now outside this process (/proc/loadavg's 4th field)."""
    with open("/proc/loadavg") as f:
        total = int(f.read().split()[3].split("/")[0])
    return max(total - _own_running(), 0)


def cores_idle() -> bool:
    """Whether the other cores look free: nothing else runnable right now, and a 1-minute load average
    within half a core of what this process alone (running parallel kernels) would cause. Looked up at
    most every 0.25 s. Why: a parallel kernel waits for its slowest worker, and a descheduled worker
    made calls 20-50x slower than the sequential kernel (90th percentile) with two other busy processes
    on this 2-core machine."""
    now = time.monotonic()
    if now < _hold[0]:
        return False
    if now - _idle_state[0] > 0.25:
        try:
            others = _others_running()
            load = os.getloadavg()[0]
        except (OSError, ValueError, IndexError):  # pragma: no cover - no /proc: stay sequential
            others, load = _CORES, float(_CORES)
        _idle_state[0] = now
        _idle_state[1] = _CORES > 1 and others <= _CORES - 2 and load <= _CORES + 0.5
    return _idle_state[1]


_LOCK = threading.Lock()


def claim() -> bool:
    """Whether the caller may run a parallel kernel now: the cores look idle and no other thread of this
    process is inside one (two launches would share the same two cores; and Numba's workqueue layer, its
    fallback where OpenMP and TBB are missing, is not thread-safe). Pair a True answer with `release()`."""
    return cores_idle() and _LOCK.acquire(False)


def release() -> None:
    """End a parallel kernel run started after `claim()` answered True."""
    _LOCK.release()


@njit(cache=True, parallel=True)
def add(a, b, out):
    """out = a + b, multi-threaded."""
    n = out.size
    if a.size == n and b.size == n:
        for i in prange(n):
            out[i] = a[i] + b[i]
    elif a.size == n:
        y = b[0]
        for i in prange(n):
            out[i] = a[i] + y
    else:
        x = a[0]
        for i in prange(n):
            out[i] = x + b[i]


@njit(cache=True, parallel=True)
def sub(a, b, out):
    """out = a - b, multi-threaded."""
    n = out.size
    if a.size == n and b.size == n:
        for i in prange(n):
            out[i] = a[i] - b[i]
    elif a.size == n:
        y = b[0]
        for i in prange(n):
            out[i] = a[i] - y
    else:
        x = a[0]
        for i in prange(n):
            out[i] = x - b[i]


@njit(cache=True, parallel=True)
def mul(a, b, out):
    """out = a * b, multi-threaded."""
    n = out.size
    if a.size == n and b.size == n:
        for i in prange(n):
            out[i] = a[i] * b[i]
    elif a.size == n:
        y = b[0]
        for i in prange(n):
            out[i] = a[i] * y
    else:
        x = a[0]
        for i in prange(n):
            out[i] = x * b[i]


@njit(cache=True, parallel=True, error_model="numpy")
def div(a, b, out):
    """out = a / b, multi-threaded."""
    n = out.size
    if a.size == n and b.size == n:
        for i in prange(n):
            out[i] = a[i] / b[i]
    elif a.size == n:
        y = b[0]
        for i in prange(n):
            out[i] = a[i] / y
    else:
        x = a[0]
        for i in prange(n):
            out[i] = x / b[i]


@njit(cache=True, parallel=True)
def gt(a, b, out):
    """out = a > b (bool out), multi-threaded."""
    n = out.size
    if a.size == n and b.size == n:
        for i in prange(n):
            out[i] = a[i] > b[i]
    elif a.size == n:
        y = b[0]
        for i in prange(n):
            out[i] = a[i] > y
    else:
        x = a[0]
        for i in prange(n):
            out[i] = x > b[i]


@njit(cache=True, parallel=True)
def where(c, a, b, out):
    """out = a if c else b, multi-threaded; c bool of out's length; a, b of out's length or 1."""
    n = out.size
    if a.size == n and b.size == n:
        for i in prange(n):
            out[i] = a[i] if c[i] else b[i]
    elif a.size == n:
        y = b[0]
        for i in prange(n):
            out[i] = a[i] if c[i] else y
    elif b.size == n:
        x = a[0]
        for i in prange(n):
            out[i] = x if c[i] else b[i]
    else:
        x = a[0]
        y = b[0]
        for i in prange(n):
            out[i] = x if c[i] else y


@njit(cache=True, parallel=True)
def neg(a, out):
    """out = -a, multi-threaded."""
    for i in prange(out.size):
        out[i] = -a[i]


@njit(cache=True, parallel=True, error_model="numpy")
def exp(a, out):
    """out = exp(a) (fast_math's vectorised version), multi-threaded; float32/float64."""
    for i in prange(out.size):
        out[i] = exp_(a[i])


@njit(cache=True, parallel=True, error_model="numpy")
def log(a, out):
    """out = log(a) (fast_math's vectorised version), multi-threaded; float32/float64."""
    for i in prange(out.size):
        out[i] = log_(a[i])


@njit(cache=True, parallel=True, error_model="numpy")
def tanh(a, out):
    """out = tanh(a) (fast_math's vectorised version), multi-threaded; float32/float64."""
    for i in prange(out.size):
        out[i] = tanh_(a[i])


@njit(cache=True, parallel=True, error_model="numpy")
def sigmoid(a, out):
    """out = sigmoid(a) (fast_math's vectorised version), multi-threaded; float32/float64."""
    for i in prange(out.size):
        out[i] = sigmoid_(a[i])
