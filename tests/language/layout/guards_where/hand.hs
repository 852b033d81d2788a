module Main where

collatz :: Int -> Int
collatz 1 = 0
collatz n | even n    = 1 + collatz half
          | otherwise = 1 + collatz next
  where half = length (filter even [1 .. n])
        next = 3 * n + 1

grade :: Int -> String
grade score
    | score >= hi  = "A"
    | score >= mid = "B"
grade _ = "C"

hi, mid :: Int
hi  = 90
mid = 75

main :: IO ()
main = do print (map collatz [1, 6, 7, 27])
          putStrLn (concat (map grade [95, 80, 10]))
