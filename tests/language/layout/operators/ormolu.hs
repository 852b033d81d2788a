module Main where

total :: Int
total =
  1
    + 2
    + 3 * 4

main :: IO ()
main = do
  print total
  let longName = [1, 2, 3]
      other =
        map
          (\x -> x + 1)
          longName
  print
    ( sum other
        + length longName
    )
  putStrLn $
    "sum "
      ++ show (sum longName)
