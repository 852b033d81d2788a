"""The memory budget: the bytes of every live tensor array of TRACK_MIN bytes or more are counted (a weak
reference's callback gives them back when the array dies), and every tensor-sized allocation asks
`check_allocation` first, so a request beyond what is left of the budget fails with AllocationError before any memory is
taken. The default budget is DEFAULT_FRACTION of the effective limit (limits.py: a memory cgroup, an
address-space rlimit, else physical memory), or GRADBOOK_MEMORY (`2G`, `512M`, `50%`) when it is set.

`_cap` is what is left (the budget minus the live bytes): the hot paths of ops_base compare a request
with it directly, so the accounting costs them nothing but that comparison.
"""
from __future__ import annotations

import os
import re
import threading
import weakref

import numpy as np

from gradbook.engine.tensors import limits
from gradbook.engine.tensors.errors import AllocationError, InvalidValueError

DEFAULT_FRACTION = 0.5  # of the effective limit: the rest is the interpreter, the compiler and temporaries
TRACK_MIN = 1 << 16  # arrays below 64 KiB are not counted: the many small tensors of a lesson cost little
ENV = "GRADBOOK_MEMORY"

# How messages name the budget and the way to raise it; the session language puts its own words here.
WORDING = {"budget": "memory cap", "raise": "raise it with set_memory_cap(bytes)"}

_tracked: dict = {}  # id of a live base array -> its _Held reference
_live = 0
# Why freed bytes wait in a list: a weak reference's callback runs inside whatever allocation set off the
# collector, possibly in the middle of another thread's (or this thread's) `_live += n`; appending to a
# list is atomic, and `_settle` folds the list into `_live` under the lock. Until then `_cap` is lower
# than it could be, never higher, so a check that fails settles first and looks again.
_freed: list = []
_lock = threading.Lock()


def parse_size(text: str, limit: int | None = None) -> int:
    """Bytes from `2G`, `512M`, `1.5GiB`, `800MB`, `123456` or (of `limit`) `50%`; InvalidValueError else."""
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]*)?)\s*(%|[kKmMgGtT]?)(?:i?[bB])?\s*", str(text))
    if match is None:
        raise InvalidValueError(f"expected a size such as 2G, 512M or 50%, got {text!r}")
    number, unit = float(match.group(1)), match.group(2).upper()
    if unit == "%":
        if not 0 < number <= 100:
            raise InvalidValueError(f"a share of memory lies between 0% and 100%, got {text!r}")
        return int((limit if limit is not None else limits.memory_limit()[0]) * number / 100)
    nbytes = int(number * (1 << (10 * " KMGT".index(unit or " "))))
    if nbytes <= 0:
        raise InvalidValueError(f"a memory budget must be positive, got {text!r}")
    return nbytes


def default_budget() -> int:
    """GRADBOOK_MEMORY if it is set (and valid), else DEFAULT_FRACTION of the effective limit."""
    limit = limits.memory_limit()[0]
    text = os.environ.get(ENV, "").strip()
    if text:
        try:
            return parse_size(text, limit)
        except InvalidValueError:
            pass  # a bad setting must not stop the engine from importing; `:set memory` reports it
    return int(limit * DEFAULT_FRACTION)


_default = default_budget()
_budget = _default
_cap = _budget  # what is left of the budget


def _settle() -> None:
    """Fold the freed bytes into `_live` and recompute what is left; the caller holds `_lock`."""
    global _live, _cap
    while _freed:
        _live -= _freed.pop()
    _cap = max(0, _budget - _live)


def set_memory_budget(nbytes: int | None) -> int:
    """Set the budget for all live tensors together, in bytes (None restores the default); returns the old
    one. Tensors already alive stay; new ones must fit in what is left.

    >>> old = set_memory_budget(1 << 20)   # 1 MiB: `ones([1000, 1000])` now raises AllocationError
    >>> _ = set_memory_budget(old)
    """
    global _budget
    if nbytes is not None and (not isinstance(nbytes, (int, np.integer)) or isinstance(nbytes, bool) or nbytes <= 0):
        raise InvalidValueError(f"set_memory_budget: expected a positive number of bytes, got {nbytes!r}")
    with _lock:
        old = _budget
        _budget = _default if nbytes is None else int(nbytes)
        _settle()
    return old


