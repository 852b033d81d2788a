"""Engine speed benchmarks (issue 2, "Speed"): small graphs, an MLP step, elementwise ops on 1M floats and
matmul, each timed for Gradbook, for NumPy doing the same work (forward plus a hand-written backward) and
for PyTorch when it is installed. `rows()` returns the table rows; `python -m benchmarks` prints them.
"""
from __future__ import annotations

import numpy as np

from benchmarks.timing import Row, best_time, torch_or_none

f32 = np.float32


def _verdict_abs(ours: float, limit: float) -> tuple[str, bool]:
    return f"<= {limit:g} us", ours <= limit


# ---- the seed's graph: b = a + 2; c = b * b * 3; out = mean c; grad out [a] -------------------------


def seed_graph(G, torch) -> Row:
    a = G.make_independent(G.ones([2, 2]))

    def ours():
        b = G.to_dependent(a) + 2
        return G.grad(G.mean(b * b * 3), [a])

    an = np.ones((2, 2), f32)

    def numpy():
        b = an + f32(2)
        c = b * b * f32(3)
        out = c.mean()
        gc = np.full(c.shape, f32(1 / c.size))
        g_bb = gc * f32(3)
        return out, g_bb * b + g_bb * b

    mine = best_time(ours)
    theirs = None
    if torch is not None:
        at = torch.ones(2, 2, requires_grad=True)

        def torch_fn():
            b = at + 2
            return torch.autograd.grad((b * b * 3).mean(), [at])

        theirs = best_time(torch_fn)
    target, met = _verdict_abs(mine, 20)
    return Row("seed 2x2 graph fwd+bwd", mine, "us", best_time(numpy), theirs, target, met)


# ---- XOR: 2-16-1 tanh/sigmoid network, 4 points, MSE, forward + backward + SGD ------------------------


def _xor_data():
    rng = np.random.default_rng(0)
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], f32)
    y = np.array([[0], [1], [1], [0]], f32)
    params = [rng.standard_normal((2, 16)).astype(f32), np.zeros(16, f32),
              rng.standard_normal((16, 1)).astype(f32) * f32(0.5), np.zeros(1, f32)]
    return x, y, params


def xor_step(G, torch) -> Row:
    x, y, params = _xor_data()
    lr = 0.5
    X, Y = G.tensor(x), G.tensor(y)
    state = [G.make_independent(G.tensor(p)) for p in params]

    def ours():
        w1, b1, w2, b2 = state
        h = G.tanh(X @ G.to_dependent(w1) + G.to_dependent(b1))
        p = G.sigmoid(h @ G.to_dependent(w2) + G.to_dependent(b2))
        loss = G.mse_loss(p, Y)
        grads = G.grad(loss, state)
        state[:] = [G.make_independent(G.to_dependent(w) - lr * g) for w, g in zip(state, grads)]

    npstate = [p.copy() for p in params]

    def numpy():
        w1, b1, w2, b2 = npstate
        h = np.tanh(x @ w1 + b1)
        p = f32(1) / (f32(1) + np.exp(-(h @ w2 + b2)))
        d = p - y
        _loss = (d * d).mean()
        gz2 = f32(2 / d.size) * d * p * (f32(1) - p)
        gw2, gb2 = h.T @ gz2, gz2.sum(0)
        gz1 = (gz2 @ w2.T) * (f32(1) - h * h)
        gw1, gb1 = x.T @ gz1, gz1.sum(0)
        npstate[:] = [w - f32(lr) * g for w, g in zip(npstate, (gw1, gb1, gw2, gb2))]

    mine = best_time(ours)
    theirs = None
    if torch is not None:
        xt, yt = torch.from_numpy(x), torch.from_numpy(y)
        tp = [torch.tensor(p, requires_grad=True) for p in params]

        def torch_fn():
            w1, b1, w2, b2 = tp
            p = torch.sigmoid(torch.tanh(xt @ w1 + b1) @ w2 + b2)
            loss = torch.nn.functional.mse_loss(p, yt)
            grads = torch.autograd.grad(loss, tp)
            with torch.no_grad():
                for w, g in zip(tp, grads):
                    w -= lr * g

        theirs = best_time(torch_fn)
    target, met = _verdict_abs(mine, 50)
    return Row("XOR 2-16-1 step (fwd, bwd, SGD)", mine, "us", best_time(numpy), theirs, target, met)


