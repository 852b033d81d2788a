"""More of Hasktorch's Torch.Functional and Torch.Tensor, the names its chapters and examples call:
`argmin`, `nonzero`, `dot`, `mv`, `bmm`, `inverse`, `cholesky` (with `Upper`/`Lower`), `size`, the
element-wise comparison operators (`==.`, `>.`, ... and the scalar ones `.==`, `.>`, ...) and tensor
indexing with `!`. Hasktorch declares no fixity for these operators, so they bind as infixl 9."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import BuiltinDoc, Table, in_language_terms
from gradbook.engine.language.values import BuiltinFunction
from gradbook.engine.tensors import ops
from gradbook.engine.tensors.errors import GradbookError, InvalidValueError

TABLE = Table()
_V = "(asTensor ([3, 1, 2] :: [Float]))"
_M = "(asTensor ([[4, 2], [2, 5]] :: [[Double]]))"


@dataclass(frozen=True)
class Tri:
    """Hasktorch's `Tri = Upper | Lower`, for `cholesky`."""

    name: str

    haskell_type = "Tri"

    def haskell_show(self, show: Callable[[Any], str], precedence: int = 0) -> str:
        return self.name


UPPER, LOWER = Tri("Upper"), Tri("Lower")
TABLE.value("Upper", UPPER, "Tri", "Ask `cholesky` for the upper factor U (A = U^T U).", f"cholesky Upper {_M}",
            "upper=True")
TABLE.value("Lower", LOWER, "Tri", "Ask `cholesky` for the lower factor L (A = L L^T).", f"cholesky Lower {_M}",
            "upper=False")


@TABLE.fn("argmin", "Tensor -> Int -> Bool -> Tensor",
          "The index of the smallest element along a dimension (keep it with size 1 when the Bool is True).",
          f"argmin {_V} 0 False", "torch.argmin(t, dim=0, keepdim=False)")
def argmin(t: Any, d: Any, keep: Any) -> Any:
    fn = "argmin"
    return ops.argmin(args.tensor(fn, t, 1), args.integer(fn, d, 2), args.boolean(fn, keep, 3))


@TABLE.fn("nonzero", "Tensor -> Tensor", "The indices of the non-zero elements, one row per element.",
          "nonzero (asTensor ([0, 3, 0, 5] :: [Int]))", "torch.nonzero(t)")
def nonzero(t: Any) -> Any:
    return ops.nonzero(args.tensor("nonzero", t))


@TABLE.fn("dot", "Tensor -> Tensor -> Tensor", "The dot product of two vectors of one length.",
          f"dot {_V} {_V}", "torch.dot(a, b)")
def dot(a: Any, b: Any) -> Any:
    return ops.dot(args.tensor("dot", a, 1), args.tensor("dot", b, 2))


@TABLE.fn("mv", "Tensor -> Tensor -> Tensor", "A matrix [n, m] times a vector [m].",
          "mv (ones' [2, 3]) (ones' [3])", "torch.mv(m, v)")
def mv(m: Any, v: Any) -> Any:
    return ops.mv(args.tensor("mv", m, 1), args.tensor("mv", v, 2))


@TABLE.fn("bmm", "Tensor -> Tensor -> Tensor", "Matrix products batch by batch: [b,n,m] times [b,m,p].",
          "bmm (ones' [2, 1, 3]) (ones' [2, 3, 4])", "torch.bmm(a, b)")
def bmm(a: Any, b: Any) -> Any:
    return ops.bmm(args.tensor("bmm", a, 1), args.tensor("bmm", b, 2))


@TABLE.fn("inverse", "Tensor -> Tensor", "The inverse of a square matrix (or of each in a stack).",
          f"inverse {_M}", "torch.inverse(a)")
def inverse(t: Any) -> Any:
    return ops.inverse(args.tensor("inverse", t))


@TABLE.fn("cholesky", "Tri -> Tensor -> Tensor",
          "The Cholesky factor of a symmetric positive-definite matrix, upper or lower.",
          f"cholesky Lower {_M}", "torch.linalg.cholesky(a) / torch.cholesky(a, upper)")
