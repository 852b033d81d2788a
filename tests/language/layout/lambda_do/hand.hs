module Main where
import Control.Monad (forM_, when)

main :: IO ()
main = do
  mapM_ (\x -> do let y = x * 10
                  print y) [1, 2]
  forM_ (zip [1 .. 3] ["a", "b", "c"]) $ \(i, c) -> do
      forM_ [1..i] $ \j ->
          when (j == i) $ do
              putStrLn (concat (replicate j c))
  let step acc x = acc + x
  print (foldl step 0 [1..10])
