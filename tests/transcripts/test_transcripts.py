"""Transcript tests: each `*.txt` here is a session typed line by line with the exact output expected, run
through `Session` (one `run` per input, as the REPL does) and through `gradbook run` (all inputs as one
`.gb` script, in a subprocess).

Format. Lines starting with `#` before the first input are comments. `>>> ` starts an input; following
lines starting with `... ` continue it (a multi-line input, e.g. a `:{ ... :}` block). Every other line up
to the next `>>> ` is the exact expected output of that input: what `gradbook run` would print for it
(each shown value, `print`/`putStrLn` text, colon-command answers) and, for an input that fails, the
rendered error (`<cell>:LINE:COL: error: ...`, source line, caret). Lines within an input count from 1.
In the script run, the first error ends the run: the outputs before it go to stdout, the error to stderr
with its line shifted to the script's line and `<cell>` replaced by the script's path.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).parent
TRANSCRIPTS = sorted(HERE.glob("*.txt"))
ERROR_HEADER = re.compile(r"^<cell>:(\d+):(\d+): error: ", re.M)


@dataclass
class Step:
    source: str
    expected: str  # exact text, "" when the input shows nothing


def parse_transcript(path: Path) -> list[Step]:
    steps: list[Step] = []
    source: list[str] | None = None
    expected: list[str] = []

    def flush() -> None:
        if source is not None:
            steps.append(Step("\n".join(source), "".join(line + "\n" for line in expected)))

    lines = path.read_text(encoding="utf-8").split("\n")
    while lines and not lines[-1]:  # the file's final newline(s) are not output
        lines.pop()
    for line in lines:
        if line.startswith(">>> ") or line == ">>>":
            flush()
            source, expected = [line[4:]], []
        elif source is not None and (line.startswith("... ") or line == "...") and not expected:
            source.append(line[4:])
        elif source is None:
            assert line.startswith("#") or not line.strip(), f"{path.name}: text before the first `>>>`: {line!r}"
        else:
            expected.append(line)
    flush()
    return steps


def session_text(result) -> str:
    parts = []
    for output in result.outputs:
        parts.append(output.text if output.kind == "stdout" else output.text + "\n")
    if result.error is not None:
        parts.append(result.error.rendered + "\n")
    return "".join(parts)


def gradbook_command() -> list[str]:
    """The installed `gradbook` script next to this interpreter, or the same entry point as a module."""
    script = shutil.which("gradbook", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "gradbook.repl.cli"]


def needs_builtins() -> None:
    """The builtins must load: a broken import fails these tests, it never skips them."""
    from gradbook.engine.language.builtins import BUILTINS

    assert BUILTINS


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
def test_transcript_through_session(path):
    needs_builtins()
    from gradbook.engine.language.session import Session

    session = Session(allow_files=False)
    for step in parse_transcript(path):
        got = session_text(session.run(step.source))
        assert got == step.expected, f"{path.name}: input {step.source!r}"


def script_expectation(steps: list[Step], script_name: str) -> tuple[str, str, int]:
    """(stdout, stderr, exit status) that `gradbook run` must give on the steps joined as one script."""
    stdout: list[str] = []
    line = 1
    for step in steps:
        header = ERROR_HEADER.search(step.expected)
        if header is None:
            stdout.append(step.expected)
        else:
            stdout.append(step.expected[: header.start()])
            error = step.expected[header.start():]
            shifted = ERROR_HEADER.sub(
                lambda m: f"{script_name}:{int(m.group(1)) + line - 1}:{m.group(2)}: error: ", error, count=1)
            return "".join(stdout), shifted, 1
        line += step.source.count("\n") + 1
    return "".join(stdout), "", 0


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
def test_transcript_through_gradbook_run(path, tmp_path):
    needs_builtins()
    steps = parse_transcript(path)
    script = tmp_path / f"{path.stem}.gb"
    script.write_text("".join(step.source + "\n" for step in steps), encoding="utf-8")
    out, err, status = script_expectation(steps, str(script))
    proc = subprocess.run([*gradbook_command(), "run", str(script)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert (proc.stdout, proc.stderr, proc.returncode) == (out, err, status)


def test_format_parser(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("# comment\n>>> let a = 1\n>>> :{\n... let b =\n...   2\n... :}\n>>> a\n1\n>>> bad\n"
                    "<cell>:1:1: error: unknown name `bad`\n  bad\n  ^^^\n")
    steps = parse_transcript(path)
    assert [s.source for s in steps] == ["let a = 1", ":{\nlet b =\n  2\n:}", "a", "bad"]
    assert steps[2].expected == "1\n"
    out, err, status = script_expectation(steps, "s.gb")
    assert (out, status) == ("1\n", 1)
    assert err.startswith("s.gb:7:1: error: unknown name `bad`")
