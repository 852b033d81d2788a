{-# LANGUAGE DeriveAnyClass #-}
{-# LANGUAGE DeriveGeneric #-}
{-# LANGUAGE RecordWildCards #-}
-- A stack of Linear layers (any depth) with tanh between them, trained on XOR with Adam: a list-valued
-- record field, a two-parameter Randomizable instance, flattenParameters for mkAdam, runStep.
module Main where

import Control.Monad (forM_, when)
import Data.List (foldl', intersperse)
import GHC.Generics
import Torch

data StackSpec = StackSpec {widths :: [Int]}

data Stack = Stack {stages :: [Linear]} deriving (Generic, Parameterized)

instance Randomizable StackSpec Stack where
  sample StackSpec {..} = Stack <$> mapM (sample . uncurry LinearSpec) (zip widths (tail widths))

run :: Stack -> Tensor -> Tensor
run Stack {..} x = foldl' (\h f -> f h) x (intersperse Torch.tanh (map linear stages))

inputs, targets :: Tensor
inputs = asTensor ([[0, 0], [0, 1], [1, 0], [1, 1]] :: [[Float]])
targets = asTensor ([0, 1, 1, 0] :: [Float])

main :: IO ()
main = do
  manual_seed_L 11
  net <- sample (StackSpec [2, 6, 6, 1])
  print (map (shape . toDependent) (flattenParameters net))
  let opt0 = mkAdam 0 0.9 0.999 (flattenParameters net)
  (trained, opt) <- foldLoop (net, opt0) 150 $ \(model, opt) i -> do
    let loss = mseLoss targets (squeezeAll (run model inputs))
    when (i `mod` 50 == 0) $ putStrLn ("step " ++ show i ++ ": " ++ show (asValue loss :: Float))
    runStep model opt loss 2e-2
  putStrLn ("Adam took " ++ show (iter opt) ++ " steps")
  forM_ [[0, 0], [0, 1], [1, 0], [1, 1]] $ \x ->
    putStrLn (show x ++ " => " ++ show (asValue (squeezeAll (run trained (asTensor (x :: [Float])))) > (0.5 :: Float)))
