"""What plotting costs: the text chart (all the REPL and `gradbook run` ever pay, no Matplotlib), and in a
notebook the one-time import of the Matplotlib path and each SVG, measured in fresh processes.
Run alone: `python benchmarks/bench_plots.py`; `python -m benchmarks --only plots` puts it in the table."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks.timing` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.timing import Row  # noqa: E402

# One fresh process: load the engine and builtins (not timed), then time each step once.
PROBE = r"""
import json, sys, time
from gradbook.engine.language.session import Session
s = Session(); s.width = 80
source = 'plotWith [title "loss", xlabel "step"] [line "train" (map (\i -> 1 / (1 + i)) [0.0 .. 499.0])]'
assert s.run("1").ok
t0 = time.perf_counter(); plot = s.run(source).outputs[0].value; t1 = time.perf_counter()
text = plot.text(80); t2 = time.perf_counter()
assert "matplotlib" not in sys.modules
import matplotlib, matplotlib.figure, matplotlib.backends.backend_svg; t3 = time.perf_counter()
plot.picture(); t4 = time.perf_counter()
plot.picture(); t5 = time.perf_counter()
print(json.dumps({"run": t1 - t0, "text": t2 - t1, "import": t3 - t2, "first": t4 - t3, "again": t5 - t4}))
"""


def measure(runs: int = 3) -> dict[str, float]:
    """The best of `runs` fresh processes for each step, in seconds."""
    best: dict[str, float] = {}
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PROBE], check=True, capture_output=True, text=True)
        for key, value in json.loads(out.stdout).items():
            best[key] = min(best.get(key, value), value)
    return best


def main() -> list[Row]:
    t = measure()
    return [
        Row("plot: run a 500-point plotWith and its 80-column text chart", (t["run"] + t["text"]) * 1e3, "ms"),
        Row("plot: import Matplotlib's Figure + SVG canvas (once, notebooks only)", t["import"] * 1e3, "ms"),
        Row("plot: first SVG of a 500-point plot (after the import)", t["first"] * 1e3, "ms"),
        Row("plot: each further SVG", t["again"] * 1e3, "ms"),
    ]


if __name__ == "__main__":
    for row in main():
        print(f"{row.name}: {row.ours:.1f} {row.unit}")
