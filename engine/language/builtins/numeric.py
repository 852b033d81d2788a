"""Prelude's numbers as GHC has them: Int (64 bits, wrapping) and Integer (unbounded) kept apart, the
conversions (`fromIntegral realToFrac truncate round floor ceiling toInteger fromInteger`), integer
division with Haskell's sign rules (`div mod quot rem divMod quotRem`), `gcd lcm even odd`, and the
Floating functions on plain numbers (`sqrt 2` is a Double, `sqrt (2 :: Float)` a Float).

The tensor functions of the same names (`exp`, `abs`, ...) stay in elementwise.py; overloads.py makes one
name dispatch on its argument. The number-only versions here are what `P.exp` means.
"""
from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.tensors.errors import ArgumentError, InvalidValueError
from gradbook.engine.language.values import Char, Int, wrap_int

TABLE = Table()

NUMBER_FUNCTIONS: dict[str, Any] = {}
"""The number-only Prelude functions whose names Hasktorch's Torch also exports for tensors (`exp`,
`max`, `div`, ...), by name: overloads.py dispatches between them and the tensor ones."""


def is_integral(x: Any) -> bool:
    return isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_))


def is_fractional(x: Any) -> bool:
    return isinstance(x, (float, np.floating))


def integral(fn: str, x: Any, position: int) -> int:
    """An Int or Integer argument, as it is (an Int stays an Int)."""
    if type(x) is int or type(x) is Int:
        return x
    if is_integral(x):
        return int(x)
    raise args.fail(fn, "an integral number (Int or Integer)", position, x, "")


def same_integral(a: Any, b: Any, value: int) -> int:
    """A result of two integral operands: an Int if either is an Int (a literal takes the other's type)."""
    return wrap_int(value) if type(a) is Int or type(b) is Int else value


def to_double(x: Any) -> float:
    """A number as a Double; an Integer past the Double range is +-Infinity, as GHC's fromInteger."""
    if isinstance(x, int):
        try:
            return float(x)
        except OverflowError:
            return math.inf if x > 0 else -math.inf
    return float(x)


def fractional(fn: str, x: Any, position: int = 1) -> Any:
    """A number for a Floating function: a Float stays a Float, every other number is a Double."""
    if isinstance(x, np.float32):
        return x
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise args.fail(fn, "a number", position, x, "")
    return to_double(x)


def _floating(name: str, np_fn: Callable, summary: str, example: str) -> None:
    def impl(x: Any) -> Any:
        value = fractional(name, x)
        with np.errstate(all="ignore"):
            if isinstance(value, np.float32):
                return np.float32(np_fn(value))
            return float(np_fn(np.float64(value)))

    impl.__name__ = name
    NUMBER_FUNCTIONS[name] = impl
    if name in ("exp", "log", "sqrt", "sin", "cos", "tanh", "abs"):
        return  # registered once, by overloads.py, together with the tensor version
    TABLE.fn(name, "Floating a => a -> a", summary, example, f"math.{name}(x)")(impl)


for _name, _fn, _summary in (
    ("sqrt", np.sqrt, "The square root of a number."),
    ("exp", np.exp, "e to the power of a number."),
    ("log", np.log, "The natural logarithm of a number."),
    ("sin", np.sin, "The sine of a number (radians)."),
    ("cos", np.cos, "The cosine of a number (radians)."),
    ("tan", np.tan, "The tangent of a number (radians)."),
    ("asin", np.arcsin, "The inverse sine of a number."),
    ("acos", np.arccos, "The inverse cosine of a number."),
    ("atan", np.arctan, "The inverse tangent of a number."),
    ("sinh", np.sinh, "The hyperbolic sine of a number."),
    ("cosh", np.cosh, "The hyperbolic cosine of a number."),
    ("tanh", np.tanh, "The hyperbolic tangent of a number."),
):
    _floating(_name, _fn, _summary, f"{_name} 0.5")

TABLE.value("pi", math.pi, "Floating a => a", "The ratio of a circle's circumference to its diameter (a Double).",
            "pi", "math.pi")


