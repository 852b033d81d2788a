"""The checks for exercises and the derivative builtins typed into the REPL (pexpect, a real pseudo-terminal):
a passed gradCheck prints its verdict, a failed checkGrad its located error, and the session goes on."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_e2e import env, terminal  # noqa: E402,F401 - fixtures

pytestmark = pytest.mark.slow


def test_checks_and_derivatives_in_the_repl(terminal) -> None:
    terminal.enter("let f t = sumAll (t * t * t)")
    shown = terminal.enter("gradCheck f (asTensor [1.0, -2.0, 0.5])")
    assert re.fullmatch(r"gradCheck passed: grad agrees with central differences at all 3 elements \(largest "
                        r"relative error (0|\d(\.\d)?e-\d+), tolerance 1e-5\)\n", shown), shown
    shown = terminal.enter("checkGrad (\\t -> 3 * t) f (asTensor [1.0, -2.0, 0.5])")
    assert shown == (
        "<interactive>:1:1: error: checkGrad failed: your gradient differs from grad at 2 of 3 elements: at [1] "
        "yours -6, grad 12; at [2] yours 1.5, grad 0.75\n"
        "  checkGrad (\\t -> 3 * t) f (asTensor [1.0, -2.0, 0.5])\n"
        "  " + "^" * len("checkGrad (\\t -> 3 * t) f (asTensor [1.0, -2.0, 0.5])") + "\n")
    assert terminal.enter("hessian f (asTensor [1.0, 2.0])") == (
        "Tensor Double [2,2] [[ 6.0000   ,  0.0000],\n                     [ 0.0000,  12.0000   ]]\n")
    assert terminal.enter("fst (jvp tanh (asTensor [0.0]) (asTensor [1.0]))") == "Tensor Double [1] [ 0.0000]\n"
    assert terminal.quit() == 0
