"""Prelude list and plumbing builtins (`head`, `map`, `zipWith`, `foldl`, `fst`, `const`, ...) and
Hasktorch's `foldLoop` for training loops. Lists are Python lists, never mutated; strings work where
Haskell's String is a list (`length`, `take`, `drop`, `reverse`)."""
from __future__ import annotations

from typing import Any

import numpy as np

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.tensors.errors import ArgumentError, InvalidValueError
from gradbook.engine.language.values import IOAction

TABLE = Table()


def _list_or_string(fn: str, value: Any, position: int) -> Any:
    if isinstance(value, (list, str)):
        return value
    raise args.fail(fn, "a list", position, value, "")


def _non_empty(fn: str, value: Any) -> list:
    items = args.sequence(fn, value, 1)
    if not items:
        raise InvalidValueError(f"{fn}: the list is empty")
    return items


@TABLE.fn("head", "[a] -> a", "The first element of a non-empty list.", "head [1, 2, 3]", "xs[0]")
def head(xs: Any) -> Any:
    return _non_empty("head", xs)[0]


@TABLE.fn("tail", "[a] -> [a]", "Everything after the first element of a non-empty list.", "tail [1, 2, 3]",
          "xs[1:]")
def tail(xs: Any) -> list:
    return _non_empty("tail", xs)[1:]


@TABLE.fn("last", "[a] -> a", "The last element of a non-empty list.", "last [1, 2, 3]", "xs[-1]")
def last(xs: Any) -> Any:
    return _non_empty("last", xs)[-1]


@TABLE.fn("init", "[a] -> [a]", "Everything but the last element of a non-empty list.", "init [1, 2, 3]",
          "xs[:-1]")
def init(xs: Any) -> list:
    return _non_empty("init", xs)[:-1]


@TABLE.fn("null", "[a] -> Bool", "Whether a list is empty.", "null []", "len(xs) == 0")
def null(xs: Any) -> bool:
    return len(_list_or_string("null", xs, 1)) == 0


@TABLE.fn("length", "[a] -> Int", "The number of elements of a list.", "length [1, 2, 3]", "len(xs)")
def length(xs: Any) -> int:
    return len(_list_or_string("length", xs, 1))


@TABLE.fn("reverse", "[a] -> [a]", "The elements in reverse order.", "reverse [1, 2, 3]", "xs[::-1]")
def reverse(xs: Any) -> Any:
    return _list_or_string("reverse", xs, 1)[::-1]


@TABLE.fn("take", "Int -> [a] -> [a]", "The first n elements (all of them if there are fewer).",
          "take 2 [1, 2, 3]", "xs[:n]")
def take(n: Any, xs: Any) -> Any:
    count = args.integer("take", n, 1)
    return _list_or_string("take", xs, 2)[: max(count, 0)]


@TABLE.fn("drop", "Int -> [a] -> [a]", "The list without its first n elements.", "drop 2 [1, 2, 3]", "xs[n:]")
def drop(n: Any, xs: Any) -> Any:
    count = args.integer("drop", n, 1)
    return _list_or_string("drop", xs, 2)[max(count, 0):]


@TABLE.fn("replicate", "Int -> a -> [a]", "A list of n copies of a value.", "replicate 3 0", "[x] * n")
def replicate(n: Any, x: Any) -> list:
    count = args.integer("replicate", n, 1)
    if count > 10_000_000:
        raise InvalidValueError(f"replicate: {count} elements is too many for a list (at most 10000000)")
    return [x] * max(count, 0)


@TABLE.fn("concat", "[[a]] -> [a]", "Join a list of lists into one list.", "concat [[1, 2], [3]]",
          "list(itertools.chain(*xss))")
def concat(xss: Any) -> Any:
    items = args.sequence("concat", xss, 1)
    if items and all(isinstance(x, str) for x in items):
        return "".join(items)
    out: list = []
    for x in items:
        out.extend(args.sequence("concat", x, 1))
    return out


@TABLE.fn("map", "(a -> b) -> [a] -> [b]", "Apply a function to every element.", "map (* 2) [1, 2, 3]",
          "[f(x) for x in xs]")
def map_(f: Any, xs: Any) -> list:
    fn = args.function("map", f, 1)
    return [fn.apply(x) for x in args.sequence("map", xs, 2)]


@TABLE.fn("filter", "(a -> Bool) -> [a] -> [a]", "The elements for which a predicate is True.",
          "filter (> 1) [1, 2, 3]", "[x for x in xs if p(x)]")
def filter_(p: Any, xs: Any) -> list:
    fn = args.function("filter", p, 1)
    out = []
    for x in args.sequence("filter", xs, 2):
        keep = fn.apply(x)
        if not isinstance(keep, (bool, np.bool_)):
            raise ArgumentError(f"filter: the predicate must return a Bool, it returned {args.describe(keep)}")
        if keep:
            out.append(x)
    return out


