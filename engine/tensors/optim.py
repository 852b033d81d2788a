"""Optimizer steps as Hasktorch's Torch.Optim computes them (its pure `GD`, `GDM`, `Adam`, `AdamW`,
`Adagrad`: Float scalars, tensor arithmetic in the parameters' dtype, `beta ^ n` by Haskell's repeated
squaring) and as libtorch's C++ optimizers compute them (Torch.Optim.CppOptim: `SGD`, `Adam`, `AdamW`,
`Adagrad`, with double scalars). Each step takes the parameters, their gradients and the state, and
returns the new parameters and state; nothing is changed in place."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np

from gradbook.engine.tensors.primitives import add, div, mul, sqrt, sub
from gradbook.engine.tensors.tensor import Tensor

F32 = np.float32


def haskell_pow(x: float, n: int) -> np.float32:
    """Float `x ^ n` as GHC's Prelude computes it: exponentiation by squaring, every product rounded to
    Float (so it can differ from powf in the last bit)."""
    x = F32(x)
    if n < 0:
        raise ValueError("negative exponent")
    if n == 0:
        return F32(1)
    acc = None
    while True:
        if n % 2 == 0:
            x, n = F32(x * x), n // 2
        elif n == 1:
            return x if acc is None else F32(x * acc)
        else:
            acc = x if acc is None else F32(x * acc)
            x, n = F32(x * x), n // 2


# ------------------------------------------------------------------------------ Hasktorch's pure formulas
def gd(lr: Tensor, grads: Sequence[Tensor], params: Sequence[Tensor]) -> list[Tensor]:
    """p - lr * dp."""
    return [sub(p, mul(lr, g)) for p, g in zip(params, grads)]


@dataclass(frozen=True)
class GDMState:
    beta: np.float32
    momentum: tuple


def gdm(lr: Tensor, grads: Sequence[Tensor], params: Sequence[Tensor], state: GDMState) -> tuple[list, GDMState]:
    """z' = beta z + dp; p - lr z'."""
    new_z = [add(mul(z, state.beta), g) for z, g in zip(state.momentum, grads)]
    return [sub(p, mul(lr, z)) for p, z in zip(params, new_z)], replace(state, momentum=tuple(new_z))


@dataclass(frozen=True)
class AdamState:
    beta1: np.float32
    beta2: np.float32
    m1: tuple
    m2: tuple
    iter: int
    weight_decay: np.float32 | None = None  # AdamW's decoupled weight decay (None: plain Adam)


def adam(lr: Tensor, grads: Sequence[Tensor], params: Sequence[Tensor], state: AdamState) -> tuple[list, AdamState]:
    """Hasktorch's `adam` (eps 1e-37) or, with `weight_decay`, `adamw` (eps 1e-8):
    m1' = b1 m1 + (1-b1) dp; m2' = b2 m2 + (1-b2) dp^2; a_i = m_i' / (1 - b_i^(iter+1));
    Adam:  p - lr * a1 / (sqrt a2 + eps);  AdamW: p - lr * (a1 / (sqrt a2 + eps) + wd p)."""
    b1, b2 = F32(state.beta1), F32(state.beta2)
    m1 = [add(mul(m, b1), mul(g, F32(F32(1) - b1))) for m, g in zip(state.m1, grads)]
    m2 = [add(mul(m, b2), mul(mul(g, g), F32(F32(1) - b2))) for m, g in zip(state.m2, grads)]
    c1, c2 = F32(F32(1) - haskell_pow(b1, state.iter + 1)), F32(F32(1) - haskell_pow(b2, state.iter + 1))
    a1 = [div(m, c1) for m in m1]
    a2 = [div(m, c2) for m in m2]
    if state.weight_decay is None:
        eps = _scalar_like(params, 1e-37)
        new = [sub(p, div(mul(lr, x), add(sqrt(y), eps))) for p, x, y in zip(params, a1, a2)]
    else:
        eps = _scalar_like(params, 1e-8)
        wd = F32(state.weight_decay)
        new = [sub(p, mul(lr, add(div(x, add(sqrt(y), eps)), mul(p, wd)))) for p, x, y in zip(params, a1, a2)]
    return new, replace(state, m1=tuple(m1), m2=tuple(m2), iter=state.iter + 1)


def _scalar_like(params: Sequence[Tensor], value: float) -> Tensor:
    """Hasktorch's `eps :: Tensor` literal: a 0-d Float tensor (fromRational)."""
    from gradbook.engine.tensors.factories import tensor
    from gradbook.engine.tensors.dtypes import Float

    return tensor(F32(value), Float)


@dataclass(frozen=True)
class AdagradState:
    gsum: tuple


