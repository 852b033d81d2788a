module Main where

import Control.Monad (forM_)

main :: IO ()
main = do
  forM_ [1, 2] $ \x -> do
    print x
    putStrLn "inner"
