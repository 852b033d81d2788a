"""How long `:graph` and `:backprop` take to lay out and draw (the whole command through `Session.run`):
the seed tutorial's graph, a two-layer network's loss, and an unrolled loop of about 200 nodes.
`python -m benchmarks --only pictures`."""
from __future__ import annotations

import os
import sys

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks.timing import Row, best_time  # noqa: E402

SEED = "a <- makeIndependent (ones' [2, 2])\nlet b = toDependent a + 2\nlet c = b * b * 3\nlet out = mean c"
MLP = """r1 <- randnIO' [2, 8]
r2 <- randnIO' [8, 1]
w1 <- makeIndependent r1
b1 <- makeIndependent (zeros' [8])
w2 <- makeIndependent r2
b2 <- makeIndependent (zeros' [1])
let xs = asTensor ([[0, 0], [0, 1], [1, 0], [1, 1]] :: [[Float]])
let out = mseLoss (Torch.sigmoid (matmul (Torch.tanh (matmul xs (toDependent w1) + toDependent b1)) (toDependent w2)
      + toDependent b2)) (asTensor ([[0], [1], [1], [0]] :: [[Float]]))"""


def unrolled(steps: int) -> str:
    """`steps` steps of acc <- tanh (acc * q + k): about 5 nodes a step, q shared by every step."""
    lines = ["p <- makeIndependent (asTensor ([0.5, -1.0] :: [Float]))",
             "q <- makeIndependent (asTensor ([2.0, 0.25] :: [Float]))", "let acc0 = toDependent p"]
    lines += [f"let acc{i} = Torch.tanh (acc{i - 1} * toDependent q + {i % 3 + 1})" for i in range(1, steps + 1)]
    return "\n".join(lines + [f"let out = sumAll acc{steps}"])


def main() -> list[Row]:
    from gradbook.engine.language.session import Session

    rows = []
    for label, code, command in (("seed (9 nodes)", SEED, ":graph out wrt [a]"),
                                 ("seed (9 nodes)", SEED, ":backprop out [a]"),
                                 ("2-layer MLP loss (17 nodes)", MLP, ":graph out wrt [w1, b1, w2, b2]"),
                                 ("2-layer MLP loss (17 nodes)", MLP, ":backprop out [w1, b1, w2, b2]"),
                                 ("unrolled loop (198 nodes)", unrolled(64), ":graph out wrt [p, q]")):
        session = Session()
        assert session.run(code).ok
        assert session.run(command).ok
        unit = "s" if "198" in label else "ms"
        rows.append(Row(f"{command.split()[0]} {label}", best_time(lambda: session.run(command), unit,
                                                                      batch_seconds=0.2, batches=3), unit))
    return rows


if __name__ == "__main__":
    for row in main():
        print(f"{row.name}: {row.ours:.3g} {row.unit}")
