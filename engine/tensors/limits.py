"""What the host lets this process use: the effective memory limit (the smallest of a cgroup v2
`memory.max`, a cgroup v1 `memory.limit_in_bytes` along this process's cgroup path, an RLIMIT_AS, and
physical memory) and the CPUs it may run on (affinity and a cgroup `cpu.max` quota), for the memory
budget and for Numba's and BLAS's thread counts. Reads a few small files; imports nothing heavy."""
from __future__ import annotations

import math
import os

CGROUP_ROOT = "/sys/fs/cgroup"
_NO_LIMIT = 1 << 60  # cgroup v1 writes "no limit" as a huge page-rounded number


def _read(path: str) -> str | None:
    try:
        with open(path) as handle:
            return handle.read().strip()
    except OSError:
        return None


def _cgroup_paths(proc_cgroup: str | None = None) -> tuple[str | None, str | None, str | None]:
    """(v2 path, v1 memory path, v1 cpu path) of this process, from /proc/self/cgroup."""
    text = proc_cgroup if proc_cgroup is not None else (_read("/proc/self/cgroup") or "")
    v2 = memory = cpu = None
    for line in text.splitlines():
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        controllers = parts[1].split(",")
        if parts[0] == "0" and parts[1] == "":
            v2 = parts[2]
        if "memory" in controllers:
            memory = parts[2]
        if "cpu" in controllers:
            cpu = parts[2]
    return v2, memory, cpu


def _along(root: str, path: str, name: str) -> list[str]:
    """The values of file `name` in the cgroup at `path` and each of its ancestors, under `root`."""
    values = []
    parts = [part for part in path.split("/") if part]
    for depth in range(len(parts), -1, -1):
        value = _read(os.path.join(root, *parts[:depth], name))
        if value is not None:
            values.append(value)
    return values


def _v2_roots() -> list[str]:
    return [CGROUP_ROOT, os.path.join(CGROUP_ROOT, "unified")]


def physical_memory() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover - non-POSIX
        return 8 << 30


def memory_limit(proc_cgroup: str | None = None, root: str | None = None) -> tuple[int, str]:
    """(bytes, where the limit comes from) for this process: the smallest limit that applies."""
    limit, source = physical_memory(), "physical memory"
    base = root or CGROUP_ROOT
    v2, v1, _ = _cgroup_paths(proc_cgroup)
    found: list[tuple[int, str]] = []
    if v2 is not None:
        for v2_root in ([base, os.path.join(base, "unified")] if root else _v2_roots()):
            for value in _along(v2_root, v2, "memory.max"):
                if value.isdigit():
                    found.append((int(value), "cgroup memory.max"))
    if v1 is not None:
        for value in _along(os.path.join(base, "memory"), v1, "memory.limit_in_bytes"):
            if value.isdigit() and int(value) < _NO_LIMIT:
                found.append((int(value), "cgroup memory.limit_in_bytes"))
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
        if soft != resource.RLIM_INFINITY and soft > 0:
            found.append((soft, "RLIMIT_AS"))
    except (ImportError, OSError, ValueError):  # pragma: no cover - non-POSIX
        pass
    for value, where in found:
        if value < limit:
            limit, source = value, where
    return limit, source


def cpu_count(proc_cgroup: str | None = None, root: str | None = None) -> int:
    """The CPUs this process may use: its affinity, lowered by a cgroup `cpu.max` (v2) or
    `cpu.cfs_quota_us`/`cpu.cfs_period_us` (v1) quota, rounded up; at least 1."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        count = os.cpu_count() or 1
    base = root or CGROUP_ROOT
    v2, _, v1 = _cgroup_paths(proc_cgroup)
    quotas: list[float] = []
    if v2 is not None:
        for v2_root in ([base, os.path.join(base, "unified")] if root else _v2_roots()):
            for value in _along(v2_root, v2, "cpu.max"):
                words = value.split()
                if len(words) == 2 and words[0].isdigit() and words[1].isdigit() and int(words[1]) > 0:
                    quotas.append(int(words[0]) / int(words[1]))
    if v1 is not None:
        folder = os.path.join(base, "cpu")
        quota = _along(folder, v1, "cpu.cfs_quota_us")
        period = _along(folder, v1, "cpu.cfs_period_us")
        for q, p in zip(quota, period):
            if q.lstrip("-").isdigit() and p.isdigit() and int(q) > 0 and int(p) > 0:
                quotas.append(int(q) / int(p))
    for quota in quotas:
        count = min(count, max(1, math.ceil(quota)))
    return max(1, count)
