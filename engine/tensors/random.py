"""Random generators with libtorch's CPU numbers: a `Generator` is an mt19937 state plus libtorch's cached
normal sample; the draws (kernels/mt19937.py) follow ATen's order, so a seed gives what
`torch.Generator().manual_seed(seed)` gives. One global generator serves the IO factories; pure code
copies a generator and advances the copy (`Generator.split`)."""
from __future__ import annotations

import os
from typing import Sequence

import numpy as np

from gradbook.engine.tensors.errors import InvalidValueError

DEFAULT_SEED = 67280421310721  # c10's default_rng_seed_val: what a fresh torch.Generator() starts from


class Generator:
    """libtorch's CPUGeneratorImpl state: `seed` is the seed it was made from (libtorch reports it even
    after draws); `state`, `pos`, `cache` are the engine's words, read position and spare normal."""

    __slots__ = ("seed", "state", "pos", "cache")

    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        self.seed = _seed_value(seed)
        self.state = np.empty(624, np.uint32)
        self.pos = np.zeros(1, np.int64)
        self.cache = np.zeros(2, np.float64)
        from gradbook.engine.tensors.kernels import mt19937

        mt19937.seed_state(self.seed & 0xFFFFFFFF, self.state, self.pos, self.cache)

    def copy(self) -> "Generator":
        twin = Generator.__new__(Generator)
        twin.seed, twin.state, twin.pos, twin.cache = self.seed, self.state.copy(), self.pos.copy(), self.cache.copy()
        return twin

    def same_state(self, other: "Generator") -> bool:
        return (self.seed == other.seed and int(self.pos[0]) == int(other.pos[0]) and
                bool((self.state == other.state).all()) and bool((self.cache == other.cache).all()))


def _seed_value(n: object) -> int:
    """libtorch's seeds are uint64; a negative Python int wraps as torch.manual_seed does."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise InvalidValueError(f"manual_seed: expected an integer seed, got {n!r}")
    n = int(n)
    if not -(2 ** 63) <= n < 2 ** 64:
        raise InvalidValueError(f"manual_seed: the seed {n} does not fit in 64 bits")
    return n % 2 ** 64


# The global generator starts from a nondeterministic seed, as libtorch's default CPU generator does.
_global: Generator | None = None


def global_generator() -> Generator:
    global _global
    if _global is None:
        _global = Generator(int.from_bytes(os.urandom(8), "little"))
    return _global


def manual_seed(n: int) -> None:
    """Reseed the global generator (and drop its cached normal), as torch.manual_seed does.

    >>> manual_seed(7); a = rand([2])
    >>> manual_seed(7); a.numpy().tolist() == rand([2]).numpy().tolist()
    True
    """
    global _global
    _global = Generator(n)


def initial_seed() -> int:
    return global_generator().seed


# ---- draws into fresh arrays (the factories wrap them as tensors) ----

def uniform_array(gen: Generator, shape: Sequence[int], np_dtype: type, low: float = 0.0,
                  high: float = 1.0) -> np.ndarray:
    from gradbook.engine.tensors.kernels import mt19937

    out = np.empty(int(np.prod(shape, dtype=np.int64)), np_dtype)
    kernel = mt19937.uniform32 if out.dtype == np.float32 else mt19937.uniform64
    kernel(gen.state, gen.pos, out, float(low), float(high))
    return out.reshape(shape)


_AVX2: bool | None = None


def avx2_normals() -> bool:
    """Whether libtorch on this host would take its AVX2 Box-Muller for Float tensors: an x86 CPU with AVX2
    and FMA, unless ATEN_CPU_CAPABILITY=default asks libtorch (and so Gradbook) for its scalar kernels."""
    global _AVX2
    if _AVX2 is None:
        if os.environ.get("ATEN_CPU_CAPABILITY", "").lower() == "default":
            _AVX2 = False
        else:
            try:
                import llvmlite.binding as ll

                features = ll.get_host_cpu_features()
                _AVX2 = bool(features.get("avx2") and features.get("fma"))
            except Exception:  # pragma: no cover - no LLVM host query: libtorch's portable path
                _AVX2 = False
    return _AVX2


def normal_array(gen: Generator, shape: Sequence[int], np_dtype: type, mean: float = 0.0,
                 std: float = 1.0, avx2: bool | None = None) -> np.ndarray:
    """normal_kernel: 16 or more elements take normal_fill (uniforms first, Box-Muller per 16-block;
    Float tensors with the AVX2 kernel's approximate log/sin/cos where libtorch would use it, `avx2`
    overriding the host's answer); fewer take the scalar double path with its cached sample."""
    from gradbook.engine.tensors.kernels import mt19937

    out = np.empty(int(np.prod(shape, dtype=np.int64)), np_dtype)
    if out.size >= 16:
        if out.dtype != np.float32:
            fill = mt19937.normal_fill64
        else:
            fill = mt19937.normal_fill32_avx2 if (avx2_normals() if avx2 is None else avx2) else mt19937.normal_fill32
        fill(gen.state, gen.pos, out, float(mean), float(std))
    else:
        mt19937.normal_scalar(gen.state, gen.pos, gen.cache, out, float(mean), float(std))
    return out.reshape(shape)


def randint_array(gen: Generator, low: int, high: int, shape: Sequence[int]) -> np.ndarray:
    """Int64 draws in [low, high), libtorch's `random_from_to`."""
    from gradbook.engine.tensors.kernels import mt19937

    out = np.empty(int(np.prod(shape, dtype=np.int64)), np.int64)
    mt19937.randint(gen.state, gen.pos, out, int(high) - int(low), int(low))
    return out.reshape(shape)


def randperm_array(gen: Generator, n: int) -> np.ndarray:
    from gradbook.engine.tensors.kernels import mt19937

    out = np.empty(int(n), np.int64)
    mt19937.randperm(gen.state, gen.pos, out)
    return out


def bernoulli_array(gen: Generator, p: np.ndarray) -> np.ndarray:
    """0/1 (int8) per probability: float32 p draws 24-bit uniforms, float64 p 53-bit ones."""
    from gradbook.engine.tensors.kernels import mt19937

    flat = np.ascontiguousarray(p).reshape(-1)
    out = np.empty(flat.size, np.int8)
    if flat.dtype == np.float32:
        mt19937.bernoulli32(gen.state, gen.pos, flat, out)
    else:
        mt19937.bernoulli64(gen.state, gen.pos, flat.astype(np.float64), out)
    return out.reshape(p.shape)
