"""Engine start-up (issue 2): a new Python process importing `gradbook.engine`, and one also evaluating the
seed's graph, with a warm Numba cache and with an empty one (the first run after install)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from benchmarks.timing import Row, torch_or_none

IMPORT_ONLY = "import gradbook.engine"
SEED = (
    "from gradbook.engine import grad, make_independent, mean, ones, to_dependent\n"
    "a = make_independent(ones([2, 2]))\n"
    "b = to_dependent(a) + 2\n"
    "g = grad(mean(b * b * 3), [a])\n"
    "assert g[0].numpy().tolist() == [[4.5, 4.5], [4.5, 4.5]], g\n"
)
TORCH_SEED = (
    "import torch\n"

# Each process gets its own NUMBA_CACHE_DIR: a fresh empty folder for "cold", a folder filled by one
# earlier run for "warm". Python's bytecode caches are warm in both cases (pip compiles them at install;
# PYTHONDONTWRITEBYTECODE is dropped from the child's environment so that they exist here too).
    "a = torch.ones(2, 2, requires_grad=True)\n"
    "b = a + 2\n"
    "g = torch.autograd.grad((b * b * 3).mean(), [a])\n"
)


def run_seconds(code: str, cache_dir: str) -> float:
    """Wall time of `python -c code` from launch to exit, with Numba caching into `cache_dir`."""
    env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's Python keeps its bytecode caches; so do we here
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=tempfile.gettempdir(),
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def warm_seconds(code: str, runs: int = 3) -> float:
    with tempfile.TemporaryDirectory(prefix="gradbook-numba-") as cache:
        run_seconds(code, cache)  # fills the cache
        return min(run_seconds(code, cache) for _ in range(runs))


def cold_seconds(code: str, runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="gradbook-numba-") as cache:
            best = min(best, run_seconds(code, cache))
    return best


def rows() -> list[Row]:
    torch = torch_or_none()
    torch_seed = warm_seconds(TORCH_SEED, runs=2) if torch is not None else None
    numpy_import = warm_seconds("import numpy")
    warm_import = warm_seconds(IMPORT_ONLY)
    warm_seed = warm_seconds(SEED)
    cold_seed = cold_seconds(SEED)
    return [
        Row("start-up: import gradbook.engine, warm", warm_import, "s", numpy_import, None, "(info)", None),
        Row("start-up: import + seed graph, warm cache", warm_seed, "s", None, torch_seed, "<= 1.0 s",
            warm_seed <= 1.0),
        Row("start-up: import + seed graph, empty cache", cold_seed, "s", None, None, "<= 4.0 s",
            cold_seed <= 4.0),
    ]