def adagrad(lr: Tensor, grads: Sequence[Tensor], params: Sequence[Tensor],
            state: AdagradState) -> tuple[list, AdagradState]:
    """gsum' = gsum + dp^2; p - lr * dp / sqrt (gsum' + eps), eps 1e-37."""
    gsum = [add(s, mul(g, g)) for s, g in zip(state.gsum, grads)]
    eps = _scalar_like(params, 1e-37)
    new = [sub(p, div(mul(lr, g), sqrt(add(s, eps)))) for p, g, s in zip(params, grads, gsum)]
    return new, AdagradState(tuple(gsum))


# ------------------------------------------------------------------------------ libtorch's C++ optimizers
@dataclass(frozen=True)
class CppSGD:
    lr: float = 1e-3
    momentum: float = 0.0
    dampening: float = 0.0
    weight_decay: float = 0.0
    nesterov: bool = False
    buffers: tuple = ()
    steps: int = 0


def cpp_sgd(grads: Sequence[Tensor], params: Sequence[Tensor], o: CppSGD) -> tuple[list, CppSGD]:
    """torch::optim::SGD::step: d = g + wd p; momentum buffer b = m b + (1 - dampening) d (b = d at the
    first step); d = d + m b (Nesterov) or b; p - lr d."""
    new, bufs = [], []
    for i, (p, g) in enumerate(zip(params, grads)):
        d = add(g, mul(p, o.weight_decay)) if o.weight_decay else g
        if o.momentum:
            b = d if o.steps == 0 else add(mul(o.buffers[i], o.momentum), mul(d, 1 - o.dampening))
            bufs.append(b)
            d = add(d, mul(b, o.momentum)) if o.nesterov else b
        new.append(sub(p, mul(d, o.lr)))
    return new, replace(o, buffers=tuple(bufs), steps=o.steps + 1)


@dataclass(frozen=True)
class CppAdam:
    lr: float = 1e-3
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    weight_decay: float = 0.0
    decoupled: bool = False  # AdamW
    m1: tuple = ()
    m2: tuple = ()
    steps: int = 0


def cpp_adam(grads: Sequence[Tensor], params: Sequence[Tensor], o: CppAdam) -> tuple[list, CppAdam]:
    """torch::optim::Adam / AdamW::step (no amsgrad): AdamW first scales p by 1 - lr wd, Adam adds wd p to
    the gradient; m1 = b1 m1 + (1-b1) g; m2 = b2 m2 + (1-b2) g^2; denom = sqrt m2 / sqrt(1 - b2^t) + eps;
    p - (lr / (1 - b1^t)) m1 / denom."""
    t = o.steps + 1
    c1, c2 = 1 - o.beta1 ** t, 1 - o.beta2 ** t
    new, m1s, m2s = [], [], []
    for i, (p, g) in enumerate(zip(params, grads)):
        if o.weight_decay and o.decoupled:
            p = mul(p, 1 - o.lr * o.weight_decay)
        elif o.weight_decay:
            g = add(g, mul(p, o.weight_decay))
        m1 = mul(g, 1 - o.beta1) if o.steps == 0 else add(mul(o.m1[i], o.beta1), mul(g, 1 - o.beta1))
        m2 = mul(mul(g, g), 1 - o.beta2) if o.steps == 0 else add(mul(o.m2[i], o.beta2), mul(mul(g, g), 1 - o.beta2))
        denom = add(div(sqrt(m2), math.sqrt(c2)), o.eps)
        new.append(sub(p, mul(div(m1, denom), o.lr / c1)))
        m1s.append(m1)
        m2s.append(m2)
    return new, replace(o, m1=tuple(m1s), m2=tuple(m2s), steps=t)


@dataclass(frozen=True)
class CppAdagrad:
    lr: float = 1e-2
    lr_decay: float = 0.0
    weight_decay: float = 0.0
    initial_accumulator_value: float = 0.0
    eps: float = 1e-10
    sums: tuple = ()
    steps: int = 0


def cpp_adagrad(grads: Sequence[Tensor], params: Sequence[Tensor], o: CppAdagrad) -> tuple[list, CppAdagrad]:
    """torch::optim::Adagrad::step: clr = lr / (1 + (t-1) lr_decay); s = s + g^2; p - clr g / (sqrt s + eps)."""
    t = o.steps + 1
    clr = o.lr / (1 + (t - 1) * o.lr_decay)
    new, sums = [], []
    for i, (p, g) in enumerate(zip(params, grads)):
        if o.weight_decay:
            g = add(g, mul(p, o.weight_decay))
        prev = o.sums[i] if o.sums else add(mul(p, 0.0), o.initial_accumulator_value)
        s = add(prev, mul(g, g))
        new.append(sub(p, mul(div(g, add(sqrt(s), o.eps)), clr)))
        sums.append(s)
    return new, replace(o, sums=tuple(sums), steps=t)


__all__ = ["haskell_pow", "gd", "gdm", "GDMState", "adam", "AdamState", "adagrad", "AdagradState", "CppSGD",
           "cpp_sgd", "CppAdam", "cpp_adam", "CppAdagrad", "cpp_adagrad"]
