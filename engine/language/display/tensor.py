"""Hasktorch's `Show Tensor` text from an array and a dtype name: header `Tensor Float [2,2] `, elements
as in Hasktorch's show0d (`showGFloat (Just 4)`, padded), rows continued under the first element.

Up to SUMMARY_THRESHOLD shown items (elements, or the `[]` of a tensor with an empty dim) the text is
Hasktorch's exactly; beyond it, as PyTorch and NumPy do, only the first and last EDGE_ITEMS along each
dim are shown with `...` between them, a last line says so, and `:set summarise off` shows everything.
The threshold is far above anything Hasktorch's chapters print (16 elements) and keeps a 100x100 matrix
whole; a summary formats only the elements it shows, so its cost does not grow with the tensor.
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from gradbook.engine.language.display.ghc import show_gfloat4
from gradbook.engine.tensors.memory import check_bytes


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
    zero, negative_zero = float_element(0.0), float_element(-0.0)  # equal as keys, not as texts
    texts = []
    for x, simple in zip(numbers, easy.tolist()):
        if simple:
            texts.append(f" {x:.4f}   " if x >= 0 else f"{x:.4f}   ")
            continue
        if x == 0:
            texts.append(negative_zero if math.copysign(1.0, x) < 0 else zero)
            continue
        text = cache.get(x)
        if text is None:
            text = cache[x] = float_element(x)
        texts.append(text)
    return texts


def _int_texts(flat: np.ndarray) -> list[str]:
    return [f" {x}" if x >= 0 else str(x) for x in flat.astype(np.int64).tolist()]


SUMMARY_THRESHOLD = 10_000  # shown items above which a tensor's text is summarised
TEXT_BYTES = 96  # per element while the full text is built: its string object, its place in lists, the text
EDGE_ITEMS = 3  # kept at each end of a summarised dim (PyTorch's edgeitems)
_summarising = [True]  # `:set summarise on|off`; Session.run sets it to the running session's option


def set_summarise(on: bool) -> bool:
    """Whether large tensors are summarised from now on; returns the previous setting."""
    old = _summarising[0]
    _summarising[0] = bool(on)
    return old


def shown_items(shape: Sequence[int]) -> int:
    """How many items Hasktorch's text of this shape holds: its elements, or for a shape with an empty dim,
    the `[]` blocks above the first empty dim (`[100000000,0]` shows 10^8 of them)."""
    shape = tuple(int(n) for n in shape)
    if 0 in shape:
        return math.prod(shape[:shape.index(0)])
    return math.prod(shape)


def is_summarised(shape: Sequence[int]) -> bool:
    return _summarising[0] and shown_items(shape) > SUMMARY_THRESHOLD


def show_tensor_data(data: np.ndarray, dtype_name: str) -> str:
    """Hasktorch's text for a tensor with these elements and this dtype name, e.g.
    `Tensor Float [2,2] [[ 1.0000   ,  1.0000   ],` + newline + aligned second row."""
    data = np.asarray(data)
    details = f"Tensor {dtype_name} {show_shape(data.shape)} "
    if is_summarised(data.shape):
        return details + _summary(data, " " * len(details))
    items = shown_items(data.shape)
    if items > SUMMARY_THRESHOLD:  # `:set summarise off`: every element's text, within the memory budget
        check_bytes(items * TEXT_BYTES, "show", f"the text of a tensor of {items} elements")
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


def _kept(size: int) -> list:
    """The indices a summary shows along a dim of `size`, None marking the elided middle."""
    if size <= 2 * EDGE_ITEMS:
        return list(range(size))
    return [*range(EDGE_ITEMS), None, *range(size - EDGE_ITEMS, size)]


def _summary(data: np.ndarray, padding: str) -> str:
    """The summarised text: Hasktorch's layout over the kept indices, `...` for each elided run, then a
    line saying how many items there are and how to see them all."""
    shape = data.shape
    depth = shape.index(0) if 0 in shape else len(shape)  # the dims whose indices are listed
    kept = [_kept(n) for n in shape[:depth]]
    # many short dims ([2,2,...,2]) keep everything each: elide outer dims until the summary is small
    for dim in range(depth):
        if math.prod(sum(i is not None for i in k) for k in kept) <= SUMMARY_THRESHOLD:
            break
        if shape[dim] > 1:
            kept[dim] = [0, None]
    texts = None
    if depth == len(shape):
        indices = [[i for i in k if i is not None] for k in kept]
        sub = data[np.ix_(*indices)] if indices else data
        flat = sub.reshape(-1)
        texts = _int_texts(flat) if data.dtype.kind in "iub" else _float_texts(flat)
        texts = np.array(texts, dtype=object).reshape(sub.shape)
        kept = [[None if i is None else sum(j is not None for j in k[:p]) for p, i in enumerate(k)] for k in kept]

    def block(level: int, index: tuple) -> str:
        if level == depth:
            return "[]"
        if texts is not None and level == depth - 1:
            return "[" + ", ".join("..." if j is None else texts[index + (j,)] for j in kept[level]) + "]"
        separator = ",\n " + padding + " " * level
        return "[" + separator.join("..." if j is None else block(level + 1, index + (j,))
                                    for j in kept[level]) + "]"

    what = "elements" if 0 not in shape else "empty rows"
    note = (f"\n({shown_items(shape)} {what}: the first and last {EDGE_ITEMS} along each dim are shown; "
            "`:set summarise off` shows them all)")
    return block(0, ()) + note
