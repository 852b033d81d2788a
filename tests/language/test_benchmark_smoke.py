"""benchmarks/bench_session.py keeps working (a few iterations, no timing asserted)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_session.py"


def test_bench_session_main_returns_figures():
    spec = importlib.util.spec_from_file_location("bench_session", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures = module.main(number=3, quiet=True)
    assert len(figures) == 5
    for line, figure in figures.items():
        assert figure["cold"] > 0 and figure["warm"] > 0 and figure["repl"] > 0 and figure["engine"] > 0, line
