module Main where
import Control.Monad (forM_, when)

main :: IO ()
main = do putStrLn "training"
          forM_ [1..12] $ \epoch -> do
              let loss = 100 - epoch * 5
              when (epoch `mod` 4 == 0) $ do
                  putStrLn ("epoch " ++ show epoch)
                  print loss
              when (epoch == 12) $ putStrLn "last epoch"
          putStrLn "done"
