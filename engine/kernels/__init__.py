"""Numba kernels: plain loops over NumPy arrays that never see a Tensor, compiled lazily and cached.
Importing the package lets LLVM use 512-bit vectors on AVX-512 hosts (see below)."""
from __future__ import annotations

import os

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
