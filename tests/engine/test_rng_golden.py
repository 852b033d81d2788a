"""Gradbook's random numbers against libtorch's (tests/engine/rng_golden.json, made by rng_golden_make.py
with PyTorch): uniform, integer, permutation, Bernoulli and normal draws bit for bit, the normal of 16+
Float elements both as libtorch's scalar kernels compute it and as its AVX2 kernel does (approximate
log/sin/cos, emulated; to 1 ulp at worst, from float64's double rounding of an FMA); the same steps in
the same order on one generator per seed."""
import json
from pathlib import Path

import numpy as np
import pytest

from gradbook.engine import Double, Float, Generator, Int64, bernoulli, full, rand, randint, randn, randperm, tensor

GOLDEN = json.loads((Path(__file__).with_name("rng_golden.json")).read_text())
DTYPES = {"float32": Float, "float64": Double, "int64": Int64}


def _draw(gen, dist, dtype, arg, avx2):
    dt = DTYPES[dtype]
    if dist == "rand":
        return rand(arg, dt, generator=gen)
    if dist == "randn":
        from gradbook.engine.tensors.random import normal_array

        return tensor(normal_array(gen, arg, dt.np, avx2=avx2), dt)
    if dist == "randint":
        (low, high), shape = arg
        return randint(low, high, shape, dt, generator=gen)
    if dist == "randperm":
        return randperm(arg[0], dt, generator=gen)
    p, shape = arg
    return bernoulli(full(shape, p, dt), generator=gen)


def _approximate(dist, dtype, arg):
    """libtorch's AVX build computes only this case with approximate vector math."""
    return dist == "randn" and dtype == "float32" and int(np.prod(arg)) >= 16


@pytest.mark.parametrize("build", ["default", "host"])
@pytest.mark.parametrize("index", range(len(GOLDEN["seeds"])), ids=[str(s) for s in GOLDEN["seeds"]])
def test_draws_match_libtorch(index, build):
    """"default": libtorch's scalar kernels; "host": its AVX2/AVX-512 build (the golden's host_capability)."""
    assert build == "default" or GOLDEN["host_capability"] in ("AVX2", "AVX512")
    seed = GOLDEN["seeds"][index]
    gen = Generator(seed)
    for step, ref in zip(GOLDEN["steps"], GOLDEN[build][index]):
        dist, dtype, arg = step
        values = _draw(gen, dist, dtype, arg, avx2=build == "host").numpy().reshape(-1)
        assert values.dtype == np.dtype(dtype), step
        expected = np.array(ref, dtype=dtype)
        if build == "host" and _approximate(dist, dtype, arg):
            # libtorch's FMAs are emulated through float64: equal but for a rare double rounding (1 ulp)
            np.testing.assert_allclose(values, expected, rtol=2 ** -23, atol=0, err_msg=str(step))
            assert (values != expected).mean() < 1e-3, step
        else:
            np.testing.assert_array_equal(values, expected, err_msg=str(step))


def test_shapes_follow_the_request():
    gen = Generator(3)
    assert rand([], Float, generator=gen).shape == ()
    assert randn([2, 1, 3, 4], Double, generator=gen).shape == (2, 1, 3, 4)


def test_a_copied_generator_repeats_and_the_original_moves_on():
    gen = Generator(31415)
    twin = gen.copy()
    a = rand([5], generator=gen).numpy()
    b = rand([5], generator=twin).numpy()
    c = rand([5], generator=gen).numpy()
    assert a.tolist() == b.tolist() and a.tolist() != c.tolist()
    assert gen.seed == 31415


def test_fresh_generator_uses_libtorchs_default_seed():
    assert Generator().seed == 67280421310721
    assert Generator(-1).seed == 2 ** 64 - 1


@pytest.mark.parametrize("case", GOLDEN["linear"], ids=lambda c: f"seed{c[0]}-{c[1]}x{c[2]}")
def test_linear_sample_draws_as_hasktorch(case):
    """`manual_seed_L seed` then `sample (LinearSpec in out)`: the same weight and bias numbers."""
    from gradbook.engine import manual_seed
    from gradbook.engine.tensors.nn import linear_init

    seed, n_in, n_out, weight, bias = case
    manual_seed(seed)
    w, b = linear_init(n_in, n_out)
    assert w.shape == (n_out, n_in) and b.shape == (n_out,)
    np.testing.assert_array_equal(w.numpy().reshape(-1), np.array(weight, np.float32))
    np.testing.assert_array_equal(b.numpy(), np.array(bias, np.float32))
