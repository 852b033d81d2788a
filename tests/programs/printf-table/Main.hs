module Main where

import Text.Printf

losses :: [Double]
losses = [0.6931, 0.5123, 0.25, 0.125, 0.0625]

row :: Int -> Double -> String
row epoch loss = printf "| %3d | %8.4f | %-6s |" epoch loss (if loss < 0.3 then "ok" else "high")

main :: IO ()
main = do
  putStrLn "| ep  |   loss   | status |"
  mapM_ (putStrLn . uncurry row) (zip [1 ..] losses)
  printf "mean %.3f over %d epochs (%5.1f%% of the first)\n" (sum losses / 5) (length losses) (100 * last losses / head losses)
  printf "%s has %d items; pi is about %.2f, e is %e\n" "list" (3 :: Int) (pi :: Double) (exp 1 :: Double)
  printf "[%6.2f] [%-8s] [%c] [%05d] [%x]\n" (-2.5 :: Double) "left" 'q' (42 :: Int) (255 :: Int)
  let label = printf "run-%02d" (7 :: Int) :: String
  putStrLn label
