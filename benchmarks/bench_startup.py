"""Start-up benchmark of the `gradbook` REPL: time from launching the command until the prompt is visible,
and until the seed's first `grad` is answered, measured in a real pseudo-terminal.

Targets (issue 4, warm install): prompt within 0.3 s, first `grad` answered within 1.0 s of start.
Run alone: `python benchmarks/bench_startup.py [--runs N]`.
"""
from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks.timing` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.timing import Row  # noqa: E402

PROMPT = b"gradbook> "
SEED_LINES = [
    "a <- makeIndependent (ones' [2, 2])",
    "let b = toDependent a + 2",
    "grad (mean (b * b * 3)) [a]",
]
GRAD_ANSWER = b"4.5000"
PROMPT_TARGET_S = 0.3
GRAD_TARGET_S = 1.0


def gradbook_command() -> list[str]:
    """The installed console script next to this interpreter, as a user would run it."""
    script = Path(sys.executable).with_name("gradbook")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "gradbook.repl.cli"]


def _read_until(fd: int, needle: bytes, seen: bytearray, deadline: float) -> bool:
    while needle not in seen:
        left = deadline - time.perf_counter()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            seen.extend(chunk)
    return True


def _wait_raw(fd: int, deadline: float) -> None:
    """Until prompt_toolkit reads keys (raw mode turns terminal signals off)."""
    while termios.tcgetattr(fd)[3] & termios.ISIG and time.perf_counter() < deadline:
        time.sleep(0.005)


def one_run(timeout: float = 20.0) -> tuple[float, float]:
    """(seconds to prompt, seconds to the first grad's answer), both measured from the launch."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, GRADBOOK_HISTORY=os.path.join(home, "history"), TERM="xterm",
                   PROMPT_TOOLKIT_NO_CPR="1")
        start = time.perf_counter()
        proc = subprocess.Popen(gradbook_command(), stdin=slave, stdout=slave, stderr=slave, env=env,
                                close_fds=True, start_new_session=True)
        os.close(slave)
        seen = bytearray()
        try:
            if not _read_until(master, PROMPT, seen, start + timeout):
                raise RuntimeError(f"no prompt within {timeout} s: {bytes(seen)[-300:]!r}")
            prompt_at = time.perf_counter() - start
            for line in SEED_LINES:
                os.write(master, line.encode() + b"\r")
            if not _read_until(master, GRAD_ANSWER, seen, start + timeout):
                raise RuntimeError(f"no answer to grad within {timeout} s: {bytes(seen)[-300:]!r}")
            grad_at = time.perf_counter() - start
            # Ctrl-D is only seen as a key once the next prompt has put the terminal in raw mode.
            after = bytearray(seen[seen.index(GRAD_ANSWER):])
            _read_until(master, PROMPT, after, time.perf_counter() + timeout)
            _wait_raw(master, time.perf_counter() + timeout)
            os.write(master, b"\x04")
            proc.wait(timeout=timeout)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            os.close(master)
    return prompt_at, grad_at


def main(argv: list[str] | None = None) -> list:
    """Measure, print a summary and return `timing.Row`s for `python -m benchmarks`' table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    one_run()  # warm-up: compiles .pyc files and fills Numba's cache, as on a warm install
    prompts, grads = [], []
    for _ in range(args.runs):
        prompt_at, grad_at = one_run()
        prompts.append(prompt_at)
        grads.append(grad_at)
    rows = []
    for label, values, target in (
        ("time to prompt", prompts, PROMPT_TARGET_S),
        ("time to first grad answer", grads, GRAD_TARGET_S),
    ):
        median = statistics.median(values)
        verdict = "ok" if median <= target else "SLOWER THAN TARGET"
        print(f"{label:27s} median {median:.3f} s  min {min(values):.3f} s  max {max(values):.3f} s"
              f"  (target {target:.1f} s: {verdict})")
        rows.append(Row(f"REPL {label} (median of {args.runs})", median, "s", target=f"<= {target:.1f} s",
                        met=median <= target))
    return rows

if __name__ == "__main__":
    main()
