"""Gradbook's random numbers against libtorch's (tests/engine/rng_golden.json, made by rng_golden_make.py
with PyTorch): uniform, integer, permutation, Bernoulli and scalar-path normal draws bit for bit, the
vectorised normal of 16+ Float elements bit for bit against libtorch's scalar build and within 2e-6 of
its AVX build; the same steps in the same order on one generator per seed."""
import json
from pathlib import Path

import numpy as np
import pytest

from gradbook.engine import Double, Float, Generator, Int64, bernoulli, full, rand, randint, randn, randperm

GOLDEN = json.loads((Path(__file__).with_name("rng_golden.json")).read_text())
DTYPES = {"float32": Float, "float64": Double, "int64": Int64}


def _draw(gen, dist, dtype, arg):
    dt = DTYPES[dtype]
    if dist == "rand":
        return rand(arg, dt, generator=gen)
    if dist == "randn":
        return randn(arg, dt, generator=gen)
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


@pytest.mark.parametrize("index", range(len(GOLDEN["seeds"])), ids=[str(s) for s in GOLDEN["seeds"]])
def test_draws_match_libtorch(index):
    seed = GOLDEN["seeds"][index]
    gen = Generator(seed)
    for step, scalar_ref, host_ref in zip(GOLDEN["steps"], GOLDEN["default"][index], GOLDEN["host"][index]):
        dist, dtype, arg = step
        got = _draw(gen, dist, dtype, arg)
        values = got.numpy().reshape(-1)
        assert values.dtype == np.dtype(dtype), step
        np.testing.assert_array_equal(values, np.array(scalar_ref, dtype=dtype), err_msg=str(step))
        if _approximate(dist, dtype, arg):
            np.testing.assert_allclose(values, np.array(host_ref, dtype=dtype), rtol=0, atol=2e-6,
                                       err_msg=str(step))
        else:
            np.testing.assert_array_equal(values, np.array(host_ref, dtype=dtype), err_msg=str(step))


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
