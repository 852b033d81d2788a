module Main where

main :: IO ()
main = do
  putStrLn "one"
  let a = 1; b = 2
  print (a + b)
  case a of 1 -> putStrLn "a is one"; _ -> putStrLn "a is other"
  print (let c = 5 in c * c)
