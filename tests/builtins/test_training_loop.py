"""A Hasktorch-style training loop through a Session: foldLoop with a `do` step, makeIndependent and
grad each step, logging with when/mod/putStrLn; and the pure form of foldLoop."""
from __future__ import annotations

from gradbook.engine.language.session import Session

LOOP = """let xs = asTensor ([[1], [2], [3], [4]] :: [[Float]])
let ys = asTensor ([[2], [4], [6], [8]] :: [[Float]])
w <- foldLoop (zeros' [1, 1]) 60 $ \\w i -> do
    a <- makeIndependent w
    let loss = mseLoss ys (matmul xs (toDependent a))
    let [g] = grad loss [a]
    when (i `mod` 20 == 0) (putStrLn ("step " ++ show i))
    pure (w - 0.05 * g)
w"""


def test_io_training_loop_learns_the_slope() -> None:
    result = Session().run(LOOP)
    assert result.ok, result.error.rendered
    assert [o.text for o in result.outputs if o.kind == "stdout"] == ["step 20\n", "step 40\n", "step 60\n"]
    (value,) = [o for o in result.outputs if o.kind == "value"]
    assert value.text == "Tensor Float [1,1] [[ 2.0000   ]]"


def test_pure_fold_loop_in_a_session() -> None:
    result = Session().run("foldLoop 1 5 (\\acc i -> acc * i)")
    assert result.ok and result.outputs[0].text == "120"
