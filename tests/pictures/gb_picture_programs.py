"""The programs the picture tests draw: the seed tutorial's graph, a two-layer network, the loss graphs of
lessons 03 and 04; and a Session that has run one."""
from __future__ import annotations

from gradbook.engine.language.session import Session

SEED = """a <- makeIndependent (ones' [2, 2])
let b = toDependent a + 2
let c = b * b * 3
let out = mean c"""

# A two-layer network on XOR in the lessons' style (broadcast bias rows, tanh, sigmoid, mse).
MLP = """w1 <- makeIndependent (asTensor ([[0.5, -0.3], [0.8, 0.2]] :: [[Float]]))
b1 <- makeIndependent (asTensor ([0.1, -0.1] :: [Float]))
w2 <- makeIndependent (asTensor ([[0.7], [-0.6]] :: [[Float]]))
b2 <- makeIndependent (asTensor ([0.05] :: [Float]))
let xs = asTensor ([[0, 0], [0, 1], [1, 0], [1, 1]] :: [[Float]])
let ys = asTensor ([[0], [1], [1], [0]] :: [[Float]])
let hidden = Torch.tanh (matmul xs (toDependent w1) + toDependent b1)
let pred = Torch.sigmoid (matmul hidden (toDependent w2) + toDependent b2)
let loss = mseLoss pred ys"""

# The loss graphs of lessons 03 (linear regression) and 04 (XOR: one parameter vector sliced four ways).
LESSON_03 = """let xs = asTensor ([[0, 1], [1, 1], [2, 1], [3, 1], [4, 1]] :: [[Float]])
let ys = asTensor ([1.1, 2.9, 5.2, 7.1, 8.8] :: [Float])
p0 <- makeIndependent (zeros' [2])
let l = mseLoss (matmul xs (toDependent p0)) ys"""
LESSON_04 = """let xs = asTensor ([[0, 0], [0, 1], [1, 0], [1, 1]] :: [[Float]])
let ys = asTensor ([[0], [1], [1], [0]] :: [[Float]])
manualSeed 7
w1 <- randnIO' [2, 8]
w2 <- randnIO' [8, 1]
ps0 <- makeIndependent (cat (Dim 0) [flattenAll w1, zeros' [8], flattenAll w2, zeros' [1]])
let unpack p = (reshape [2, 8] (sliceDim 0 0 16 1 p), sliceDim 0 16 24 1 p, reshape [8, 1] (sliceDim 0 24 32 1 p), sliceDim 0 32 33 1 p)
let model p x = let (w1, b1, w2, b2) = unpack p in sigmoid (matmul (tanh (matmul x w1 + b1)) w2 + b2)
let l = mseLoss (model (toDependent ps0) xs) ys"""


def session(code: str) -> Session:
    s = Session()
    result = s.run(code)
    assert result.ok, result.error and result.error.rendered
    return s
