"""The memory budget and bounded display through the front ends, each under a hard limit so that a failure cannot take the
machine down: the REPL (pexpect) under an RLIMIT_AS, `gradbook run` (a subprocess) in a 512 MB memory
cgroup (skipped only where no cgroup can be created), and GRADBOOK_MEMORY bounding lists and strings."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.slow

GRADBOOK = Path(sys.executable).with_name("gradbook")
TIMEOUT = 60
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
ADDRESS_SPACE_KB = 3 << 20  # 3 GiB of address space: the budget is half of it


def test_repl_refuses_a_tensor_beyond_the_budget_and_keeps_going(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), GRADBOOK_HISTORY=str(tmp_path / "history"), TERM="dumb",
               PROMPT_TOOLKIT_NO_CPR="1")
    env.pop("GRADBOOK_MEMORY", None)
    child = pexpect.spawn("/bin/sh", ["-c", f"ulimit -v {ADDRESS_SPACE_KB} && exec {GRADBOOK}"], env=env,
                          cwd=str(tmp_path), dimensions=(50, 250), encoding="utf-8", timeout=TIMEOUT)
    try:
        def enter(line: str) -> str:
            child.send(line + "\r")
            child.expect_exact("gradbook> ")
            text = ANSI.sub("", child.before).replace("\r", "")
            return text[text.find(line) + len(line):]

        child.expect_exact("gradbook> ")
        assert "error" not in enter("let p = ones' [250000000]")  # 1 GB of the 1.5 GiB budget
        text = enter("let q = ones' [250000000]")
        assert "error: ones': a [250000000] tensor needs 953.7 MiB, more than the" in text
        assert "left of the memory budget of 1.5 GiB (live tensors hold 953.7 MiB)" in text
        assert "memory 1.5 GiB (the default: 50% of the 3.0 GiB of RLIMIT_AS)" in enter(":set memory")
        assert "250000000" in enter("numel p")
        text = enter("reshape [100000000, 0] (zeros' [0])")  # its text alone was gigabytes
        assert "Tensor Float [100000000,0] [[]," in text and "(100000000 empty rows: the first and last 3" in text
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)


def _make_cgroup(parent: Path, limit_file: str, limit: int) -> Path | None:
    folder = parent / f"gradbook-test-{uuid.uuid4().hex[:8]}"
    try:
        folder.mkdir()
        (folder / limit_file).write_text(str(limit))
        return folder
    except OSError:
        if folder.exists():
            folder.rmdir()
        return None


def _memory_cgroup(limit: int) -> Path | None:
    """A fresh memory cgroup limited to `limit` bytes: v2 where its memory controller is enabled, else v1."""
    own = Path("/proc/self/cgroup").read_text().splitlines()
    v2 = next((line.split(":", 2)[2] for line in own if line.startswith("0::")), None)
    if v2 is not None:
        for root in ("/sys/fs/cgroup", "/sys/fs/cgroup/unified"):
            parent = Path(root + v2.rstrip("/"))
            control = parent / "cgroup.subtree_control"
            if control.exists() and "memory" in control.read_text().split():
                folder = _make_cgroup(parent, "memory.max", limit)
                if folder is not None:
                    return folder
    v1 = next((line.split(":", 2)[2] for line in own if ":memory:" in line), None)
    if v1 is not None:
        return _make_cgroup(Path("/sys/fs/cgroup/memory" + v1.rstrip("/")), "memory.limit_in_bytes", limit)
    return None


def test_an_800_mb_tensor_in_a_512_mb_cgroup_is_a_clear_error(tmp_path):
    folder = _memory_cgroup(512 << 20)
    if folder is None:
        pytest.skip("no memory cgroup can be created here")
    try:
        lesson = tmp_path / "big.gb"
        lesson.write_text("let small = ones' [2]\nlet big = ones' [200000000]\n")
        env = {key: value for key, value in os.environ.items() if key != "GRADBOOK_MEMORY"}
        command = f"echo $$ > {folder}/cgroup.procs && exec {GRADBOOK} run {lesson}"
        proc = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, timeout=TIMEOUT, env=env)
        assert proc.returncode == 1, (proc.returncode, proc.stderr)  # 137 would be the OOM killer
        assert "big.gb:2:11: error: ones': a [200000000] tensor needs 762.9 MiB, more than the" in proc.stderr
        assert "memory budget of 256.0 MiB" in proc.stderr
    finally:
        for _ in range(50):
            try:
                folder.rmdir()
                break
            except OSError:  # the process is still leaving the cgroup
                time.sleep(0.1)


def test_gradbook_memory_bounds_lists_and_strings(tmp_path):
    lesson = tmp_path / "lists.gb"
    lesson.write_text("print (length (replicate 1000 'a'))\nprint (length (replicate 1000000000 'a'))\n")
    proc = subprocess.run([str(GRADBOOK), "run", str(lesson)], capture_output=True, text=True, timeout=TIMEOUT,
                          env=dict(os.environ, GRADBOOK_MEMORY="200M"))
    assert proc.returncode == 1 and proc.stdout == "1000\n"
    assert ("lists.gb:2:16: error: replicate: a list of 1000000000 elements needs 7.5 GiB, more than the memory "
            "budget of 200.0 MiB") in proc.stderr
