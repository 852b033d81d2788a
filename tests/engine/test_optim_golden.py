"""The optimizer steps (engine/tensors/optim.py) against tests/engine/optim_golden.json, made by
optim_golden_make.py with PyTorch: Hasktorch's pure formulas bit for bit over 100 steps, libtorch's C++
optimizers within 1e-5 of torch.optim (whose Python kernels order some operations differently, e.g.
lerp for Adam's first moment)."""
import json
from pathlib import Path

import numpy as np
import pytest

from gradbook.engine import Float, mul, sub, tensor, zeros_like
from gradbook.engine.tensors import optim as O

GOLDEN = json.loads(Path(__file__).with_name("optim_golden.json").read_text())
F32 = np.float32


def _grads(params):
    return [mul(tensor(a, Float), sub(p, tensor(c, Float))) for p, a, c in
            zip(params, _f32(GOLDEN["scale"]), _f32(GOLDEN["target"]))]


def _f32(data):
    return [np.array(d, np.float32) for d in data]


def _start():
    return [tensor(a, Float) for a in _f32(GOLDEN["start"])]


def _pure_step(name, h):
    params = _start()
    lr = tensor(F32(h["lr"]), Float)
    zeros = tuple(zeros_like(p) for p in params)
    state = {"GDM": O.GDMState(F32(h.get("beta", 0)), zeros),
             "Adam": O.AdamState(F32(h.get("beta1", 0)), F32(h.get("beta2", 0)), zeros, zeros, 0),
             "AdamW": O.AdamState(F32(h.get("beta1", 0)), F32(h.get("beta2", 0)), zeros, zeros, 0,
                                  F32(h.get("weight_decay", 0))),
             "Adagrad": O.AdagradState(zeros)}.get(name)
    for _ in range(GOLDEN["steps"]):
        gs = _grads(params)
        if name == "GD":
            params = O.gd(lr, gs, params)
        elif name == "GDM":
            params, state = O.gdm(lr, gs, params, state)
        elif name in ("Adam", "AdamW"):
            params, state = O.adam(lr, gs, params, state)
        else:
            params, state = O.adagrad(lr, gs, params, state)
        yield [p.numpy().reshape(-1) for p in params]


@pytest.mark.parametrize("name", list(GOLDEN["pure"]))
def test_hasktorch_formulas_bit_for_bit(name):
    for step, (got, want) in enumerate(zip(_pure_step(name, GOLDEN["pure_hyper"][name]), GOLDEN["pure"][name])):
        for g, w in zip(got, want):
            np.testing.assert_array_equal(g, np.array(w, np.float32), err_msg=f"{name} step {step + 1}")


def _cpp_state(name, h):
    if name.startswith("SGD"):
        return O.CppSGD(lr=h["lr"], momentum=h.get("momentum", 0.0), weight_decay=h.get("weight_decay", 0.0),
                        nesterov=h.get("nesterov", False)), O.cpp_sgd
    if name in ("Adam", "AdamW"):
        return O.CppAdam(lr=h["lr"], weight_decay=h.get("weight_decay", 0.0), decoupled=name == "AdamW"), O.cpp_adam
    return O.CppAdagrad(lr=h["lr"], lr_decay=h.get("lr_decay", 0.0)), O.cpp_adagrad


@pytest.mark.parametrize("name", list(GOLDEN["cpp"]))
def test_cpp_optimizers_follow_torch_optim(name):
    h = GOLDEN["cpp_hyper"][name]
    state, step = _cpp_state(name, h)
    params = _start()
    for n, want in enumerate(GOLDEN["cpp"][name]):
        params, state = step(_grads(params), params, state)
        for p, w in zip(params, want):
            np.testing.assert_allclose(p.numpy().reshape(-1), np.array(w, np.float32), rtol=1e-5, atol=1e-6,
                                       err_msg=f"{name} step {n + 1}")


def test_haskell_pow_is_repeated_squaring():
    assert O.haskell_pow(F32(0.999), 3) == F32(F32(F32(0.999) * F32(0.999)) * F32(0.999))
    assert O.haskell_pow(F32(2), 10) == F32(1024) and O.haskell_pow(F32(5), 0) == F32(1)
