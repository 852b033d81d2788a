"""The runtime values of the session language, and how they map onto Python objects.

One table, so the evaluator, the builtins and the display agree without importing each other:

    language value        Python object
    --------------        -------------
    Int                   int  (never bool)
    Double                float
    Float                 numpy.float32   (so `show` can print float32's shortest digits, as GHC does)
    Bool                  bool
    String                str
    [a]                   list   (never mutated once built)
    (a, b, ...)           tuple  (`()` is the unit value)
    Tensor                gradbook.engine.Tensor
    IndependentTensor     gradbook.engine.IndependentTensor
    DType                 gradbook.engine DType objects (`Float`, `Double`, `Int64`, `Bool`)
    Dim n                 Dim(n)
    KeepDim / RemoveDim   KeepDim.KEEP / KeepDim.REMOVE
    GradOptions           GradOptions(...)
    function              Function (builtins and closures alike, curried)
    IO action             IOAction (run by `name <- action`, or by a bare expression statement)

A type annotation `e :: T` converts the value to T (see the evaluator): `[1, 2] :: [Float]` gives a list of
numpy.float32, so `asTensor` builds a Float tensor from it; `asValue t :: [[Double]]` gives nested floats.
`asTensor` picks the dtype from the elements: bool -> Bool, int -> Int64, float32 -> Float, float -> Double.
"""
from __future__ import annotations

import contextvars
import enum
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence


@dataclass(frozen=True)
class Dim:
    """Hasktorch's `Dim n`: names a dimension for the reductions and shape ops."""

    index: int


class KeepDim(enum.Enum):
    """Hasktorch's `KeepDim` / `RemoveDim` for the reductions over a dimension."""

    KEEP = "KeepDim"
    REMOVE = "RemoveDim"


@dataclass(frozen=True)
class GradOptions:
    """Hasktorch's `GradOptions keepGraph createGraph accumulateGrad`; only `create_graph` matters here,
    since gradients are pure and graphs are never freed under the user."""

    keep_graph: bool = True
    create_graph: bool = False
    accumulate_grad: bool = False


class Function:
    """A curried function value. `apply` takes one or more arguments and returns either the result or,
    while arguments are still missing, a new partially applied Function.

    Subclasses implement `arity` and `call(args)` (called with exactly `arity` arguments); the evaluator's
    closures and the builtins both derive from this, so `map`, `foldLoop` and friends call any of them
    the same way.
    """

    name: str = "<function>"
    arity: int = 1

    def call(self, args: Sequence[Any]) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def apply(self, *args: Any) -> Any:
        if len(args) < self.arity:
            return Partial(self, tuple(args))
        result = self.call(args[: self.arity])
        rest = args[self.arity:]
        if rest:
            if not isinstance(result, Function):
                from gradbook.engine.tensors.errors import GradbookError

                raise GradbookError(f"`{self.name}` was given {len(args)} arguments but takes {self.arity}")
            return result.apply(*rest)
        return result


class Partial(Function):
    """A Function with some of its arguments already given."""

    def __init__(self, inner: Function, given: tuple) -> None:
        self.inner = inner
        self.given = given
        self.name = inner.name
        self.arity = inner.arity - len(given)

    def call(self, args: Sequence[Any]) -> Any:
        return self.inner.call(self.given + tuple(args))


class BuiltinFunction(Function):
    """A builtin: a Python callable of exactly `arity` positional arguments."""

    def __init__(self, name: str, arity: int, impl: Callable[..., Any]) -> None:
        self.name = name
        self.arity = arity
        self.impl = impl

    def call(self, args: Sequence[Any]) -> Any:
        return self.impl(*args)


@dataclass(frozen=True)
class IOAction:
    """An action such as `makeIndependent t` or `randIO' [2,2]`: nothing happens until it is run.

    `run()` performs it and returns its result; `()` (the empty tuple) when it has none."""

    name: str
    run: Callable[[], Any]

    def __repr__(self) -> str:
        return f"<IO {self.name}>"


UNIT: tuple = ()


_stdout_sink: contextvars.ContextVar[Callable[[str], None] | None] = contextvars.ContextVar(
    "gradbook_stdout_sink", default=None
)


def emit_stdout(text: str) -> None:
    """Where `print`/`putStrLn` write: the running Session's sink, so output stays in order with shown
    values and lands in the right notebook cell; plain sys.stdout when no Session is capturing."""
    sink = _stdout_sink.get()
    if sink is None:
        sys.stdout.write(text)
    else:
        sink(text)


def set_stdout_sink(sink: Callable[[str], None] | None) -> contextvars.Token:
    """Route `emit_stdout` to `sink` until `reset_stdout_sink(token)`; the Session's per-run hot path uses
    this pair directly (a `with` block through contextlib costs about 1 µs, a twentieth of a line's budget)."""
    return _stdout_sink.set(sink)


def reset_stdout_sink(token: contextvars.Token) -> None:
    """Undo the `set_stdout_sink` call that returned `token`."""
    _stdout_sink.reset(token)


@contextmanager
def capture_stdout(sink: Callable[[str], None]) -> Iterator[None]:
    """Route `emit_stdout` to `sink` for the duration of the block."""
    token = _stdout_sink.set(sink)
    try:
        yield
    finally:
        _stdout_sink.reset(token)
