"""Folds, scans and searches of Prelude and Data.List: `foldl foldl' foldr foldl1 foldr1 scanl scanl1 scanr
scanr1 sum product maximum minimum and or elem notElem lookup find findIndex elemIndex`, plus the Prelude
forms of `any` and `all` (overloads.py pairs them with Hasktorch's tensor `any`/`all`). Searches stop at the
first hit, so they work on infinite lists that have one."""
from __future__ import annotations

from typing import Any

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.lists import _predicate
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.language.enumeration import unify_numbers
from gradbook.engine.language.lazy import LazyList
from gradbook.engine.tensors.errors import InvalidValueError
from gradbook.engine.language.values import Int

TABLE = Table()
PRELUDE_FORMS: dict[str, Any] = {}
"""`any`/`all` on lists, for overloads.py."""


def _ops() -> dict:
    from gradbook.engine.language.builtins.operators import OPERATORS

    return OPERATORS


def _left(fn: str, f: Any, z: Any, xs: Any) -> Any:
    step = args.function(fn, f, 1).apply
    acc = z
    for x in args.sequence(fn, xs, 3):
        acc = step(acc, x)
    return acc


@TABLE.fn("foldl", "(b -> a -> b) -> b -> [a] -> b", "Combine the elements from the left, starting from a value.",
          "foldl (+) 0 [1, 2, 3]", "functools.reduce(f, xs, z)")
def foldl(f: Any, z: Any, xs: Any) -> Any:
    return _left("foldl", f, z, xs)


@TABLE.fn("foldl'", "(b -> a -> b) -> b -> [a] -> b", "`foldl`, evaluating the accumulator at each step "
          "(every fold here is strict).", "foldl' (+) 0 [1 .. 100]", "functools.reduce(f, xs, z)")
def foldl_strict(f: Any, z: Any, xs: Any) -> Any:
    return _left("foldl'", f, z, xs)


@TABLE.fn("foldr", "(a -> b -> b) -> b -> [a] -> b", "Combine the elements from the right, starting from a value.",
          "foldr (:) [] [1, 2, 3]", "functools.reduce(lambda acc, x: f(x, acc), reversed(xs), z)")
def foldr(f: Any, z: Any, xs: Any) -> Any:
    step = args.function("foldr", f, 1).apply
    acc = z
    for x in reversed(args.sequence("foldr", xs, 3)):
        acc = step(x, acc)
    return acc


def _non_empty(fn: str, xs: Any, position: int = 2) -> list:
    items = args.sequence(fn, xs, position)
    if not items:
        raise InvalidValueError(f"{fn}: the list is empty")
    return items


@TABLE.fn("foldl1", "(a -> a -> a) -> [a] -> a", "`foldl` starting from the first element of a non-empty list.",
          "foldl1 (-) [10, 2, 3]", "functools.reduce(f, xs)")
def foldl1(f: Any, xs: Any) -> Any:
    items = _non_empty("foldl1", xs)
    step = args.function("foldl1", f, 1).apply
    acc = items[0]
    for x in items[1:]:
        acc = step(acc, x)
    return acc


@TABLE.fn("foldr1", "(a -> a -> a) -> [a] -> a", "`foldr` starting from the last element of a non-empty list.",
          "foldr1 (-) [10, 2, 3]", "functools.reduce(lambda a, x: f(x, a), reversed(xs))")
def foldr1(f: Any, xs: Any) -> Any:
    items = _non_empty("foldr1", xs)
    step = args.function("foldr1", f, 1).apply
    acc = items[-1]
    for x in reversed(items[:-1]):
        acc = step(x, acc)
    return acc


def _scan(fn: str, step: Any, first: Any, source: Any) -> Any:
    def walk() -> Any:
        acc = first
        yield acc
        for x in source:
            acc = step(acc, x)
            yield acc

    if isinstance(source, LazyList):
        return LazyList(walk(), source.infinite, source.what)
    return list(walk())


@TABLE.fn("scanl", "(b -> a -> b) -> b -> [a] -> [b]", "The running results of `foldl`, starting with the value.",
          "scanl (+) 0 [1, 2, 3]", "list(itertools.accumulate(xs, f, initial=z))")
def scanl(f: Any, z: Any, xs: Any) -> Any:
    return _scan("scanl", args.function("scanl", f, 1).apply, z, args.walk("scanl", xs, 3))


