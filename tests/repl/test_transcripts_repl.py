"""The project's transcripts (tests/transcripts/*.txt) replayed through the interactive REPL, keys and all,
with the real Session: each input typed (or pasted, when it spans lines) at the prompt, Enter pressed, and
the text the REPL prints compared with the transcript's. Annotations are left out here, since transcripts
hold `gradbook run`'s text; test_e2e.py checks them."""
from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path

import pytest
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from gradbook.engine.language.results import Output, RunResult
from gradbook.repl.app import Repl
from gradbook.repl.loader import EngineLoader

TRANSCRIPTS_DIR = Path(__file__).resolve().parents[1] / "transcripts"
MARK = "\x00next input\x00\n"
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


def _load_parser():
    spec = importlib.util.spec_from_file_location("gradbook_transcripts", TRANSCRIPTS_DIR / "test_transcripts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module.parse_transcript


class MarkedSession:
    """The real Session, writing a mark before each run (to split the REPL's output per input) and
    dropping annotations from results."""

    def __init__(self, session, out: io.StringIO) -> None:
        self.session = session
        self.out = out

    def __getattr__(self, name: str):
        return getattr(self.session, name)

    def run(self, source: str, *args, **kwargs) -> RunResult:
        self.out.write(MARK)
        stream = kwargs.get("on_output")
        if stream is not None:  # the REPL shows outputs as they come: drop their annotations there too
            kwargs["on_output"] = lambda o: stream(Output(o.kind, o.text, None, o.value))
        result = self.session.run(source, *args, **kwargs)
        outputs = [Output(o.kind, o.text, None, o.value) for o in result.outputs]
        return RunResult(outputs, result.error, result.quit)


def keys_for(source: str, incomplete: bool) -> str:
    typed = PASTE_START + source + PASTE_END if "\n" in source else source
    # Input the Session calls incomplete only runs after two empty continuation lines (3 Enters).
    return typed + ("\r\r\r" if incomplete else "\r")


TRANSCRIPTS = sorted(TRANSCRIPTS_DIR.glob("*.txt"))


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
def test_transcript_through_the_repl(path: Path) -> None:
    from gradbook.engine.language.session import Session

    steps = _load_parser()(path)
    scratch = Session(allow_files=False)
    incomplete = [scratch.is_complete(step.source) == "incomplete" for step in steps]
    out = io.StringIO()
    session = MarkedSession(Session(allow_files=False), out)
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys_for(s.source, inc) for s, inc in zip(steps, incomplete)) + "\x04")
        repl = Repl(EngineLoader(lambda: session), input=pipe, output=DummyOutput(), out=out,
                    history=InMemoryHistory(), color=False)
        assert repl.run() == 0
    shown = out.getvalue().split(MARK)[1:]
    ran = steps[: len(shown)]
    assert len(shown) == len(steps) or ran[-1].source == ":quit"
    assert len(ran) >= 3
    for step, was_incomplete, text in zip(ran, incomplete, shown):
        if was_incomplete:  # run after blank continuation lines: the same error, placed further down
            assert "error" in text and step.expected, (step.source, text)
        else:
            assert text == step.expected, f"{path.name}: input {step.source!r}"
