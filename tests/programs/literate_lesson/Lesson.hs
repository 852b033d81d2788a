-- The lesson as a program, for GHC's output: its top blocks, then its do and eval blocks as main.
import Control.Monad (forM_, when)

main :: IO ()
main = do
  forM_ (countdown 3) $ \n ->
    when (n > 0) $
      putStrLn ("T minus " ++ show n)
  print (countdown 5)
  print (isEven 10, isOdd 10, halves 40)

countdown :: Int -> [Int]
countdown 0 = [0]
countdown n = n : countdown (n - 1)

isEven, isOdd :: Int -> Bool
isEven 0 = True
isEven n = isOdd (n - 1)
isOdd 0 = False
isOdd n = isEven (n - 1)

halves :: Int -> [Int]
halves n
  | n < 5 = []
  | otherwise = n : halves half
  where
    half = n `div` 2
