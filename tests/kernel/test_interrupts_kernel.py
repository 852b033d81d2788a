"""Ctrl-C in the kernel (jupyter_client's interrupt_kernel) at any moment (issue 11, items 1, 7 and 10): in
first compiles on a cold Numba cache, in a large matmul (honoured within seconds, not at its end), in
recursion 100,000 deep; and a Hypothesis fuzz of random cells and interrupts at random delays."""
from __future__ import annotations

import os
import queue
import random
import time

import pytest

from tests.kernel.conftest import TIMEOUT, KernelDriver

pytestmark = pytest.mark.slow


class ColdKernel(KernelDriver):
    """A kernel with a Numba cache of its own (empty at first)."""

    def __init__(self, cache: str) -> None:
        from jupyter_client.manager import start_new_kernel

        env = dict(os.environ, NUMBA_CACHE_DIR=cache)
        self.km, self.kc = start_new_kernel(kernel_name="gradbook", startup_timeout=TIMEOUT, env=env)


def interrupted(kernel: KernelDriver, code: str, delay: float, timeout: float = TIMEOUT):
    """Execute `code`, interrupt after `delay`; (reply content, seconds from interrupt to reply, stderr)."""
    msg_id = kernel.kc.execute(code)
    time.sleep(delay)
    kernel.km.interrupt_kernel()
    sent = time.monotonic()
    while True:
        reply = kernel.kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    took = time.monotonic() - sent
    stderr = []
    while True:
        try:
            msg = kernel.kc.get_iopub_msg(timeout=2)
        except queue.Empty:
            break
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stderr":
            stderr.append(msg["content"]["text"])
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    return reply["content"], took, "".join(stderr)


@pytest.fixture
def cold_kernel(jupyter_sandbox, tmp_path):
    driver = ColdKernel(str(tmp_path / "numba"))
    yield driver
    driver.close()


COLD_OPS = ["sin (ones' [3])", "exp (ones' [4]) * 2", "sumAll (ones' [5] - 3)", "mean (tanh (ones' [2, 2]))",
            "matmul (ones' [2, 3]) (ones' [3, 2])", "softmax (Dim 0) (ones' [4])", "cos (ones' [3]) / 3",
            "relu (ones' [2] - 5)", "sigmoid (ones' [3, 1])", "log (full' [2] 2.0)"]
COLD_DELAYS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9, 0.15, 0.25]


def test_interrupts_during_first_compiles_leave_the_kernel_working(cold_kernel):
    from gradbook.engine.language.session import Session

    expected = {op: Session().run(op).outputs[0].text for op in COLD_OPS}
    assert cold_kernel.execute("let kept = 42").reply["status"] == "ok"
    for op, delay in zip(COLD_OPS, COLD_DELAYS):
        reply, _, stderr = interrupted(cold_kernel, op, delay)
        assert reply["status"] in ("ok", "error") and stderr == ""
        if reply["status"] == "error":
            assert reply["ename"] == "Interrupted", reply
        again = cold_kernel.execute(op)
        assert again.reply["status"] == "ok" and again.plain == [expected[op]], op
        assert cold_kernel.execute("kept").plain == ["42"]


def test_a_large_matmul_is_interrupted_within_seconds(kernel):
    assert kernel.execute("let big = ones' [8000, 8000]").reply["status"] == "ok"
    reply, took, stderr = interrupted(kernel, "sumAll (matmul big big)", 0.5)
    assert reply["status"] == "error" and reply["ename"] == "Interrupted"
    assert took < 4, took  # one block of the product at most (the whole one takes ~10 s here)
    assert kernel.execute("sumAll (matmul (ones' [2, 2]) (ones' [2, 2]))").plain == ["Tensor Float []  8.0000   "]


def test_deep_recursion_and_an_interrupt_inside_it(kernel):
    assert kernel.execute("let down n = if n == 0 then 0 else 1 + down (n - 1)").reply["status"] == "ok"
    assert kernel.execute("down 100000", timeout=120).plain == ["100000"]
    reply, _, _ = interrupted(kernel, "down 90000000", 1.5)
    assert reply["status"] == "error" and reply["ename"] == "Interrupted"
    assert kernel.execute("down 10").plain == ["10"]


CELL_TEXTS = [
    "1 + 2", "sin (ones' [3]) * 2", "sumAll (exp (ones' [4]))", "matmul (ones' [3, 2]) (ones' [2, 3])",
    "let t = ones' [2, 2] + 1", "mean (tanh (ones' [5]))", "foldLoop 0 3000000 (\\acc i -> acc + i)",
    "softmax (Dim 0) (ones' [6])", "grad (sumAll (toDependent w * 3)) [w]", "let f n = if n == 0 then 0 else f (n - 1)",
    "f 20000", "x +", "let = 3", "[1, 2", "unknownName", "ones' [2] + ones' [3]", 'putStrLn "\\55296"',
    "\ufeffprint 7", ":type sin", "sumAll (matmul (ones' [300, 300]) (ones' [300, 300]))", "(\\x -> x) 1 2",
    "head []", "relu (ones' [3] - 2)", "cos (ones' [2]) / 0",
]
FUZZ = {"cells": 0, "interrupts": 0, "internal": 0}


@pytest.fixture(scope="module")
def fuzz_kernel(jupyter_sandbox):
    driver = KernelDriver()
    assert driver.execute("let sentinel = 1234\nw <- makeIndependent (ones' [2])").reply["status"] == "ok"
    yield driver
    driver.close()
    print(f"\nfuzzed cells {FUZZ['cells']}, interrupts {FUZZ['interrupts']}, internal errors {FUZZ['internal']}")


def test_fuzz_cells_and_interrupts_never_lose_the_session(fuzz_kernel):
    """40 cells drawn from CELL_TEXTS, three in four interrupted after a random delay of up to 1 s. The draws come
    from a seeded generator, not Hypothesis's engine: in one full run of the suite that engine spun for over
    15 minutes of CPU without sending a cell, which would time CI out."""
    rng = random.Random(20261201)
    for _ in range(40):
        cell = rng.choice(CELL_TEXTS)
        delay = None if rng.random() < 0.25 else rng.uniform(0.0, 1.0)
        FUZZ["cells"] += 1
        if delay is None:
            reply = fuzz_kernel.execute(cell).reply
        else:
            FUZZ["interrupts"] += 1
            reply, _, stderr = interrupted(fuzz_kernel, cell, delay)
            assert stderr == "", cell
        FUZZ["internal"] += reply.get("ename") == "InternalError"
        assert reply.get("ename") != "InternalError", (cell, reply)
        assert fuzz_kernel.execute("sentinel").plain == ["1234"], cell
        assert fuzz_kernel.execute("sumAll (ones' [3] * 2)").plain == ["Tensor Float []  6.0000   "], cell
