"""Hasktorch's random numbers: the global generator's IO factories (`randIO'`, `randnIO'`, `randintIO'`,
`randIO`, ..., `manual_seed_L`, `manualSeed`) and Torch.Random's pure generators (`mkGenerator`,
`rand' dims gen -> (Tensor, Generator)`, `randn'`, `randint'`, `normal'`, and the option-taking `rand`,
`randn`, `randint`, `normal`). Every draw is libtorch's CPU generator's (engine/tensors/random.py)."""
from __future__ import annotations

from typing import Any, Callable

import gradbook.engine as E
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.options import TensorOptions, check_cpu, options, require_floating
from gradbook.engine.language.builtins.registry import Table, engine_action
from gradbook.engine.language.values import UNIT, IOAction
from gradbook.engine.tensors import random as R
from gradbook.engine.tensors.dtypes import Float
from gradbook.engine.tensors.errors import InvalidValueError

TABLE = Table()
DEFAULT = TensorOptions()


class Generator:
    """A pure generator value: drawing from it gives a new Generator and leaves this one as it was
    (the engine state is copied before each draw). `seed` is the seed it was made from, which
    Hasktorch's `Show Generator` prints however many draws followed."""

    haskell_type = "Generator"
    __slots__ = ("device", "engine")

    def __init__(self, device: Any, engine: R.Generator) -> None:
        self.device = device
        self.engine = engine

    def haskell_show(self, show: Callable[[Any], str], precedence: int = 0) -> str:
        text = (f"Generator {{device = {self.device.haskell_show(show)}, seed = {self.engine.seed}, "
                "generator = _}")
        return f"({text})" if precedence >= 11 else text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Generator) and self.engine.same_state(other.engine)

    def __hash__(self) -> int:  # pragma: no cover - generators are not dictionary keys
        return hash(self.engine.seed)


def _generator(fn: str, value: Any, position: int) -> Generator:
    if not isinstance(value, Generator):
        raise args.fail(fn, "a Generator (make one with `mkGenerator (Device CPU 0) seed`)", position, value, "")
    return value


def _seed(fn: str, value: Any, position: int) -> int:
    seed = args.integer(fn, value, position)
    if seed < 0:
        raise InvalidValueError(f"{fn}: a seed is a Word64 (0 .. 2^64-1), got {seed}")
    return seed


def _pure(gen: Generator, draw: Callable[[R.Generator], Any]) -> tuple:
    engine = gen.engine.copy()
    return draw(engine), Generator(gen.device, engine)


# ------------------------------------------------------------------------------ the global generator
@TABLE.fn("manualSeed", "Int -> IO ()", "An action that seeds the global generator, for reproducible lessons.",
          "manualSeed 42", "torch.manual_seed(42)")
def manual_seed(seed: Any) -> IOAction:
    return _seed_action("manualSeed", seed)


@TABLE.fn("manual_seed_L", "Word64 -> IO ()",
          "Seed the global generator (Torch.Internal.Managed.Type.Context's name, used by Hasktorch's chapters).",
          "manual_seed_L 42", "torch.manual_seed(42)")
def manual_seed_l(seed: Any) -> IOAction:
    return _seed_action("manual_seed_L", seed)


def _seed_action(fn: str, seed: Any) -> IOAction:
    value = _seed(fn, seed, 1)

    def run() -> tuple:
        E.manual_seed(value)
        return UNIT

    return IOAction(fn, run)


@TABLE.fn("randIO'", "[Int] -> IO Tensor", "An action giving uniform random Floats in [0, 1).",
          "randIO' [2, 3]", "torch.rand(2, 3)")
def rand_io_default(shape: Any) -> IOAction:
    checked = args.shape("randIO'", shape, 1)
    return engine_action("randIO'", lambda: E.rand(checked, Float))


@TABLE.fn("randnIO'", "[Int] -> IO Tensor", "An action giving standard normal random Floats.",
          "randnIO' [3]", "torch.randn(3)")
def randn_io_default(shape: Any) -> IOAction:
    checked = args.shape("randnIO'", shape, 1)
    return engine_action("randnIO'", lambda: E.randn(checked, Float))


@TABLE.fn("randintIO'", "Int -> Int -> [Int] -> IO Tensor",
          "An action giving random whole numbers in [low, high), as a Float tensor (Hasktorch's default dtype).",
          "randintIO' 0 10 [4]", "torch.randint(0, 10, (4,), dtype=torch.float32)")
def randint_io_default(low: Any, high: Any, shape: Any) -> IOAction:
    return _randint_action("randintIO'", low, high, shape, DEFAULT)


@TABLE.fn("randIO", "[Int] -> TensorOptions -> IO Tensor", "An action giving uniform random numbers in [0, 1).",
          "randIO [2] (withDType Double defaultOpts)", "torch.rand(2, dtype=torch.float64)")
