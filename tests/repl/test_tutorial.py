"""The tutorial player: which blocks run, how the Markdown splits into steps, and the show itself
(with a stand-in Session here; test_e2e.py plays it with the real one)."""
from __future__ import annotations

import io

import pytest

from gradbook.engine.language.results import ErrorReport, Output, RunResult
from gradbook.repl.loader import EngineLoader
from gradbook.repl.tutorial import Player, steps, tutorial_text


def test_steps_run_exactly_the_blocks_gradbook_run_runs() -> None:
    from gradbook.engine.language.literate import blocks_of

    text = tutorial_text()
    played = [block for step in steps(text) for block in step.blocks]
    assert played == [(block.first_line, block.code) for block in blocks_of(text)]


def test_packaged_tutorial_splits_into_steps() -> None:
    all_steps = steps(tutorial_text())
    codes = [code for step in all_steps for _, code in step.blocks]
    assert codes[0].startswith("let x = asTensor ([1, 2, 3] :: [Float])")
    assert codes[-1] == "grad out [a]"
    assert sum(code.count("\n") + 1 for code in codes) == 17  # every line of every do/eval block
    prose = "\n".join(line for step in all_steps for line in step.prose)
    assert "# Automatic Differentiation" in prose
    assert "grad :: Tensor -> [IndependentTensor] -> [Tensor]" in prose  # shown, not run
    assert "AskInliterate" not in prose and "title:" not in prose  # hidden block and front matter
    assert "[^requires-grad]" not in prose.split("[^requires-grad]:")[0]  # footnote refs dropped


def test_block_line_numbers_point_into_the_markdown() -> None:
    lines = tutorial_text().split("\n")
    for step in steps(tutorial_text()):
        for first_line, code in step.blocks:
            assert lines[first_line - 1] == code.split("\n")[0]


class EchoSession:
    """Shows each chunk back; `fail` chunks are errors."""

    def __init__(self) -> None:
        self.options = {"annotations": True}
        self.runs: list[tuple[str, int]] = []

    def is_complete(self, source: str) -> str:
        return "complete"

    def run(self, source: str, name: str | None = None, first_line: int = 1) -> RunResult:
        self.runs.append((source, first_line))
        if source == "fail":
            return RunResult(error=ErrorReport("name", "no", name, first_line, 1, 2, f"{name}:{first_line}:1: error"))
        if source.startswith("let"):
            return RunResult()
        return RunResult([Output("value", f"<{source}>", "requires_grad")])


MARKDOWN = """# Title

Intro.

```haskell do
let a = 1
let b = 2
```

```haskell eval
a
```

More prose.

~~~~ {.haskell .eval}
fail
~~~~

```haskell top hide
secret
```

```haskell
shown :: Signature
```
"""


def test_player_shows_prose_inputs_and_outputs_in_order() -> None:
    session, out, err = EchoSession(), io.StringIO(), io.StringIO()
    waits: list[int] = []
    status = Player(EngineLoader(lambda: session), out, err, lambda: waits.append(1) or True, False).play(
        steps(MARKDOWN))
    assert status == 1  # a failing step makes the tutorial's exit status 1
    assert out.getvalue() == (
        "Title\n\nIntro.\n\n"
        "gradbook> let a = 1\ngradbook> let b = 2\ngradbook> a\n<a>\n\n"
        "More prose.\n\ngradbook> fail\n\n"
        "    shown :: Signature\n\n"
    )
    assert err.getvalue() == "autograd-tutorial.md:17:1: error\n"
    assert session.runs == [("let a = 1", 6), ("let b = 2", 7), ("a", 11), ("fail", 17)]
    assert waits == [1]  # one pause: between the two steps, none before the first


def test_player_stops_when_the_user_quits() -> None:
    session, out = EchoSession(), io.StringIO()
    assert Player(EngineLoader(lambda: session), out, out, lambda: False, False).play(steps(MARKDOWN)) == 0
    assert [source for source, _ in session.runs] == ["let a = 1", "let b = 2", "a"]
