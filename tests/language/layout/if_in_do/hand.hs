module Main where

import Control.Monad (forM_)

main :: IO ()
main = do
  forM_ [1 .. 5] $ \i -> do
    if even i
      then putStrLn (show i ++ " is even")
      else do
        putStrLn (show i ++ " is odd")
        if i > 3 then putStrLn "  and big" else putStrLn "  and small"
  let flag = True
  if flag
  then putStrLn "flag set"
  else putStrLn "flag clear"
  putStrLn "end"
