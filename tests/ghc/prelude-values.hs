import Data.Char
import Data.List

main :: IO ()
main = do
  putStrLn "<<<gradbook-step>>>"
  print ('o')
  putStrLn "<<<gradbook-step>>>"
  print (show 'o')
  putStrLn "<<<gradbook-step>>>"
  print (['a', 'b', 'c'])
  putStrLn "<<<gradbook-step>>>"
  print ("tab\there \"quoted\" \1234x \SOH")
  putStrLn "<<<gradbook-step>>>"
  print (show "a\nb")
  putStrLn "<<<gradbook-step>>>"
  print (['\'', '"', '\n', '\955'])
  putStrLn "<<<gradbook-step>>>"
  print (map toUpper "hello")
  putStrLn "<<<gradbook-step>>>"
  print (filter isDigit "a1b22c")
  putStrLn "<<<gradbook-step>>>"
  print (reverse "stressed")
  putStrLn "<<<gradbook-step>>>"
  print ("ab" ++ "cd" ++ ['e'])
  putStrLn "<<<gradbook-step>>>"
  print (head "xyz")
  putStrLn "<<<gradbook-step>>>"
  print (tail "xyz")
  putStrLn "<<<gradbook-step>>>"
  print (length "four")
  putStrLn "<<<gradbook-step>>>"
  print (zip "abc" [1, 2, 3])
  putStrLn "<<<gradbook-step>>>"
  print (elemIndex 'c' "abcd")
  putStrLn "<<<gradbook-step>>>"
  print (elemIndex 'z' "abcd")
  putStrLn "<<<gradbook-step>>>"
  print (words "  to be\n or  not ")
  putStrLn "<<<gradbook-step>>>"
  print (unwords ["to", "be"])
  putStrLn "<<<gradbook-step>>>"
  print (lines "one\ntwo\n\nthree\n")
  putStrLn "<<<gradbook-step>>>"
  print (unlines ["a", "b"])
  putStrLn "<<<gradbook-step>>>"
  print (concat ["ab", "cd"])
  putStrLn "<<<gradbook-step>>>"
  print (concatMap show [1, 2, 3])
  putStrLn "<<<gradbook-step>>>"
  print (map ord "AZ")
  putStrLn "<<<gradbook-step>>>"
  print (chr 955)
  putStrLn "<<<gradbook-step>>>"
  print ((digitToInt 'f', intToDigit 11, isSpace '\t', isAlpha 'x', isUpper 'a', toLower 'Q'))
  putStrLn "<<<gradbook-step>>>"
  print ("abc" == ['a', 'b', 'c'])
  putStrLn "<<<gradbook-step>>>"
  print ("abc" < "abd")
  putStrLn "<<<gradbook-step>>>"
  print (show ["x", "y\"z"])
  putStrLn "<<<gradbook-step>>>"
  print (let (c:cs) = "hello" in (c, cs))
  putStrLn "<<<gradbook-step>>>"
  print ([c | c <- "Hello World", c `elem` ['A' .. 'Z']])
  putStrLn "<<<gradbook-step>>>"
  print (['a' .. 'f'])
  putStrLn "<<<gradbook-step>>>"
  print (['a', 'c' .. 'k'])
  putStrLn "<<<gradbook-step>>>"
  print ((2 ^ 63) :: Int)
  putStrLn "<<<gradbook-step>>>"
  print ((maxBound :: Int) + 1)
  putStrLn "<<<gradbook-step>>>"
  print (2 ^ 64)
  putStrLn "<<<gradbook-step>>>"
  print (length [1, 2, 3] * 3)
  putStrLn "<<<gradbook-step>>>"
  print (fromIntegral (length "abc") / 2)
  putStrLn "<<<gradbook-step>>>"
  print ((round 2.5, round 3.5, round (-2.5), round 0.5))
  putStrLn "<<<gradbook-step>>>"
  print ((truncate (-2.7), floor (-2.5), ceiling 2.1, floor 2))
  putStrLn "<<<gradbook-step>>>"
  print (((-7) `div` 2, (-7) `mod` 2, (-7) `quot` 2, (-7) `rem` 2))
  putStrLn "<<<gradbook-step>>>"
  print ((divMod 7 (-2), quotRem 7 (-2)))
  putStrLn "<<<gradbook-step>>>"
  print ((gcd 12 18, lcm 4 6, gcd 0 0, gcd (-4) 6))
  putStrLn "<<<gradbook-step>>>"
  print ((even 4, odd 4, even (-3)))
  putStrLn "<<<gradbook-step>>>"
  print ((toInteger (maxBound :: Int) + 1, fromInteger 3 + 0.5))
  putStrLn "<<<gradbook-step>>>"
  print (realToFrac (1.5 :: Float) :: Double)
  putStrLn "<<<gradbook-step>>>"
  print (sqrt 2)
  putStrLn "<<<gradbook-step>>>"
  print ((exp 1, log 10, sin 0, cos 0, tanh 1, pi))
  putStrLn "<<<gradbook-step>>>"
  print (sqrt (2 :: Float))
  putStrLn "<<<gradbook-step>>>"
  print ((2 ** 0.5, 2 ^^ (-2), logBase 2 1024, atan2 1 1))
  putStrLn "<<<gradbook-step>>>"
  print ((abs (-3), abs (-2.5), signum (-2), signum 0.0, negate 4))
  putStrLn "<<<gradbook-step>>>"
  print ((max 1 2, min 1 2, max "ab" "b", min 'a' 'b'))
  putStrLn "<<<gradbook-step>>>"
  print ((max 1 (0/0), max (0/0) 1, min 1 (0/0)))
  putStrLn "<<<gradbook-step>>>"
  print ((maximum [1, 0/0], minimum [1, 0/0]))
  putStrLn "<<<gradbook-step>>>"
  print ((isNaN (0/0), isInfinite (1/0), recip 4))
  putStrLn "<<<gradbook-step>>>"
  print ([1, 2.5])
  putStrLn "<<<gradbook-step>>>"
  print ([1, 1.5 .. 3])
  putStrLn "<<<gradbook-step>>>"
  print ([1 .. 3.5])
  putStrLn "<<<gradbook-step>>>"
  print ([10, 8 .. 1])
  putStrLn "<<<gradbook-step>>>"
  print ([1.0, 0.5 .. 0])
  putStrLn "<<<gradbook-step>>>"
  print ([0.1, 0.2 .. 1.0])
  putStrLn "<<<gradbook-step>>>"
  print (take 5 [0 ..])
  putStrLn "<<<gradbook-step>>>"
  print (take 4 [1, 3 ..])
  putStrLn "<<<gradbook-step>>>"
  print (take 3 (repeat 'x'))
  putStrLn "<<<gradbook-step>>>"
  print (take 5 (iterate (* 2) 1))
  putStrLn "<<<gradbook-step>>>"
  print (take 7 (cycle [1, 2, 3]))
  putStrLn "<<<gradbook-step>>>"
  print (takeWhile (< 40) (map (^ 2) [1 ..]))
  putStrLn "<<<gradbook-step>>>"
  print (zip [0 ..] "abc")
  putStrLn "<<<gradbook-step>>>"
  print (zipWith (*) [1 ..] [10, 20, 30])
  putStrLn "<<<gradbook-step>>>"
  print ([1 ..] !! 999)
  putStrLn "<<<gradbook-step>>>"
  print (head [5 ..])
  putStrLn "<<<gradbook-step>>>"
  print (take 3 (drop 5 [1 ..]))
  putStrLn "<<<gradbook-step>>>"
  print (take 3 [x * x | x <- [1 ..], odd x])
  putStrLn "<<<gradbook-step>>>"
  print (take 3 (filter even [1 ..]))
  putStrLn "<<<gradbook-step>>>"
  print ([(i, x) | (i, x) <- zip [0 ..] "hey"])
  putStrLn "<<<gradbook-step>>>"
  print (take 3 [1 .. 10 ^ 5000])
  putStrLn "<<<gradbook-step>>>"
  print (take 3 [1e300, 1e308 .. 1.7e308])
  putStrLn "<<<gradbook-step>>>"
  print ((succ 'a', pred 10, fromEnum 'A', toEnum 66 :: Char))
