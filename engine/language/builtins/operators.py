"""The binary operators `+ - * / ^ ^^ ** == /= < <= > >= ++ !!` and unary `negate`, on numbers and on
tensors mixed with numbers as in Hasktorch's `Num Tensor` instance (`a' + 2`, `3 * b`, `b / 2`). `==` on
tensors is Hasktorch's `Eq Tensor` (all elements equal); ordering tensors needs `lt`/`gt`."""
from __future__ import annotations

import itertools
import math
from typing import Any, Callable

import numpy as np

from gradbook.engine.tensors import ops
from gradbook.engine.language import budget
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import BuiltinDoc
from gradbook.engine.tensors.errors import ArgumentError, InvalidValueError
from gradbook.engine.tensors.tensor import IndependentTensor, Tensor
from gradbook.engine.language.lazy import LazyList
from gradbook.engine.language.datatypes import compare_values, values_equal
from gradbook.engine.language.values import (BuiltinFunction, Char, Data, Dim, Function, GradOptions, Int, IOAction,
                                            KeepDim, char, chars, rebuild, wrap_int)

_NUMBER = (int, float, np.integer, np.floating)
MAX_INT_BITS = 1_000_000  # `^` on Ints past this many bits would stall the session


def _is_number(x: Any) -> bool:
    return isinstance(x, _NUMBER) and not isinstance(x, (bool, np.bool_))


def _operand_error(op: str, x: Any, what: str = "numbers or tensors") -> ArgumentError:
    hint = ""
    if isinstance(x, IndependentTensor):
        hint = ": compute with its tensor, `toDependent a`"
    elif isinstance(x, IOAction):
        hint = f": run it first, e.g. `t <- {x.name} ...`"
    elif isinstance(x, list) and op in "+-*/":
        hint = ": `++` joins lists; for element-wise arithmetic make a tensor with `asTensor`"
    return ArgumentError(f"`{op}` works on {what}; got {args.describe(x)}{hint}")


def _arith(op: str, tensor_op: Callable, number_op: Callable) -> Callable:
    def impl(a: Any, b: Any) -> Any:
        a_tensor, b_tensor = isinstance(a, Tensor), isinstance(b, Tensor)
        if a_tensor or b_tensor:
            if not (a_tensor or _is_number(a)):
                raise _operand_error(op, a)
            if not (b_tensor or _is_number(b)):
                raise _operand_error(op, b)
            return tensor_op(a, b)
        if not _is_number(a):
            raise _operand_error(op, a)
        if not _is_number(b):
            raise _operand_error(op, b)
        try:
            result = number_op(a, b)
            if type(result) is int and (type(a) is Int or type(b) is Int):
                return wrap_int(result)  # Int arithmetic wraps at 64 bits, as GHC's
            return result
        except OverflowError:
            # an Int too big for a Double meets a Double: as Haskell's fromInteger, it becomes +-Infinity
            with np.errstate(all="ignore"):
                return number_op(_saturate(a), _saturate(b))

    return impl


def _saturate(x: Any) -> Any:
    """An Integer past the Double range as +-Infinity (GHC's fromInteger); anything else unchanged."""
    if isinstance(x, int) and not isinstance(x, bool) and abs(x) >= 2**1023:
        try:
            float(x)
        except OverflowError:
            return math.inf if x > 0 else -math.inf
    return x


def _divide(a: Any, b: Any) -> Any:
    # `/` is Fractional: Ints divide as Doubles (Haskell defaults the literals to Double), and division by
    # zero gives Infinity or NaN as IEEE says, never an exception
    if isinstance(a, np.float32) or isinstance(b, np.float32):
        with np.errstate(all="ignore"):
            return np.float32(np.float32(a) / np.float32(b))
    x, y = float(a), float(b)
    if y == 0:
        if x == 0 or x != x:
            return math.nan
        return math.copysign(math.inf, x) * math.copysign(1.0, y)
    return x / y


def _integral_exponent(op: str, b: Any) -> int:
    if isinstance(b, Tensor) or not (isinstance(b, (int, np.integer)) and not isinstance(b, (bool, np.bool_))):
        raise ArgumentError(f"`{op}` needs an Int exponent; got {args.describe(b)}"
                            + ("; use `**` or `powt` for other exponents" if op == "^" else ""))
    return int(b)


