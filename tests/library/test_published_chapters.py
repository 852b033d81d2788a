"""Hasktorch's published outputs (../shared/golden/hasktorch-published.json) through `gradbook run`:
chapter 02's twelve cells and chapter 03's seeded cells, byte for byte. The chapters are retold in
tests/library/chapter0N.md with the same cells and setup lines between them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.language.test_shared_golden import SHARED, gradbook_run, needs_builtins

HERE = Path(__file__).parent
# chapter 03: `w` and `w'` come from the unseeded global generator (the golden file says so)
SEEDED_03 = ["w1 == w2", "(x1, x2)", "runState randomPair rng0"]


def published(chapter: str) -> dict[str, str]:
    data = json.loads((SHARED / "golden" / "hasktorch-published.json").read_text(encoding="utf-8"))
    return dict((source, text) for source, text in data["chapters"][chapter])


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not next to the repository")
def test_chapter_02_all_cells():
    needs_builtins()
    cells = json.loads((SHARED / "golden" / "hasktorch-published.json").read_text())["chapters"]["02-tensors"]
    assert len(cells) == 12
    proc = gradbook_run(HERE / "chapter02.md")
    assert (proc.returncode, proc.stderr.decode()) == (0, "")
    assert proc.stdout.decode() == "".join(text + "\n" for _, text in cells)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not next to the repository")
def test_chapter_03_seeded_cells():
    needs_builtins()
    texts = published("03-randomness")
    proc = gradbook_run(HERE / "chapter03.md")
    assert (proc.returncode, proc.stderr.decode()) == (0, "")
    assert proc.stdout.decode() == "".join(texts[source] + "\n" for source in SEEDED_03)
