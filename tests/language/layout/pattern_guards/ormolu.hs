module Main where

classify :: [(String, Int)] -> String -> String
classify table key
  | Just v <- lookup key table, v > 10 = key ++ " is big"
  | Just v <- lookup key table = key ++ " is " ++ show v
  | otherwise = key ++ " is missing"

main = do
  mapM_ (putStrLn . classify [("a", 3), ("b", 30)]) ["a", "b", "c"]
  print (map double [1, 3])

double :: Int -> Int
double x
  | let y = x * 2, y > 5 = y
  | otherwise = 0
