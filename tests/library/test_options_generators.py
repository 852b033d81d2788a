"""TensorOptions, devices and generators as a user writes them (Session.run, exact output)."""
from __future__ import annotations

RNG = "rng0 <- mkGenerator (Device CPU 0) 31415"


def test_options_pick_the_dtype(run):
    assert run("dtype (ones [2] (withDType Double defaultOpts))") == (["Double"], None)
    assert run("full [2] 7 (withDType Int64 defaultOpts)") == (["Tensor Int64 [2] [ 7,  7]"], None)
    assert run("eye 2 2 (withDevice (Device CPU 0) (withDType Int64 defaultOpts))") == (
        ["Tensor Int64 [2,2] [[ 1,  0],\n                    [ 0,  1]]"], None)
    assert run("arange 0 7 3 (withDType Int64 defaultOpts)") == (["Tensor Int64 [3] [ 0,  3,  6]"], None)
    assert run("linspace 0 1 3 (withDType Double defaultOpts)") == (
        ["Tensor Double [3] [ 0.0000,  0.5000   ,  1.0000   ]"], None)


def test_device_values_show_as_hasktorch_records(run):
    assert run("device (zeros' [1])") == (["Device {deviceType = CPU, deviceIndex = 0}"], None)
    assert run("toType Double (toDevice (Device CPU 0) (ones' [1]))") == (["Tensor Double [1] [ 1.0000   ]"], None)


def test_another_device_is_a_clear_error(run):
    texts, error = run("zeros [2] (withDevice (Device CUDA 0) defaultOpts)")
    assert texts == [] and "only the CPU is available here (`Device CPU 0`); CUDA:0 is not" in error
    assert error.startswith("<cell>:1:")


def test_pure_generator_gives_libtorchs_numbers_and_stays_pure(run):
    run(RNG)
    assert run("fst (rand' [2, 2] rng0)") == (
        ["Tensor Float [2,2] [[ 0.3296   ,  0.2113   ],\n                    [ 0.8446   ,  0.9235   ]]"], None)
    # rng0 is a value: drawing again from it gives the same numbers
    assert run("fst (rand' [2, 2] rng0) == fst (rand' [2, 2] rng0)") == (["True"], None)
    run("let (a, rng1) = rand' [2, 2] rng0")
    assert run("fst (rand' [2, 2] rng1)") == (
        ["Tensor Float [2,2] [[ 0.5002   ,  0.4071   ],\n                    [ 0.5099   ,  0.4392   ]]"], None)
    assert run("snd (rand' [2, 2] rng1)") == (
        ["Generator {device = Device {deviceType = CPU, deviceIndex = 0}, seed = 31415, generator = _}"], None)


def test_randn_and_randint_with_generators(run):
    run(RNG)
    # PyTorch: torch.randn(3, generator=g) -> [-1.0999, -1.2717, 0.4066] and
    # torch.randint(0, 10, (4,), generator=g) -> [0, 7, 9, 3], each with g = torch.Generator().manual_seed(31415)
    assert run("fst (randn' [3] rng0)") == (["Tensor Float [3] [-1.0999   , -1.2717   ,  0.4066   ]"], None)
    assert run("fst (randint 0 10 [4] (withDType Int64 defaultOpts) rng0)") == (
        ["Tensor Int64 [4] [ 0,  7,  9,  3]"], None)


def test_global_generator_seeded_by_manual_seed_l(run):
    run("manual_seed_L 31415")
    assert run("randIO' [2]") == (["Tensor Float [2] [ 0.3296   ,  0.2113   ]"], None)
    run("manualSeed 31415")
    assert run("randIO [1] (withDType Double defaultOpts)")[0] == ["Tensor Double [1] [ 0.6365   ]"]


def test_generator_errors_are_located(run):
    texts, error = run("rand' [2] 5")
    assert "rand' expects a Generator (make one with `mkGenerator (Device CPU 0) seed`)" in error
    texts, error = run("randnIO [2] (withDType Int64 defaultOpts)")
    assert "need a Float or Double dtype, got Int64" in error


def test_as_value_of_a_one_element_tensor_is_a_number(run):
    assert run("asValue (asTensor ([[2]] :: [[Int]])) :: Int") == (["2"], None)
    assert run("asValue (ones [2, 2] (withDType Double defaultOpts)) :: [[Double]]") == (["[[1.0,1.0],[1.0,1.0]]"],
                                                                                         None)
