module Main where

main :: IO ()
main = do print (evens 10)
          print (ping 5)
          print final
  where final   = twice start
        twice v = v + v
        start   = 21

evens :: Int -> [Int]
evens n = filter isEven [0..n]

isEven, isOdd :: Int -> Bool
isEven 0 = True
isEven k = isOdd (k - 1)
isOdd 0 = False
isOdd k = isEven (k - 1)

ping, pong :: Int -> [String]
ping 0 = []
ping k = "ping" : pong (k - 1)
pong 0 = []
pong k = "pong" : ping (k - 1)