@TABLE.fn("atan2", "RealFloat a => a -> a -> a", "The angle of the point (x, y) given as `atan2 y x`.",
          "atan2 1 1", "math.atan2(y, x)")
def atan2(y: Any, x: Any) -> Any:
    a, b = fractional("atan2", y, 1), fractional("atan2", x, 2)
    if isinstance(a, np.float32) or isinstance(b, np.float32):
        return np.float32(np.arctan2(np.float32(a), np.float32(b)))
    return math.atan2(a, b)


@TABLE.fn("logBase", "Floating a => a -> a -> a", "The logarithm of the second number in the base of the first.",
          "logBase 2 1024", "math.log(x, b)")
def log_base(base: Any, x: Any) -> Any:
    b, v = fractional("logBase", base, 1), fractional("logBase", x, 2)
    with np.errstate(all="ignore"):
        if isinstance(b, np.float32) or isinstance(v, np.float32):
            return np.float32(np.log(np.float32(v)) / np.log(np.float32(b)))
        return float(np.log(np.float64(v)) / np.log(np.float64(b)))


@TABLE.fn("recip", "Fractional a => a -> a", "One divided by a number.", "recip 4", "1 / x")
def recip(x: Any) -> Any:
    from gradbook.engine.language.builtins.operators import OPERATORS

    if isinstance(x, np.float32):
        return OPERATORS["/"].apply(np.float32(1), x)
    return OPERATORS["/"].apply(1.0, x)


@TABLE.fn("isNaN", "RealFloat a => a -> Bool", "Whether a number is the IEEE not-a-number.", "isNaN (0 / 0)",
          "math.isnan(x)")
def is_nan(x: Any) -> bool:
    return bool(np.isnan(fractional("isNaN", x)))


@TABLE.fn("isInfinite", "RealFloat a => a -> Bool", "Whether a number is plus or minus Infinity.",
          "isInfinite (1 / 0)", "math.isinf(x)")
def is_infinite(x: Any) -> bool:
    return bool(np.isinf(fractional("isInfinite", x)))


# ------------------------------------------------------------------------------ Num on plain numbers
def _number(fn: str, x: Any) -> Any:
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise args.fail(fn, "a number", 1, x, "")
    return x


def number_abs(x: Any) -> Any:
    value = _number("abs", x)
    if type(value) is Int:
        return wrap_int(abs(value))  # abs minBound is minBound, as in GHC
    return abs(value)


NUMBER_FUNCTIONS["abs"] = number_abs


@TABLE.fn("signum", "Num a => a -> a", "-1, 0 or 1 by the sign of a number, in its own type (of a tensor, "
          "element-wise: Hasktorch's Num Tensor).", "signum (-3)", "math.copysign(1, x) / torch.sign(t)")
def signum(x: Any) -> Any:
    from gradbook.engine.tensors.tensor import Tensor

    if isinstance(x, Tensor):
        from gradbook.engine.tensors import ops

        return ops.sign(x)
    value = _number("signum", x)
    if is_integral(value):
        sign = (value > 0) - (value < 0)
        return Int(sign) if type(value) is Int else sign
    kind = np.float32 if isinstance(value, np.float32) else float
    if value > 0:
        return kind(1.0)
    if value < 0:
        return kind(-1.0)
    return value  # zero keeps its sign, NaN stays NaN


# ------------------------------------------------------------------------------ conversions
@TABLE.fn("fromIntegral", "(Integral a, Num b) => a -> b",
          "An Int or Integer used as any number type (an Integer, which adapts to what it meets).",
          "fromIntegral (length [1, 2]) / 4", "float(n)")
def from_integral(n: Any) -> int:
    return int(integral("fromIntegral", n, 1))


@TABLE.fn("fromInteger", "Num a => Integer -> a", "An Integer used as any number type.", "fromInteger 3 + 0.5",
          "float(n)")
def from_integer(n: Any) -> int:
    return int(integral("fromInteger", n, 1))


@TABLE.fn("toInteger", "Integral a => a -> Integer", "An Int as an unbounded Integer.", "toInteger (length [1, 2])",
          "int(n)")
