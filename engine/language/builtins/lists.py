"""Prelude's list builtins that take lists apart and build new ones (`head`, `map`, `filter`, `zip`,
`take`, `iterate`, `cycle`, ...), and Hasktorch's `foldLoop`. Lists are Python lists, never mutated; a
String is a list of Char to all of them (`map toUpper "ab"` is the String "AB"); lazy lists (lazy.py) are
walked only as far as the function needs, so `take 5 (map (* 2) [0..])` ends. Folds and Data.List's
extras are in folds.py and sublists.py."""
from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from gradbook.engine.language import budget
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.language.lazy import LazyList, lazy
from gradbook.engine.tensors.errors import ArgumentError, InvalidValueError
from gradbook.engine.language.values import Int, IOAction, chars, rebuild

TABLE = Table()
MAX_LIST = 10_000_000  # elements `replicate` may build at once


def _non_empty(fn: str, value: Any) -> Any:
    """The first element of a non-empty list (any kind), or the error naming the builtin."""
    if isinstance(value, LazyList):
        if value.is_empty():
            raise InvalidValueError(f"{fn}: the list is empty")
        return value
    items = args.sequence(fn, value, 1)
    if not items:
        raise InvalidValueError(f"{fn}: the list is empty")
    return items


@TABLE.fn("head", "[a] -> a", "The first element of a non-empty list.", "head [1, 2, 3]", "xs[0]")
def head(xs: Any) -> Any:
    items = _non_empty("head", xs)
    return items.item(0) if isinstance(items, LazyList) else items[0]


@TABLE.fn("tail", "[a] -> [a]", "Everything after the first element of a non-empty list.", "tail [1, 2, 3]",
          "xs[1:]")
def tail(xs: Any) -> Any:
    items = _non_empty("tail", xs)
    if isinstance(items, LazyList):
        return items.drop(1)
    return xs[1:] if isinstance(xs, str) else items[1:]


@TABLE.fn("last", "[a] -> a", "The last element of a non-empty list.", "last [1, 2, 3]", "xs[-1]")
def last(xs: Any) -> Any:
    return args.sequence("last", _non_empty("last", xs), 1)[-1]


@TABLE.fn("init", "[a] -> [a]", "Everything but the last element of a non-empty list.", "init [1, 2, 3]",
          "xs[:-1]")
def init(xs: Any) -> Any:
    items = args.sequence("init", _non_empty("init", xs), 1)
    return xs[:-1] if isinstance(xs, str) else items[:-1]


@TABLE.fn("null", "[a] -> Bool", "Whether a list is empty.", "null []", "len(xs) == 0")
def null(xs: Any) -> bool:
    if isinstance(xs, LazyList):
        return xs.is_empty()
    if isinstance(xs, (list, str)):
        return len(xs) == 0
    raise args.fail("null", "a list", 1, xs, "")


@TABLE.fn("length", "[a] -> Int", "The number of elements of a list.", "length [1, 2, 3]", "len(xs)")
def length(xs: Any) -> Int:
    if isinstance(xs, (list, str)):
        return Int(len(xs))
    return Int(len(args.sequence("length", xs, 1)))


@TABLE.fn("reverse", "[a] -> [a]", "The elements in reverse order.", "reverse [1, 2, 3]", "xs[::-1]")
def reverse(xs: Any) -> Any:
    if isinstance(xs, str):
        return xs[::-1]
    return args.sequence("reverse", xs, 1)[::-1]


@TABLE.fn("take", "Int -> [a] -> [a]", "The first n elements (all of them if there are fewer).",
          "take 2 [1, 2, 3]", "xs[:n]")
def take(n: Any, xs: Any) -> Any:
    count = max(args.integer("take", n, 1), 0)
    if isinstance(xs, (list, str)):
        return xs[:count]
    return list(itertools.islice(args.walk("take", xs, 2), count))