# ---- MLP 784-256-10, batch 128, ReLU, softmax cross-entropy, forward + backward + SGD -----------------

TORCH_MLP_QUOTED_MS = 0.87  # the PyTorch figure, used only when torch is not installed


def mlp_step(G, torch) -> Row:
    rng = np.random.default_rng(1)
    x = rng.standard_normal((128, 784)).astype(f32)
    labels = rng.integers(0, 10, 128)
    params = [(rng.standard_normal((784, 256)) / 28).astype(f32), np.zeros(256, f32),
              (rng.standard_normal((256, 10)) / 16).astype(f32), np.zeros(10, f32)]
    lr = 0.01
    X, T = G.tensor(x), G.tensor(labels, G.Int64)
    state = [G.make_independent(G.tensor(p)) for p in params]

    def ours():
        w1, b1, w2, b2 = state
        h = G.relu(X @ G.to_dependent(w1) + G.to_dependent(b1))
        loss = G.cross_entropy(h @ G.to_dependent(w2) + G.to_dependent(b2), T)
        grads = G.grad(loss, state)
        state[:] = [G.make_independent(G.to_dependent(w) - lr * g) for w, g in zip(state, grads)]

    npstate = [p.copy() for p in params]
    rows = np.arange(128)

    def numpy():
        w1, b1, w2, b2 = npstate
        z1 = x @ w1 + b1
        h = np.maximum(z1, f32(0))
        z = h @ w2 + b2
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        s = e.sum(axis=1, keepdims=True)
        _loss = -(z[rows, labels] - np.log(s[:, 0])).mean()
        g = e / s
        g[rows, labels] -= f32(1)
        g *= f32(1 / 128)
        gw2, gb2 = h.T @ g, g.sum(0)
        gh = (g @ w2.T) * (z1 > 0)
        gw1, gb1 = x.T @ gh, gh.sum(0)
        npstate[:] = [w - f32(lr) * gr for w, gr in zip(npstate, (gw1, gb1, gw2, gb2))]

    mine = best_time(ours, "ms", batch_seconds=0.1)
    theirs = None
    if torch is not None:
        xt, lt = torch.from_numpy(x), torch.from_numpy(labels)
        tp = [torch.tensor(p, requires_grad=True) for p in params]

        def torch_fn():
            w1, b1, w2, b2 = tp
            logits = torch.relu(xt @ w1 + b1) @ w2 + b2
            loss = torch.nn.functional.cross_entropy(logits, lt)
            grads = torch.autograd.grad(loss, tp)
            with torch.no_grad():
                for w, gr in zip(tp, grads):
                    w -= lr * gr

        theirs = best_time(torch_fn, "ms", batch_seconds=0.1)
    if theirs is not None:
        target, met = "< PyTorch", mine < theirs
    else:
        target, met = f"< PyTorch ({TORCH_MLP_QUOTED_MS} quoted)", mine < TORCH_MLP_QUOTED_MS
    return Row("MLP 784-256-10 b128 step", mine, "ms", best_time(numpy, "ms", batch_seconds=0.1), theirs,
               target, met)


# ---- elementwise ops on 1M float32, forward + backward through a sum ----------------------------------


