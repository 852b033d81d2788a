"""Torch.Functional names the chapters and examples call, through Session.run with exact output; and
libtorch's promotion rule for 0-d operands."""
from __future__ import annotations

import numpy as np

import gradbook.engine as E

V = "let v = asTensor ([3, 1, 2] :: [Float])"
M = "let m = asTensor ([[4, 2], [2, 5]] :: [[Double]])"


def test_comparison_operators(run):
    run(V)
    assert run("v ==. asTensor (1 :: Float)") == (["Tensor Bool [3] [ 0,  1,  0]"], None)
    assert run("v .> 1.5") == (["Tensor Bool [3] [ 1,  0,  1]"], None)
    assert run("v /=. v") == (["Tensor Bool [3] [ 0,  0,  0]"], None)
    assert run("v .<= 2") == (["Tensor Bool [3] [ 0,  1,  1]"], None)
    # no fixity in Hasktorch: infixl 9, tighter than +
    assert run("v + v <. v") == (["Tensor Float [3] [ 3.0000   ,  1.0000   ,  2.0000   ]"], None)


def test_indices_and_sizes(run):
    run(V)
    assert run("argmin v 0 False") == (["Tensor Int64 []  1"], None)
    assert run("nonzero (v .> 1.5)") == (["Tensor Int64 [2,1] [[ 0],\n                    [ 2]]"], None)
    assert run("size 0 v") == (["3"], None)
    run("let t = asTensor ([[1, 2], [3, 4]] :: [[Int]])")
    assert run("t ! (1, 0)") == (["Tensor Int64 []  3"], None)
    assert run("t ! 1") == (["Tensor Int64 [2] [ 3,  4]"], None)


def test_products_and_decompositions(run):
    run(V)
    run(M)
    assert run("dot v v") == (["Tensor Float []  14.0000   "], None)
    assert run("mv (ones' [2, 3]) v") == (["Tensor Float [2] [ 6.0000   ,  6.0000   ]"], None)
    assert run("shape (bmm (ones' [2, 1, 3]) (ones' [2, 3, 4]))") == (["[2,1,4]"], None)
    assert run("cholesky Upper m") == (["Tensor Double [2,2] [[ 2.0000   ,  1.0000   ],\n"
                                        "                     [ 0.0000,  2.0000   ]]"], None)
    assert run("inverse m") == (["Tensor Double [2,2] [[ 0.3125   , -0.1250   ],\n"
                                 "                     [-0.1250   ,  0.2500   ]]"], None)


def test_errors_name_the_function(run):
    texts, error = run("inverse (asTensor ([[1, 2], [2, 4]] :: [[Double]]))")
    assert "inverse: the matrix is singular" in error
    texts, error = run("cholesky Lower (asTensor ([[1, 2], [2, 1]] :: [[Double]]))")
    assert "cholesky: the matrix is not positive definite" in error
    texts, error = run("dot (ones' [2]) (ones' [3])")
    assert "dot: needs two 1-d tensors of one length, got [2] and [3]" in error
    texts, error = run("ones' [2] ! 5")
    assert error is not None and "`!`" in error


def test_zero_dim_operands_do_not_widen_within_a_category(run):
    assert run("dtype (asTensor (2.0 :: Double) * ones' [2])") == (["Float"], None)
    assert run("dtype (asTensor (2.0 :: Double) * asTensor ([1, 2] :: [Int]))") == (["Double"], None)
    assert E.mul(E.tensor(2.0, E.Double), E.tensor(2.0)).dtype is E.Double  # both 0-d: ordinary promotion
    assert E.add(E.tensor([1, 2]), E.tensor(True)).dtype is E.Int64


def test_mse_loss_broadcasts_as_libtorch():
    # torch.nn.functional.mse_loss(torch.zeros(4), torch.ones(4, 1)) == 1.0 over the [4,4] broadcast
    target = E.tensor(np.arange(4.0).reshape(4, 1), E.Float)
    pred = E.tensor([0.0, 1.0, 2.0, 3.0], E.Float)
    expected = float(np.mean((np.arange(4.0)[None, :] - np.arange(4.0)[:, None]) ** 2))
    assert E.mse_loss(pred, target).item() == expected == 2.5