def _as_float_exponent(n: int) -> float:
    # an Int exponent past float range still has an IEEE answer (0, 1 or an infinity), so saturate it;
    # past 2^53 only the parity matters for a negative base, and it is kept
    if abs(n) < 2**53:
        return float(n)
    saturated = 9007199254740991.0 if n % 2 else 9007199254740992.0  # 2^53 - 1 is odd, 2^53 even
    return saturated if n > 0 else -saturated


def _power(a: Any, b: Any) -> Any:
    """`^`: any number or tensor to a non-negative Int power."""
    n = _integral_exponent("^", b)
    if n < 0:
        raise InvalidValueError("`^`: negative exponent; use `^^` or `**` for negative powers")
    if isinstance(a, Tensor):
        return ops.pow(a, n)
    if not _is_number(a):
        raise _operand_error("^", a)
    if type(a) is Int:
        return wrap_int(pow(int(a), n, 2**64))
    if isinstance(a, (int, np.integer)):
        a = int(a)
        if abs(a) > 1 and n * math.log2(abs(a)) > MAX_INT_BITS:
            raise InvalidValueError(f"`^`: the result would have more than {MAX_INT_BITS} bits")
        return a**n
    base = np.float32(a) if isinstance(a, np.float32) else np.float64(_saturate(a))
    with np.errstate(all="ignore"):
        return _float_like(a, np.power(base, base.dtype.type(_as_float_exponent(n))))


def _power_fractional(a: Any, b: Any) -> Any:
    """`^^`: a fractional base to any Int power (negative ones included)."""
    n = _integral_exponent("^^", b)
    if isinstance(a, Tensor):
        return ops.pow(a, n)
    if not _is_number(a):
        raise _operand_error("^^", a)
    base = np.float32(a) if isinstance(a, np.float32) else np.float64(_saturate(a))
    with np.errstate(all="ignore"):
        return _float_like(a, np.power(base, base.dtype.type(_as_float_exponent(n))))


def _power_floating(a: Any, b: Any) -> Any:
    """`**`: floating power; tensors use `pow`/`powt`."""
    if isinstance(a, Tensor):
        return ops.pow(a, b if isinstance(b, Tensor) else _checked_number("**", b))
    if isinstance(b, Tensor):
        return ops.pow(_checked_number("**", a), b)
    x, y = _saturate(_checked_number("**", a)), _saturate(_checked_number("**", b))
    with np.errstate(all="ignore"):
        if isinstance(x, np.float32) or isinstance(y, np.float32):
            return np.float32(np.power(np.float32(x), np.float32(y)))
        return float(np.power(np.float64(x), np.float64(y)))


def _checked_number(op: str, x: Any) -> Any:
    if not _is_number(x):
        raise _operand_error(op, x)
    return x


def _float_like(template: Any, value: Any) -> Any:
    return np.float32(value) if isinstance(template, np.float32) else float(value)


# ------------------------------------------------------------------------------ equality and order
def equal(a: Any, b: Any) -> bool:
    """Structural equality as Haskell's derived Eq; tensors compare as Hasktorch's `all (eq a b)`."""
    if isinstance(a, Tensor) or isinstance(b, Tensor):
        ta, tb = args.tensor("==", a, 1), args.tensor("==", b, 2)
        return bool(np.all(ops.eq(ta, tb).numpy()))
    for x in (a, b):
        if isinstance(x, (Function, IOAction)):
            raise ArgumentError(f"`==` cannot compare functions or IO actions; got {args.describe(x)}")
        if isinstance(x, IndependentTensor):
            raise _operand_error("==", x, "comparable values")
    a, b = _as_lists(a, b)
    if type(a) is Data and type(b) is Data:  # the derived Eq, or the user's instance (datatypes.py)
        return a.type_name == b.type_name and values_equal(a, b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if type(a) is not type(b):
            raise ArgumentError(f"`==` compares values of the same type; got {args.describe(a)} and {args.describe(b)}")
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b))
    if _kind(a) != _kind(b):
        raise ArgumentError(f"`==` compares values of the same type; got {args.describe(a)} and {args.describe(b)}")
    return bool(_plain(a) == _plain(b))


