"""The memory budget: live tensor arrays are counted until they die (views once), an allocation beyond what
is left is refused before it happens, and the default follows the effective limit (cgroup v2 memory.max,
cgroup v1 memory.limit_in_bytes, RLIMIT_AS, physical memory), read here from fake cgroup trees."""
from __future__ import annotations

import gc

import pytest

import gradbook.engine as E
from gradbook.engine.tensors import limits, memory
from gradbook.engine.tensors.errors import AllocationError, InvalidValueError


@pytest.fixture
def budget():
    old = E.set_memory_budget(64 << 20)
    yield
    E.set_memory_budget(old)


def test_live_tensors_count_until_they_die(budget):
    start = E.live_bytes()
    a = E.ones([1000, 1000])
    b = a + a
    view = E.reshape(b, [1000000])  # a view of b's array: counted once
    assert E.live_bytes() - start == 8_000_000
    del a, b
    gc.collect()
    assert E.live_bytes() - start == 4_000_000  # the view keeps b's array
    del view
    assert E.live_bytes() == start


def test_the_sum_of_live_tensors_is_bounded(budget):
    kept = [E.ones([5, 1 << 20]) for _ in range(3)]  # 60 MiB of the 64
    with pytest.raises(AllocationError, match=r"ones: a \[5,1048576\] tensor needs 20.0 MiB, more than the "
                                              r"[34][0-9.]+ MiB left of the memory cap of 64.0 MiB "
                                              r"\(live tensors hold 6[0-9.]+ MiB\)"):
        kept.append(E.ones([5, 1 << 20]))
    with pytest.raises(AllocationError):
        E.exp(kept[0])
    kept.pop()
    kept.append(E.exp(kept[0]))  # room again once one is gone
    assert len(kept) == 3


def test_parse_size():
    assert memory.parse_size("2G") == 2 << 30
    assert memory.parse_size("512M") == 512 << 20
    assert memory.parse_size("1.5GiB") == 3 << 29
    assert memory.parse_size("800MB") == 800 << 20
    assert memory.parse_size("123456") == 123456
    assert memory.parse_size("25%", limit=1000) == 250
    for bad in ("", "2X", "-1G", "0", "150%"):
        with pytest.raises(InvalidValueError):
            memory.parse_size(bad, limit=1000)


def write(root, relative, text):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_memory_limit_of_a_cgroup_v2_tree(tmp_path):
    write(tmp_path, "user.slice/memory.max", "1073741824\n")
    write(tmp_path, "user.slice/lesson/memory.max", "max\n")
    limit, source = limits.memory_limit("0::/user.slice/lesson\n", root=str(tmp_path))
    assert (limit, source) == (1 << 30, "cgroup memory.max")


def test_memory_limit_of_a_cgroup_v1_tree(tmp_path):
    write(tmp_path, "memory/box/memory.limit_in_bytes", "536870912\n")
    write(tmp_path, "memory/memory.limit_in_bytes", "9223372036854771712\n")  # v1's "no limit"
    text = "4:memory:/box\n1:cpu,cpuacct:/box\n0::/\n"
    assert limits.memory_limit(text, root=str(tmp_path)) == (512 << 20, "cgroup memory.limit_in_bytes")


def test_no_cgroup_means_physical_memory(tmp_path):
    limit, source = limits.memory_limit("0::/\n", root=str(tmp_path))
    assert limit == min(limits.physical_memory(), limit) and source in ("physical memory", "RLIMIT_AS")


def test_cpu_count_follows_the_quota(tmp_path):
    affinity = limits.cpu_count("0::/\n", root=str(tmp_path))
    write(tmp_path, "box/cpu.max", "50000 100000\n")  # half a CPU: one thread
    assert limits.cpu_count("0::/box\n", root=str(tmp_path)) == 1
    write(tmp_path, "cpu/box/cpu.cfs_quota_us", "-1\n")
    write(tmp_path, "cpu/box/cpu.cfs_period_us", "100000\n")
    assert limits.cpu_count("2:cpu,cpuacct:/box\n", root=str(tmp_path)) == affinity  # -1: no quota
