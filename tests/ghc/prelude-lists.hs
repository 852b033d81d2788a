import Data.Char
import Data.List
import Data.Maybe
import Data.Ord (comparing)

main :: IO ()
main = do
  putStrLn "<<<gradbook-step>>>"
  print (foldl (-) 10 [1, 2, 3])
  putStrLn "<<<gradbook-step>>>"
  print (foldr (-) 10 [1, 2, 3])
  putStrLn "<<<gradbook-step>>>"
  print (foldl' (+) 0 [1 .. 100])
  putStrLn "<<<gradbook-step>>>"
  print (foldl1 (-) [10, 2, 3])
  putStrLn "<<<gradbook-step>>>"
  print (foldr1 (-) [10, 2, 3])
  putStrLn "<<<gradbook-step>>>"
  print (scanl (+) 0 [1, 2, 3])
  putStrLn "<<<gradbook-step>>>"
  print (scanl1 max [3, 1, 4, 1, 5])
  putStrLn "<<<gradbook-step>>>"
  print (scanr (+) 0 [1, 2, 3])
  putStrLn "<<<gradbook-step>>>"
  print (scanr1 (+) [1, 2, 3])
  putStrLn "<<<gradbook-step>>>"
  print (take 5 (scanl (+) 0 [1 ..]))
  putStrLn "<<<gradbook-step>>>"
  print ((sum [], product [], sum [1.5, 2], product [1 .. 10]))
  putStrLn "<<<gradbook-step>>>"
  print ((maximum "hello", minimum [3, 1, 2], maximum [[1, 2], [3]]))
  putStrLn "<<<gradbook-step>>>"
  print ((and [], or [], and [True, False], any even [1, 3, 5], all odd [1, 3, 5]))
  putStrLn "<<<gradbook-step>>>"
  print (any (> 3) [1 ..])
  putStrLn "<<<gradbook-step>>>"
  print ((elem 3 [1, 2, 3], notElem 'z' "abc", lookup "b" [("a", 1), ("b", 2)], lookup 9 [(1, 'x')]))
  putStrLn "<<<gradbook-step>>>"
  print ((find (> 4) [1 .. 10], findIndex isSpace "ab cd", elemIndices 'a' "banana"))
  putStrLn "<<<gradbook-step>>>"
  print ((takeWhile (/= ' ') "hello world", dropWhile isSpace "   x "))
  putStrLn "<<<gradbook-step>>>"
  print ((span even [2, 4, 5, 6], break (> 3) [1 .. 6], splitAt 2 "hello"))
  putStrLn "<<<gradbook-step>>>"
  print ((replicate 3 'x', replicate 2 [1], concat [[1], [], [2, 3]], concatMap (replicate 2) "ab"))
  putStrLn "<<<gradbook-step>>>"
  print ((intersperse ',' "abc", intercalate ", " ["x", "y", "z"], transpose ["abc", "de", "f"]))
  putStrLn "<<<gradbook-step>>>"
  print (transpose [[1, 2, 3], [4, 5, 6]])
  putStrLn "<<<gradbook-step>>>"
  print ((sort [3, 1, 2], sort "banana", sortBy (comparing negate) [1, 3, 2], sortOn snd [(1, 'b'), (2, 'a')]))
  putStrLn "<<<gradbook-step>>>"
  print ((nub "mississippi", group "aabccc", groupBy (\a b -> even a == even b) [2, 4, 1, 3, 6]))
  putStrLn "<<<gradbook-step>>>"
  print (partition (> 2) [1, 5, 2, 4])
  putStrLn "<<<gradbook-step>>>"
  print ((isPrefixOf "ab" "abc", isSuffixOf "bc" "abc", isInfixOf "ss" "mississippi"))
  putStrLn "<<<gradbook-step>>>"
  print ((tails "abc", inits [1, 2]))
  putStrLn "<<<gradbook-step>>>"
  print ((insert 3 [1, 2, 4, 5], delete 'a' "banana"))
  putStrLn "<<<gradbook-step>>>"
  print ((zip3 [1, 2] "ab" [True, False], unzip [(1, 'a'), (2, 'b')], unzip3 [(1, 'a', True), (2, 'b', False)]))
  putStrLn "<<<gradbook-step>>>"
  print (zipWith3 (\a b c -> a + b * c) [1, 2] [3, 4] [5, 6])
  putStrLn "<<<gradbook-step>>>"
  print ((reverse [1, 2, 3], last [1, 2, 3], init "abc", null [], null "a", length [[], []]))
  putStrLn "<<<gradbook-step>>>"
  print (([10, 20, 30] !! 1, "hello" !! 4))
  putStrLn "<<<gradbook-step>>>"
  print ((iterate (`div` 2) 100 !! 3, until (> 1000) (* 3) 1))
  putStrLn "<<<gradbook-step>>>"
  print ((fst (1, 'a'), snd (1, 'a'), curry fst 'x' 'y', uncurry max (3, 7), flip (-) 1 10))
  putStrLn "<<<gradbook-step>>>"
  print ((id 5, const 1 'x', (subtract 3 . (* 2)) 10, negate <$> Just 4))
  putStrLn "<<<gradbook-step>>>"
  print ((map (uncurry (+)) (zip [1, 2] [10, 20]), zipWith ($) [(+ 1), (* 2)] [10, 20]))
  putStrLn "<<<gradbook-step>>>"
  print ((compare 1 2, compare "b" "a", compare (3, 'a') (3, 'a'), max (Just 2) Nothing))
  putStrLn "<<<gradbook-step>>>"
  print ((fromMaybe 0 (Just 3), fromMaybe 0 Nothing, maybe "none" show (Just 42), catMaybes [Just 1, Nothing, Just 3]))
  putStrLn "<<<gradbook-step>>>"
  print ((mapMaybe (\x -> if x > 1 then Just (x * 10) else Nothing) [1, 2, 3], isJust (Just 1), isNothing (Just 1)))
  putStrLn "<<<gradbook-step>>>"
  print ((either length negate (Left "abc" :: Either String Int), either length negate (Right 5 :: Either String Int)))
  putStrLn "<<<gradbook-step>>>"
  print ((words "one two\tthree\nfour", unwords (words "  a  b  "), lines "", lines "x", unlines []))
  putStrLn "<<<gradbook-step>>>"
  print ((read "42" :: Int, read "-3.5" :: Double, read "[1,2,3]" :: [Int], read "(1,\"a\")" :: (Int, String)))
  putStrLn "<<<gradbook-step>>>"
  print ((show 1.0e-2, show (-5), show [Just 1, Nothing], show (Left 3 :: Either Int Char)))
  putStrLn "<<<gradbook-step>>>"
  print ([(x, y) | x <- [1 .. 3], y <- "ab", odd x])
  putStrLn "<<<gradbook-step>>>"
  print ([x * y | x <- [1, 2], let y = x + 1])
  putStrLn "<<<gradbook-step>>>"
  print (let (a, b) = span isDigit "123abc" in (read a :: Int, map toUpper b))
