"""Plots in the REPL (pexpect, a real pseudo-terminal): the chart fills the terminal's width, in a dumb
terminal and in the full prompt_toolkit one, and follows a resize; piped and `gradbook run` print the
80-column chart, the same bytes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_e2e import GRADBOOK, PROMPT, TIMEOUT, clean, env, expect_text  # noqa: E402,F401 - env: a fixture

pytestmark = pytest.mark.slow

LOSSES = "[32.9, 3.63, 0.447, 0.098, 0.058, 5.2e-2, 4.9e-2]"


def chart(width: int, source: str = f"plot {LOSSES}") -> str:
    from gradbook.engine.language.session import Session

    session = Session()
    session.width = width
    return session.run(source).outputs[0].text


@pytest.fixture
def narrow(env: dict[str, str]) -> dict[str, str]:
    """test_e2e's environment, with a 64-column terminal."""
    return dict(env, COLUMNS="64", LINES="40")


def test_dumb_terminal_chart_is_as_wide_as_the_terminal(narrow, tmp_path):
    child = pexpect.spawn(str(GRADBOOK), env=narrow, cwd=str(tmp_path), dimensions=(40, 64), encoding="utf-8",
                          timeout=TIMEOUT)
    try:
        child.expect_exact(PROMPT)
        child.send(f"plot {LOSSES}\r")
        child.expect_exact(PROMPT)
        shown = clean(child.before)
        expected = chart(63)
        assert expected in shown
        assert max(len(line) for line in expected.split("\n")) == 63
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
    finally:
        child.terminate(force=True)


def test_full_terminal_chart_follows_the_window_width(env, tmp_path):
    child = pexpect.spawn(str(GRADBOOK), env=dict(env, TERM="xterm-256color", COLUMNS="", LINES=""),
                          cwd=str(tmp_path), dimensions=(40, 100), encoding="utf-8", timeout=TIMEOUT)
    try:
        child.expect_exact(PROMPT)
        child.send(f"plot {LOSSES}\r")
        wide = chart(99).split("\n")
        seen = clean(expect_text(child, wide[-1]))  # the x tick labels, placed for 99 columns
        if PROMPT not in seen[seen.index(wide[-1]):]:  # (the next prompt may have come in the same read)
            child.expect_exact(PROMPT)
        child.setwinsize(40, 70)  # the user narrows the window: the next chart is narrower
        child.send(f"plot {LOSSES}\r")
        expect_text(child, chart(69).split("\n")[-1])
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
    finally:
        child.terminate(force=True)


def test_piped_and_run_print_the_same_80_column_chart(env, tmp_path):
    script = tmp_path / "loss.gb"
    script.write_text(f"let losses = {LOSSES}\n"
                      'plotWith [title "loss", logY] [line "train" losses]\n', encoding="utf-8")
    env = dict(env, COLUMNS="")
    piped = subprocess.run([str(GRADBOOK)], stdin=script.open(), capture_output=True, text=True, env=env,
                           timeout=TIMEOUT)
    batch = subprocess.run([str(GRADBOOK), "run", str(script)], capture_output=True, text=True, env=env,
                           timeout=TIMEOUT)
    assert piped.returncode == batch.returncode == 0, piped.stderr + batch.stderr
    assert piped.stdout == batch.stdout
    assert batch.stdout == chart(80, f'plotWith [title "loss", logY] [line "train" {LOSSES}]') + "\n"
    assert max(len(line) for line in batch.stdout.split("\n")) == 80


def test_set_graph_svg_also_writes_each_plot_to_a_file(env, tmp_path):
    child = pexpect.spawn(str(GRADBOOK), env=env, cwd=str(tmp_path), dimensions=(40, 100), encoding="utf-8",
                          timeout=TIMEOUT)
    try:
        child.expect_exact(PROMPT)
        child.send(":set graph svg\r")
        child.expect_exact(PROMPT)
        child.send('plotWith [title "loss"] [line "train" [3, 2, 1.5]]\r')
        child.expect_exact(PROMPT)
        assert f"picture written to {tmp_path / 'plot-1.svg'} (open it in a web browser)" in clean(child.before)
        svg = (tmp_path / "plot-1.svg").read_text(encoding="utf-8")
        assert svg.startswith("<?xml") and "<!-- loss -->" in svg and 'id="gb-series-1"' in svg
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
    finally:
        child.terminate(force=True)
