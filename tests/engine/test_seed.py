"""The seed tutorial's computation, from Python: mean((a + 2) * (a + 2) * 3) for a = ones 2x2."""
import numpy as np

from gradbook.engine import (Float, IndependentTensor, grad, make_independent, mean, ones, requires_grad,
                             to_dependent)


def test_seed_gradient_is_4_5_everywhere():
    a = make_independent(ones([2, 2]))
    assert isinstance(a, IndependentTensor)
    b = to_dependent(a) + 2
    c = b * b * 3
    out = mean(c)
    assert requires_grad(b) and requires_grad(c) and requires_grad(out)
    assert out.item() == 27.0
    (g,) = grad(out, [a])
    assert g.dtype is Float and g.shape == (2, 2)
    np.testing.assert_array_equal(g.numpy(), np.full((2, 2), 4.5, np.float32))
    assert not requires_grad(g)


def test_seed_graph_records_ops():
    a = make_independent(ones([2, 2]))
    b = to_dependent(a) + 2
    c = b * b * 3
    assert b.grad_fn == "add" and c.grad_fn == "mul"
    assert b.inputs[0] is to_dependent(a)
    assert to_dependent(a).grad_fn is None and to_dependent(a).is_leaf_independent
    assert ones([2]).grad_fn is None


def test_importing_the_engine_compiles_no_kernel():
    """Kernels compile lazily, per dtype, on first use: a fresh process that imports the engine has no
    compiled specialisation in any kernel module."""
    import subprocess
    import sys

    probe = (
        "import gradbook.engine, pkgutil, importlib\n"
        "import gradbook.engine.tensors.kernels as K\n"
        "mods = [importlib.import_module('gradbook.engine.tensors.kernels.' + m.name) for m in pkgutil.iter_modules(K.__path__)]\n"
        "print(sum(len(d.overloads) for m in mods for d in vars(m).values() if hasattr(d, 'overloads')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0"


def test_seed_written_with_two_separate_sums():
    """mean ((a + 2) * (a + 2) * 3), as the issue writes it: two add nodes feed one mul."""
    a = make_independent(ones([2, 2]))
    x = to_dependent(a)
    (g,) = grad(mean((x + 2) * (x + 2) * 3), [a])
    np.testing.assert_array_equal(g.numpy(), np.full((2, 2), 4.5, np.float32))
    (g64,) = grad(mean((x + 2) * (x + 2) * 3), [a], create_graph=True)
    np.testing.assert_array_equal(g64.numpy(), np.full((2, 2), 4.5, np.float32))
