"""Shared helpers of the builtins tests: call a builtin by its language name, in Hasktorch's argument order."""
from __future__ import annotations

from typing import Any

import numpy as np

from gradbook.engine.language.builtins import BUILTINS, OPERATORS


def call(name: str, *arguments: Any) -> Any:
    """`name arg1 arg2 ...` as the language applies it (curried Function.apply)."""
    return BUILTINS[name].apply(*arguments)


def op(symbol: str, *arguments: Any) -> Any:
    return OPERATORS[symbol].apply(*arguments)


def values(t: Any) -> list:
    return t.numpy().tolist()


def floats(data: Any) -> Any:
    """A Float tensor from nested Python numbers, the way `asTensor (... :: [Float])` builds it."""
    return call("asTensor", _f32(data))


def _f32(data: Any) -> Any:
    return [_f32(d) for d in data] if isinstance(data, list) else np.float32(data)