@TABLE.fn("drop", "Int -> [a] -> [a]", "The list without its first n elements.", "drop 2 [1, 2, 3]", "xs[n:]")
def drop(n: Any, xs: Any) -> Any:
    count = max(args.integer("drop", n, 1), 0)
    if isinstance(xs, LazyList):
        return xs.drop(count)
    if isinstance(xs, (list, str)):
        return xs[count:]
    raise args.fail("drop", "a list", 2, xs, "")


@TABLE.fn("splitAt", "Int -> [a] -> ([a], [a])", "The first n elements and the rest.", "splitAt 2 [1, 2, 3]",
          "(xs[:n], xs[n:])")
def split_at(n: Any, xs: Any) -> tuple:
    return take(n, xs), drop(n, xs)


@TABLE.fn("replicate", "Int -> a -> [a]", "A list of n copies of a value.", "replicate 3 0", "[x] * n")
def replicate(n: Any, x: Any) -> Any:
    count = args.integer("replicate", n, 1)
    budget.check_list("replicate", count)
    return rebuild("", [x] * max(count, 0)) if count > 0 else []


@TABLE.fn("concat", "[[a]] -> [a]", "Join a list of lists into one list.", "concat [[1, 2], [3]]",
          "list(itertools.chain(*xss))")
def concat(xss: Any) -> Any:
    items = args.sequence("concat", xss, 1)
    if items and all(isinstance(x, str) for x in items):
        budget.check_string("concat", sum(map(len, items)))
        return "".join(items)
    parts = [args.sequence("concat", x, 1) for x in items]
    budget.check_list("concat", sum(map(len, parts)))
    out: list = []
    for part in parts:
        out.extend(part)
    return rebuild("", out) if items and any(isinstance(x, str) for x in items) else out


@TABLE.fn("concatMap", "(a -> [b]) -> [a] -> [b]", "Map a function returning lists, and join the results.",
          "concatMap (replicate 2) [1, 2]", "[y for x in xs for y in f(x)]")
def concat_map(f: Any, xs: Any) -> Any:
    fn = args.function("concatMap", f, 1)
    source = args.walk("concatMap", xs, 2)
    if isinstance(source, LazyList) and source.infinite:
        return LazyList((y for x in source for y in args.walk("concatMap", fn.apply(x), 1)), True, source.what)
    return concat([fn.apply(x) for x in source])


@TABLE.fn("map", "(a -> b) -> [a] -> [b]", "Apply a function to every element.", "map (* 2) [1, 2, 3]",
          "[f(x) for x in xs]")
def map_(f: Any, xs: Any) -> Any:
    fn = args.function("map", f, 1)
    if isinstance(xs, LazyList):
        return LazyList(map(fn.apply, xs), xs.infinite, xs.what)
    apply = fn.apply
    if isinstance(xs, str):
        return rebuild(xs, [apply(x) for x in chars(xs)]) if xs else []
    return [apply(x) for x in args.sequence("map", xs, 2)]


def _predicate(fn: str, p: Any):
    test = args.function(fn, p, 1)

    def check(x: Any) -> bool:
        keep = test.apply(x)
        if not isinstance(keep, (bool, np.bool_)):
            raise ArgumentError(f"{fn}: the predicate must return a Bool, it returned {args.describe(keep)}")
        return bool(keep)

    return check


@TABLE.fn("filter", "(a -> Bool) -> [a] -> [a]", "The elements for which a predicate is True.",
          "filter (> 1) [1, 2, 3]", "[x for x in xs if p(x)]")
def filter_(p: Any, xs: Any) -> Any:
    check = _predicate("filter", p)
    if isinstance(xs, LazyList):
        return LazyList(filter(check, xs), xs.infinite, xs.what)
    return rebuild(xs, [x for x in args.sequence("filter", xs, 2) if check(x)])


@TABLE.fn("takeWhile", "(a -> Bool) -> [a] -> [a]", "The longest prefix whose elements satisfy a predicate.",
          "takeWhile (< 3) [1 ..]", "list(itertools.takewhile(p, xs))")
