"""The engine's one random generator: `manual_seed(n)` makes `rand`, `randn` and `randint` repeat."""
from __future__ import annotations

import numpy as np

from gradbook.engine.tensors.errors import InvalidValueError

_generator = np.random.default_rng()


def manual_seed(n: int) -> None:
    """Reseed the generator: the same seed gives the same numbers.

    >>> manual_seed(7); a = rand([2])
    >>> manual_seed(7); a.numpy().tolist() == rand([2]).numpy().tolist()
    True
    """
    global _generator
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise InvalidValueError(f"manual_seed: expected a non-negative integer seed, got {n!r}")
    _generator = np.random.default_rng(int(n))


def generator() -> np.random.Generator:
    """The current generator (factories draw from it)."""
    return _generator
