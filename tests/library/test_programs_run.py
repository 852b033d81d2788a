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


@pytest.mark.slow
def test_the_training_benchmarks_programs_run_and_learn(tmp_path):
    """benchmarks/bench_training.py times these; here they must run and reach their targets."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_training", Path(__file__).resolve().parents[2] /
                                                  "benchmarks" / "bench_training.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    for name, source, last in (("xor", bench.XOR, "Tensor Float []  1.0000   "),
                               ("regression", bench.REGRESSION, "Tensor Float [1,3] [[ 4.0000   ,  6.0000   ,  9.0000   ]]")):
        path = tmp_path / f"{name}.hs"
        path.write_text(source)
        proc = gradbook_run(path)
        assert (proc.returncode, proc.stderr.decode()) == (0, ""), name
        lines = proc.stdout.decode().splitlines()
        assert sum(line.startswith("Iteration: ") for line in lines) == 20
        assert lines[-1].startswith(last), lines[-1]
