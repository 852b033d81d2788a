module Main where

import Control.Monad.State

-- A linear congruential generator threaded through State, as a training loop threads its seed.
nextRandom :: State Int Int
nextRandom = do
  s <- get
  let s' = (1103515245 * s + 12345) `mod` 2147483648
  put s'
  return (s' `mod` 100)

randoms :: Int -> State Int [Int]
randoms n = replicateM n nextRandom

-- A stack machine.
push :: Int -> State [Int] ()
push x = modify (x :)

pop :: State [Int] Int
pop = do
  stack <- get
  case stack of
    (x : rest) -> do
      put rest
      return x
    [] -> return 0

calculate :: State [Int] Int
calculate = do
  push 3
  push 4
  a <- pop
  b <- pop
  push (a * b)
  push 10
  c <- pop
  d <- pop
  return (c + d)

counter :: StateT Int IO ()
counter = do
  forM_ [1 .. 3 :: Int] $ \i -> do
    modify (+ i)
    total <- get
    liftIO (putStrLn ("after " ++ show i ++ ": " ++ show total))
  n <- get
  when (n > 5) $ lift (putStrLn "more than five")

sumSquares :: [Int] -> Int
sumSquares xs = execState (mapM_ (\x -> modify (+ x * x)) xs) 0

main :: IO ()
main = do
  print (evalState (randoms 5) 42)
  print (runState calculate [])
  print (sumSquares [1 .. 10])
  final <- execStateT counter 0
  print final
  (labels, next) <- runStateT (mapM (\c -> state (\k -> ((c, k), k + 1))) "abc") (100 :: Int)
  print labels
  print next
  print (evalState (gets length) "four")