def to_integer(n: Any) -> int:
    return int(integral("toInteger", n, 1))


@TABLE.fn("realToFrac", "(Real a, Fractional b) => a -> b", "A number converted to a Double.",
          "realToFrac (3 :: Float)", "float(x)")
def real_to_frac(x: Any) -> float:
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise args.fail("realToFrac", "a number", 1, x, "")
    return to_double(x)


def _whole(fn: str, x: Any, pick: Callable[[float], int]) -> int:
    if is_integral(x) and not isinstance(x, (bool, np.bool_)):
        return int(x)
    value = fractional(fn, x)
    f = float(value)
    if math.isnan(f) or math.isinf(f):
        raise InvalidValueError(f"{fn}: {'NaN' if math.isnan(f) else 'Infinity'} has no integer value")
    return pick(f)


def _register_rounding(name: str, pick: Callable[[float], int], summary: str, example: str, pytorch: str) -> None:
    def impl(x: Any) -> int:
        return _whole(name, x, pick)

    impl.__name__ = name
    TABLE.fn(name, "(RealFrac a, Integral b) => a -> b", summary, example, pytorch)(impl)


_register_rounding("truncate", math.trunc, "A number rounded toward zero, as an Integer.", "truncate (-2.7)",
                   "math.trunc(x)")
_register_rounding("round", round, "A number rounded to the nearest Integer, ties to the even one (as GHC).",
                   "round 2.5", "round(x)")
_register_rounding("floor", math.floor, "The largest Integer not above a number.", "floor (-2.5)",
                   "math.floor(x)")
_register_rounding("ceiling", math.ceil, "The smallest Integer not below a number.", "ceiling 2.1",
                   "math.ceil(x)")


# ------------------------------------------------------------------------------ integer division
def _division(fn: str, a: Any, b: Any) -> tuple[int, int]:
    x, y = integral(fn, a, 1), integral(fn, b, 2)
    if y == 0:
        raise InvalidValueError(f"{fn}: divide by zero")
    return x, y


def _quot(x: int, y: int) -> int:
    q = abs(x) // abs(y)
    return q if (x < 0) == (y < 0) else -q


