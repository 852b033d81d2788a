"""Run every Gradbook benchmark and print one table: `python -m benchmarks` from the repo root (~1-2 min);
`--only engine,startup,session,repl,pictures,plots` runs a subset, `--quick` skips the start-up ones."""
from __future__ import annotations

import argparse
import contextlib
import importlib
import inspect
import io
import os
import sys
import time

if __package__ in (None, ""):  # `python benchmarks/__main__.py`: make `benchmarks.*` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks.timing import Row  # noqa: E402

# Each row gives Gradbook's time, NumPy doing the same work in the same run (forward plus a hand-written
# backward) and the ratio, PyTorch's time and ratio when `torch` is importable (optional, never a
# dependency), and the target with whether it is met. Times are the best of several batches
# (benchmarks/timing.py), the figure least disturbed by other load on the machine.
# Other benchmark modules join the table through `main()`: benchmarks/bench_session.py and
# benchmarks/bench_startup.py are called when present (`main(argv=[])` if it takes `argv`, else
# `main()`); a `main()` may return a list of `timing.Row`, else each line it prints becomes a row.

OTHER_MODULES = {"session": "benchmarks.bench_session", "repl": "benchmarks.bench_startup",
                 "pictures": "benchmarks.bench_pictures", "plots": "benchmarks.bench_plots",
                 "training": "benchmarks.bench_training"}


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "us" and value >= 1000:
        return f"{value / 1000:.2f} ms"
    return f"{value:.3g} {unit}" if value < 100 else f"{value:.0f} {unit}"


def _ratio(ours: float, other: float | None) -> str:
    return "-" if not other else f"{ours / other:.2f}x"


def format_table(rows: list) -> str:
    """The table as text; a plain string in `rows` (another module's printed line) spans the whole row."""
    header = ["benchmark", "Gradbook", "NumPy", "vs NumPy", "PyTorch", "vs PyTorch", "target", "met"]
    cells = []
    for r in rows:
        if isinstance(r, str):
            cells.append(r)
            continue
        met = "-" if r.met is None else ("yes" if r.met else "NO")
        cells.append([r.name, _fmt(r.ours, r.unit), _fmt(r.numpy, r.unit), _ratio(r.ours, r.numpy),
                      _fmt(r.torch, r.unit), _ratio(r.ours, r.torch), r.target, met])
    grid = [header] + [c for c in cells if isinstance(c, list)]
    widths = [max(len(line[i]) for line in grid) for i in range(len(header))]

    def show(line) -> str:
        if isinstance(line, str):
            return "  " + line
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths)))

    top = show(header)
    return "\n".join([top, "-" * len(top)] + [show(c) for c in cells])


def _other(module_name: str) -> list:
    """Rows from another team's benchmark module: its returned Rows, or the lines its main() printed."""
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        if exc.name == module_name:
            return []  # not written yet
        return [f"{module_name}: cannot import ({exc})"]
    main = getattr(module, "main", None)
    if main is None:
        return [f"{module_name}: no main()"]
    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured):
            params = inspect.signature(main).parameters
            # an argparse-style main(argv) gets [] so that it does not parse our own command line
            result = main(argv=[]) if "argv" in params else main()
    except Exception as exc:  # one failing module must not lose the rest of the table
        return [f"{module_name}: failed: {type(exc).__name__}: {exc}"]
    if isinstance(result, list) and all(isinstance(r, Row) for r in result):
        return result
    return [f"{module_name.split('.')[-1]}: {line.strip()}" for line in captured.getvalue().splitlines()
            if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="engine,startup,session,repl",
                        help="comma-separated subset of: engine, startup, session, repl, pictures, plots")
    parser.add_argument("--quick", action="store_true", help="skip the start-up benchmarks")
    args = parser.parse_args(argv)
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    if args.quick:
        parts -= {"startup", "repl"}
    started = time.perf_counter()
    rows: list = []
    if "engine" in parts:
        from benchmarks import bench_engine

        rows += bench_engine.rows()
    if "startup" in parts:
        from benchmarks import bench_engine_startup

        rows += bench_engine_startup.rows()
    for part, module_name in OTHER_MODULES.items():
        if part in parts:
            rows += _other(module_name)
    print(format_table(rows))
    print(f"\n(best of several batches per figure; {time.perf_counter() - started:.0f} s in all; "
          f"Python {sys.version.split()[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