def take_while(p: Any, xs: Any) -> Any:
    check = _predicate("takeWhile", p)
    out = []
    for x in args.walk("takeWhile", xs, 2):
        if not check(x):
            break
        out.append(x)
        if len(out) > MAX_LIST:
            raise InvalidValueError(f"takeWhile: the prefix grew past {MAX_LIST} elements")
    return rebuild(xs, out)


@TABLE.fn("dropWhile", "(a -> Bool) -> [a] -> [a]", "The list after its longest prefix satisfying a predicate.",
          "dropWhile (< 3) [1, 2, 3, 4]", "list(itertools.dropwhile(p, xs))")
def drop_while(p: Any, xs: Any) -> Any:
    check = _predicate("dropWhile", p)
    source = args.walk("dropWhile", xs, 2)
    if isinstance(source, LazyList):
        return LazyList(itertools.dropwhile(check, source), source.infinite, source.what)
    index = 0
    while index < len(source) and check(source[index]):
        index += 1
    return xs[index:] if isinstance(xs, str) else source[index:]


@TABLE.fn("span", "(a -> Bool) -> [a] -> ([a], [a])", "`(takeWhile p xs, dropWhile p xs)`.",
          "span even [2, 4, 5, 6]", "(takewhile(p, xs), dropwhile(p, xs))")
def span(p: Any, xs: Any) -> tuple:
    return take_while(p, xs), drop_while(p, xs)


@TABLE.fn("break", "(a -> Bool) -> [a] -> ([a], [a])", "`span` with the predicate negated: split at the first "
          "element that satisfies it.", "break (== ' ') \"hello world\"", "(takewhile(not p, xs), ...)")
def break_(p: Any, xs: Any) -> tuple:
    check = _predicate("break", p)
    from gradbook.engine.language.values import BuiltinFunction

    negated = BuiltinFunction("break", 1, lambda x: not check(x))
    return take_while(negated, xs), drop_while(negated, xs)


def _zipped(fn: str, lists: tuple, combine: Any) -> Any:
    sources = [args.walk(fn, xs, i + 2 if combine is not None else i + 1) for i, xs in enumerate(lists)]
    joined = zip(*sources) if combine is None else (combine(*items) for items in zip(*sources))
    if all(isinstance(s, LazyList) and s.infinite for s in sources):
        return LazyList(iter(joined), True, sources[0].what)
    return list(joined)


@TABLE.fn("zip", "[a] -> [b] -> [(a, b)]", "Pair up the elements of two lists (as long as the shorter).",
          "zip [1, 2] [True, False]", "list(zip(xs, ys))")
def zip_(xs: Any, ys: Any) -> Any:
    return _zipped("zip", (xs, ys), None)


@TABLE.fn("zip3", "[a] -> [b] -> [c] -> [(a, b, c)]", "Triples from three lists (as long as the shortest).",
          "zip3 [1, 2] \"ab\" [True, False]", "list(zip(xs, ys, zs))")
def zip3(xs: Any, ys: Any, zs: Any) -> Any:
    return _zipped("zip3", (xs, ys, zs), None)


@TABLE.fn("zipWith", "(a -> b -> c) -> [a] -> [b] -> [c]", "Combine two lists element by element with a function.",
          "zipWith (+) [1, 2] [10, 20]", "[f(x, y) for x, y in zip(xs, ys)]")
def zip_with(f: Any, xs: Any, ys: Any) -> Any:
    fn = args.function("zipWith", f, 1)
    return _zipped("zipWith", (xs, ys), fn.apply)


@TABLE.fn("zipWith3", "(a -> b -> c -> d) -> [a] -> [b] -> [c] -> [d]", "Combine three lists element by element.",
          "zipWith3 (\\a b c -> a + b * c) [1, 2] [3, 4] [5, 6]", "[f(x, y, z) for x, y, z in zip(xs, ys, zs)]")
def zip_with3(f: Any, xs: Any, ys: Any, zs: Any) -> Any:
    fn = args.function("zipWith3", f, 1)
    return _zipped("zipWith3", (xs, ys, zs), fn.apply)


