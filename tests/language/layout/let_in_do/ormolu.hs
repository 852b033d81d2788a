module Main where

main :: IO ()
main = do
  let xs = [1, 2, 3, 4]
      ys = map square xs
      square x = x * x
  print ys
  let total = sum ys
  print total
  let scaled =
        map (* 2) ys
  print scaled
  let z =
        let a = 10
            b = 20
         in a + b
  print z
