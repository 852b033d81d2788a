"""Make tests/engine/optim_golden.json: 100-step optimizer trajectories.

Not run by pytest; needs PyTorch (only in /work/venvs/torch):
    /work/venvs/torch/bin/python tests/engine/optim_golden_make.py
The problem: two Float parameters (shapes [3] and [2,2]) with the gradient g = a * (p - c) element-wise
(a, c fixed Float constants), so every step is the optimizer's arithmetic alone. "pure" re-implements
Hasktorch's Torch.Optim formulas (GD, GDM, Adam, AdamW, Adagrad) with torch's float32 tensor ops, Float
scalars and Haskell's `^` (repeated squaring in Float), its square roots correctly rounded (libtorch's float32
sqrt kernel is not always: about 1 element in 100 is one ulp off, so the file pins IEEE's); "cpp" runs torch.optim (SGD, Adam, AdamW, Adagrad),
the reference for Hasktorch's Torch.Optim.CppOptim (libtorch's C++ optimizers)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch

F32 = np.float32
STEPS = 100
START = [[-1.2, 0.5, 2.0], [[1.0, -0.3], [0.25, 3.0]]]
SCALE = [[0.5, 1.5, 3.0], [[2.0, 0.75], [1.25, 2.5]]]
TARGET = [[1.0, -2.0, 0.5], [[0.0, 1.0], [-1.0, 0.3]]]
PURE = {"GD": {"lr": 0.1}, "GDM": {"lr": 0.05, "beta": 0.9}, "Adam": {"lr": 0.05, "beta1": 0.9, "beta2": 0.999},
        "AdamW": {"lr": 0.05, "beta1": 0.9, "beta2": 0.999, "weight_decay": 0.01}, "Adagrad": {"lr": 0.5}}
CPP = {"SGD": {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.01}, "SGDNesterov": {"lr": 0.05, "momentum": 0.9,
       "nesterov": True}, "Adam": {"lr": 0.05}, "AdamW": {"lr": 0.05, "weight_decay": 0.01},
       "Adagrad": {"lr": 0.5, "lr_decay": 0.01}}


def haskell_pow(x, n):
    x, acc = F32(x), None
    if n == 0:
        return F32(1)
    while True:
        if n % 2 == 0:
            x, n = F32(x * x), n // 2
        elif n == 1:
            return x if acc is None else F32(x * acc)
        else:
            acc = x if acc is None else F32(x * acc)
            x, n = F32(x * x), n // 2


def f32(data):
    return torch.tensor(data, dtype=torch.float32)


def sqrt(t):
    """IEEE's correctly rounded float32 square root (via float64, exact after rounding)."""
    return torch.sqrt(t.double()).float()


def grads(params):
    return [f32(a) * (p - f32(c)) for p, a, c in zip(params, SCALE, TARGET)]


def pure_run(name, h):
    params = [f32(s) for s in START]
    lr = torch.tensor(F32(h["lr"]))
    state = [torch.zeros_like(p) for p in params]
    state2 = [torch.zeros_like(p) for p in params]
    trajectory = []
    for it in range(STEPS):
        gs = grads(params)
        if name == "GD":
            params = [p - lr * g for p, g in zip(params, gs)]
        elif name == "GDM":
            state = [z * float(F32(h["beta"])) + g for z, g in zip(state, gs)]
            params = [p - lr * z for p, z in zip(params, state)]
        elif name in ("Adam", "AdamW"):
            b1, b2 = F32(h["beta1"]), F32(h["beta2"])
            state = [m * float(b1) + g * float(F32(1) - b1) for m, g in zip(state, gs)]
            state2 = [m * float(b2) + (g * g) * float(F32(1) - b2) for m, g in zip(state2, gs)]
            c1, c2 = F32(1) - haskell_pow(b1, it + 1), F32(1) - haskell_pow(b2, it + 1)
            a1 = [m / float(c1) for m in state]
            a2 = [m / float(c2) for m in state2]
            if name == "Adam":
                eps = torch.tensor(F32(1e-37))
                params = [p - lr * x / (sqrt(y) + eps) for p, x, y in zip(params, a1, a2)]
            else:
                eps, wd = torch.tensor(F32(1e-8)), float(F32(h["weight_decay"]))
                params = [p - lr * (x / (sqrt(y) + eps) + p * wd) for p, x, y in zip(params, a1, a2)]
        else:  # Adagrad
            state = [s + g * g for s, g in zip(state, gs)]
            eps = torch.tensor(F32(1e-37))
            params = [p - lr * g / sqrt(s + eps) for p, g, s in zip(params, gs, state)]
        trajectory.append([p.reshape(-1).tolist() for p in params])
    return trajectory


def cpp_run(name, h):
    params = [f32(s).requires_grad_() for s in START]
    kind = {"SGD": torch.optim.SGD, "SGDNesterov": torch.optim.SGD, "Adam": torch.optim.Adam,
            "AdamW": torch.optim.AdamW, "Adagrad": torch.optim.Adagrad}[name]
    opt = kind(params, foreach=False, **h)
    trajectory = []
    for _ in range(STEPS):
        with torch.no_grad():
            for p, g in zip(params, grads(params)):
                p.grad = g.clone()
        opt.step()
        trajectory.append([p.detach().reshape(-1).tolist() for p in params])
    return trajectory


def main() -> None:
    data = {"about": __doc__.splitlines()[0], "torch": torch.__version__, "steps": STEPS, "start": START,
            "scale": SCALE, "target": TARGET, "pure_hyper": PURE, "cpp_hyper": CPP,
            "pure": {n: pure_run(n, h) for n, h in PURE.items()}, "cpp": {n: cpp_run(n, h) for n, h in CPP.items()}}
    target = Path(__file__).with_name("optim_golden.json")
    target.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
