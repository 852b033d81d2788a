{-# LANGUAGE ScopedTypeVariables #-}
module Main (main) where

import Control.Monad (forM_, unless, when)
import Data.List (foldl')
import Text.Printf (printf)

-- Gradient descent on a scalar, written as Hasktorch's examples write their training loops.
train :: Int -> Double -> IO Double
train steps w0 = go 0 w0
  where
    go i w
      | i == steps = pure w
      | otherwise = do
          let g = gradient w
              w' = w - rate * g
          when (i `mod` 5 == 0) $ do
            printf "step %2d: w = %.4f, loss = %.4f\n" i w (loss w)
          go (i + 1) w'
    gradient v = 2 * (v - target)
    loss v = (v - target) ^ 2
    rate = 0.1
    target = 3

-- Mutually recursive top-level functions, defined after their use.
main :: IO ()
main = do
  w <- train 20 0
  printf "final w = %.6f\n" w
  forM_ [1 .. 3] $ \epoch -> do
    let batches = [epoch * 10 .. epoch * 10 + 2]
    forM_ batches $ \b ->
      unless (odd b) $
        putStrLn ("epoch " ++ show epoch ++ ", batch " ++ show b ++ ": " ++ parity b)
  print (map collatz [6, 7, 27])
  print (total, scaled)
  where
    total = foldl' (+) 0 weights
    scaled = map (/ total) weights
    weights = [1.0, 2, 5]

parity :: Int -> String
parity n
  | isEven n = "even"
  | otherwise = "odd"

isEven :: Int -> Bool
isEven 0 = True
isEven n = isOdd (n - 1)

isOdd :: Int -> Bool
isOdd 0 = False
isOdd n = isEven (n - 1)

collatz :: Int -> Int
collatz = length . takeWhile (/= 1) . iterate step
  where
    step n
      | even n = n `div` 2
      | otherwise = 3 * n + 1
