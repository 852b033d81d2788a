"""The project's acceptance checks against `../shared` (present in CI next to the clone; skipped only when
absent): `gradbook run` of the seed tutorial byte for byte, and every display case through Session. The
packaged copy of the tutorial is checked against the transcript in tests/transcripts on any clone."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def needs_builtins() -> None:
    """The builtins must load: a broken import fails these tests, it never skips them."""
    from gradbook.engine.language.builtins import BUILTINS

    assert BUILTINS


def gradbook_run(path: Path, *extra: str) -> subprocess.CompletedProcess:
    script = shutil.which("gradbook", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "gradbook.repl.cli"]
    return subprocess.run([*command, "run", str(path), *extra], capture_output=True, timeout=120)


def transcript_output() -> bytes:
    """The expected outputs of tests/transcripts/autograd-tutorial.txt, concatenated."""
    lines = (ROOT / "tests" / "transcripts" / "autograd-tutorial.txt").read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if line and not line.startswith(("#", ">>>", "..."))]
    return "".join(line + "\n" for line in kept).encode()


def test_packaged_tutorial_matches_the_transcript():
    needs_builtins()
    proc = gradbook_run(ROOT / "engine" / "data" / "autograd-tutorial.md")
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout == transcript_output()


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not next to the repository")
def test_seed_tutorial_byte_for_byte():
    needs_builtins()
    proc = gradbook_run(SHARED / "seed" / "autograd-tutorial.md")
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout == (SHARED / "golden" / "autograd-tutorial.out").read_bytes()


def display_cases() -> list[dict]:
    path = SHARED / "golden" / "display.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not next to the repository")
@pytest.mark.parametrize("case", display_cases(), ids=lambda case: case["source"][:40])
def test_display_case_through_session(case):
    needs_builtins()
    from gradbook.engine.language.session import Session

    result = Session().run(case["source"])
    assert result.error is None, result.error.rendered
    values = [output.text for output in result.outputs if output.kind == "value"]
    assert values == [case["expected"]]
