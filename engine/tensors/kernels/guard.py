"""`njit`: Numba's decorator, with each kernel's compile (and cache load) run where interrupts are deferred
(engine/tensors/interrupts.py), so a Ctrl-C that lands while Numba compiles takes effect once the compile
has finished and leaves Numba's registries and the kernel cache consistent.

Every compile of a dispatcher goes through its `_compile_for_args` (the dispatcher's C call path looks it up
on the instance when no compiled version fits the arguments), and kernels compiled from inside another
kernel's compile run under the outer one's guard; so wrapping that one method per kernel covers them all.
"""
from __future__ import annotations

from typing import Any, Callable

import numba

from gradbook.engine.tensors.interrupts import deferred


def guard(dispatcher: Any) -> Any:
    """Make `dispatcher` (a Numba CPUDispatcher) compile with interrupts deferred; returns it."""
    compile_for_args = dispatcher._compile_for_args

    def _compile_for_args(*args: Any, **kws: Any) -> Any:
        with deferred():
            return compile_for_args(*args, **kws)

    dispatcher._compile_for_args = _compile_for_args
    return dispatcher


def njit(*args: Any, **options: Any) -> Any:
    """`numba.njit`, guarded: `@njit(cache=True)` or `@njit` as with Numba."""
    if len(args) == 1 and callable(args[0]) and not options:
        return guard(numba.njit(args[0]))
    decorate: Callable = numba.njit(*args, **options)
    return lambda function: guard(decorate(function))
