"""The allocation cap: every tensor-sized allocation asks `check_allocation` first, so an oversized
request fails with AllocationError before any memory is taken. Default: a quarter of physical memory."""
from __future__ import annotations

import os

import numpy as np

from gradbook.engine.tensors.errors import AllocationError, InvalidValueError


def _physical_memory() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover - non-POSIX
        return 8 << 30


_DEFAULT_CAP = _physical_memory() // 4
_cap = _DEFAULT_CAP


def set_memory_cap(bytes: int | None) -> int:  # noqa: A002 - the documented name
    """Set the largest single allocation in bytes (None restores the default); returns the old cap.

    >>> old = set_memory_cap(1 << 20)   # 1 MiB: `ones([1000, 1000])` now raises AllocationError
    >>> _ = set_memory_cap(old)
    """
    global _cap
    nbytes = bytes
    if nbytes is not None and (not isinstance(nbytes, (int, np.integer)) or isinstance(nbytes, bool) or nbytes <= 0):
        raise InvalidValueError(f"set_memory_cap: expected a positive number of bytes, got {nbytes!r}")
    old = _cap
    _cap = _DEFAULT_CAP if nbytes is None else int(nbytes)
    return old


def memory_cap() -> int:
    """The current allocation cap in bytes.

    >>> memory_cap() > 0
    True
    """
    return _cap


def format_shape(shape) -> str:
    """Hasktorch-style shape text: `[2,3]`."""
    return "[" + ",".join(str(int(s)) for s in shape) + "]"


def check_allocation(shape, np_dtype, what: str = "tensor") -> None:
    """Raise AllocationError if a `shape` array of `np_dtype` would exceed the cap."""
    n = 1
    for s in shape:
        n *= int(s)
    nbytes = n * np.dtype(np_dtype).itemsize
    if nbytes > _cap:
        raise AllocationError(
            f"{what}: a {format_shape(shape)} tensor needs {human_bytes(nbytes)}, more than the memory cap of "
            f"{human_bytes(_cap)} (raise it with set_memory_cap(bytes))"
        )


def empty(shape, np_dtype, what: str = "tensor") -> np.ndarray:
    """np.empty after checking the cap."""
    check_allocation(shape, np_dtype, what)
    return np.empty(shape, dtype=np_dtype)


def human_bytes(nbytes: int) -> str:
    """`8.0 MiB`: a byte count for messages."""
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if nbytes < 1024 or unit == "TiB":
            return f"{nbytes:.0f} {unit}" if unit == "bytes" else f"{nbytes:.1f} {unit}"
        nbytes /= 1024
    return str(nbytes)  # pragma: no cover
