"""Files through the front ends where their problems were found: `gradbook run` (a subprocess) on special
and oversized files, lessons that try to `:save` or leave their folder, `--no-files`; and the REPL in a
pseudo-terminal (pexpect) for `:load` of a system file and `:save` over a Markdown lesson."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.slow

GRADBOOK = Path(sys.executable).with_name("gradbook")
TIMEOUT = 60
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def run(cwd: Path, *args: str, stdin=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(GRADBOOK), "run", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=TIMEOUT, stdin=stdin)


def test_run_refuses_special_files_and_other_text(tmp_path):
    proc = run(tmp_path, "/dev/zero")  # read forever before
    assert proc.returncode == 1 and "is not a Gradbook source" in proc.stderr
    os.symlink("/dev/zero", tmp_path / "zero.gb")
    proc = run(tmp_path, "zero.gb")
    assert proc.returncode == 1 and "it is not a regular file" in proc.stderr
    proc = run(tmp_path, "/etc/passwd")
    assert proc.returncode == 1 and "root:x:0" not in proc.stderr + proc.stdout
    with open("/dev/zero", "rb") as zero:  # `gradbook run -` reads at most the limit from a pipe
        proc = run(tmp_path, "-", stdin=zero)
    assert proc.returncode == 1 and "<stdin> is more than the limit of 8.0 MiB" in proc.stderr


def test_a_lesson_cannot_save_or_leave_its_folders(tmp_path):
    (tmp_path / "lesson.gb").write_text('let a = 1\nwriteFile "notes.txt" "kept"\n:save planted.gb\n')
    proc = run(tmp_path, "lesson.gb")
    assert proc.returncode == 1 and "lesson.gb:3:7: error: :save cannot be used by a lesson" in proc.stderr
    assert (tmp_path / "notes.txt").read_text() == "kept" and not (tmp_path / "planted.gb").exists()
    (tmp_path / "escape.gb").write_text('writeFile "../bashrc" "echo planted"\n')
    proc = run(tmp_path, "escape.gb")
    assert proc.returncode == 1 and "is outside the working folder" in proc.stderr
    assert not (tmp_path.parent / "bashrc").exists()


def test_no_files_turns_file_access_off(tmp_path):
    (tmp_path / "lesson.gb").write_text('print 1\nwriteFile "notes.txt" "x"\n')
    proc = run(tmp_path, "--no-files", "lesson.gb")
    assert proc.returncode == 1 and proc.stdout == "1\n"
    assert "writeFile: file access is off here" in proc.stderr
    assert not (tmp_path / "notes.txt").exists()
    assert run(tmp_path, "lesson.gb").returncode == 0


def test_piped_save_of_a_character_utf8_cannot_hold_keeps_the_file(tmp_path):
    """Under the C locale, Python reads the byte 0xE9 as a lone surrogate; `:save` used to truncate the file
    and then fail on it, leaving it empty."""
    lines = b'let a = 1\n:save keep.gb\nlet s = "caf\xe9"\n:save keep.gb\n'
    env = dict(os.environ, LC_ALL="C", LANG="C", HOME=str(tmp_path), GRADBOOK_HISTORY=str(tmp_path / "h"))
    proc = subprocess.run([str(GRADBOOK)], input=lines, cwd=tmp_path, capture_output=True, timeout=TIMEOUT, env=env)
    assert proc.returncode == 1 and b"cannot be written as UTF-8; nothing was written" in proc.stderr
    assert (tmp_path / "keep.gb").read_text() == "let a = 1\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


class Repl:
    def __init__(self, cwd: Path) -> None:
        home = cwd / "home"
        home.mkdir()
        env = dict(os.environ, HOME=str(home), GRADBOOK_HISTORY=str(home / "history"), TERM="dumb",
                   PROMPT_TOOLKIT_NO_CPR="1")
        self.child = pexpect.spawn(str(GRADBOOK), env=env, cwd=str(cwd), dimensions=(50, 250),
                                   encoding="utf-8", timeout=TIMEOUT)
        self.child.expect_exact("gradbook> ")

    def enter(self, line: str) -> str:
        self.child.send(line + "\r")
        self.child.expect_exact("gradbook> ")
        text = ANSI.sub("", self.child.before).replace("\r", "")
        return text[text.find(line) + len(line):]

    def close(self) -> None:
        self.child.sendcontrol("d")
        self.child.expect(pexpect.EOF)
        self.child.close()


@pytest.fixture
def repl(tmp_path):
    session = Repl(tmp_path)
    yield session
    if session.child.isalive():
        session.child.terminate(force=True)


def test_repl_load_of_a_system_file_shows_nothing_of_it(repl):
    text = repl.enter(":load /etc/passwd")
    assert "is outside the working folder" in text and "root:x:0" not in text
    assert "2" in repl.enter("1 + 1")


def test_repl_save_does_not_replace_a_markdown_lesson(repl, tmp_path):
    lesson = "# Lesson\n\nSome prose.\n\n```haskell do\nlet q = 41\n```\n"
    (tmp_path / "notes.md").write_text(lesson)
    repl.enter(":load notes.md")
    assert "only .gb scripts and .ipynb notebooks are written" in repl.enter(":save notes.md")
    assert (tmp_path / "notes.md").read_text() == lesson
    assert "saved 1 statement to notes.gb" in repl.enter(":save notes.gb")
    assert "42" in repl.enter("q + 1")
    repl.close()
