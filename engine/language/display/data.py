"""`show` of data values as GHC's derived Show writes it: `showsPrec 11` for constructor arguments (so
`Just (XY 1.0 2.0)` and `XY (-1.0) 2.0`), record syntax `LinearSpec {in_features = 3, out_features = 1}`
(parenthesised as an argument too), infix constructors at their fixity (infixl 9 by default); a user's
`instance Show T` (its `showsPrec`, else its `show`) wins over the derived text."""
from __future__ import annotations

import math
from typing import Any

from gradbook.engine.language.datatypes import MissingField, info_of
from gradbook.engine.language.values import Data
from gradbook.engine.tensors.errors import ArgumentError

APP_PREC = 10  # a constructor application; its arguments are shown at APP_PREC + 1
INFIX_PREC = 9  # an infix constructor without a fixity declaration is infixl 9


def show_data(value: Data, prec: int = 0) -> str:
    from gradbook.engine.language import classes

    user = classes.user_method("Show", value, "showsPrec", "show")
    if user is not None:
        name, fn = user
        text = fn.apply(prec, value, "") if name == "showsPrec" else fn.apply(value)
        if not isinstance(text, str):
            raise ArgumentError(f"`{name}` of `instance Show {value.type_name}` must return a String")
        return text
    con = info_of(value)
    datatype = con.datatype
    if "Show" not in datatype.derived:
        raise classes.no_instance("Show", datatype.name)
    if "Show" in datatype.newtype_derived:
        return show_prec(value.fields[0], prec)
    name = con.name if not _is_operator(con.name) or con.infix else f"({con.name})"
    if con.fields:
        inner = ", ".join(f"{_label(field)} = {show_prec(arg, 0)}" for field, arg in zip(con.fields, value.fields))
        return _paren(prec > APP_PREC, f"{name} {{{inner}}}")
    if not con.arity:
        return name
    if con.infix:
        left, right = value.fields
        text = f"{show_prec(left, INFIX_PREC + 1)} {con.name} {show_prec(right, INFIX_PREC + 1)}"
        return _paren(prec > INFIX_PREC, text)
    return _paren(prec > APP_PREC, name + " " + " ".join(show_prec(arg, APP_PREC + 1) for arg in value.fields))


def show_prec(value: Any, prec: int) -> str:
    """GHC's `showsPrec prec value ""` for any value."""
    kind = type(value)
    if kind is Data:
        return show_data(value, prec)
    if kind is MissingField:
        raise value.error()
    from gradbook.engine.language.display import show

    text = show(value)
    if prec > 6 and _is_negative(value):
        return f"({text})"
    if prec > APP_PREC and kind.__name__ in _APPLIED_BUILTINS:
        return f"({text})"
    return text


# Built-in values whose derived show is a record or an application (`IndependentTensor {toDependent = ..}`,
# `Dim 1`); a Tensor's show ignores the precedence, as Hasktorch's `Show Tensor` defines only `show`.
_APPLIED_BUILTINS = frozenset(["IndependentTensor", "GradOptions", "Dim"])


def _is_negative(x: Any) -> bool:
    """Negative numbers (and -0.0) are shown in parentheses as an argument: `Just (-1)`."""
    if isinstance(x, bool) or not isinstance(x, (int, float)) and type(x).__name__ not in ("float32", "int64"):
        return False
    return x < 0 or (x == 0 and math.copysign(1.0, float(x)) < 0)


def _is_operator(name: str) -> bool:
    return not (name[:1].isalpha() or name[:1] == "_")


def _label(field: str) -> str:
    return f"({field})" if _is_operator(field) else field


def _paren(wrap: bool, text: str) -> str:
    return f"({text})" if wrap else text
