"""Modules a program may import: Hasktorch's and base's are built in (their names are the builtins); any other
`import X` is a sibling file `X.hs` (or `X/Y.hs` for `X.Y`) in the importing file's folder, loaded once.
"""
from __future__ import annotations

import os

LIBRARY_MODULES = frozenset("""
Prelude Torch Torch.Functional Torch.Functional.Internal Torch.NN Torch.Optim Torch.Optim.CppOptim Torch.Tensor
Torch.Autograd Torch.DType Torch.Device Torch.TensorFactories Torch.TensorOptions Torch.Random Torch.Scalar
Torch.Layout Torch.Serialize Torch.Index Torch.Lens Torch.Script Torch.Vision Torch.Backend Torch.Data
Torch.Data.Pipeline Torch.Data.StreamedPipeline Torch.Data.Utils Torch.Internal.Managed.Type.Context
Control.Monad Control.Monad.State Control.Monad.State.Strict Control.Monad.State.Lazy Control.Monad.State.Class
Control.Monad.Trans Control.Monad.Trans.Class Control.Monad.Trans.State Control.Monad.Trans.State.Strict
Control.Monad.IO.Class Control.Monad.Reader Control.Monad.Writer Control.Exception Control.Applicative
Data.List Data.Maybe Data.Either Data.Char Data.Foldable Data.Traversable Data.Function Data.Functor Data.Ord
Data.Tuple Data.Bool Data.Int Data.Word Data.Ratio Data.Complex Data.Kind Data.Monoid Data.Semigroup
Data.IORef Data.Default.Class Data.List.Split Data.Proxy
Text.Printf Text.Read GHC.Generics GHC.Exts GHC.Float System.IO System.IO.Unsafe System.Exit System.Environment
System.Random Debug.Trace Numeric Inliterate.Import
""".split())


def is_library(module: str) -> bool:
    return module in LIBRARY_MODULES


def module_file(module: str, folder: str) -> str | None:
    """The file of a user module `A.B` beside the importer (`folder/A/B.hs`, or `.lhs`), or None."""
    base = os.path.join(folder, *module.split("."))
    for suffix in (".hs", ".lhs"):
        if os.path.isfile(base + suffix):
            return base + suffix
    return None