@TABLE.fn("zip", "[a] -> [b] -> [(a, b)]", "Pair up the elements of two lists (as long as the shorter).",
          "zip [1, 2] [True, False]", "list(zip(xs, ys))")
def zip_(xs: Any, ys: Any) -> list:
    return list(zip(args.sequence("zip", xs, 1), args.sequence("zip", ys, 2)))


@TABLE.fn("unzip", "[(a, b)] -> ([a], [b])", "Split a list of pairs into two lists.", "unzip [(1, True), (2, False)]",
          "map(list, zip(*pairs))")
def unzip(pairs: Any) -> tuple:
    firsts, seconds = [], []
    for pair in args.sequence("unzip", pairs, 1):
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise ArgumentError(f"unzip expects a list of pairs; found {args.describe(pair)}")
        firsts.append(pair[0])
        seconds.append(pair[1])
    return firsts, seconds


@TABLE.fn("zipWith", "(a -> b -> c) -> [a] -> [b] -> [c]", "Combine two lists element by element with a function.",
          "zipWith (+) [1, 2] [10, 20]", "[f(x, y) for x, y in zip(xs, ys)]")
def zip_with(f: Any, xs: Any, ys: Any) -> list:
    fn = args.function("zipWith", f, 1)
    return [fn.apply(x, y) for x, y in zip(args.sequence("zipWith", xs, 2), args.sequence("zipWith", ys, 3))]


@TABLE.fn("foldl", "(b -> a -> b) -> b -> [a] -> b", "Combine the elements from the left, starting from a value.",
          "foldl (+) 0 [1, 2, 3]", "functools.reduce(f, xs, z)")
def foldl(f: Any, z: Any, xs: Any) -> Any:
    fn = args.function("foldl", f, 1)
    acc = z
    for x in args.sequence("foldl", xs, 3):
        acc = fn.apply(acc, x)
    return acc


@TABLE.fn("foldr", "(a -> b -> b) -> b -> [a] -> b", "Combine the elements from the right, starting from a value.",
          "foldr (:) [] [1, 2, 3]", "functools.reduce(lambda acc, x: f(x, acc), reversed(xs), z)")
def foldr(f: Any, z: Any, xs: Any) -> Any:
    fn = args.function("foldr", f, 1)
    acc = z
    for x in reversed(args.sequence("foldr", xs, 3)):
        acc = fn.apply(x, acc)
    return acc


def _add_all(fn: str, xs: Any, start: Any, combine: Any) -> Any:
    items = args.sequence(fn, xs, 1)
    if not items:
        return start
    acc = items[0]
    for x in items[1:]:
        acc = combine.apply(acc, x)
    return acc


@TABLE.fn("sum", "Num a => [a] -> a", "The sum of a list of numbers or tensors (0 for []).", "sum [1, 2, 3]",
          "sum(xs)")
def sum_(xs: Any) -> Any:
    from gradbook.engine.language.builtins.operators import OPERATORS

    return _add_all("sum", xs, 0, OPERATORS["+"])


@TABLE.fn("product", "Num a => [a] -> a", "The product of a list of numbers or tensors (1 for []).",
          "product [1, 2, 3]", "math.prod(xs)")
def product(xs: Any) -> Any:
    from gradbook.engine.language.builtins.operators import OPERATORS

    return _add_all("product", xs, 1, OPERATORS["*"])


@TABLE.fn("maximum", "Ord a => [a] -> a", "The largest element of a non-empty list.", "maximum [3, 1, 2]", "max(xs)")
def maximum(xs: Any) -> Any:
    from gradbook.engine.language.builtins.operators import OPERATORS

    return _extreme("maximum", xs, OPERATORS[">"])


@TABLE.fn("minimum", "Ord a => [a] -> a", "The smallest element of a non-empty list.", "minimum [3, 1, 2]", "min(xs)")
def minimum(xs: Any) -> Any:
    from gradbook.engine.language.builtins.operators import OPERATORS

    return _extreme("minimum", xs, OPERATORS["<"])


def _extreme(fn: str, xs: Any, better: Any) -> Any:
    items = _non_empty(fn, xs)
    best = items[0]
    for x in items[1:]:
        if better.apply(x, best):
            best = x
    return best


@TABLE.fn("elem", "Eq a => a -> [a] -> Bool", "Whether a value occurs in a list.", "elem 2 [1, 2, 3]", "x in xs")
def elem(x: Any, xs: Any) -> bool:
    from gradbook.engine.language.builtins.operators import OPERATORS

    equal = OPERATORS["=="]
    return any(equal.apply(x, y) for y in args.sequence("elem", xs, 2))


@TABLE.fn("fst", "(a, b) -> a", "The first component of a pair.", "fst (1, True)", "pair[0]")
def fst(pair: Any) -> Any:
    return _pair("fst", pair)[0]


