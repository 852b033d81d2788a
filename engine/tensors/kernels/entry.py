"""Direct calls of compiled kernels for small arrays: a kernel's compiled entry point skips the Numba
dispatcher's argument typing (measured: 0.30 us -> 0.18 us per call on 4-element float32 arrays), which
is most of an op's cost on the tiny tensors of the tutorials."""
from __future__ import annotations

from typing import Callable

from gradbook.engine.tensors.kernels.fast_parallel import PAR_MIN

SMALL = PAR_MIN
"""Arrays below this many elements may use an entry point (larger ones keep the size dispatch of
elementwise.py, which may choose the parallel kernels)."""


def entry_point(kernel: Callable, args: tuple) -> Callable | None:
    """The compiled entry point of `kernel`'s sequential version for exactly the Numba types of `args`,
    once a call with these args has compiled it; None when there is none.

    The entry point does no type checking beyond the array itemsize: callers may use it only for
    arguments of the same dtypes and ranks as `args` (1-d C-contiguous arrays here)."""
    dispatcher = getattr(kernel, "sequential", kernel)
    overloads = getattr(dispatcher, "overloads", None)
    if overloads is None:
        return None
    try:
        from numba import typeof

        compiled = overloads.get(tuple(typeof(a) for a in args))
    except Exception:  # pragma: no cover - an argument Numba cannot type: stay on the dispatcher
        return None
    return getattr(compiled, "entry_point", None)
