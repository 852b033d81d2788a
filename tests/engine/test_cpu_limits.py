"""Numba's and OpenBLAS's thread counts follow the CPU quota: a process in a cgroup allowed half a CPU
(cgroup v2 cpu.max or v1 cpu.cfs_quota_us; skipped only where no such cgroup can be created) runs one
thread of each, and the user's own NUMBA_NUM_THREADS is kept."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PROBE = """
import ctypes, glob, os
import numpy, numba
import gradbook.engine
from gradbook.engine.tensors import kernels
folder = os.path.dirname(os.path.dirname(numpy.__file__))
blas = ctypes.CDLL(glob.glob(os.path.join(folder, "numpy.libs", "libscipy_openblas*.so*"))[0])
print(kernels.THREADS, numba.get_num_threads(), blas.scipy_openblas_get_num_threads64_())
"""


def _cpu_cgroup() -> Path | None:
    """A fresh cgroup allowed 50 ms of CPU per 100 ms: v2 where its cpu controller is on, else v1."""
    own = Path("/proc/self/cgroup").read_text().splitlines()
    name = f"gradbook-test-{uuid.uuid4().hex[:8]}"
    candidates = []
    v2 = next((line.split(":", 2)[2] for line in own if line.startswith("0::")), None)
    if v2 is not None:
        for root in ("/sys/fs/cgroup", "/sys/fs/cgroup/unified"):
            control = Path(root + v2.rstrip("/")) / "cgroup.subtree_control"
            if control.exists() and "cpu" in control.read_text().split():
                candidates.append((control.parent / name, "cpu.max", "50000 100000"))
    v1 = next((line.split(":", 2)[2] for line in own if "cpu" in line.split(":")[1].split(",")), None)
    if v1 is not None:
        candidates.append((Path("/sys/fs/cgroup/cpu" + v1.rstrip("/")) / name, "cpu.cfs_quota_us", "50000"))
    for folder, limit_file, value in candidates:
        try:
            folder.mkdir()
            (folder / limit_file).write_text(value)
            return folder
        except OSError:
            if folder.exists():
                folder.rmdir()
    return None


@pytest.fixture
def half_a_cpu():
    folder = _cpu_cgroup()
    if folder is None:
        pytest.skip("no CPU cgroup can be created here")
    yield folder
    for _ in range(50):
        try:
            folder.rmdir()
            return
        except OSError:  # the process is still leaving it
            time.sleep(0.1)


def probe(folder: Path, **env: str) -> list[str]:
    environment = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    environment.update(env)
    command = f'echo $$ > {folder}/cgroup.procs && exec "{sys.executable}" -c "$PROBE"'
    proc = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, timeout=120,
                          env=dict(environment, PROBE=PROBE))
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_threads_follow_the_cpu_quota(half_a_cpu):
    assert probe(half_a_cpu) == ["1", "1", "1"]


def test_the_users_numba_setting_is_kept(half_a_cpu):
    assert probe(half_a_cpu, NUMBA_NUM_THREADS="2")[1] == "2"
