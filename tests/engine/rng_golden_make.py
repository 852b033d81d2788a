"""Make tests/engine/rng_golden.json: libtorch's CPU draws for many seeds, shapes, dtypes and distributions.

Not run by pytest; needs PyTorch (only in /work/venvs/torch):
    /work/venvs/torch/bin/python tests/engine/rng_golden_make.py
Each case seeds `torch.Generator().manual_seed(seed)` and runs its steps in order on that one generator,
so the file also pins the order of draws between calls (and libtorch's cached normal sample). The cases
run twice: under ATEN_CPU_CAPABILITY=default (libtorch's scalar Box-Muller, which Gradbook matches bit for
bit) and under the host's own capability (on AVX hosts randn of 16+ Float elements uses approximate
vector log/sin/cos, matched to about 1e-6)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SEEDS = [0, 1, 2, 7, 42, 123, 999, 31415, 65535, 2 ** 31 - 1, 2 ** 32 + 5, 67280421310721, 2 ** 63 + 11]
# (distribution, dtype, shape or argument list): 0-d to 4-d, sizes below and above 16
STEPS = [
    ["rand", "float32", [2, 2]],
    ["randn", "float32", [3]],
    ["randn", "float32", [1]],          # takes the sample the previous call cached
    ["rand", "float64", []],
    ["randn", "float64", [2, 3, 1]],
    ["randn", "float32", [4, 4]],       # exactly one 16-block
    ["randn", "float32", [2, 3, 5]],    # 30: one block and a redrawn ragged end
    ["randn", "float64", [17]],
    ["rand", "float32", [2, 1, 3, 4]],
    ["randint", "int64", [[-3, 10], [5, 4]]],
    ["randint", "int64", [[0, 2 ** 40], [7]]],   # span >= 2^28 draws 64-bit words
    ["randperm", "int64", [19]],
    ["bernoulli", "float32", [0.25, [3, 7]]],    # a Float tensor of probabilities
    ["bernoulli", "float64", [0.6, [9]]],        # a Double one
    ["randn", "float32", []],
    ["randn", "float32", [100]],
    ["rand", "float64", [3, 3]],
]


def _run(steps: list, seed: int) -> list:
    import torch

    g = torch.Generator().manual_seed(seed)
    out = []
    for dist, dtype, arg in steps:
        dt = getattr(torch, dtype)
        if dist == "rand":
            t = torch.rand(arg, generator=g, dtype=dt)
        elif dist == "randn":
            t = torch.randn(arg, generator=g, dtype=dt)
        elif dist == "randint":
            (low, high), shape = arg
            t = torch.randint(low, high, shape, generator=g, dtype=dt)
        elif dist == "randperm":
            t = torch.randperm(arg[0], generator=g, dtype=dt)
        else:
            p, shape = arg
            t = torch.bernoulli(torch.full(shape, p, dtype=dt), generator=g)
        out.append(t.reshape(-1).tolist())
    return out


LINEAR = [(3, 1), (2, 2), (2, 1), (5, 7), (1, 16)]


def _linear_samples() -> list:
    """Hasktorch's `sample (LinearSpec in out)` after `manual_seed_L seed`, re-implemented with torch: the
    weight is kaimingUniform FanIn (LeakyRelu (sqrt 5)) (bound sqrt 3 * gain / sqrt in, gain
    sqrt (2 / (1 + sqrt 5 ^^ 2)), all in Float), then the bias uniform in +-1/sqrt in; each is
    `rand * (bound * 2) - bound` in float32."""
    import numpy as np
    import torch

    f = np.float32
    out = []
    for seed in SEEDS[:5]:
        for n_in, n_out in LINEAR:
            p = f(np.sqrt(f(5.0)))
            gain = f(np.sqrt(f(f(2.0) / f(f(1.0) + f(p * p)))))
            wbound = f(f(np.sqrt(f(3.0))) * f(gain / f(np.sqrt(f(n_in)))))
            bbound = f(f(1.0) / f(np.sqrt(f(n_in))))
            torch.manual_seed(seed)
            w = torch.rand(n_out, n_in) * float(f(wbound * f(2.0))) - float(wbound)
            b = torch.rand(n_out) * float(f(bbound * f(2.0))) - float(bbound)
            out.append([seed, n_in, n_out, w.reshape(-1).tolist(), b.tolist()])
    return out


def _child() -> None:
    print(json.dumps([_run(STEPS, s) for s in SEEDS]))


def main() -> None:
    results = {}
    for name, env in (("default", {"ATEN_CPU_CAPABILITY": "default"}), ("host", {})):
        done = subprocess.run([sys.executable, __file__, "--child"], capture_output=True, text=True, check=True,
                              env={**os.environ, **env})
        results[name] = json.loads(done.stdout)
    import torch

    data = {"about": __doc__.splitlines()[0], "torch": torch.__version__,
            "host_capability": torch.backends.cpu.get_cpu_capability(),
            "seeds": SEEDS, "steps": STEPS, "linear": _linear_samples(), "default": results["default"], "host": results["host"]}
    target = Path(__file__).with_name("rng_golden.json")
    target.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    _child() if sys.argv[1:] == ["--child"] else main()
