"""Data.List and the String functions of Prelude: `words unwords lines unlines intercalate intersperse
sort sortBy sortOn nub group groupBy partition isPrefixOf isSuffixOf isInfixOf tails inits insert delete`,
the list form of `transpose` (overloads.py pairs it with Hasktorch's), and Data.Ord's `compare`/`comparing`
with the Ordering values `LT EQ GT`. Sorts are stable, as GHC's."""
from __future__ import annotations

import functools
from typing import Any

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.lists import _predicate
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.language.values import Data, rebuild

TABLE = Table()
LIST_FORMS: dict[str, Any] = {}
"""Data.List's `transpose`, for overloads.py."""

LT, EQ, GT = Data("LT", (), "Ordering"), Data("EQ", (), "Ordering"), Data("GT", (), "Ordering")
for _value, _summary in ((LT, "less"), (EQ, "equal"), (GT, "greater")):
    TABLE.value(_value.con, _value, "Ordering", f"The Ordering `{_value.con}`: {_summary} (what `compare` gives).",
                f"compare 1 2 == {_value.con}", "(the sign of a - b)")


def _ops() -> dict:
    from gradbook.engine.language.builtins.operators import OPERATORS

    return OPERATORS


def haskell_compare(a: Any, b: Any) -> Data:
    ops = _ops()
    if ops["=="].apply(a, b):
        return EQ
    return LT if ops["<="].apply(a, b) else GT


@TABLE.fn("compare", "Ord a => a -> a -> Ordering", "`LT`, `EQ` or `GT` as the first value is less than, equal "
          "to or greater than the second.", "compare 1 2", "(a > b) - (a < b)")
def compare(a: Any, b: Any) -> Data:
    return haskell_compare(a, b)


@TABLE.fn("comparing", "Ord b => (a -> b) -> a -> a -> Ordering", "Compare two values by a key (for `sortBy`).",
          "sortBy (comparing snd) [(1, 'b'), (2, 'a')]", "key=f")
def comparing(f: Any, a: Any, b: Any) -> Data:
    key = args.function("comparing", f, 1)
    return haskell_compare(key.apply(a), key.apply(b))


def _ordering(fn: str, value: Any) -> int:
    if type(value) is Data and value.type_name == "Ordering":
        return {"LT": -1, "EQ": 0, "GT": 1}[value.con]
    raise args.fail(fn, "a comparison giving an Ordering (LT, EQ or GT)", 1, value, "")


@TABLE.fn("sort", "Ord a => [a] -> [a]", "The elements in ascending order (stable).", "sort [3, 1, 2]", "sorted(xs)")
def sort(xs: Any) -> Any:
    items = args.sequence("sort", xs, 1)
    return rebuild(xs, sorted(items, key=functools.cmp_to_key(lambda a, b: _ordering("sort", haskell_compare(a, b)))))


@TABLE.fn("sortBy", "(a -> a -> Ordering) -> [a] -> [a]", "The elements sorted by a comparison (stable).",
          "sortBy (comparing negate) [1, 3, 2]", "sorted(xs, key=functools.cmp_to_key(cmp))")
def sort_by(cmp: Any, xs: Any) -> Any:
    fn = args.function("sortBy", cmp, 1)
    items = args.sequence("sortBy", xs, 2)
    return rebuild(xs, sorted(items, key=functools.cmp_to_key(lambda a, b: _ordering("sortBy", fn.apply(a, b)))))


@TABLE.fn("sortOn", "Ord b => (a -> b) -> [a] -> [a]", "The elements sorted by a key (stable).",
          "sortOn snd [(1, 'b'), (2, 'a')]", "sorted(xs, key=f)")
def sort_on(f: Any, xs: Any) -> Any:
    key = args.function("sortOn", f, 1)
    items = args.sequence("sortOn", xs, 2)
    keyed = [(key.apply(x), x) for x in items]
    keyed.sort(key=functools.cmp_to_key(lambda a, b: _ordering("sortOn", haskell_compare(a[0], b[0]))))
    return rebuild(xs, [x for _, x in keyed])


@TABLE.fn("nub", "Eq a => [a] -> [a]", "The list without repeated elements (first occurrences kept).",
          "nub [1, 2, 1, 3]", "list(dict.fromkeys(xs))")
