module Main where

main :: IO ()
main = do
  report "first" 3
  report "second" 4
  print area
  where
    area = width * height
    width = height + 2
    height = 5

report :: String -> Int -> IO ()
report name n = do
  putStrLn (name ++ ": " ++ show total)
  where
    total = n * n + offset
    offset = 1
