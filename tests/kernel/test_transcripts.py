"""The project's transcripts (tests/transcripts/*.txt) typed into a real kernel, one input per cell: what a
notebook shows (values' text/plain, printed text, colon-command answers, pager pages, error tracebacks) must
be exactly what the transcript expects, as it is for the Session and the REPL."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

TRANSCRIPTS_DIR = Path(__file__).resolve().parents[1] / "transcripts"
TRANSCRIPTS = sorted(TRANSCRIPTS_DIR.glob("*.txt"))


def _load_format():
    """The transcript format's one parser, from the transcript tests themselves."""
    spec = importlib.util.spec_from_file_location("transcript_format", TRANSCRIPTS_DIR / "test_transcripts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def notebook_text(run) -> str:
    """A cell's outputs as the transcript writes them. The kernel's own stderr notes (`:quit`) are extra."""
    parts = []
    for msg in run.messages:
        kind, content = msg["msg_type"], msg["content"]
        if kind in ("display_data", "execute_result"):
            parts.append(content["data"]["text/plain"] + "\n")
        elif kind == "stream" and content["name"] == "stdout":
            parts.append(content["text"])
        elif kind == "error":
            parts.append("\n".join(content["traceback"]) + "\n")
    for page in run.reply.get("payload", []):
        parts.append(page["data"]["text/plain"] + "\n")
    return "".join(parts)


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
def test_transcript_through_the_kernel(path, kernel):
    steps = _load_format().parse_transcript(path)
    kernel.execute(":reset")
    for step in steps:
        run = kernel.execute(step.source)
        assert notebook_text(run) == step.expected, f"{path.name}: input {step.source!r}"
        assert (run.reply["status"] == "error") == bool(run.of_type("error"))