def nub(xs: Any) -> Any:
    equal = _ops()["=="].apply
    out: list = []
    for x in args.sequence("nub", xs, 1):
        if not any(equal(x, y) for y in out):
            out.append(x)
    return rebuild(xs, out)


def _group(fn: str, same: Any, xs: Any) -> list:
    groups: list[list] = []
    for x in args.sequence(fn, xs, 2):
        if groups and same(groups[-1][0], x):
            groups[-1].append(x)
        else:
            groups.append([x])
    return [rebuild(xs, g) for g in groups]


@TABLE.fn("group", "Eq a => [a] -> [[a]]", "Runs of equal adjacent elements.", "group \"aabccc\"",
          "[list(g) for _, g in itertools.groupby(xs)]")
def group(xs: Any) -> list:
    return _group("group", _ops()["=="].apply, xs)


@TABLE.fn("groupBy", "(a -> a -> Bool) -> [a] -> [[a]]", "Runs of adjacent elements that a test puts together "
          "(each compared with its run's first).", "groupBy (\\a b -> even a == even b) [2, 4, 1, 3, 6]",
          "itertools.groupby(xs, key)")
def group_by(f: Any, xs: Any) -> list:
    fn = args.function("groupBy", f, 1)
    return _group("groupBy", lambda a, b: args.boolean("groupBy", fn.apply(a, b), 1), xs)


@TABLE.fn("partition", "(a -> Bool) -> [a] -> ([a], [a])", "The elements that satisfy a predicate and those that "
          "do not.", "partition even [1, 2, 3, 4]", "([x for x in xs if p(x)], [x for x in xs if not p(x)])")
def partition(p: Any, xs: Any) -> tuple:
    check = _predicate("partition", p)
    yes, no = [], []
    for x in args.sequence("partition", xs, 2):
        (yes if check(x) else no).append(x)
    return rebuild(xs, yes), rebuild(xs, no)


def _string(fn: str, value: Any, position: int = 1) -> str:
    if isinstance(value, str):
        return value
    items = args.sequence(fn, value, position)
    if all(isinstance(c, str) and len(c) == 1 for c in items):
        return "".join(items)
    raise args.fail(fn, "a String", position, value, "")


def _strings(fn: str, value: Any) -> list[str]:
    return [_string(fn, s) for s in args.sequence(fn, value, 1)]


_SPACE = " \t\n\r\f\v\xa0"


@TABLE.fn("words", "String -> [String]", "The words of a String, split at white space.", "words \" to be  or\"",
          "s.split()")
def words(s: Any) -> list:
    return _string("words", s).split()


@TABLE.fn("unwords", "[String] -> String", "Words joined with single spaces.", "unwords [\"to\", \"be\"]",
          "' '.join(ws)")
def unwords(ws: Any) -> str:
    return " ".join(_strings("unwords", ws))


@TABLE.fn("lines", "String -> [String]", "The lines of a String, split at newlines.", "lines \"a\\nb\\n\"",
          "s.split('\\n')")
def lines(s: Any) -> list:
    text = _string("lines", s)
    parts = text.split("\n")
    return parts[:-1] if text.endswith("\n") or not text else parts


@TABLE.fn("unlines", "[String] -> String", "Lines joined, each ended by a newline.", "unlines [\"a\", \"b\"]",
          "''.join(l + '\\n' for l in ls)")
def unlines(ls: Any) -> str:
    return "".join(line + "\n" for line in _strings("unlines", ls))


@TABLE.fn("intercalate", "[a] -> [[a]] -> [a]", "Lists joined with a separator list between them.",
          "intercalate \", \" [\"a\", \"b\"]", "sep.join(xss)")
def intercalate(sep: Any, xss: Any) -> Any:
    parts = args.sequence("intercalate", xss, 2)
    if isinstance(sep, str) and all(isinstance(p, str) for p in parts):
        return sep.join(parts)
    separator = args.sequence("intercalate", sep, 1)
    out: list = []
    for index, part in enumerate(parts):
        if index:
            out.extend(separator)
        out.extend(args.sequence("intercalate", part, 2))
    return out


@TABLE.fn("intersperse", "a -> [a] -> [a]", "A value put between the elements of a list.",
          "intersperse ',' \"abc\"", "sep.join(xs)")
