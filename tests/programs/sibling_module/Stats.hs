module Stats (mean', countdown) where

mean' :: [Int] -> Int
mean' xs = total `quot` length xs
  where total = sum xs

countdown :: Int -> [Int]
countdown 0 = [0]
countdown n = n : countdown (n - 1)