def _as_lists(a: Any, b: Any) -> tuple[Any, Any]:
    """Two values to compare, a String or lazy list becoming a list when the other side is a list (a
    String is a list of Char, so "ab" == ['a', 'b'])."""
    if isinstance(a, LazyList):
        a = a.force("==")
    if isinstance(b, LazyList):
        b = b.force("==")
    if type(a) is str and type(b) is list:
        return chars(a), b
    if type(b) is str and type(a) is list:
        return a, chars(b)
    return a, b


def _plain(x: Any) -> Any:
    """NumPy scalars as Python numbers, whose int/float comparisons are exact and never overflow."""
    if isinstance(x, np.floating):
        return float(x)
    if isinstance(x, np.integer):
        return int(x)
    return x


def _kind(x: Any) -> str:
    if isinstance(x, (bool, np.bool_)):
        return "Bool"
    if _is_number(x):
        return "number"
    return type(x).__name__


def _order(op: str, compare: Callable[[Any, Any], bool]) -> Callable:
    def ordered(a: Any, b: Any) -> bool:
        for x in (a, b):
            if isinstance(x, Tensor):
                name = {"<": "lt", "<=": "le", ">": "gt", ">=": "ge"}[op]
                raise ArgumentError(f"`{op}` does not order tensors; use `{name} a b` for an element-wise Bool tensor")
            if isinstance(x, (Function, IOAction, IndependentTensor, Dim, KeepDim, GradOptions)) or _is_dtype(x):
                raise _operand_error(op, x, "numbers, Bools, strings, lists and tuples")
        a, b = _as_lists(a, b)
        if type(a) is Data and type(b) is Data and a.type_name == b.type_name:
            # the derived Ord (constructors in declaration order, then fields) or the user's instance
            return bool(compare(compare_values(a, b), 0))
        if _kind(a) != _kind(b) or (isinstance(a, (list, tuple)) and type(a) is not type(b)):
            raise ArgumentError(f"`{op}` compares values of the same type; got {args.describe(a)} and {args.describe(b)}")
        if isinstance(a, (list, tuple)):
            # lexicographic, as Haskell's derived Ord: the first differing elements decide, else the lengths
            for x, y in zip(a, b):
                if not equal(x, y):
                    return ordered(x, y)
            return bool(compare(len(a), len(b)))
        return bool(compare(_plain(a), _plain(b)))

    return ordered




def _is_dtype(x: Any) -> bool:
    from gradbook.engine.tensors.dtypes import DType

    return isinstance(x, DType)


# ------------------------------------------------------------------------------ lists
def _is_list(x: Any) -> bool:
    return isinstance(x, (list, LazyList)) or (isinstance(x, str) and type(x) is not Char)


def _as_printf_string(x: Any) -> Any:
    """A `printf` result where a String is expected is its text (GHC's `PrintfType String` instance)."""
    return x.text if isinstance(x, IOAction) and isinstance(getattr(x, "text", None), str) else x


def _append(a: Any, b: Any) -> Any:
    a, b = _as_printf_string(a), _as_printf_string(b)
    if type(a) is list and type(b) is list:
        budget.check_list("++", len(a) + len(b))
        return a + b
    if type(a) is str and type(b) is str:
        budget.check_string("++", len(a) + len(b))
        return a + b
    if not (_is_list(a) and _is_list(b)):
        bad = b if _is_list(a) else a
        raise _operand_error("++", bad, "two lists or two strings")
    if isinstance(a, LazyList):
        if a.infinite:
            return a
        a = a.force("++")
    if isinstance(b, LazyList):
        return LazyList(itertools.chain(chars(a) if isinstance(a, str) else a, b), b.infinite, b.what)
    left = chars(a) if isinstance(a, str) else a
    right = chars(b) if isinstance(b, str) else b
    if isinstance(a, str) or isinstance(b, str):
        other = right if isinstance(a, str) else left
        if not all(type(c) is Char for c in other):  # a String only joins a list of Chars
            raise _operand_error("++", b if isinstance(a, str) else a, "two lists or two strings")
        budget.check_string("++", len(left) + len(right))
        return "".join(left + right)
    budget.check_list("++", len(left) + len(right))
    return left + right


