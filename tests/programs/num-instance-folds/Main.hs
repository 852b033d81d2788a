-- sum and product over a user's Num instance use its + and * and fromInteger (foldl from 0 / 1)
data V = V Int Int deriving Show

instance Num V where
  V a b + V c d = V (a + c) (b + d)
  V a b * V c d = V (a * c) (b * d)
  fromInteger n = V (fromInteger n) 100
  abs = id
  signum = id
  negate (V a b) = V (negate a) (negate b)

main :: IO ()
main = do
  print (sum [V 1 2, V 3 4, V 5 6])
  print (product [V 1 2, V 3 4, V 5 6])
  print (sum [V 7 7])
  print (sum (map (\i -> V i (2 * i)) [1 .. 4]))
  print (sum [1, 2, 3 :: Int], product [1.5, 2 :: Double])
