{-# LANGUAGE RecordWildCards #-}
-- A plane y = 3 x1 - 2 x2 + 0.5 learned by one Linear layer, in the style of Hasktorch's regression
-- example: a pure generator threaded through the loop for the batches, runStep with GD. (Batches of 8
-- numbers take libtorch's scalar normal kernel, the same on every host.)
module Main where

import Control.Monad (when)
import Torch

target :: Tensor -> Tensor
target x = squeezeAll (matmul x (asTensor ([[3], [-2]] :: [[Float]]))) + 0.5

main :: IO ()
main = do
  manual_seed_L 7
  layer <- sample $ LinearSpec {in_features = 2, out_features = 1}
  gen0 <- mkGenerator (Device CPU 0) 2024
  (trained, gen) <- foldLoop (layer, gen0) 60 $ \(model, gen) i -> do
    let (batch, gen') = randn' [4, 2] gen
        loss = mseLoss (target batch) (squeezeAll (linear model batch))
    when (i `mod` 20 == 0) $ putStrLn ("iteration " ++ show i ++ ": loss " ++ show (asValue loss :: Float))
    (model', _) <- runStep model GD loss 5e-2
    pure (model', gen')
  print (toDependent (weight trained))
  print (toDependent (bias trained))
  print gen
