"""Literate Markdown extraction and `gradbook run` (batch mode) in-process on the stand-in runtime: what goes
to stdout and stderr, exit codes, error lines inside the Markdown file, stdin, --annotate."""
from __future__ import annotations

import io
import sys

import pytest

from gradbook.engine.language import batch
from gradbook.engine.language.literate import all_blocks, blocks_of

LESSON = """---
title: x
---

```haskell top hide
import Torch
```

Prose `inline`.

```haskell
plain :: Int
```

```haskell do
let a = 1
let b = a + 1
```

````haskell eval
b * 10
````

```haskell eval hide
b + 0
```

```python
print("not me")
```
"""


def test_blocks_in_order_with_their_lines():
    blocks = blocks_of(LESSON)
    assert [b.code for b in blocks] == ["let a = 1\nlet b = a + 1", "b * 10", "b + 0"]
    assert [b.first_line for b in blocks] == [16, 21, 25]
    assert len(all_blocks(LESSON)) == 6


def test_pandoc_attributes_and_unclosed_fence():
    assert [b.code for b in blocks_of("```{.haskell .eval}\n1\n```\n")] == ["1"]
    assert [b.code.strip() for b in blocks_of("```haskell do\nlet a = 1\n")] == ["let a = 1"]


@pytest.fixture
def fake_batch(monkeypatch, make_fake_runtime):
    monkeypatch.setattr("gradbook.engine.language.session.load_runtime", make_fake_runtime)


def run_batch(argv, stdin: str = ""):
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr, sys.stdin = out, err, io.StringIO(stdin)
    try:
        code = batch.main(argv)
    finally:
        sys.stdout, sys.stderr, sys.stdin = old
    return code, out.getvalue(), err.getvalue()


def test_markdown_lesson(fake_batch, tmp_path):
    path = tmp_path / "lesson.md"
    path.write_text(LESSON)
    assert run_batch([str(path)]) == (0, "20\n2\n", "")


def test_error_in_markdown_points_at_the_md_line(fake_batch, tmp_path):
    path = tmp_path / "lesson.md"
    path.write_text(LESSON.replace("let b = a + 1", "let b = a +* 1"))
    code, out, err = run_batch([str(path)])
    assert code == 1 and out == ""
    assert err.startswith(f"{path}:17:11: error: ") and err.endswith("\n")
    assert err.split("\n")[1] == "  let b = a +* 1"


def test_script_prints_values_and_stdout_then_stops_at_first_error(fake_batch, tmp_path):
    path = tmp_path / "s.gb"
    path.write_text('1\nputStrLn "hi"\nnope\n2\n')
    code, out, err = run_batch([str(path)])
    assert (code, out) == (1, "1\nhi\n")
    assert err.startswith(f"{path}:3:1: error: unknown name `nope`")


def test_stdin_and_usage(fake_batch):
    assert run_batch(["-"], "let x = 2\nx * 3\n") == (0, "6\n", "")
    code, _, err = run_batch([])
    assert code == 2 and "usage" in err
    code, _, err = run_batch(["/nonexistent/file.gb"])
    assert code == 1 and "cannot read" in err


def test_annotate_flag(monkeypatch, tmp_path, make_fake_runtime):
    def annotated():
        runtime = make_fake_runtime()
        runtime.annotation = lambda value: "requires_grad · grad_fn=mul" if value == 6 else None
        return runtime

    monkeypatch.setattr("gradbook.engine.language.session.load_runtime", annotated)
    path = tmp_path / "s.gb"
    path.write_text("2 * 3\n1\n")
    assert run_batch([str(path)]) == (0, "6\n1\n", "")
    assert run_batch([str(path), "--annotate"]) == (0, "6\n-- requires_grad · grad_fn=mul\n1\n", "")
