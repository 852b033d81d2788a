"""Element-wise builtins from Hasktorch's Torch.Functional: arithmetic (`add`, `pow` with the exponent
first, `addScalar` with the scalar first), activations and math functions, `clamp`, comparisons."""
from __future__ import annotations

from typing import Any, Callable

from gradbook.engine.tensors import ops
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table

TABLE = Table()


# ------------------------------------------------------------------------------ arithmetic on two tensors
def _binary(name: str, op: Callable, summary: str, example: str, pytorch: str,
            signature: str = "Tensor -> Tensor -> Tensor") -> None:
    def impl(a: Any, b: Any) -> Any:
        return op(args.tensor_or_number(name, a, 1), args.tensor_or_number(name, b, 2))

    TABLE.fn(name, signature, summary, example, pytorch)(impl)


_binary("add", ops.add, "Element-wise sum, with broadcasting (the same as `+`).", "add (ones' [2]) (ones' [2])",
        "torch.add(a, b)")
_binary("sub", ops.sub, "Element-wise difference (the same as `-`).", "sub (ones' [2]) (ones' [2])",
        "torch.sub(a, b)")
_binary("mul", ops.mul, "Element-wise product (the same as `*`).", "mul (full' [2] 3) (full' [2] 4)",
        "torch.mul(a, b)")
_binary("div", ops.div, "Element-wise quotient (the same as `/`).", "div (full' [2] 3) (full' [2] 4)",
        "torch.div(a, b)")
_binary("matmul", ops.matmul, "Matrix product: vector-vector, matrix-vector, matrix-matrix or batched.",
        "matmul (eyeSquare' 2) (asTensor ([[1, 2], [3, 4]] :: [[Float]]))", "torch.matmul(a, b) / a @ b")
_binary("powt", ops.pow, "Element-wise power with a tensor of exponents (input first, then exponent).",
        "powt (full' [2] 2) (asTensor ([1, 3] :: [Float]))", "torch.pow(t, exponent_tensor)")
_binary("gt", ops.gt, "Element-wise `>` as a Bool tensor.", "gt (asTensor [1, 5, 3]) (asTensor [2, 2, 2])",
        "torch.gt(a, b) / a > b")
_binary("lt", ops.lt, "Element-wise `<` as a Bool tensor.", "lt (asTensor [1, 5, 3]) (asTensor [2, 2, 2])",
        "torch.lt(a, b) / a < b")
_binary("ge", ops.ge, "Element-wise `>=` as a Bool tensor.", "ge (asTensor [1, 5, 2]) (asTensor [2, 2, 2])",
        "torch.ge(a, b) / a >= b")
_binary("le", ops.le, "Element-wise `<=` as a Bool tensor.", "le (asTensor [1, 5, 2]) (asTensor [2, 2, 2])",
        "torch.le(a, b) / a <= b")
_binary("eq", ops.eq, "Element-wise `==` as a Bool tensor.", "eq (asTensor [1, 2]) (asTensor [1, 3])",
        "torch.eq(a, b) / a == b")
_binary("ne", ops.ne, "Element-wise `/=` as a Bool tensor.", "ne (asTensor [1, 2]) (asTensor [1, 3])",
        "torch.ne(a, b) / a != b")


@TABLE.fn("pow", "Scalar a => a -> Tensor -> Tensor", "Raise every element to a power (the exponent comes first).",
          "pow 2 (asTensor ([1, 2, 3] :: [Float]))", "torch.pow(t, 2) / t ** 2")
def pow_(exponent: Any, t: Any) -> Any:
    power = args.number("pow", exponent, 1)
    return ops.pow(args.tensor("pow", t, 2), power)


# ------------------------------------------------------------------------------ tensor with a scalar
def _scalar(name: str, op: Callable, summary: str, example: str, pytorch: str) -> None:
    def impl(scalar: Any, t: Any) -> Any:
        number = args.number(name, scalar, 1)
        return op(args.tensor(name, t, 2), number)

    TABLE.fn(name, "Scalar a => a -> Tensor -> Tensor", summary, example, pytorch)(impl)


_scalar("addScalar", ops.add, "Add a number to every element (the number comes first).", "addScalar 2 (ones' [2])",
        "t + 2")
_scalar("subScalar", ops.sub, "Subtract a number from every element (the number comes first).",
        "subScalar 2 (ones' [2])", "t - 2")
_scalar("mulScalar", ops.mul, "Multiply every element by a number (the number comes first).",
        "mulScalar 3 (ones' [2])", "t * 3")
_scalar("divScalar", ops.div, "Divide every element by a number (the number comes first).",
        "divScalar 4 (ones' [2])", "t / 4")


# ------------------------------------------------------------------------------ unary functions
def _unary(name: str, op: Callable, summary: str, pytorch: str, example_input: str = "(asTensor [-1.0, 0.5, 2.0])") -> None:
    def impl(t: Any) -> Any:
        return op(args.tensor(name, t, 1))

    TABLE.fn(name, "Tensor -> Tensor", summary, f"{name} {example_input}", pytorch)(impl)


_unary("relu", ops.relu, "max(0, x) element-wise.", "torch.relu(t)")
_unary("sigmoid", ops.sigmoid, "1 / (1 + exp(-x)) element-wise.", "torch.sigmoid(t)")
_unary("tanh", ops.tanh, "Hyperbolic tangent element-wise.", "torch.tanh(t)")
_unary("gelu", ops.gelu, "The Gaussian error linear unit, x * Phi(x), element-wise.", "torch.nn.functional.gelu(t)")
_unary("erf", ops.erf, "The Gauss error function element-wise.", "torch.erf(t)")
_unary("exp", ops.exp, "e^x element-wise.", "torch.exp(t)")
_unary("log", ops.log, "Natural logarithm element-wise.", "torch.log(t)", "(asTensor [1.0, 2.0, 10.0])")
_unary("sqrt", ops.sqrt, "Square root element-wise.", "torch.sqrt(t)", "(asTensor [1.0, 4.0, 9.0])")
_unary("abs", ops.abs, "Absolute value element-wise.", "torch.abs(t)")
_unary("sin", ops.sin, "Sine element-wise.", "torch.sin(t)")
_unary("cos", ops.cos, "Cosine element-wise.", "torch.cos(t)")


@TABLE.fn("clamp", "Float -> Float -> Tensor -> Tensor", "Clip every element into [min, max].",
          "clamp 0 1 (asTensor [-2.0, 0.5, 3.0])", "torch.clamp(t, min, max)")
def clamp(low: Any, high: Any, t: Any) -> Any:
    lo, hi = args.number("clamp", low, 1), args.number("clamp", high, 2)
    return ops.clamp(args.tensor("clamp", t, 3), lo, hi)
