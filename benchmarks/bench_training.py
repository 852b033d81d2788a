"""Training loops as Hasktorch's examples write them, 2000 iterations each, through `gradbook run` in a
fresh process (start-up included, as a user waits for it): an XOR network held in a record of Linear
layers, and a regression with a threaded generator; both with runStep and GD.
Run alone: `python benchmarks/bench_training.py`; `python -m benchmarks --only training` puts it in the table."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks.timing` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.timing import Row  # noqa: E402

XOR = r"""
import Control.Monad (when)
import Torch

data Net = Net {hidden :: Linear, out :: Linear} deriving (Generic, Parameterized)

forwardNet :: Net -> Tensor -> Tensor
forwardNet Net {..} x = squeezeAll (linear out (Torch.tanh (linear hidden x)))

xorOf :: Tensor -> Tensor
xorOf t = let a = select 1 0 t; b = select 1 1 t in (1 - (1 - a) * (1 - b)) * (1 - a * b)

main :: IO ()
main = do
  manual_seed_L 1
  h <- sample (LinearSpec 2 2)
  o <- sample (LinearSpec 2 1)
  trained <- foldLoop (Net h o) 2000 $ \net i -> do
    x <- toDType Float . gt 0.5 <$> randIO' [2, 2]
    let loss = mseLoss (xorOf x) (forwardNet net x)
    when (i `mod` 100 == 0) $ putStrLn ("Iteration: " ++ show i ++ " | Loss: " ++ show loss)
    fst <$> runStep net GD loss 1e-1
  print (forwardNet trained (asTensor ([[0, 1]] :: [[Float]])))
"""

REGRESSION = r"""
import Control.Monad (when)
import Torch

main :: IO ()
main = do
  layer <- sample (LinearSpec 3 1)
  gen0 <- mkGenerator (Device CPU 0) 31415
  (trained, _) <- foldLoop (layer, gen0) 2000 $ \(model, gen) i -> do
    let (x, gen') = randn' [4, 3] gen
        y = squeezeAll (matmul x (asTensor ([[4], [6], [9]] :: [[Float]]))) + 3.14
        loss = mseLoss y (squeezeAll (linear model x))
    when (i `mod` 100 == 0) $ putStrLn ("Iteration: " ++ show i ++ " | Loss: " ++ show loss)
    (model', _) <- runStep model GD loss 5e-3
    pure (model', gen')
  print (toDependent (weight trained))
"""


def _gradbook() -> list[str]:
    script = shutil.which("gradbook", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "gradbook.repl.cli"]


def measure(source: str, runs: int = 2) -> float:
    """The best wall time of `runs` runs of `gradbook run` on the program, in seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Main.hs"
        path.write_text(source)
        best = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([*_gradbook(), "run", str(path)], check=True, capture_output=True)
            best = min(best, time.perf_counter() - start)
    return best


def main() -> list[Row]:
    return [
        Row("training: xor-mlp style, 2000 runStep GD iterations (gradbook run)", measure(XOR), "s"),
        Row("training: regression style, 2000 runStep GD iterations (gradbook run)", measure(REGRESSION), "s"),
    ]


if __name__ == "__main__":
    for row in main():
        print(f"{row.name}: {row.ours:.2f} {row.unit}")
