"""Programs run as `runghc` runs them: each folder holds Main.hs (and sibling modules it imports) and GHC's
output, expected.out; `gradbook run Main.hs` must print exactly that and exit 0. A literate lesson
(lesson.md, with Lesson.hs the same code as a program for GHC) must print what GHC printed for Lesson.hs.
The REPL (tests/repl/test_e2e.py) and the kernel (tests/kernel/test_programs.py) run the same folders."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
PROGRAMS = sorted(path.name for path in HERE.iterdir() if (path / "Main.hs").is_file())
GRADBOOK = Path(sys.executable).parent / "gradbook"


@pytest.mark.parametrize("name", PROGRAMS)
def test_gradbook_run_prints_what_runghc_printed(name):
    folder = HERE / name
    run = subprocess.run([str(GRADBOOK), "run", "Main.hs"], cwd=folder, capture_output=True, text=True,
                         timeout=120)
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == (folder / "expected.out").read_text()


def test_a_literate_lesson_loads_its_top_blocks_first():
    folder = HERE / "literate_lesson"
    run = subprocess.run([str(GRADBOOK), "run", "lesson.md"], cwd=folder, capture_output=True, text=True,
                         timeout=120)
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == (folder / "expected.out").read_text()


def test_an_error_in_main_exits_1_with_a_located_message(tmp_path):
    (tmp_path / "Main.hs").write_text("main :: IO ()\nmain = do\n  putStrLn \"before\"\n  print (1 + nosuch)\n")
    run = subprocess.run([str(GRADBOOK), "run", "Main.hs"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 1 and run.stdout == "before\n"
    assert run.stderr.startswith("Main.hs:4:14: error: unknown name `nosuch`")


@pytest.mark.parametrize("name", [n for n in PROGRAMS if (HERE / n / "ghc").is_dir()])
def test_ghc_copy_differs_only_where_a_field_is_selected_with_a_dot(name: str) -> None:
    """GHC 9.0 lacks OverloadedRecordDot: ghc/Main.hs may differ from Main.hs only on lines using `r.field`
    (and the pragma), so the golden output is the same program's."""
    from gradbook.engine.language.lexer import KIND, LINE, tokenize
    from gradbook.engine.language.syntax import Source

    ours = (HERE / name / "Main.hs").read_text()
    theirs = (HERE / name / "ghc" / "Main.hs").read_text().split("\n")
    dotted = {tok[LINE] for tok in tokenize(Source("Main.hs", ours)) if tok[KIND] == "recdot"}
    kept = [line for number, line in enumerate(ours.split("\n"), 1)
            if number not in dotted and "OverloadedRecordDot" not in line]
    assert kept == [line for line in theirs if line in kept]
    assert len(theirs) - len(kept) == len(dotted)
