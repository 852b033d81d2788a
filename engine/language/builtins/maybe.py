"""Maybe and Either as Prelude has them: the constructors `Just Nothing Left Right` (values.Data) and
`maybe fromMaybe isJust isNothing fromJust catMaybes mapMaybe either lefts rights`. Their Functor and Monad
instances are in monads.py."""
from __future__ import annotations

from typing import Any

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.tensors.errors import InvalidValueError
from gradbook.engine.language.values import BuiltinFunction, Data

TABLE = Table()
NOTHING = Data("Nothing", (), "Maybe")


def just(x: Any) -> Data:
    return Data("Just", (x,), "Maybe")


def nothing() -> Data:
    return NOTHING


def left(x: Any) -> Data:
    return Data("Left", (x,), "Either")


def right(x: Any) -> Data:
    return Data("Right", (x,), "Either")


def is_maybe(value: Any) -> bool:
    return type(value) is Data and value.type_name == "Maybe"


def is_either(value: Any) -> bool:
    return type(value) is Data and value.type_name == "Either"


TABLE.value("Just", BuiltinFunction("Just", 1, just), "a -> Maybe a", "A Maybe holding a value.", "Just 3",
            "x (not None)")
TABLE.value("Nothing", NOTHING, "Maybe a", "The Maybe holding no value.", "Nothing", "None")
TABLE.value("Left", BuiltinFunction("Left", 1, left), "a -> Either a b", "An Either holding its first kind of "
            "value (by convention an error).", "Left \"no\"", "(no equivalent)")
TABLE.value("Right", BuiltinFunction("Right", 1, right), "b -> Either a b", "An Either holding its second kind "
            "of value (by convention a result).", "Right 3", "(no equivalent)")


def _maybe(fn: str, value: Any, position: int) -> Data:
    if is_maybe(value):
        return value
    raise args.fail(fn, "a Maybe (`Just x` or `Nothing`)", position, value, "")


@TABLE.fn("maybe", "b -> (a -> b) -> Maybe a -> b", "The default for Nothing, else the function applied to "
          "what Just holds.", "maybe 0 (+ 1) (Just 5)", "default if m is None else f(m)")
def maybe_(default: Any, f: Any, m: Any) -> Any:
    value = _maybe("maybe", m, 3)
    return args.function("maybe", f, 2).apply(value.fields[0]) if value.fields else default


@TABLE.fn("fromMaybe", "a -> Maybe a -> a", "What a Just holds, or the default for Nothing.",
          "fromMaybe 0 (lookup 3 [(1, 2)])", "m if m is not None else default")
def from_maybe(default: Any, m: Any) -> Any:
    value = _maybe("fromMaybe", m, 2)
    return value.fields[0] if value.fields else default


@TABLE.fn("fromJust", "Maybe a -> a", "What a Just holds (an error for Nothing).", "fromJust (Just 1)", "m")
def from_just(m: Any) -> Any:
    value = _maybe("fromJust", m, 1)
    if not value.fields:
        raise InvalidValueError("fromJust: Nothing")
    return value.fields[0]


@TABLE.fn("isJust", "Maybe a -> Bool", "Whether a Maybe holds a value.", "isJust (Just 1)", "m is not None")
def is_just(m: Any) -> bool:
    return bool(_maybe("isJust", m, 1).fields)


@TABLE.fn("isNothing", "Maybe a -> Bool", "Whether a Maybe is Nothing.", "isNothing Nothing", "m is None")
def is_nothing(m: Any) -> bool:
    return not _maybe("isNothing", m, 1).fields


@TABLE.fn("catMaybes", "[Maybe a] -> [a]", "The values of the Justs of a list.", "catMaybes [Just 1, Nothing]",
          "[x for x in xs if x is not None]")
def cat_maybes(ms: Any) -> list:
    return [m.fields[0] for m in (_maybe("catMaybes", m, 1) for m in args.sequence("catMaybes", ms, 1)) if m.fields]


@TABLE.fn("mapMaybe", "(a -> Maybe b) -> [a] -> [b]", "Map a function returning Maybes and keep the Justs' "
          "values.", "mapMaybe (\\x -> if x > 1 then Just x else Nothing) [1, 2, 3]", "[f(x) for x in xs if ...]")
def map_maybe(f: Any, xs: Any) -> list:
    fn = args.function("mapMaybe", f, 1)
    out = []
    for x in args.sequence("mapMaybe", xs, 2):
        m = _maybe("mapMaybe", fn.apply(x), 1)
        if m.fields:
            out.append(m.fields[0])
    return out


@TABLE.fn("either", "(a -> c) -> (b -> c) -> Either a b -> c", "Apply the first function to a Left's value, "
          "the second to a Right's.", "either length negate (Left \"abc\")", "f(x) if left else g(x)")
def either(f: Any, g: Any, e: Any) -> Any:
    if not is_either(e):
        raise args.fail("either", "an Either (`Left x` or `Right y`)", 3, e, "")
    chosen = args.function("either", f if e.con == "Left" else g, 1 if e.con == "Left" else 2)
    return chosen.apply(e.fields[0])


@TABLE.fn("lefts", "[Either a b] -> [a]", "The values of the Lefts of a list.", "lefts [Left 1, Right 'a']",
          "[x for x in xs if left]")
def lefts(es: Any) -> list:
    return [e.fields[0] for e in args.sequence("lefts", es, 1) if is_either(e) and e.con == "Left"]


@TABLE.fn("rights", "[Either a b] -> [b]", "The values of the Rights of a list.", "rights [Left 1, Right 'a']",
          "[x for x in xs if right]")
def rights(es: Any) -> list:
    return [e.fields[0] for e in args.sequence("rights", es, 1) if is_either(e) and e.con == "Right"]
