"""Hasktorch's `Show Tensor` text from an array and a dtype name: header `Tensor Float [2,2] `, elements
as in Hasktorch's show0d (`showGFloat (Just 4)`, padded), rows continued under the first element."""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from gradbook.engine.display.ghc import show_gfloat4


def show_shape(shape: Sequence[int]) -> str:
    """A shape as Haskell shows `[Int]`: `[2,3]`, `[]`."""
    return "[" + ",".join(str(int(n)) for n in shape) + "]"


def _float_element(x: float) -> str:
    # padPositive then padLarge, as in Hasktorch's show0d
    text = show_gfloat4(x)
    if x >= 0:
        text = " " + text
    if abs(x) >= 0.1:
        text += "   "
    return text


def _int_element(x: int) -> str:
    return f" {x}" if x >= 0 else str(x)


def show_tensor_data(data: np.ndarray, dtype_name: str) -> str:
    """Hasktorch's text for a tensor with these elements and this dtype name, e.g.
    `Tensor Float [2,2] [[ 1.0000   ,  1.0000   ],` + newline + aligned second row."""
    data = np.asarray(data)
    details = f"Tensor {dtype_name} {show_shape(data.shape)} "
    if data.dtype.kind in "iub":
        element = _int_element
        values = data.astype(np.int64) if data.dtype.kind == "b" else data
    else:
        cache: dict[float, str] = {}

        def element(x: float) -> str:
            text = cache.get(x)
            if text is None or x == 0:  # 0.0 and -0.0 share a cache key but not a text
                text = cache[x] = _float_element(x)
            return text

        values = data
    if data.ndim == 0:
        return details + element(values.item())
    padding = " " * len(details)
    return details + _show_nd(values, element, padding, 0)


def _show_nd(values: np.ndarray, element: Callable[[Any], str], padding: str, offset: int) -> str:
    if values.ndim == 1:
        return "[" + ", ".join(element(x) for x in values.tolist()) + "]"
    separator = ",\n " + padding + " " * offset
    return "[" + separator.join(_show_nd(row, element, padding, offset + 1) for row in values) + "]"