@TABLE.fn("scanl1", "(a -> a -> a) -> [a] -> [a]", "The running results of `foldl1`.", "scanl1 (+) [1, 2, 3]",
          "list(itertools.accumulate(xs, f))")
def scanl1(f: Any, xs: Any) -> Any:
    step = args.function("scanl1", f, 1).apply
    source = args.walk("scanl1", xs, 2)
    if isinstance(source, LazyList):
        if source.is_empty():
            return []
        return _scan("scanl1", step, source.item(0), source.drop(1))
    return _scan("scanl1", step, source[0], source[1:]) if source else []


@TABLE.fn("scanr", "(a -> b -> b) -> b -> [a] -> [b]", "The running results of `foldr`, from the right.",
          "scanr (+) 0 [1, 2, 3]", "(no single call)")
def scanr(f: Any, z: Any, xs: Any) -> list:
    step = args.function("scanr", f, 1).apply
    out = [z]
    for x in reversed(args.sequence("scanr", xs, 3)):
        out.append(step(x, out[-1]))
    return out[::-1]


@TABLE.fn("scanr1", "(a -> a -> a) -> [a] -> [a]", "The running results of `foldr1`.", "scanr1 (+) [1, 2, 3]",
          "(no single call)")
def scanr1(f: Any, xs: Any) -> list:
    items = args.sequence("scanr1", xs, 2)
    if not items:
        return []
    step = args.function("scanr1", f, 1).apply
    out = [items[-1]]
    for x in reversed(items[:-1]):
        out.append(step(x, out[-1]))
    return out[::-1]


def _total(fn: str, xs: Any, start: Any, op: str, unit: int) -> Any:
    items = args.sequence(fn, xs, 1)
    user = _user_num(items[0], op, unit) if items else None
    if user is not None:
        # a user's `instance Num V`: as GHC.List's `foldl (+) (fromInteger 0)`, with the user's methods
        combine, acc = user
        for x in items:
            acc = combine.apply(acc, x)
        return acc
    combine = _ops()[op].apply
    acc = start
    for x in items:
        acc = combine(acc, x) if acc is not start else x
    return acc


@TABLE.fn("sum", "Num a => [a] -> a", "The sum of a list of numbers or tensors (0 for []).", "sum [1, 2, 3]",
          "sum(xs)")
def sum_(xs: Any) -> Any:
    total = _total("sum", xs, _EMPTY, "+", 0)
    return 0 if total is _EMPTY else total


@TABLE.fn("product", "Num a => [a] -> a", "The product of a list of numbers or tensors (1 for []).",
          "product [1, 2, 3]", "math.prod(xs)")
def product(xs: Any) -> Any:
    total = _total("product", xs, _EMPTY, "*", 1)
    return 1 if total is _EMPTY else total


_EMPTY = object()


def _user_num(first: Any, op: str, unit: int) -> tuple[Any, Any] | None:
    """(the user's `op`, `fromInteger unit`) of `first`'s `instance Num`, or None for a builtin number,
    a tensor, or a data value without one (the builtin `+` then says what it refuses)."""
    from gradbook.engine.language.classes import user_method
    from gradbook.engine.language.values import Data

    if type(first) is not Data:
        return None
    combine = user_method("Num", first, op)
    start = user_method("Num", first, "fromInteger")
    if combine is None or start is None:
        return None
    return combine[1], start[1].apply(unit)


def haskell_max(a: Any, b: Any) -> Any:
    """Prelude's `max`: `if a <= b then b else a` (so a NaN decides as in GHC); `max 1 2.5` is a Double."""
    a, b = unify_numbers([a, b])
    return b if _ops()["<="].apply(a, b) else a


def haskell_min(a: Any, b: Any) -> Any:
    """Prelude's `min`: `if a <= b then a else b`."""
    a, b = unify_numbers([a, b])
    return a if _ops()["<="].apply(a, b) else b


@TABLE.fn("maximum", "Ord a => [a] -> a", "The largest element of a non-empty list (as GHC: `foldl1 max`).",
          "maximum [3, 1, 2]", "max(xs)")
def maximum(xs: Any) -> Any:
    items = _non_empty("maximum", xs, 1)
    best = items[0]
    for x in items[1:]:
        best = haskell_max(best, x)
    return best


@TABLE.fn("minimum", "Ord a => [a] -> a", "The smallest element of a non-empty list (as GHC: `foldl1 min`).",
          "minimum [3, 1, 2]", "min(xs)")
