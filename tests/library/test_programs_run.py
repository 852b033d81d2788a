"""Programs of our own in the style of Hasktorch's examples (tests/library/programs/NAME.hs), run by
`gradbook run` as a user runs them, each against its NAME.out."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.language.test_shared_golden import gradbook_run, needs_builtins

PROGRAMS = sorted((Path(__file__).parent / "programs").glob("*.hs"))


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_program_output(path: Path):
    needs_builtins()
    proc = gradbook_run(path)
    assert (proc.returncode, proc.stderr.decode()) == (0, "")
    assert proc.stdout.decode() == path.with_suffix(".out").read_text()
