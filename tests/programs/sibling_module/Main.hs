module Main (main) where

import Control.Monad (forM_, when)
import Stats (countdown)
import qualified Stats as St

main :: IO ()
main = do
  print (St.mean' [2, 4, 9])
  forM_ (countdown 3) $ \n -> do
    when (n > 0) $ do
      putStrLn ("tick " ++ show n)
    when (n == 0) $
      putStrLn "lift off"
