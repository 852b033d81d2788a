"""The checks for exercises and the derivative builtins through a real kernel (jupyter_client): a passed
`gradCheck`/`checkGrad` is the cell's result, a failed one an error reply (ename CheckFailed), so nbgrader's
autograder marks the cell failed; and a kernel whose `sin` has a wrong gradient rule fails `gradCheck`."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

sys.path.insert(0, str(Path(__file__).parent))
from conftest import KernelDriver  # noqa: E402

CHECK = "gradCheck (\\t -> sumAll (sin t * t)) (asTensor [0.5, 1.0, 2.0])"
PASSED = re.compile(r"gradCheck passed: grad agrees with central differences at all 3 elements "
                    r"\(largest relative error (0|\d(\.\d)?e-\d+), tolerance 1e-5\)")


def test_a_passed_check_is_the_cells_result(kernel):
    run = kernel.execute(CHECK)
    assert run.reply["status"] == "ok"
    assert PASSED.fullmatch(run.plain[0])
    run = kernel.execute("checkGrad (\\t -> 2 * t) (\\t -> sumAll (t * t)) (asTensor [1.0, -2.0])")
    assert run.plain == ["checkGrad passed: your gradient matches grad at all 2 elements (largest relative "
                         "error 0, tolerance 1e-4)"]


def test_a_failed_check_is_an_error_reply_and_bindings_stay(kernel):
    kernel.execute("let x = asTensor [[1.0, -2.0], [0.0, 4.0]]")
    run = kernel.execute("checkGrad (\\t -> 3 * t) (\\t -> sumAll (t * t * t)) x")
    assert run.reply["status"] == "error" and run.reply["ename"] == "CheckFailed"
    assert run.reply["evalue"] == ("checkGrad failed: your gradient differs from grad at 2 of 4 elements: at "
                                   "[0,1] yours -6, grad 12; at [1,1] yours 12, grad 48")
    assert run.of_type("error")[0]["content"]["traceback"][1] == (
        "  checkGrad (\\t -> 3 * t) (\\t -> sumAll (t * t * t)) x")
    assert kernel.execute("shape x").plain == ["[2,2]"]


def test_derivatives_show_their_numbers(kernel):
    assert kernel.execute("jacobian tanh (asTensor ([0, 1] :: [Float]))").plain == [
        "Tensor Float [2,2] [[ 1.0000   ,  0.0000],\n                    [ 0.0000,  0.4200   ]]"]
    assert kernel.execute("hessian (\\t -> sumAll (t * t * t)) (asTensor [1.0, 2.0])").plain == [
        "Tensor Double [2,2] [[ 6.0000   ,  0.0000],\n                     [ 0.0000,  12.0000   ]]"]
    assert kernel.execute("snd (vjp tanh (asTensor [0.0, 1.0]) (asTensor [1.0, 2.0]))").plain == [
        "Tensor Double [2] [ 1.0000   ,  0.8399   ]"]


@pytest.fixture
def wrong_sin_kernel(jupyter_sandbox: Path):
    spec = jupyter_sandbox / "share" / "jupyter" / "kernels" / "gradbook-wrong-sin"
    spec.mkdir(parents=True, exist_ok=True)
    launcher = Path(__file__).with_name("wrong_rule_kernel.py")
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, str(launcher), "-f", "{connection_file}"],
        "display_name": "Gradbook (wrong sin rule, tests only)", "language": "gradbook",
    }), encoding="utf-8")
    driver = KernelDriver.__new__(KernelDriver)
    from jupyter_client.manager import start_new_kernel

    driver.km, driver.kc = start_new_kernel(kernel_name="gradbook-wrong-sin", startup_timeout=60)
    yield driver
    driver.close()


def test_grad_check_fails_in_a_kernel_with_a_wrong_rule(wrong_sin_kernel):
    run = wrong_sin_kernel.execute(CHECK)
    assert run.reply["status"] == "error" and run.reply["ename"] == "CheckFailed"
    assert run.reply["evalue"] == (
        "gradCheck failed: grad and central differences disagree at 2 of 3 elements; the largest relative error "
        "is 0.416 (tolerance 1e-5) at [2]: grad gives 0.4932, the differences 0.077")
    # the same kernel's other rules are right: a check that does not go through sin passes
    assert PASSED.fullmatch(wrong_sin_kernel.execute(
        "gradCheck (\\t -> sumAll (cos t * t)) (asTensor [0.5, 1.0, 2.0])").plain[0])
