{-# LANGUAGE FunctionalDependencies #-}
{-# LANGUAGE RecordWildCards #-}
-- A model as a record of layers, each a plain data type holding tensors, built by a two-parameter class.
import Torch

data DenseSpec = DenseSpec {inputs :: Int, outputs :: Int, scale :: Float}
  deriving (Show, Eq)

data Dense = Dense {kernel :: Tensor, offset :: Tensor}

data NetSpec = NetSpec {hiddenSpec :: DenseSpec, outputSpec :: DenseSpec}
  deriving (Show)

data Net = Net {hidden :: Dense, final :: Dense}

-- The spec decides the model's type, as Hasktorch's Randomizable does.
class Build spec model | spec -> model where
  build :: spec -> IO model

-- Deterministic weights (no random generator, so GHC and Gradbook agree exactly): entry (i, j) of an
-- inputs x outputs kernel is scale * (i - j), the offset is a row of scale / 2.
instance Build DenseSpec Dense where
  build DenseSpec {..} = do
    let rows = [[scale * fromIntegral (i - j) | j <- [1 .. outputs]] | i <- [1 .. inputs]]
    pure (Dense {kernel = asTensor rows, offset = asTensor [replicate outputs (scale / 2)]})

instance Build NetSpec Net where
  build spec = do
    h <- build (hiddenSpec spec)
    f <- build (outputSpec spec)
    pure (Net h f)

class Layer l where
  forward :: l -> Tensor -> Tensor
  parameterCount :: l -> Int

instance Layer Dense where
  forward layer x = relu (matmul x (kernel layer) `add` (offset layer))
  parameterCount (Dense k o) = product (shape k) + product (shape o)

instance Layer Net where
  forward net = forward (final net) . forward (hidden net)
  parameterCount Net {hidden = h, final = f} = parameterCount h + parameterCount f

describeSpec :: DenseSpec -> String
describeSpec s = show (inputs s) ++ " -> " ++ show (outputs s)

main = do
  let spec = NetSpec {hiddenSpec = DenseSpec 3 4 0.5, outputSpec = DenseSpec {inputs = 4, outputs = 2, scale = -0.25}}
  print spec
  putStrLn (describeSpec (hiddenSpec spec) ++ ", then " ++ describeSpec (outputSpec spec))
  net <- build spec
  print (shape (kernel (hidden net)), shape (offset (final net)))
  print (parameterCount (hidden net), parameterCount net)
  let batch = asTensor ([[1, 2, 3], [0, -1, 0.5], [4, 0, -2]] :: [[Float]])
  print (asValue (forward (hidden net) batch) :: [[Float]])
  print (asValue (forward net batch) :: [[Float]])
  print (hiddenSpec spec == DenseSpec 3 4 0.5, (hiddenSpec spec) {scale = 1} == hiddenSpec spec)