def memory_budget() -> int:
    """The current budget in bytes.

    >>> memory_budget() > 0
    True
    """
    return _budget


def live_bytes() -> int:
    """The bytes held by live tensor arrays of TRACK_MIN bytes or more.

    >>> before = live_bytes(); t = ones([1000, 1000]); live_bytes() - before
    4000000
    """
    with _lock:
        _settle()
        return _live


# The names of the first API (a cap per allocation): the budget caps every allocation too.
set_memory_cap = set_memory_budget
memory_cap = memory_budget


class _Held(weakref.ref):
    """A weak reference to a counted base array that knows what to give back when the array dies (a
    weakref.ref callback: ~0.2 us to set up, against ~2 us for weakref.finalize)."""

    __slots__ = ("key", "nbytes")


def _release(held: _Held) -> None:
    if _tracked.get(held.key) is held:
        del _tracked[held.key]
        _freed.append(held.nbytes)


def track(data: np.ndarray) -> None:
    """Count `data`'s memory (its base array's, once however many tensors view it) until it is freed.
    Called for arrays of TRACK_MIN bytes or more as they become tensors; one made without asking
    `check_allocation` first (inside a NumPy routine) and over the budget is refused here."""
    global _live, _cap
    base = data
    while isinstance(base.base, np.ndarray):
        base = base.base
    key = id(base)
    if key in _tracked:
        return
    nbytes = base.nbytes
    held = _Held(base, _release)
    held.key, held.nbytes = key, nbytes
    with _lock:
        if key in _tracked:  # another thread counted it meanwhile
            return
        if nbytes > _cap:
            _settle()
            if nbytes > _cap:
                raise AllocationError(_refusal("tensor", f"a {format_shape(data.shape)} tensor", nbytes))
        _tracked[key] = held
        _live += nbytes
        _cap = max(0, _budget - _live)


def format_shape(shape) -> str:
    """Hasktorch-style shape text: `[2,3]`."""
    return "[" + ",".join(str(int(s)) for s in shape) + "]"


def _refusal(what: str, thing: str, nbytes: int) -> str:
    name = WORDING["budget"]
    if _live < TRACK_MIN:
        where = f"more than the {name} of {human_bytes(_budget)}"
    else:
        where = (f"more than the {human_bytes(_cap)} left of the {name} of {human_bytes(_budget)} "
                 f"(live tensors hold {human_bytes(_live)})")
    return f"{what}: {thing} needs {human_bytes(nbytes)}, {where}; {WORDING['raise']}"


def _fits_after_settling(nbytes: int) -> bool:
    with _lock:
        _settle()
        return nbytes <= _cap


def check_allocation(shape, np_dtype, what: str = "tensor") -> None:
    """Raise AllocationError if a `shape` array of `np_dtype` would exceed what is left of the budget."""
    n = 1
    for s in shape:
        n *= int(s)
    nbytes = n * np.dtype(np_dtype).itemsize
    if nbytes > _cap and not _fits_after_settling(nbytes):
        raise AllocationError(_refusal(what, f"a {format_shape(shape)} tensor", nbytes))


def check_bytes(nbytes: int, what: str, thing: str) -> None:
    """Raise AllocationError if `thing` (a list, a string, a text), about `nbytes` long, would not fit in
    what is left of the budget: the language bounds what it builds with this."""
    if nbytes > _cap and not _fits_after_settling(nbytes):
        raise AllocationError(_refusal(what, thing, nbytes))


def empty(shape, np_dtype, what: str = "tensor") -> np.ndarray:
    """np.empty after checking the budget."""
    check_allocation(shape, np_dtype, what)
    return np.empty(shape, dtype=np_dtype)


def human_bytes(nbytes: int) -> str:
    """`8.0 MiB`: a byte count for messages."""
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if nbytes < 1024 or unit == "TiB":
            return f"{nbytes:.0f} {unit}" if unit == "bytes" else f"{nbytes:.1f} {unit}"
        nbytes /= 1024
    return str(nbytes)  # pragma: no cover