def intersperse(sep: Any, xs: Any) -> Any:
    out: list = []
    for index, x in enumerate(args.sequence("intersperse", xs, 2)):
        if index:
            out.append(sep)
        out.append(x)
    return rebuild(xs, out)


def list_transpose(xss: Any) -> list:
    """Data.List's `transpose`: rows to columns, shorter rows simply missing from the later columns."""
    rows = [args.sequence("transpose", row, 1) for row in args.sequence("transpose", xss, 1)]
    width = max((len(row) for row in rows), default=0)
    columns = [[row[i] for row in rows if i < len(row)] for i in range(width)]
    strings = any(isinstance(row, str) for row in args.sequence("transpose", xss, 1))
    return [rebuild("" if strings else [], column) for column in columns]


LIST_FORMS["transpose"] = list_transpose


def _prefix(fn: str, a: Any, b: Any) -> tuple[list, list]:
    return args.sequence(fn, a, 1), args.sequence(fn, b, 2)


def _same(xs: list, ys: list) -> bool:
    from gradbook.engine.language.builtins.operators import equal

    return len(xs) == len(ys) and all(equal(x, y) for x, y in zip(xs, ys))


@TABLE.fn("isPrefixOf", "Eq a => [a] -> [a] -> Bool", "Whether the first list starts the second.",
          "isPrefixOf \"ab\" \"abc\"", "b.startswith(a)")
def is_prefix_of(a: Any, b: Any) -> bool:
    xs, ys = _prefix("isPrefixOf", a, b)
    return _same(xs, ys[: len(xs)])


@TABLE.fn("isSuffixOf", "Eq a => [a] -> [a] -> Bool", "Whether the first list ends the second.",
          "isSuffixOf \"bc\" \"abc\"", "b.endswith(a)")
def is_suffix_of(a: Any, b: Any) -> bool:
    xs, ys = _prefix("isSuffixOf", a, b)
    return len(xs) <= len(ys) and _same(xs, ys[len(ys) - len(xs):])


@TABLE.fn("isInfixOf", "Eq a => [a] -> [a] -> Bool", "Whether the first list occurs inside the second.",
          "isInfixOf \"b\" \"abc\"", "a in b")
def is_infix_of(a: Any, b: Any) -> bool:
    xs, ys = _prefix("isInfixOf", a, b)
    return any(_same(xs, ys[i: i + len(xs)]) for i in range(len(ys) - len(xs) + 1))


@TABLE.fn("tails", "[a] -> [[a]]", "Every suffix of a list, longest first, ending with [].", "tails [1, 2]",
          "[xs[i:] for i in range(len(xs) + 1)]")
def tails(xs: Any) -> list:
    items = args.sequence("tails", xs, 1)
    source = xs if isinstance(xs, str) else items
    return [source[i:] for i in range(len(items) + 1)]


@TABLE.fn("inits", "[a] -> [[a]]", "Every prefix of a list, shortest ([]) first.", "inits [1, 2]",
          "[xs[:i] for i in range(len(xs) + 1)]")
def inits(xs: Any) -> list:
    items = args.sequence("inits", xs, 1)
    source = xs if isinstance(xs, str) else items
    return [source[:i] for i in range(len(items) + 1)]


@TABLE.fn("insert", "Ord a => a -> [a] -> [a]", "A value put into a sorted list before the first larger element.",
          "insert 3 [1, 2, 4]", "bisect.insort(xs, x)")
def insert(x: Any, xs: Any) -> Any:
    items = args.sequence("insert", xs, 2)
    less_equal = _ops()["<="].apply
    index = 0
    while index < len(items) and less_equal(items[index], x):
        index += 1
    return rebuild(xs, items[:index] + [x] + items[index:])


@TABLE.fn("delete", "Eq a => a -> [a] -> [a]", "The list without the first occurrence of a value.",
          "delete 2 [1, 2, 3, 2]", "xs.remove(x)")
def delete(x: Any, xs: Any) -> Any:
    items = args.sequence("delete", xs, 2)
    equal = _ops()["=="].apply
    for index, y in enumerate(items):
        if equal(x, y):
            return rebuild(xs, items[:index] + items[index + 1:])
    return xs