@TABLE.fn("snd", "(a, b) -> b", "The second component of a pair.", "snd (1, True)", "pair[1]")
def snd(pair: Any) -> Any:
    return _pair("snd", pair)[1]


def _pair(fn: str, value: Any) -> tuple:
    if isinstance(value, tuple) and len(value) == 2:
        return value
    raise args.fail(fn, "a pair (a, b)", 1, value, "")


@TABLE.fn("id", "a -> a", "Returns its argument unchanged.", "id 3", "lambda x: x")
def identity(x: Any) -> Any:
    return x


@TABLE.fn("const", "a -> b -> a", "Returns its first argument, ignoring the second.", "const 1 2", "lambda x, _: x")
def const(x: Any, _ignored: Any) -> Any:
    return x


@TABLE.fn("not", "Bool -> Bool", "Boolean negation.", "not True", "not x")
def not_(x: Any) -> bool:
    return not args.boolean("not", x, 1)


@TABLE.fn("negate", "Num a => a -> a", "Minus a number or a tensor (what `-x` means).", "negate 3", "-x")
def negate(x: Any) -> Any:
    from gradbook.engine.language.builtins.operators import OPERATORS

    return OPERATORS["negate"].apply(x)


@TABLE.fn("subtract", "Num a => a -> a -> a", "`subtract a b` is `b - a` (handy as a section).",
          "map (subtract 1) [1, 2, 3]", "b - a")
def subtract(a: Any, b: Any) -> Any:
    from gradbook.engine.language.builtins.operators import OPERATORS

    return OPERATORS["-"].apply(b, a)


def _int_division(fn: str, a: Any, b: Any) -> tuple[int, int]:
    x, y = args.integer(fn, a, 1), args.integer(fn, b, 2)
    if y == 0:
        raise InvalidValueError(f"{fn}: divide by zero")
    return x, y


@TABLE.fn("mod", "Integral a => a -> a -> a", "Remainder of Int division, with the divisor's sign (as `%` in Python).",
          "mod 7 3", "a % b")
def mod(a: Any, b: Any) -> int:
    x, y = _int_division("mod", a, b)
    return x % y


@TABLE.fn("rem", "Integral a => a -> a -> a", "Remainder of Int division truncated toward zero (the dividend's sign).",
          "rem (-7) 3", "math.fmod(a, b)")
def rem(a: Any, b: Any) -> int:
    x, y = _int_division("rem", a, b)
    quotient = abs(x) // abs(y) if (x < 0) == (y < 0) else -(abs(x) // abs(y))
    return x - y * quotient


@TABLE.fn("even", "Integral a => a -> Bool", "Whether an Int is even.", "even 4", "n % 2 == 0")
def even(n: Any) -> bool:
    return args.integer("even", n, 1) % 2 == 0


@TABLE.fn("odd", "Integral a => a -> Bool", "Whether an Int is odd.", "odd 3", "n % 2 == 1")
def odd(n: Any) -> bool:
    return args.integer("odd", n, 1) % 2 == 1


@TABLE.fn("fromIntegral", "(Integral a, Num b) => a -> b", "An Int used as another number type.",
          "fromIntegral (length [1, 2]) / 4", "float(n)")
def from_integral(n: Any) -> int:
    return args.integer("fromIntegral", n, 1, "an Int")


@TABLE.fn("realToFrac", "(Real a, Fractional b) => a -> b", "A number converted to a Double.",
          "realToFrac (3 :: Float)", "float(x)")
def real_to_frac(x: Any) -> float:
    value = args.number("realToFrac", x, 1)
    return float(value)


@TABLE.fn("foldLoop", "a -> Int -> (a -> Int -> a) -> a",
          "Run a step function n times (i = 1..n), threading a value through: a training loop.",
          "foldLoop 0 10 (\\acc i -> acc + i)", "for i in range(1, n + 1): acc = step(acc, i)")
def fold_loop(init: Any, n: Any, step: Any) -> Any:
    count = args.integer("foldLoop", n, 2)
    fn = args.function("foldLoop", step, 3)
    if count <= 0:
        return init
    first = fn.apply(init, 1)
    if isinstance(first, IOAction):
        # a step written in IO (`\acc i -> do ... pure acc'`, as in Hasktorch) makes the loop an IO action
        def run() -> Any:
            acc = first.run()
            for i in range(2, count + 1):
                result = fn.apply(acc, i)
                acc = result.run() if isinstance(result, IOAction) else result
            return acc

        return IOAction("foldLoop", run)
    acc = first
    for i in range(2, count + 1):
        acc = fn.apply(acc, i)
        if isinstance(acc, IOAction):
            raise ArgumentError(f"foldLoop: the step function returned an IO action at i = {i} but not at i = 1")
    return acc
