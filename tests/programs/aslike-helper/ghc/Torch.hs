{-# LANGUAGE FlexibleInstances #-}
-- A list-based stand-in for the part of Hasktorch that ../Main.hs uses, so runghc can make expected.out.
module Torch (Tensor, Parameter, TensorLike (..), makeIndependent, toDependent) where

data Tensor = Tensor [Int] [Double]

newtype Parameter = Parameter Tensor

makeIndependent :: Tensor -> IO Parameter
makeIndependent = pure . Parameter

toDependent :: Parameter -> Tensor
toDependent (Parameter t) = t

class TensorLike a where
  asTensor :: a -> Tensor
  asValue :: Tensor -> a

instance TensorLike Float where
  asTensor x = Tensor [] [realToFrac x]
  asValue (Tensor _ [x]) = realToFrac x

instance TensorLike Double where
  asTensor x = Tensor [] [x]
  asValue (Tensor _ [x]) = x

instance TensorLike [Float] where
  asTensor xs = Tensor [length xs] (map realToFrac xs)
  asValue (Tensor _ xs) = map realToFrac xs

instance TensorLike [Double] where
  asTensor xs = Tensor [length xs] xs
  asValue (Tensor _ xs) = xs

instance TensorLike [[Float]] where
  asTensor rows = Tensor [length rows, length (head rows)] (map realToFrac (concat rows))
  asValue (Tensor [_, n] xs) = rows (map realToFrac xs)
    where
      rows [] = []
      rows ys = take n ys : rows (drop n ys)
