module Main where

import Control.Monad (forM_, when)
import Text.Printf (printf)

-- printf used as a String, joined with ++ the way training loops log their progress
logLine :: Int -> Double -> String
logLine i loss = "step " ++ printf "%5d" i ++ " | loss " ++ printf "%07.4f" loss ++ " |"

main :: IO ()
main = do
  forM_ [0, 250 .. 1000] $ \i -> do
    let loss = 1 / fromIntegral (i + 1) :: Double
    when (i `mod` 500 == 0) $
      putStrLn (logLine i loss)
  putStrLn $ printf "%s=%d" "answer" (42 :: Int) ++ "!"
  putStrLn (printf "%.2f" (3.14159 :: Double))
