import Control.Applicative
import Control.Monad
import Control.Monad.State
import Text.Printf
import Data.Char

main :: IO ()
main = do
  putStrLn "<<<gradbook-step>>>"
  print (fmap (+ 1) [1, 2, 3])
  putStrLn "<<<gradbook-step>>>"
  print ((+ 1) <$> Just 2)
  putStrLn "<<<gradbook-step>>>"
  print ((* 2) <$> (Right 3 :: Either String Int))
  putStrLn "<<<gradbook-step>>>"
  print (fmap length (Left "no" :: Either String [Int]))
  putStrLn "<<<gradbook-step>>>"
  print ((+ 1) <$> (Nothing :: Maybe Int))
  putStrLn "<<<gradbook-step>>>"
  print (fmap (+ 1) (10, 20))
  putStrLn "<<<gradbook-step>>>"
  print (((+ 1) <$> (* 2)) 5)
  putStrLn "<<<gradbook-step>>>"
  print (0 <$ Just 9)
  putStrLn "<<<gradbook-step>>>"
  print ((+) <$> Just 1 <*> Just 2)
  putStrLn "<<<gradbook-step>>>"
  print ((+) <$> [1, 2] <*> [10, 20])
  putStrLn "<<<gradbook-step>>>"
  print (pure (*) <*> [1, 2] <*> [3, 4])
  putStrLn "<<<gradbook-step>>>"
  print (Just 1 *> Just 2)
  putStrLn "<<<gradbook-step>>>"
  print (Just 1 <* Just 2)
  putStrLn "<<<gradbook-step>>>"
  print ((Nothing :: Maybe Int) <* Just 2)
  putStrLn "<<<gradbook-step>>>"
  print ([1, 2] >> "ab")
  putStrLn "<<<gradbook-step>>>"
  print (Just 5 >>= \x -> Just (x * 2))
  putStrLn "<<<gradbook-step>>>"
  print ([1, 2, 3] >>= \x -> [x, x * 10])
  putStrLn "<<<gradbook-step>>>"
  print ((\x -> [x, -x]) =<< [1, 2])
  putStrLn "<<<gradbook-step>>>"
  print (do { x <- [1, 2, 3]; y <- "ab"; return (x, y) })
  putStrLn "<<<gradbook-step>>>"
  print (do { x <- [1 .. 9]; guard (even x); return (x * x) })
  putStrLn "<<<gradbook-step>>>"
  print (do { x <- Just 3; y <- Just 4; return (x + y) })
  putStrLn "<<<gradbook-step>>>"
  print (do { x <- Just 3; y <- Nothing; return (x + y :: Int) })
  putStrLn "<<<gradbook-step>>>"
  print (do { a <- Right 1; b <- Left "stop"; return (a + b :: Int) } :: Either String Int)
  putStrLn "<<<gradbook-step>>>"
  print (sequence [Just 1, Just 2, Just 3])
  putStrLn "<<<gradbook-step>>>"
  print (sequence [Just 1, Nothing])
  putStrLn "<<<gradbook-step>>>"
  print (sequence [[1, 2], [3, 4]])
  putStrLn "<<<gradbook-step>>>"
  print (mapM (\x -> if x > 0 then Just x else Nothing) [1, 2, 3])
  putStrLn "<<<gradbook-step>>>"
  print (mapM (\x -> if x > 0 then Just x else Nothing) [1, -2, 3])
  putStrLn "<<<gradbook-step>>>"
  print (traverse (\x -> [x, x + 1]) [10, 20])
  putStrLn "<<<gradbook-step>>>"
  print (replicateM 2 "ab")
  putStrLn "<<<gradbook-step>>>"
  print (foldM (\acc x -> if x > 0 then Just (acc + x) else Nothing) 0 [1, 2, 3])
  putStrLn "<<<gradbook-step>>>"
  print (zipWithM (\a b -> if b /= 0 then Just (a `div` b) else Nothing) [10, 20] [2, 5])
  putStrLn "<<<gradbook-step>>>"
  print (join [[1, 2], [3]])
  putStrLn "<<<gradbook-step>>>"
  print (join (Just (Just 4)))
  putStrLn "<<<gradbook-step>>>"
  print (void (Just 3))
  putStrLn "<<<gradbook-step>>>"
  print (liftA2 (+) (Just 1) (Just 10))
  putStrLn "<<<gradbook-step>>>"
  print (runState (do { x <- get; put (x + 1); return (x * 10) }) 5)
  putStrLn "<<<gradbook-step>>>"
  print (evalState (do { modify (* 2); gets (+ 1) }) 20)
  putStrLn "<<<gradbook-step>>>"
  print (execState (mapM_ (\x -> modify (+ x)) [1 .. 100]) 0)
  putStrLn "<<<gradbook-step>>>"
  print (execState (forM_ [1 .. 20000] (\x -> modify' (+ x))) 0)
  putStrLn "<<<gradbook-step>>>"
  print (runState (state (\s -> (s, s + 1)) >>= \a -> state (\s -> (a + s, s * 2))) 3)
  putStrLn "<<<gradbook-step>>>"
  print (evalState (replicateM 3 (state (\s -> (s, s + 1)))) 10)
  putStrLn "<<<gradbook-step>>>"
  print (evalState (mapM (\x -> do { n <- get; put (n + x); return (n * x) }) [1, 2, 3]) 0)
  putStrLn "<<<gradbook-step>>>"
  print (runState (when True (modify (+ 1)) >> unless True (modify (* 100))) 1)
  putStrLn "<<<gradbook-step>>>"
  print (execState (forM_ "hello" (\c -> when (c == 'l') (modify (+ 1)))) 0)
  putStrLn "<<<gradbook-step>>>"
  print (runState (zipWithM_ (\i x -> modify (+ (i * x))) [1, 2, 3] [10, 20, 30]) 0)
  putStrLn "<<<gradbook-step>>>"
  print (evalState (foldM (\acc x -> do { modify (+ 1); n <- get; return (acc + n * x) }) 0 [5, 6, 7]) 0)
  putStrLn "<<<gradbook-step>>>"
  mapM_ print [1, 2, 3]
  putStrLn "<<<gradbook-step>>>"
  forM_ (zip [1 ..] "ab") $ \(i, c) -> putStrLn (show i ++ [c])
  putStrLn "<<<gradbook-step>>>"
  sequence_ [putStr "a", putStr "b", putStrLn "c"]
  putStrLn "<<<gradbook-step>>>"
  when (3 > 2) (putStrLn "yes") >> unless False (putStrLn "also")
  putStrLn "<<<gradbook-step>>>"
  replicateM_ 2 (putStrLn "hi")
  putStrLn "<<<gradbook-step>>>"
  zipWithM_ (\i s -> putStrLn (show i ++ ": " ++ s)) [1, 2] ["one", "two"]
  putStrLn "<<<gradbook-step>>>"
  foldM (\acc x -> do { print acc; return (acc + x) }) 0 [1, 2, 3] >>= print
  putStrLn "<<<gradbook-step>>>"
  mapM (\x -> return (x * 2)) [1, 2, 3] >>= print
  putStrLn "<<<gradbook-step>>>"
  print 1 >> print 2 >>= \_ -> print 3
  putStrLn "<<<gradbook-step>>>"
  evalStateT (do { x <- get; liftIO (print x); put (x + 1); y <- get; lift (print (y * 2)) }) 20
  putStrLn "<<<gradbook-step>>>"
  runStateT (forM_ [1, 2, 3] (\i -> do { modify (+ i); s <- get; liftIO (putStrLn ("step " ++ show i ++ ": " ++ show s)) })) 0 >>= print
  putStrLn "<<<gradbook-step>>>"
  execStateT (do { modify (+ 1); liftIO (putStrLn "inside") }) 41 >>= print
  putStrLn "<<<gradbook-step>>>"
  printf "%d|%5d|%-5d|%05d|%+d|%i\n" (42 :: Int) (42 :: Int) (42 :: Int) (42 :: Int) (42 :: Int) (-7 :: Int)
  putStrLn "<<<gradbook-step>>>"
  printf "%f|%.2f|%8.3f|%-8.1f|%08.3f|%+.1f\n" (3.14159 :: Double) (3.14159 :: Double) (3.14159 :: Double) (2.5 :: Double) (-3.14159 :: Double) (2.0 :: Double)
  putStrLn "<<<gradbook-step>>>"
  printf "%e|%.3e|%g|%g|%g|%.2g\n" (1234.5 :: Double) (1234.5 :: Double) (1234.5 :: Double) (0.0001 :: Double) (1e7 :: Double) (3.14159 :: Double)
  putStrLn "<<<gradbook-step>>>"
  printf "%s|%10s|%-10s|%c|%%|%x|%X|%o\n" "hi" "right" "left" 'z' (255 :: Int) (255 :: Int) (8 :: Int)
  putStrLn "<<<gradbook-step>>>"
  printf "%05.4f %6d %.4f\n" (3.14159 :: Double) (12 :: Int) (0.1 :: Float)
  putStrLn "<<<gradbook-step>>>"
  printf "%f %f %e\n" (0.1 :: Double) (1e-5 :: Double) (0.1 :: Double)
  putStrLn "<<<gradbook-step>>>"
  printf "%d %s\n" (2 ^ 70 :: Integer) (show [1, 2])
  putStrLn "<<<gradbook-step>>>"
  printf "%5.1f%%\n" (99.5 :: Double)
  putStrLn "<<<gradbook-step>>>"
  printf "%.0f %.0f %.0f %.1f %.2f\n" (0.5 :: Double) (1.5 :: Double) (2.5 :: Double) (0.05 :: Double) (1.005 :: Double)
  putStrLn "<<<gradbook-step>>>"
  printf "%3c|%-3c|%.2s|\n" 'a' 'b' "abcdef"
  putStrLn "<<<gradbook-step>>>"
  printf "%10.4e|%f|%f\n" (123.456 :: Double) (1 / 0 :: Double) (-0.0 :: Double)
  putStrLn "<<<gradbook-step>>>"
  printf "epoch %3d loss %.4f\n" (7 :: Int) (0.123456 :: Float)
  putStrLn "<<<gradbook-step>>>"
  putStrLn (printf "%.3f" (2.0 :: Double))
  putStrLn "<<<gradbook-step>>>"
  print (printf "%d-%d" (1 :: Int) (2 :: Int) :: String)
  putStrLn "<<<gradbook-step>>>"
  print (length (printf "%8.2f" (3.14159 :: Double) :: String))
