"""Numba kernels: plain loops over NumPy arrays that never see a Tensor, compiled lazily and cached.
Importing the package lets LLVM use 512-bit vectors on AVX-512 hosts, keeps freed array memory mapped and
keeps Numba's and OpenBLAS's thread counts within the process's CPU quota (see below)."""
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


# Why follow the CPU limits: Numba and OpenBLAS start one thread per CPU of the host (or of the affinity
# mask), but a container's CPU quota (cgroup cpu.max) can allow fewer; their threads then wait for each
# other's time slices. The counts are lowered to limits.cpu_count() only where that is smaller, and never
# when the user set NUMBA_NUM_THREADS / OPENBLAS_NUM_THREADS / OMP_NUM_THREADS.


def _affinity() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _follow_cpu_limits() -> int:
    """The thread count Numba and BLAS use here: limits.cpu_count() (affinity and quota)."""
    from gradbook.engine.tensors.limits import cpu_count

    count = cpu_count()
    if count >= _affinity():
        return count
    if "NUMBA_NUM_THREADS" not in os.environ:
        if "numba" not in sys.modules:
            os.environ["NUMBA_NUM_THREADS"] = str(count)  # read once, when Numba is imported
        else:  # Numba was imported before the engine: lower the share of this thread (the one that runs ops)
            import numba

            numba.set_num_threads(min(count, numba.config.NUMBA_NUM_THREADS))
    if not any(name in os.environ for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")):
        _set_blas_threads(count)
    return count


def _set_blas_threads(count: int) -> None:
    """OpenBLAS (NumPy's wheels bundle it as scipy-openblas) reads its count as it loads: set it through its
    own function instead."""
    try:
        import ctypes
        import glob

        import numpy

        folder = os.path.dirname(os.path.dirname(numpy.__file__))
        for path in glob.glob(os.path.join(folder, "numpy.libs", "libscipy_openblas*.so*")):
            library = ctypes.CDLL(path)
            for name in ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                         "openblas_set_num_threads"):
                setter = getattr(library, name, None)
                if setter is not None:
                    setter(ctypes.c_int(count))
                    break
    except Exception:  # pragma: no cover - never let a speed setting break the import
        return


THREADS = _follow_cpu_limits()
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
