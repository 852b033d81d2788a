"""The session language's builtins, merged from one table per concern: `BUILTINS` (name -> value,
mostly curried Functions), `DOCS` (name -> BuiltinDoc, exactly one per builtin), `OPERATORS` (the
binary operators and `negate`) and `OPERATOR_DOCS`. Names and argument order are Hasktorch's."""
from __future__ import annotations

from typing import Any

from gradbook.engine.language.builtins import (
    autograd,
    chars,
    cppoptim,
    derivatives,
    elementwise,
    extras,
    factories,
    files,
    folds,
    functional,
    generators,
    io,
    lists,
    maybe,
    methods,
    monad_builtins,
    nn,
    optim,
    numeric,
    options,
    prelude,
    printf,
    plots,
    reductions,
    shapes,
    state,
    sublists,
    tensors,
)
from gradbook.engine.language.builtins.operators import OPERATOR_DOCS, OPERATORS
from gradbook.engine.language.builtins.overloads import overload
from gradbook.engine.language.builtins.registry import BuiltinDoc

BUILTINS: dict[str, Any] = {}
DOCS: dict[str, BuiltinDoc] = {}

for _module in (tensors, factories, options, generators, elementwise, reductions, shapes, extras, functional,
                autograd, derivatives, lists, folds, sublists, numeric, chars, maybe, methods, prelude, io,
                monad_builtins, state, printf, files, nn, optim, cppoptim, plots):
    for _name, _value in _module.TABLE.values.items():
        if _name in BUILTINS:  # pragma: no cover - a programming error
            raise RuntimeError(f"builtin {_name} defined in two tables")
        BUILTINS[_name] = _value
        DOCS[_name] = _module.TABLE.docs[_name]

overload(BUILTINS, DOCS)  # names both Prelude and Torch export (`exp`, `max`, ...) dispatch on their argument
OPERATORS.update(functional.OPERATORS)  # Hasktorch's element-wise comparisons and `!`
OPERATOR_DOCS.update(functional.OPERATOR_DOCS)

__all__ = ["BUILTINS", "DOCS", "OPERATORS", "OPERATOR_DOCS", "BuiltinDoc"]
