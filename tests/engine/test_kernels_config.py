"""The kernels package's Numba setting (512-bit vectors on AVX-512 hosts): applied in a fresh process,
never over a user's own NUMBA_CPU_FEATURES, and importing the engine compiles nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = (
    "import json, llvmlite.binding as ll\n"
    "import gradbook.engine\n"
    "from numba import config\n"
    "from gradbook.engine.tensors.kernels import elementwise, fast_math, fast_reduce\n"
    "compiled = sum(len(d.overloads) for m in (elementwise, fast_math, fast_reduce) for d in vars(m).values()\n"
    "               if hasattr(d, 'overloads'))\n"
    "print(json.dumps({'features': config.CPU_FEATURES, 'avx512': bool(ll.get_host_cpu_features().get('avx512f')),\n"
    "                  'compiled': compiled}))\n"
)


def _probe(**env_extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUMBA_CPU")}
    env.update(env_extra)
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_wide_vectors_on_avx512_hosts_and_nothing_compiled_at_import():
    seen = _probe()
    if seen["avx512"]:
        assert seen["features"].endswith(",-prefer-256-bit")
        assert "+avx512f" in seen["features"]
    else:
        assert seen["features"] is None
    assert seen["compiled"] == 0


def test_a_users_numba_cpu_features_win():
    seen = _probe(NUMBA_CPU_FEATURES="+sse2")
    assert seen["features"] == "+sse2"


def _malloc_probe(**env_extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    env.update(env_extra)
    code = "import gradbook.engine.tensors.kernels as k; print(k.MALLOC_TUNED)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_freed_memory_is_kept_on_glibc_unless_the_user_tunes_malloc():
    import platform

    expected = str(sys.platform == "linux" and platform.libc_ver()[0] == "glibc")
    assert _malloc_probe() == expected
    assert _malloc_probe(MALLOC_ARENA_MAX="2") == "False"
