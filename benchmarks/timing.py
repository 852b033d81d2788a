"""Shared pieces of the benchmarks: the best-of-batches timer and the `Row` every benchmark returns."""
from __future__ import annotations

import gc
import time
from dataclasses import dataclass
from typing import Callable


@dataclass
class Row:
    """One line of the table. Times are in `unit` ("us", "ms" or "s"); `numpy`/`torch` are the same work
    done by those libraries in the same run (None: not applicable or not installed). `met` is the
    verdict against `target` (None when there is no target)."""

    name: str
    ours: float
    unit: str
    numpy: float | None = None
    torch: float | None = None
    target: str = ""
    met: bool | None = None


_SCALE = {"us": 1e6, "ms": 1e3, "s": 1.0}


def best_time(fn: Callable[[], object], unit: str = "us", batch_seconds: float = 0.02, batches: int = 7) -> float:
    """The fastest per-call time of `fn` over `batches` batches of calls, each batch lasting about
    `batch_seconds`. The minimum is the figure least disturbed by other processes on a shared machine;
    every library is timed the same way. The first call (compilation, caches) is never timed, and a
    short pause first lets the previous library's worker threads (OpenMP, OpenBLAS) stop spinning."""
    time.sleep(0.3)
    fn()
    start = time.perf_counter()
    fn()
    once = max(time.perf_counter() - start, 1e-7)
    number = max(1, int(batch_seconds / once))
    best = float("inf")
    for _ in range(batches):
        gc.collect()  # start each batch clean; the collector stays on (cycles must not pile up)
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best * _SCALE[unit]


def torch_or_none():
    """The `torch` module when importable (an optional comparison, never a dependency), else None."""
    try:
        import torch
    except ImportError:
        return None
    return torch
