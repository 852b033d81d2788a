"""Numba kernels: plain loops over NumPy arrays that never see a Tensor, compiled lazily and cached.
Importing the package lets LLVM use 512-bit vectors on AVX-512 hosts and keeps freed array memory mapped
(see below)."""
from __future__ import annotations

import os
import sys

# Why: Numba inherits LLVM's "prefer 256-bit vectors" tuning for these CPUs, which left the vectorised
# exp/tanh (fast_math.py) ~1.4x slower than NumPy's AVX-512 loops. The fix is a Numba setting for the whole
# process (the host's own feature list plus `-prefer-256-bit`), applied only if Numba has compiled nothing
# yet and the user set neither NUMBA_CPU_FEATURES nor NUMBA_CPU_NAME.


def _prefer_wide_vectors() -> None:
    if os.environ.get("NUMBA_CPU_FEATURES") or os.environ.get("NUMBA_CPU_NAME"):
        return  # the user chose; respect it
    try:
        import llvmlite.binding as ll
        from numba import config
        from numba.core import registry

        if config.CPU_FEATURES is not None or "_toplevel_target_context" in vars(registry.cpu_target):
            return  # set already, or Numba's code generator exists: too late to change it consistently
        features = ll.get_host_cpu_features()
        if features.get("avx512f"):
            config.CPU_FEATURES = features.flatten() + ",-prefer-256-bit"
    except Exception:  # pragma: no cover - never let a speed setting break the import
        return


_prefer_wide_vectors()


# Why keep freed memory: glibc returns the top of the heap to the OS once more than M_TRIM_THRESHOLD is
# free (dynamically 2x the largest freed block), so after a few 4 MB arrays are freed together, every new
# array faults its pages in again. Measured on 1M-float32 forward+backward steps: 1.1-1.4 ms in the good
# state, 5-6 ms once in that state, for NumPy as much as for Gradbook (PyTorch keeps its own cache).
# Fixed thresholds keep up to 256 MB of freed heap for reuse; blocks above 32 MB still come from and go
# back to the OS directly. Skipped where there is no glibc, or when the user set the MALLOC_* variables.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameter numbers
TRIM_THRESHOLD = 256 << 20
MMAP_THRESHOLD = 32 << 20  # glibc's largest allowed value on 64-bit


def _keep_freed_memory() -> bool:
    if sys.platform != "linux" or any(k.startswith("MALLOC_") for k in os.environ):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
            libc.mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return False


MALLOC_TUNED = _keep_freed_memory()
