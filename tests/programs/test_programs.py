"""Programs run as `runghc` runs them: each folder holds Main.hs (and sibling modules it imports) and GHC's
output, expected.out; `gradbook run Main.hs` must print exactly that and exit 0."""
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


def test_an_error_in_main_exits_1_with_a_located_message(tmp_path):
    (tmp_path / "Main.hs").write_text("main :: IO ()\nmain = do\n  putStrLn \"before\"\n  print (1 + nosuch)\n")
    run = subprocess.run([str(GRADBOOK), "run", "Main.hs"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 1 and run.stdout == "before\n"
    assert run.stderr.startswith("Main.hs:4:14: error: unknown name `nosuch`")