def rand_io(shape: Any, opts: Any) -> IOAction:
    checked, dtype = args.shape("randIO", shape, 1), require_floating("randIO", options("randIO", opts, 2).dtype)
    return engine_action("randIO", lambda: E.rand(checked, dtype))


@TABLE.fn("randnIO", "[Int] -> TensorOptions -> IO Tensor", "An action giving standard normal random numbers.",
          "randnIO [2] (withDType Double defaultOpts)", "torch.randn(2, dtype=torch.float64)")
def randn_io(shape: Any, opts: Any) -> IOAction:
    checked, dtype = args.shape("randnIO", shape, 1), require_floating("randnIO", options("randnIO", opts, 2).dtype)
    return engine_action("randnIO", lambda: E.randn(checked, dtype))


@TABLE.fn("randintIO", "Int -> Int -> [Int] -> TensorOptions -> IO Tensor",
          "An action giving random whole numbers in [low, high) with the options' dtype.",
          "randintIO 0 10 [4] (withDType Int64 defaultOpts)", "torch.randint(0, 10, (4,))")
def randint_io(low: Any, high: Any, shape: Any, opts: Any) -> IOAction:
    return _randint_action("randintIO", low, high, shape, options("randintIO", opts, 4))


def _randint_bounds(fn: str, low: Any, high: Any) -> tuple[int, int]:
    lo, hi = args.integer(fn, low, 1), args.integer(fn, high, 2)
    if hi <= lo:
        raise InvalidValueError(f"{fn}: needs low < high, got {lo} and {hi}")
    return lo, hi


def _randint_action(fn: str, low: Any, high: Any, shape: Any, opts: TensorOptions) -> IOAction:
    lo, hi = _randint_bounds(fn, low, high)
    checked = args.shape(fn, shape, 3)
    return engine_action(fn, lambda: E.randint(lo, hi, checked, opts.dtype))


@TABLE.fn("randLikeIO'", "Tensor -> IO Tensor", "An action giving uniform random numbers shaped like a tensor.",
          "randLikeIO' (zeros' [2, 2])", "torch.rand_like(t)")
def rand_like_io(t: Any) -> IOAction:
    like = args.tensor("randLikeIO'", t)
    dtype = require_floating("randLikeIO'", like.dtype)
    return engine_action("randLikeIO'", lambda: E.rand(list(like.shape), dtype))


@TABLE.fn("randnLikeIO", "Tensor -> IO Tensor", "An action giving standard normal numbers shaped like a tensor.",
          "randnLikeIO (zeros' [2, 2])", "torch.randn_like(t)")
def randn_like_io(t: Any) -> IOAction:
    like = args.tensor("randnLikeIO", t)
    dtype = require_floating("randnLikeIO", like.dtype)
    return engine_action("randnLikeIO", lambda: E.randn(list(like.shape), dtype))


@TABLE.fn("bernoulliIO'", "Tensor -> IO Tensor",
          "An action drawing 1 with each element's probability, else 0 (the result has the tensor's dtype).",
          "bernoulliIO' (full' [4] 0.5)", "torch.bernoulli(p)")
def bernoulli_io(p: Any) -> IOAction:
    probs = args.tensor("bernoulliIO'", p)
    return engine_action("bernoulliIO'", lambda: E.bernoulli(probs))


# ------------------------------------------------------------------------------ pure generators
@TABLE.fn("mkGenerator", "Device -> Word64 -> IO Generator",
          "An action making a pure generator with a seed (libtorch's CPU generator).",
          "rng <- mkGenerator (Device CPU 0) 31415", "torch.Generator().manual_seed(31415)")
def mk_generator(device: Any, seed: Any) -> IOAction:
    dev = check_cpu("mkGenerator", device, 1)
    value = _seed("mkGenerator", seed, 2)
    return engine_action("mkGenerator", lambda: Generator(dev, R.Generator(value)))


def _rand(fn: str, shape: Any, opts: TensorOptions, gen: Any, position: int) -> tuple:
    checked, dtype = args.shape(fn, shape, 1), require_floating(fn, opts.dtype)
    return _pure(_generator(fn, gen, position), lambda g: E.rand(checked, dtype, generator=g))


def _randn(fn: str, shape: Any, opts: TensorOptions, gen: Any, position: int) -> tuple:
    checked, dtype = args.shape(fn, shape, 1), require_floating(fn, opts.dtype)
    return _pure(_generator(fn, gen, position), lambda g: E.randn(checked, dtype, generator=g))


@TABLE.fn("rand'", "[Int] -> Generator -> (Tensor, Generator)",
          "Uniform random Floats in [0, 1) and the generator after the draws.",
          "fst (rand' [2, 2] rng)", "torch.rand(2, 2, generator=g)")