def number_div(a: Any, b: Any) -> int:
    x, y = _division("div", a, b)
    return same_integral(a, b, x // y)


NUMBER_FUNCTIONS["div"] = number_div


@TABLE.fn("mod", "Integral a => a -> a -> a", "The remainder of `div`, with the divisor's sign.", "mod (-7) 2",
          "a % b")
def mod(a: Any, b: Any) -> int:
    x, y = _division("mod", a, b)
    return same_integral(a, b, x % y)


@TABLE.fn("quot", "Integral a => a -> a -> a", "Integer division truncated toward zero.", "quot (-7) 2",
          "int(a / b)")
def quot(a: Any, b: Any) -> int:
    x, y = _division("quot", a, b)
    return same_integral(a, b, _quot(x, y))


@TABLE.fn("rem", "Integral a => a -> a -> a", "The remainder of `quot`, with the dividend's sign.", "rem (-7) 2",
          "math.fmod(a, b)")
def rem(a: Any, b: Any) -> int:
    x, y = _division("rem", a, b)
    return same_integral(a, b, x - y * _quot(x, y))


@TABLE.fn("divMod", "Integral a => a -> a -> (a, a)", "`div` and `mod` at once.", "divMod 7 (-2)", "divmod(a, b)")
def div_mod(a: Any, b: Any) -> tuple:
    x, y = _division("divMod", a, b)
    return same_integral(a, b, x // y), same_integral(a, b, x % y)


@TABLE.fn("quotRem", "Integral a => a -> a -> (a, a)", "`quot` and `rem` at once.", "quotRem 7 (-2)",
          "(int(a / b), math.fmod(a, b))")
def quot_rem(a: Any, b: Any) -> tuple:
    x, y = _division("quotRem", a, b)
    q = _quot(x, y)
    return same_integral(a, b, q), same_integral(a, b, x - y * q)


@TABLE.fn("gcd", "Integral a => a -> a -> a", "The greatest common divisor (never negative).", "gcd 12 18",
          "math.gcd(a, b)")
def gcd(a: Any, b: Any) -> int:
    x, y = integral("gcd", a, 1), integral("gcd", b, 2)
    return same_integral(a, b, math.gcd(x, y))


@TABLE.fn("lcm", "Integral a => a -> a -> a", "The least common multiple (never negative).", "lcm 4 6",
          "math.lcm(a, b)")
def lcm(a: Any, b: Any) -> int:
    x, y = integral("lcm", a, 1), integral("lcm", b, 2)
    return same_integral(a, b, math.lcm(x, y))


@TABLE.fn("even", "Integral a => a -> Bool", "Whether an integral number is even.", "even 4", "n % 2 == 0")
def even(n: Any) -> bool:
    return integral("even", n, 1) % 2 == 0


@TABLE.fn("odd", "Integral a => a -> Bool", "Whether an integral number is odd.", "odd 3", "n % 2 == 1")
def odd(n: Any) -> bool:
    return integral("odd", n, 1) % 2 == 1


@TABLE.fn("subtract", "Num a => a -> a -> a", "`subtract a b` is `b - a` (handy as a section).",
          "map (subtract 1) [1, 2, 3]", "b - a")
def subtract(a: Any, b: Any) -> Any:
    from gradbook.engine.language.builtins.operators import OPERATORS

    return OPERATORS["-"].apply(b, a)


@TABLE.fn("negate", "Num a => a -> a", "Minus a number or a tensor (what `-x` means).", "negate 3", "-x")
def negate(x: Any) -> Any:
    from gradbook.engine.language.builtins.operators import OPERATORS

    return OPERATORS["negate"].apply(x)


# ------------------------------------------------------------------------------ Enum
@TABLE.fn("succ", "Enum a => a -> a", "The next value: a number plus one, the next Char.", "succ 'a'", "x + 1")
def succ(x: Any) -> Any:
    return _step("succ", x, 1)


@TABLE.fn("pred", "Enum a => a -> a", "The previous value: a number minus one, the previous Char.", "pred 10",
          "x - 1")
def pred(x: Any) -> Any:
    return _step("pred", x, -1)


def _step(fn: str, x: Any, by: int) -> Any:
    if type(x) is Char:
        code = ord(x) + by
        if not 0 <= code <= 0x10FFFF:
            raise InvalidValueError(f"{fn}: no Char {'after' if by > 0 else 'before'} {x!r}")
        return Char(chr(code))
    if isinstance(x, (bool, np.bool_)):
        if bool(x) == (by > 0):
            raise InvalidValueError(f"{fn}: no Bool {'after True' if by > 0 else 'before False'}")
        return by > 0
    if type(x) is Int:
        if (x == 2**63 - 1 and by > 0) or (x == -(2**63) and by < 0):
            raise InvalidValueError(f"{fn}: {'maxBound' if by > 0 else 'minBound'} of Int has no {fn}")
        return Int(x + by)
    number = _number(fn, x)
    return type(number)(number + by) if isinstance(number, np.float32) else number + by


@TABLE.fn("fromEnum", "Enum a => a -> Int", "A Char's code point (or a Bool's 0/1, a number truncated) as an Int.",
          "fromEnum 'A'", "ord(c)")
def from_enum(x: Any) -> Int:
    if type(x) is Char:
        return Int(ord(x))
    if isinstance(x, (bool, np.bool_)):
        return Int(int(bool(x)))
    if is_integral(x):
        return wrap_int(int(x))
    return Int(_whole("fromEnum", x, math.trunc))


@TABLE.fn("toEnum", "Enum a => Int -> a", "The Char with a code point (annotate `:: Char`; else the Int).",
          "(toEnum 65 :: Char)", "chr(n)")
def to_enum(n: Any) -> Any:
    return integral("toEnum", n, 1)


def check_number(fn: str, x: Any) -> Any:
    """A plain number, or an ArgumentError naming the builtin."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise ArgumentError(f"{fn} expects a number; got {args.describe(x)}")
    return x
