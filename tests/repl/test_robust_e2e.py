"""The REPL in a pseudo-terminal (pexpect) against what a careless or curious student does (issue 11): a
history file that cannot be one, Ctrl-C during first compiles on a cold Numba cache, recursion 100,000 deep
and Ctrl-C inside it."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pexpect
import pytest

from tests.repl.test_e2e import GRADBOOK, PROMPT, TIMEOUT, clean

pytestmark = pytest.mark.slow


def spawn(env: dict[str, str], cwd: Path) -> pexpect.spawn:
    child = pexpect.spawn(str(GRADBOOK), env=env, cwd=str(cwd), dimensions=(50, 250), encoding="utf-8",
                          timeout=TIMEOUT)
    child.expect_exact(PROMPT)
    return child


def enter(child: pexpect.spawn, line: str, timeout: float = TIMEOUT) -> str:
    child.send(line + "\r")
    child.expect_exact(PROMPT, timeout=timeout)
    shown = clean(child.before)
    return shown[shown.find(line) + len(line):].lstrip("\n")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return dict(os.environ, HOME=str(home), GRADBOOK_HISTORY=str(home / "history"), TERM="dumb",
                PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="250", LINES="50", NUMBA_CACHE_DIR=str(tmp_path / "numba"))


def history_targets(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    fifo = tmp_path / "a-fifo"
    os.mkfifo(fifo)
    return {"directory": folder, "device": Path("/dev/zero"), "fifo": fifo,
            "unwritable": Path("/proc/gradbook-history")}


@pytest.mark.parametrize("kind", ["directory", "device", "fifo", "unwritable"])
def test_history_that_cannot_be_a_file_warns_once_and_the_first_line_runs(env, tmp_path, kind):
    target = history_targets(tmp_path)[kind]
    child = spawn(dict(env, GRADBOOK_HISTORY=str(target)), tmp_path)
    try:
        before = clean(child.before)
        assert before.count("gradbook: the history file") == 1 and "kept in memory" in before
        assert "Traceback" not in before
        assert enter(child, "1 + 2") == "3\n"
        assert enter(child, "let x = 4") == ""
        assert enter(child, "x * 2") == "8\n"
        assert "Traceback" not in clean(child.before)
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)


COLD_OPS = ["sin (ones' [3])", "exp (ones' [4]) * 2", "sumAll (ones' [5] - 3)", "mean (tanh (ones' [2, 2]))",
            "matmul (ones' [2, 3]) (ones' [3, 2])", "softmax (Dim 0) (ones' [4])", "cos (ones' [3]) / 3",
            "relu (ones' [2] - 5)"]
COLD_DELAYS = [0.05, 0.15, 0.3, 0.5, 0.8, 0.2, 0.4, 1.0]


def test_ctrl_c_during_first_compiles_on_a_cold_cache(env, tmp_path):
    from gradbook.engine.language.session import Session

    expected = {op: Session().run(op).outputs[0].text for op in COLD_OPS}
    child = spawn(env, tmp_path)
    try:
        assert enter(child, "let kept = 42") == ""
        for op, delay in zip(COLD_OPS, COLD_DELAYS):
            child.send(op + "\r")
            time.sleep(delay)
            child.sendintr()
            child.expect_exact(PROMPT)
            first = clean(child.before)
            while child.expect_exact([PROMPT, pexpect.TIMEOUT], timeout=0.5) == 0:  # a Ctrl-C that came after
                first += clean(child.before)  # the run ended cleared an empty line: one more prompt
            assert "Traceback" not in first and "no compiled object" not in first
            assert enter(child, op) == expected[op] + "\n", op
            assert enter(child, "kept") == "42\n"
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)


def test_deep_recursion_and_ctrl_c_inside_it(env, tmp_path):
    child = spawn(env, tmp_path)
    try:
        assert enter(child, "let down n = if n == 0 then 0 else 1 + down (n - 1)") == ""
        assert enter(child, "down 100000", timeout=120) == "100000\n"
        child.send("down 90000000\r")  # deep and long: Ctrl-C lands in the recursion
        time.sleep(2.0)
        child.sendintr()
        child.expect_exact(PROMPT, timeout=60)
        assert "interrupted" in clean(child.before) and "Traceback" not in clean(child.before)
        assert enter(child, "down 10") == "10\n"
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