def rand_pure_default(shape: Any, gen: Any) -> tuple:
    return _rand("rand'", shape, DEFAULT, gen, 2)


@TABLE.fn("rand", "[Int] -> TensorOptions -> Generator -> (Tensor, Generator)",
          "Uniform random numbers in [0, 1) with the options' dtype, and the next generator.",
          "fst (rand [2] (withDType Double defaultOpts) rng)", "torch.rand(2, dtype=torch.float64, generator=g)")
def rand_pure(shape: Any, opts: Any, gen: Any) -> tuple:
    return _rand("rand", shape, options("rand", opts, 2), gen, 3)


@TABLE.fn("randn'", "[Int] -> Generator -> (Tensor, Generator)",
          "Standard normal random Floats and the generator after the draws.",
          "fst (randn' [3] rng)", "torch.randn(3, generator=g)")
def randn_pure_default(shape: Any, gen: Any) -> tuple:
    return _randn("randn'", shape, DEFAULT, gen, 2)


@TABLE.fn("randn", "[Int] -> TensorOptions -> Generator -> (Tensor, Generator)",
          "Standard normal random numbers with the options' dtype, and the next generator.",
          "fst (randn [3] (withDType Double defaultOpts) rng)", "torch.randn(3, dtype=torch.float64, generator=g)")
def randn_pure(shape: Any, opts: Any, gen: Any) -> tuple:
    return _randn("randn", shape, options("randn", opts, 2), gen, 3)


@TABLE.fn("randint'", "Int -> Int -> [Int] -> Generator -> (Tensor, Generator)",
          "Random whole numbers in [low, high) as Floats, and the next generator.",
          "fst (randint' 0 10 [4] rng)", "torch.randint(0, 10, (4,), generator=g).float()")
def randint_pure_default(low: Any, high: Any, shape: Any, gen: Any) -> tuple:
    return _randint_pure("randint'", low, high, shape, DEFAULT, gen, 4)


@TABLE.fn("randint", "Int -> Int -> [Int] -> TensorOptions -> Generator -> (Tensor, Generator)",
          "Random whole numbers in [low, high) with the options' dtype, and the next generator.",
          "fst (randint 0 10 [4] (withDType Int64 defaultOpts) rng)", "torch.randint(0, 10, (4,), generator=g)")
def randint_pure(low: Any, high: Any, shape: Any, opts: Any, gen: Any) -> tuple:
    return _randint_pure("randint", low, high, shape, options("randint", opts, 4), gen, 5)


def _randint_pure(fn: str, low: Any, high: Any, shape: Any, opts: TensorOptions, gen: Any, position: int) -> tuple:
    lo, hi = _randint_bounds(fn, low, high)
    checked = args.shape(fn, shape, 3)
    return _pure(_generator(fn, gen, position), lambda g: E.randint(lo, hi, checked, opts.dtype, generator=g))


@TABLE.fn("normal'", "Double -> Double -> [Int] -> Generator -> (Tensor, Generator)",
          "Normal random Floats with a mean and standard deviation, and the next generator.",
          "fst (normal' 0 2 [3] rng)", "torch.normal(0., 2., (3,), generator=g)")
def normal_pure_default(mean: Any, std: Any, shape: Any, gen: Any) -> tuple:
    return _normal("normal'", mean, std, shape, DEFAULT, gen, 4)


@TABLE.fn("normal", "Double -> Double -> [Int] -> TensorOptions -> Generator -> (Tensor, Generator)",
          "Normal random numbers (mean, standard deviation) with the options' dtype, and the next generator.",
          "fst (normal 0 2 [3] (withDType Double defaultOpts) rng)",
          "torch.normal(0., 2., (3,), dtype=torch.float64, generator=g)")
def normal_pure(mean: Any, std: Any, shape: Any, opts: Any, gen: Any) -> tuple:
    return _normal("normal", mean, std, shape, options("normal", opts, 4), gen, 5)


def _normal(fn: str, mean: Any, std: Any, shape: Any, opts: TensorOptions, gen: Any, position: int) -> tuple:
    mu, sigma = float(args.number(fn, mean, 1)), float(args.number(fn, std, 2))
    if not sigma >= 0:
        raise InvalidValueError(f"{fn}: the standard deviation must be >= 0, got {sigma}")
    checked, dtype = args.shape(fn, shape, 3), require_floating(fn, opts.dtype)

    def draw(g: R.Generator) -> Any:
        from gradbook.engine.tensors.memory import check_allocation
        from gradbook.engine.tensors.tensor import make

        check_allocation(checked, dtype.np, fn)
        return make(R.normal_array(g, checked, dtype.np, mu, sigma), None)

    return _pure(_generator(fn, gen, position), draw)

