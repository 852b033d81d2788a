module Main where

import Data.Char (isDigit, isSpace, ord, toUpper)
import Data.List (intercalate, sort, nub, group, sortBy, isPrefixOf)
import Data.Ord (comparing)

capitalise :: String -> String
capitalise [] = []
capitalise (c : cs) = toUpper c : cs

wordCounts :: String -> [(String, Int)]
wordCounts text = map (\ws -> (head ws, length ws)) (group (sort (words text)))

caesar :: Int -> String -> String
caesar n = map shift
  where
    shift c
      | c >= 'a' && c <= 'z' = rotate 'a' c
      | otherwise = c
    rotate base c = toEnum ((fromEnum c - fromEnum base + n) `mod` 26 + fromEnum base)

mean :: [Float] -> Float
mean xs = sum xs / fromIntegral (length xs)

collatz :: Int -> [Int]
collatz = takeWhile (/= 1) . iterate step
  where
    step n = if even n then n `div` 2 else 3 * n + 1

main :: IO ()
main = do
  putStrLn (unwords (map capitalise (words "the quick brown fox")))
  print (wordCounts "a b a c b a")
  print (sortBy (comparing snd) [("x", 3), ("y", 1), ("z", 2)])
  putStrLn (caesar 3 "hello, world")
  print (filter isDigit "a1b2c3", map ord "AB", nub [3, 1, 3, 2, 1 :: Int])
  print (mean [1, 2, 3, 4])
  print (collatz 6, length (collatz 27))
  print (take 5 (zip [0 :: Int ..] "lazy"), takeWhile (< 30) [x * x | x <- [1 ..]])
  print (intercalate ", " ["one", "two"], "pre" `isPrefixOf` "prefix")
  print (lines "a\nb", show 'x', [minBound, maxBound :: Int])
  print ((2 :: Int) ^ (63 :: Int), (2 :: Integer) ^ (63 :: Int), round (2.5 :: Double) :: Int)