def cholesky(tri: Any, t: Any) -> Any:
    if not isinstance(tri, Tri):
        raise args.fail("cholesky", "`Upper` or `Lower`", 1, tri, "")
    return ops.cholesky(args.tensor("cholesky", t, 2), upper=tri is UPPER)


@TABLE.fn("mse_loss", "Tensor -> Tensor -> Tensor",
          "The mean squared error of an input against a target (the older Torch.Functional name; mseLoss takes "
          "the target first).", "mse_loss (ones' [2]) (zeros' [2])", "F.mse_loss(input, target)")
def mse_loss(t: Any, target: Any) -> Any:
    return ops.mse_loss(args.tensor("mse_loss", t, 1), args.tensor("mse_loss", target, 2))


@TABLE.fn("size", "Int -> Tensor -> Int", "The size of one dimension (negative counts from the end).",
          "size 1 (zeros' [2, 5])", "t.size(dim)")
def size(d: Any, t: Any) -> int:
    tensor = args.tensor("size", t, 2)
    index = args.integer("size", d, 1)
    if not -tensor.ndim <= index < tensor.ndim or tensor.ndim == 0:
        raise InvalidValueError(f"size: dimension {index} is out of range for a tensor of rank {tensor.ndim}")
    return tensor.shape[index]


# ------------------------------------------------------------------------------ operators
def _compare(symbol: str, op: Callable, scalar: bool) -> Callable:
    def impl(a: Any, b: Any) -> Any:
        left = args.tensor(symbol, a, 1)
        right = args.number(symbol, b, 2) if scalar else args.tensor_or_number(symbol, b, 2)
        return op(left, right)

    return impl


def _index(t: Any, index: Any) -> Any:
    """`t ! i` selects along dim 0; `t ! (i, j)` along dim 0 then 1, as Hasktorch's TensorIndex."""
    tensor = args.tensor("!", t, 1)
    steps = index if isinstance(index, tuple) else (index,)
    if not steps:
        raise args.fail("!", "an Int or a tuple of Ints", 2, index, "")
    for i in steps:
        tensor = ops.select(tensor, 0, args.integer("!", i, 2, "an Int or a tuple of Ints"))
    return tensor


_SIGNS = (("==.", ops.eq, "=="), ("/=.", ops.ne, "!="), (">.", ops.gt, ">"), ("<.", ops.lt, "<"),
          (">=.", ops.ge, ">="), ("<=.", ops.le, "<="))
OPERATORS: dict[str, BuiltinFunction] = {}
OPERATOR_DOCS: dict[str, BuiltinDoc] = {}


def _operator(symbol: str, impl: Callable, signature: str, summary: str, example: str, pytorch: str) -> None:
    def call(a: Any, b: Any) -> Any:
        try:
            return impl(a, b)
        except GradbookError as error:
            raise in_language_terms(error, f"`{symbol}`") from None

    OPERATORS[symbol] = BuiltinFunction(symbol, 2, call)
    OPERATOR_DOCS[symbol] = BuiltinDoc(symbol, signature, summary, example, pytorch)


for _symbol, _op, _py in _SIGNS:
    _operator(_symbol, _compare(_symbol, _op, False), "Tensor -> Tensor -> Tensor",
              f"Element-wise `{_symbol[:-1]}` of two tensors (broadcasting), as a Bool tensor.",
              f"{_V} {_symbol} (asTensor (2 :: Float))", f"a {_py} b")
    _scalar = "." + _symbol[:-1]
    _operator(_scalar, _compare(_scalar, _op, True), "Tensor -> Float -> Tensor",
              f"Element-wise `{_symbol[:-1]}` of a tensor and a number, as a Bool tensor.",
              f"{_V} {_scalar} 2", f"t {_py} 2")
_operator("!", _index, "TensorIndex a => Tensor -> a -> Tensor",
          "Index a tensor: `t ! 1` is row 1, `t ! (1, 0)` the element at row 1, column 0.",
          "asTensor ([[1, 2], [3, 4]] :: [[Int]]) ! (1, 0)", "t[1, 0]")
