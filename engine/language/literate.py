"""Code blocks of a literate Markdown lesson (Hasktorch's inliterate convention): ```haskell top``` and
```haskell top hide``` blocks are module-level code (imports, declarations, wherever they stand), loaded
before anything runs; ```haskell do``` and ```haskell eval``` blocks then run in order; `hide`-only and plain
```haskell``` blocks are shown, never run. Each block keeps the line of the .md file it starts on, so errors
point into the Markdown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")


@dataclass(frozen=True)
class Block:
    code: str
    first_line: int  # 1-based line of the block's first code line in the Markdown file
    attributes: tuple[str, ...]


def is_markdown(path: str) -> bool:
    return path.lower().endswith((".md", ".markdown", ".lhs.md"))


def _runs(attributes: tuple[str, ...]) -> bool:
    if not attributes or attributes[0] not in ("haskell", "hs", "gradbook"):
        return False
    flags = set(attributes[1:])
    return bool(flags & {"do", "eval"}) and "top" not in flags


def _attributes(info: str) -> tuple[str, ...]:
    info = info.strip()
    if info.startswith("{") and info.endswith("}"):  # pandoc style: {.haskell .do}
        return tuple(word.lstrip(".") for word in info[1:-1].split())
    return tuple(info.split())


def all_blocks(text: str) -> list[Block]:
    """Every fenced code block, runnable or not."""
    blocks: list[Block] = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        fence = match.group("fence")
        attributes = _attributes(match.group("info"))
        body: list[str] = []
        start = index + 1
        index += 1
        while index < len(lines):
            closing = lines[index].strip()
            if closing.startswith(fence[0] * len(fence)) and not closing.strip(fence[0]):
                break
            body.append(lines[index])
            index += 1
        blocks.append(Block("\n".join(body), start + 1, attributes))
        index += 1
    return blocks


def blocks_of(text: str) -> list[Block]:
    """The blocks Gradbook runs, in order."""
    return [block for block in all_blocks(text) if _runs(block.attributes)]


def top_blocks(text: str) -> list[Block]:
    """The `haskell top` (and `top hide`) blocks: the lesson's module, loaded first as one group."""
    return [block for block in all_blocks(text) if block.attributes[:1] and block.attributes[0] in (
        "haskell", "hs", "gradbook") and "top" in block.attributes[1:]]