def _unzip(fn: str, rows: Any, width: int) -> tuple:
    columns: list[list] = [[] for _ in range(width)]
    for row in args.sequence(fn, rows, 1):
        if not (isinstance(row, tuple) and len(row) == width):
            raise ArgumentError(f"{fn} expects a list of {'pairs' if width == 2 else 'triples'}; found "
                                f"{args.describe(row)}")
        for column, item in zip(columns, row):
            column.append(item)
    return tuple(rebuild("", column) for column in columns)


@TABLE.fn("unzip", "[(a, b)] -> ([a], [b])", "Split a list of pairs into two lists.", "unzip [(1, True), (2, False)]",
          "map(list, zip(*pairs))")
def unzip(pairs: Any) -> tuple:
    return _unzip("unzip", pairs, 2)


@TABLE.fn("unzip3", "[(a, b, c)] -> ([a], [b], [c])", "Split a list of triples into three lists.",
          "unzip3 [(1, 'a', True)]", "map(list, zip(*triples))")
def unzip3(triples: Any) -> tuple:
    return _unzip("unzip3", triples, 3)


# ------------------------------------------------------------------------------ infinite lists
@TABLE.fn("iterate", "(a -> a) -> a -> [a]", "The infinite list x, f x, f (f x), ...", "take 4 (iterate (* 2) 1)",
          "itertools.accumulate(itertools.repeat(x), lambda a, _: f(a))")
def iterate(f: Any, x: Any) -> LazyList:
    fn = args.function("iterate", f, 1)

    def walk() -> Any:
        value = x
        while True:
            yield value
            value = fn.apply(value)

    return LazyList(walk(), True, "`iterate`'s result")


@TABLE.fn("repeat", "a -> [a]", "The infinite list of one value.", "take 3 (repeat 'x')", "itertools.repeat(x)")
def repeat(x: Any) -> LazyList:
    return lazy(itertools.repeat(x), True, "`repeat`'s result")


@TABLE.fn("cycle", "[a] -> [a]", "A non-empty list repeated forever.", "take 5 (cycle [1, 2])", "itertools.cycle(xs)")
def cycle(xs: Any) -> LazyList:
    source = args.walk("cycle", xs, 1)
    if isinstance(source, LazyList) and source.infinite:
        return source
    items = list(source) if isinstance(source, LazyList) else source
    if not items:
        raise InvalidValueError("cycle: the list is empty")
    return lazy(itertools.cycle(items), True, "`cycle`'s result")


@TABLE.fn("until", "(a -> Bool) -> (a -> a) -> a -> a", "Apply a function until a predicate holds.",
          "until (> 100) (* 2) 1", "while not p(x): x = f(x)")
def until(p: Any, f: Any, x: Any) -> Any:
    check = _predicate("until", p)
    fn = args.function("until", f, 2)
    value = x
    while not check(value):
        value = fn.apply(value)
    return value


@TABLE.fn("foldLoop", "a -> Int -> (a -> Int -> a) -> a",
          "Run a step function n times (i = 1..n), threading a value through: a training loop.",
          "foldLoop 0 10 (\\acc i -> acc + i)", "for i in range(1, n + 1): acc = step(acc, i)")
def fold_loop(init: Any, n: Any, step: Any) -> Any:
    count = args.integer("foldLoop", n, 2)
    fn = args.function("foldLoop", step, 3)
    if count <= 0:
        return init
    first = fn.apply(init, Int(1))
    if isinstance(first, IOAction):
        # a step written in IO (`\acc i -> do ... pure acc'`, as in Hasktorch) makes the loop an IO action
        def run() -> Any:
            acc = first.run()
            for i in range(2, count + 1):
                result = fn.apply(acc, Int(i))
                acc = result.run() if isinstance(result, IOAction) else result
            return acc

        return IOAction("foldLoop", run)
    acc = first
    for i in range(2, count + 1):
        acc = fn.apply(acc, Int(i))
        if isinstance(acc, IOAction):
            raise ArgumentError(f"foldLoop: the step function returned an IO action at i = {i} but not at i = 1")
    return acc