def elementwise(G, torch, op: str, n: int = 1_000_000) -> Row:
    """`grad(sumAll(op(x[, y])), [x[, y]])`; NumPy does the op, the sum, a ones gradient (what the sum's
    backward gives) and the op's hand-written backward."""
    rng = np.random.default_rng(2)
    xs = rng.standard_normal(n).astype(f32)
    ys = rng.standard_normal(n).astype(f32)
    binary = op in ("add", "mul")
    xi, yi = G.make_independent(G.tensor(xs)), G.make_independent(G.tensor(ys))
    fn = getattr(G, op)
    ins = [xi, yi] if binary else [xi]

    def ours():
        out = fn(*[G.to_dependent(t) for t in ins])
        return G.grad(G.sum_all(out), ins)

    def numpy():
        v = {"add": np.add, "mul": np.multiply}[op](xs, ys) if binary else {"exp": np.exp, "tanh": np.tanh}[op](xs)
        _s = v.sum()
        g = np.ones_like(v)
        if op == "add":
            return g, g
        if op == "mul":
            return g * ys, g * xs
        if op == "exp":
            return g * v
        return g * (f32(1) - v * v)

    mine = best_time(ours, batch_seconds=0.05, batches=5)
    theirs = None
    if torch is not None:
        xt = torch.from_numpy(xs).requires_grad_()
        yt = torch.from_numpy(ys).requires_grad_()
        tfn = getattr(torch, op)
        tins = [xt, yt] if binary else [xt]

        def torch_fn():
            return torch.autograd.grad(tfn(*tins).sum(), tins)

        theirs = best_time(torch_fn, batch_seconds=0.05, batches=5)
    numpy_us = best_time(numpy, batch_seconds=0.05, batches=5)
    return Row(f"{op} fwd+bwd 1M float32", mine, "us", numpy_us, theirs, "<= 1.0x NumPy", mine <= numpy_us)


def sum_1m(G, torch, n: int = 1_000_000) -> Row:
    """sumAll forward alone (no target of its own; the float32 accuracy is tested in tests/engine)."""
    xs = np.random.default_rng(3).standard_normal(n).astype(f32)
    x = G.tensor(xs)
    mine = best_time(lambda: G.sum_all(x), batch_seconds=0.05, batches=5)
    theirs = None
    if torch is not None:
        xt = torch.from_numpy(xs)
        theirs = best_time(lambda: xt.sum(), batch_seconds=0.05, batches=5)
    return Row("sumAll 1M float32 (fwd)", mine, "us", best_time(lambda: xs.sum(), batch_seconds=0.05, batches=5),
               theirs, "(info)", None)


# ---- matmul --------------------------------------------------------------------------------------------


def matmul(G, torch, n: int) -> Row:
    rng = np.random.default_rng(4)
    a, b = rng.random((n, n)).astype(f32), rng.random((n, n)).astype(f32)
    ta, tb = G.tensor(a), G.tensor(b)
    secs = 0.05 if n <= 256 else 0.3
    mine = best_time(lambda: G.matmul(ta, tb), batch_seconds=secs, batches=5)
    numpy_us = best_time(lambda: a @ b, batch_seconds=secs, batches=5)
    theirs = None
    if torch is not None:
        at, bt = torch.from_numpy(a), torch.from_numpy(b)
        theirs = best_time(lambda: at @ bt, batch_seconds=secs, batches=5)
    return Row(f"matmul {n}x{n} float32 (fwd)", mine, "us", numpy_us, theirs, "<= 1.1x NumPy",
               mine <= 1.1 * numpy_us)


def budget_accounting(G) -> list[Row]:
    """What the memory budget costs: a fresh 256 KiB array counted and given back (memory.track and its
    weak reference's callback) against the same array not counted, and an add whose output is counted
    against NumPy's add."""
    from gradbook.engine.tensors import memory

    n = 1 << 16
    counted = best_time(lambda: memory.track(np.empty(n, f32)))
    plain = best_time(lambda: np.empty(n, f32))
    x = G.ones([n])
    xs = np.ones(n, f32)
    add = best_time(lambda: G.add(x, x))
    np_add = best_time(lambda: np.add(xs, xs))
    return [Row("budget: count + release a 256 KiB array", counted, "us", plain, None, "(info)", None),
            Row("add 64K float32 (output counted)", add, "us", np_add, None, "(info)", None)]


def rows() -> list[Row]:
    """Every engine benchmark's row, in table order."""
    import gradbook.engine as G

    torch = torch_or_none()
    if torch is not None:
        torch.set_grad_enabled(True)
    out = [seed_graph(G, torch), xor_step(G, torch), mlp_step(G, torch)]
    out += [elementwise(G, torch, op) for op in ("add", "mul", "exp", "tanh")]
    out.append(sum_1m(G, torch))
    out += [matmul(G, torch, n) for n in (256, 1024)]
    out += budget_accounting(G)
    return out