def _index(xs: Any, i: Any) -> Any:
    if not _is_list(xs):
        raise _operand_error("!!", xs, "a list on the left and an Int on the right")
    n = args.integer("!!", i, 2)
    if n < 0:
        raise InvalidValueError(f"`!!`: negative index {n}")
    if isinstance(xs, LazyList):
        try:
            return xs.item(n)
        except IndexError:
            raise InvalidValueError(f"`!!`: index {n} is too large for a list of length {len(xs.force('!!'))}") from None
    if n >= len(xs):
        raise InvalidValueError(f"`!!`: index {n} is too large for a list of length {len(xs)}")
    return char(xs[n]) if type(xs) is str else xs[n]


def _negate(x: Any) -> Any:
    if isinstance(x, Tensor):
        return ops.neg(x)
    if not _is_number(x):
        raise _operand_error("negate", x)
    if type(x) is Int:
        return wrap_int(-x)
    return -x


_TABLE: dict[str, Callable] = {
    "+": _arith("+", ops.add, lambda a, b: a + b),
    "-": _arith("-", ops.sub, lambda a, b: a - b),
    "*": _arith("*", ops.mul, lambda a, b: a * b),
    "/": _arith("/", ops.div, _divide),
    "^": _power,
    "^^": _power_fractional,
    "**": _power_floating,
    "==": equal,
    "/=": lambda a, b: not equal(a, b),
    "<": _order("<", lambda a, b: a < b),
    "<=": _order("<=", lambda a, b: a <= b),
    ">": _order(">", lambda a, b: a > b),
    ">=": _order(">=", lambda a, b: a >= b),
    "++": _append,
    "!!": _index,
}

OPERATORS: dict[str, Function] = {name: BuiltinFunction(name, 2, impl) for name, impl in _TABLE.items()}
OPERATORS["negate"] = BuiltinFunction("negate", 1, _negate)

_OPERATOR_DOCS = [
    ("+", "Num a => a -> a -> a", "Addition of numbers, or of tensors and numbers element-wise.", "ones' [2] + 2",
     "a + b"),
    ("-", "Num a => a -> a -> a", "Subtraction of numbers, or of tensors and numbers element-wise.", "5 - 2", "a - b"),
    ("*", "Num a => a -> a -> a", "Multiplication of numbers, or of tensors and numbers element-wise.",
     "3 * ones' [2]", "a * b"),
    ("/", "Fractional a => a -> a -> a", "Division (Ints divide as Doubles); tensors element-wise.", "7 / 2",
     "a / b"),
    ("^", "(Num a, Integral b) => a -> b -> a", "A number or tensor to a non-negative Int power.", "2 ^ 10",
     "a ** n"),
    ("^^", "(Fractional a, Integral b) => a -> b -> a", "A fractional number to any Int power.", "2 ^^ (-1)",
     "a ** n"),
    ("**", "Floating a => a -> a -> a", "Floating-point power; tensors element-wise.", "2 ** 0.5", "a ** b"),
    ("==", "Eq a => a -> a -> Bool", "Equality; two tensors are equal when all their elements are.", "[1, 2] == [1, 2]",
     "a == b / torch.equal(a, b)"),
    ("/=", "Eq a => a -> a -> Bool", "Inequality: `not (a == b)`.", "1 /= 2", "a != b"),
    ("<", "Ord a => a -> a -> Bool", "Less than (numbers, strings, lists; `lt` for tensors).", "1 < 2", "a < b"),
    ("<=", "Ord a => a -> a -> Bool", "Less than or equal (`le` for tensors).", "1 <= 1", "a <= b"),
    (">", "Ord a => a -> a -> Bool", "Greater than (`gt` for tensors).", "2 > 1", "a > b"),
    (">=", "Ord a => a -> a -> Bool", "Greater than or equal (`ge` for tensors).", "2 >= 2", "a >= b"),
    ("++", "[a] -> [a] -> [a]", "Join two lists or two strings.", "[1] ++ [2, 3]", "xs + ys"),
    ("!!", "[a] -> Int -> a", "The element at a 0-based index.", "[5, 6, 7] !! 1", "xs[i]"),
    ("negate", "Num a => a -> a", "Unary minus, as in `-x`.", "negate 3", "-a"),
]
OPERATOR_DOCS: dict[str, BuiltinDoc] = {name: BuiltinDoc(name, *rest) for name, *rest in _OPERATOR_DOCS}
"""Docs for `:doc +` and `:type (+)`, one per entry of OPERATORS."""
