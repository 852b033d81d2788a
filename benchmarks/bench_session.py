"""What the session language adds per line over the engine's own work (target: at most 20 µs).

For each line of the seed tutorial's graph it times, in the same process:
  engine  - the same computation through the Python API (`gradbook.engine`), the floor;
  builtin - the same computation calling the language's builtin Functions directly (their argument checks
            and Hasktorch-style dispatch, owned by engine/language/builtins/);
  cold    - `Session.run(line)` on a line never seen before (lex + parse + evaluate + builtins + commit);
  warm    - `Session.run(line)` again (the Session's parse cache hit: evaluate + builtins + commit);
  repl    - what the REPL does with a new line: `is_complete(line)` on Enter, then `run(line)` (which reuses
            the parse is_complete made);
  parse   - lexing and parsing alone.
Overhead = session time - engine time. Each figure is the best of several repeats (the machine is shared).
Run alone: `python benchmarks/bench_session.py`; `main()` returns the figures.
"""
from __future__ import annotations

import sys
import timeit
from typing import Any, Callable

TARGET_US = 20.0


def _best(fn: Callable[[], Any], number: int, repeat: int = 7) -> float:
    """Best time per call in µs."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e6


def main(number: int = 2000, quiet: bool = False) -> dict[str, dict[str, float]]:
    import gradbook.engine as E
    from gradbook.engine.language.builtins import BUILTINS, OPERATORS
    from gradbook.engine.language.parser import Parser
    from gradbook.engine.language.session import Session
    from gradbook.engine.language.syntax import Source

    session = Session()
    prelude = session.run("a <- makeIndependent (ones' [2, 2])\nlet a' = toDependent a\nlet b = a' + 2\n"
                          "let c = b * b * 3\nlet out = mean c")
    assert prelude.ok, prelude.error.rendered
    a = session.bindings["a"]
    a_, b, c, out = (session.bindings[name] for name in ("a'", "b", "c", "out"))

    add, sub, mul = OPERATORS["+"].apply, OPERATORS["-"].apply, OPERATORS["*"].apply
    mean, grad, relu, matmul = (BUILTINS[n].apply for n in ("mean", "grad", "relu", "matmul"))
    cases: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
        ("let b = a' + 2", lambda: E.add(a_, 2), lambda: add(a_, 2)),
        ("let c = b * b * 3", lambda: E.mul(E.mul(b, b), 3), lambda: mul(mul(b, b), 3)),
        ("let out = mean c", lambda: E.mean(c), lambda: mean(c)),
        ("let g = grad out [a]", lambda: E.grad(out, [a]), lambda: grad(out, [a])),
        ("let h = relu (c - 20) `matmul` b", lambda: E.matmul(E.relu(E.sub(c, 20)), b),
         lambda: matmul(relu(sub(c, 20)), b)),
    ]
    figures: dict[str, dict[str, float]] = {}
    counter = [0]

    def cold_run(line: str) -> None:
        # A new first_line per call makes every call a cache miss: the true cost of a new line.
        counter[0] += 1
        session.run(line, first_line=counter[0])

    def repl_run(line: str) -> None:
        # A new cell name per call: new to the cache, as each line typed at the REPL is.
        counter[0] += 1
        session.name = f"<cell{counter[0]}>"
        session.is_complete(line)
        session.run(line)

    for line, engine_work, builtin_work in cases:
        assert session.run(line).ok
        engine = _best(engine_work, number)
        builtin = _best(builtin_work, number)
        source = Source("<cell>", line)
        parse = _best(lambda: Parser(source).parse_program(), number)
        warm = _best(lambda: session.run(line), number)
        cold = _best(lambda: cold_run(line), number)
        repl = _best(lambda: repl_run(line), number)
        session.name = "<cell>"
        session._parsed.clear()
        figures[line] = {"engine": engine, "builtin": builtin, "parse": parse, "warm": warm, "cold": cold,
                         "repl": repl, "overhead_warm": warm - engine, "overhead_cold": cold - engine,
                         "overhead_repl": repl - engine,
                         "language_warm": warm - builtin, "language_cold": cold - builtin}
    if not quiet:
        print(f"{'line':34s} {'engine':>7s} {'builtin':>7s} {'parse':>7s} {'warm':>7s} {'cold':>7s} {'repl':>7s} "
              f"{'+warm':>7s} {'+cold':>7s}   (µs, best of 7; + = over engine)")
        for line, f in figures.items():
            print(f"{line:34s} {f['engine']:7.1f} {f['builtin']:7.1f} {f['parse']:7.1f} {f['warm']:7.1f} "
                  f"{f['cold']:7.1f} {f['repl']:7.1f} {f['overhead_warm']:7.1f} {f['overhead_cold']:7.1f}")
        worst_warm = max(f["overhead_warm"] for f in figures.values())
        worst_cold = max(f["overhead_cold"] for f in figures.values())
        print(f"worst overhead: warm {worst_warm:.1f} µs, cold {worst_cold:.1f} µs (target {TARGET_US:.0f} µs)")
    return figures


if __name__ == "__main__":
    main(number=int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
