module Main where

-- a `let` inside explicit braces: its bindings in braces, or its implicit block closed by a line
-- left of its column (a `;` alone does not close it: that form is a parse error in GHC, see test_layout.py)
main :: IO ()
main = do { let {y = 2}; x <- pure y; print x
          ; let z = x * 10
          ; w <- pure (z + 1); print (z, w) }
