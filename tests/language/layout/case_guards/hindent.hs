module Main where

classify :: Int -> String
classify n =
  case n of
    0 -> "zero"
    1 -> "one"
    m
      | m < 0 -> "negative"
      | even m -> "even"
      | otherwise -> "odd"

describe :: [Int] -> String
describe xs =
  case xs of
    [] -> "empty"
    [x] -> "one element: " ++ classify x
    (x:_) -> "starts with " ++ classify x

main :: IO ()
main = do
  mapM_ (putStrLn . classify) [0, 1, -5, 4, 7]
  putStrLn (describe [])
  putStrLn (describe [3])
  putStrLn (describe [2, 9])
  case describe [0] of
    "one element: zero" -> putStrLn "matched"
    _ -> putStrLn "no match"
