"""Hasktorch's `Show Tensor` text from an array and a dtype name: header `Tensor Float [2,2] `, elements
as in Hasktorch's show0d (`showGFloat (Just 4)`, padded), rows continued under the first element."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from gradbook.engine.language.display.ghc import show_gfloat4


def show_shape(shape: Sequence[int]) -> str:
    """A shape as Haskell shows `[Int]`: `[2,3]`, `[]`."""
    return "[" + ",".join(str(int(n)) for n in shape) + "]"


def float_element(x: float) -> str:
    """One floating element as Hasktorch's show0d pads it: padPositive, then padLarge."""
    text = show_gfloat4(x)
    if x >= 0:
        text = " " + text
    if abs(x) >= 0.1:
        text += "   "
    return text


def _float_texts(flat: np.ndarray) -> list[str]:
    """`float_element` of every value. Most values lie in the fixed range [0.1, 10^7) away from a
    rounding midpoint; those are formatted in one pass (the test that GHC would print the same is
    done on the whole array); the rest go through `show_gfloat4` one by one."""
    if flat.size <= 64:  # a handful of values: NumPy's per-call overhead would dominate
        return [float_element(x) for x in flat.tolist()]
    values = flat.astype(np.float64)
    with np.errstate(invalid="ignore"):
        magnitude = np.abs(values)
        fixed = (magnitude >= 0.1) & (magnitude < 1e7)
        scaled = magnitude / 1e-4
        easy = fixed & (np.abs(scaled - np.floor(scaled) - 0.5) > 1e-4)
    numbers = values.tolist()
    if easy.all():
        return [f" {x:.4f}   " if x >= 0 else f"{x:.4f}   " for x in numbers]
    cache: dict[float, str] = {}
    texts = []
    for x, simple in zip(numbers, easy.tolist()):
        if simple:
            texts.append(f" {x:.4f}   " if x >= 0 else f"{x:.4f}   ")
            continue
        text = cache.get(x)
        if text is None or x == 0:  # 0.0 and -0.0 share a cache key but not a text
            text = cache[x] = float_element(x)
        texts.append(text)
    return texts


def _int_texts(flat: np.ndarray) -> list[str]:
    return [f" {x}" if x >= 0 else str(x) for x in flat.astype(np.int64).tolist()]


def show_tensor_data(data: np.ndarray, dtype_name: str) -> str:
    """Hasktorch's text for a tensor with these elements and this dtype name, e.g.
    `Tensor Float [2,2] [[ 1.0000   ,  1.0000   ],` + newline + aligned second row."""
    data = np.asarray(data)
    details = f"Tensor {dtype_name} {show_shape(data.shape)} "
    flat = data.reshape(-1)
    texts = _int_texts(flat) if data.dtype.kind in "iub" else _float_texts(flat)
    if data.ndim == 0:
        return details + texts[0]
    return details + _assemble(texts, data.shape, " " * len(details))


def _assemble(texts: list[str], shape: tuple[int, ...], padding: str) -> str:
    """Nest the flat element texts as Hasktorch's showElems/shownd do: `, ` inside a row, `,\\n` plus
    the header's width plus one space per nesting level between rows."""
    if 0 in shape:
        # Hasktorch shows the dims above the first empty one as copies of `[]`
        first_empty = shape.index(0)
        block = "[]"
        for level in range(first_empty - 1, -1, -1):
            block = "[" + (",\n " + padding + " " * level).join([block] * shape[level]) + "]"
        return block
    width = shape[-1]
    blocks = ["[" + ", ".join(texts[i:i + width]) + "]" for i in range(0, len(texts), width)]
    for level in range(len(shape) - 2, -1, -1):
        separator = ",\n " + padding + " " * level
        size = shape[level]
        blocks = ["[" + separator.join(blocks[i:i + size]) + "]" for i in range(0, len(blocks), size)]
    return blocks[0]