def minimum(xs: Any) -> Any:
    items = _non_empty("minimum", xs, 1)
    best = items[0]
    for x in items[1:]:
        best = haskell_min(best, x)
    return best


def _bools(fn: str, xs: Any) -> Any:
    for x in args.walk(fn, xs, 1):
        yield args.boolean(fn, x, 1)


@TABLE.fn("and", "[Bool] -> Bool", "Whether every Bool of a list is True.", "and [True, False]", "all(xs)")
def and_(xs: Any) -> bool:
    return all(_bools("and", xs))


@TABLE.fn("or", "[Bool] -> Bool", "Whether some Bool of a list is True.", "or [True, False]", "any(xs)")
def or_(xs: Any) -> bool:
    return any(_bools("or", xs))


def prelude_any(p: Any, xs: Any) -> bool:
    check = _predicate("any", p)
    return any(check(x) for x in args.walk("any", xs, 2))


def prelude_all(p: Any, xs: Any) -> bool:
    check = _predicate("all", p)
    return all(check(x) for x in args.walk("all", xs, 2))


PRELUDE_FORMS["any"] = prelude_any
PRELUDE_FORMS["all"] = prelude_all


def _equal(a: Any, b: Any) -> bool:
    return _ops()["=="].apply(a, b)


@TABLE.fn("elem", "Eq a => a -> [a] -> Bool", "Whether a value occurs in a list.", "elem 2 [1, 2, 3]", "x in xs")
def elem(x: Any, xs: Any) -> bool:
    return any(_equal(x, y) for y in args.walk("elem", xs, 2))


@TABLE.fn("notElem", "Eq a => a -> [a] -> Bool", "Whether a value does not occur in a list.",
          "notElem 4 [1, 2, 3]", "x not in xs")
def not_elem(x: Any, xs: Any) -> bool:
    return not any(_equal(x, y) for y in args.walk("notElem", xs, 2))


@TABLE.fn("lookup", "Eq a => a -> [(a, b)] -> Maybe b", "The value paired with a key in a list of pairs: "
          "`Just v`, or `Nothing`.", "lookup 2 [(1, \"one\"), (2, \"two\")]", "dict(pairs).get(k)")
def lookup(key: Any, pairs: Any) -> Any:
    from gradbook.engine.language.builtins.maybe import just, nothing

    for pair in args.walk("lookup", pairs, 2):
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise args.fail("lookup", "a list of pairs", 2, pair, "")
        if _equal(key, pair[0]):
            return just(pair[1])
    return nothing()


@TABLE.fn("find", "(a -> Bool) -> [a] -> Maybe a", "The first element satisfying a predicate, as `Just x`, "
          "or `Nothing`.", "find even [1, 3, 4, 5]", "next((x for x in xs if p(x)), None)")
def find(p: Any, xs: Any) -> Any:
    from gradbook.engine.language.builtins.maybe import just, nothing

    check = _predicate("find", p)
    for x in args.walk("find", xs, 2):
        if check(x):
            return just(x)
    return nothing()


@TABLE.fn("findIndex", "(a -> Bool) -> [a] -> Maybe Int", "The index of the first element satisfying a "
          "predicate, as `Just i`, or `Nothing`.", "findIndex (> 2) [1, 5, 3]", "next(i for i, x in ... if p(x))")
def find_index(p: Any, xs: Any) -> Any:
    from gradbook.engine.language.builtins.maybe import just, nothing

    check = _predicate("findIndex", p)
    for index, x in enumerate(args.walk("findIndex", xs, 2)):
        if check(x):
            return just(Int(index))
    return nothing()


@TABLE.fn("elemIndex", "Eq a => a -> [a] -> Maybe Int", "The index of the first occurrence of a value, as "
          "`Just i`, or `Nothing`.", "elemIndex 'c' \"abc\"", "xs.index(x)")
def elem_index(x: Any, xs: Any) -> Any:
    from gradbook.engine.language.builtins.maybe import just, nothing

    for index, y in enumerate(args.walk("elemIndex", xs, 2)):
        if _equal(x, y):
            return just(Int(index))
    return nothing()


@TABLE.fn("elemIndices", "Eq a => a -> [a] -> [Int]", "The indices of every occurrence of a value.",
          "elemIndices 1 [1, 2, 1]", "[i for i, y in enumerate(xs) if y == x]")
def elem_indices(x: Any, xs: Any) -> list:
    return [Int(i) for i, y in enumerate(args.sequence("elemIndices", xs, 2)) if _equal(x, y)]
