data Circle = Circle Double deriving (Show)
data Rect = Rect {width :: Double, height :: Double} deriving (Show, Eq)
data Tri = Tri Double Double Double deriving Show

class Show a => Shape a where
  area :: a -> Double
  perimeter :: a -> Double
  describe :: a -> String
  describe s = show s ++ " has area " ++ show (area s)

instance Shape Circle where
  area (Circle r) = 3 * r * r
  perimeter (Circle r) = 6 * r

instance Shape Rect where
  area r = width r * height r
  perimeter Rect {width = w, height = h} = 2 * (w + h)
  describe r = "a rectangle " ++ show (width r) ++ " by " ++ show (height r)

instance Shape Tri where
  area (Tri a b c) = a * b / 2
  perimeter (Tri a b c) = a + b + c

class Container f where
  empty :: f
  insert :: Int -> f -> f
  toL :: f -> [Int]

newtype Stack = Stack [Int] deriving Show
instance Container Stack where
  empty = Stack []
  insert x (Stack xs) = Stack (x : xs)
  toL (Stack xs) = xs

data V2 = V2 Double Double deriving (Show, Eq)
instance Num V2 where
  V2 a b + V2 c d = V2 (a + c) (b + d)
  V2 a b * V2 c d = V2 (a * c) (b * d)
  negate (V2 a b) = V2 (negate a) (negate b)
  abs (V2 a b) = V2 (abs a) (abs b)
  signum (V2 a b) = V2 (signum a) (signum b)
  fromInteger n = V2 (fromInteger n) (fromInteger n)

data Color = Red | Green | Blue
instance Show Color where
  show Red = "red!"
  show Green = "green!"
  show Blue = "blue!"
instance Eq Color where
  Red == Red = True
  Green == Green = True
  Blue == Blue = True
  _ == _ = False

main = do
  putStrLn (describe (Circle 1.5))
  putStrLn (describe (Rect 2 3))
  putStrLn (describe (Tri 3 4 5))
  print (map perimeter [Circle 1, Circle 2], perimeter (Rect 1 1), perimeter (Tri 1 1 1))
  print (toL (insert 1 (insert 2 (empty :: Stack))))
  print (V2 1 2 + V2 3 4, V2 1 2 * V2 2 2 - V2 1 1, negate (V2 1 (-1)))
  print [Red, Green, Blue]
  print (Just Blue, Red == Red, Red == Blue, Red /= Blue)
