-- asValue behind a helper polymorphic in its result (TensorLike a => ... -> a): the annotation at the
-- helper's use, or a caller's declared result type, decides what the tensor becomes, as in Hasktorch.
-- GHC has no Hasktorch: ghc/Torch.hs is a small list-based stand-in with the same TensorLike class, and
-- expected.out is runghc's output of ghc/Main.hs (this same program) against it.
import Torch

data Point = Point Parameter Parameter

instance Show Point where
  show (Point x y) = show (extract x :: Float, extract y :: Float)
    where
      extract :: TensorLike a => Parameter -> a
      extract p = asValue $ toDependent p

values :: TensorLike a => Tensor -> a
values t = asValue t

asFloats :: Tensor -> [Float]
asFloats t = values t

main :: IO ()
main = do
  x <- makeIndependent (asTensor [1.5 :: Float])
  y <- makeIndependent (asTensor [-2 :: Float])
  print (Point x y)
  print [Point y x]
  let grid = asTensor [[1, 2], [3, 4 :: Float]]
  print (values grid :: [[Float]])
  print (sum (asFloats (asTensor [0.5, 0.25 :: Float])))
  let v = values (asTensor [7 :: Double]) :: Double
  print (v * 2)
