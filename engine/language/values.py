"""The runtime values of the session language, and how they map onto Python objects.

One table, so the evaluator, the builtins and the display agree without importing each other:

    language value        Python object
    --------------        -------------
    Integer               int  (never bool; unbounded, the type GHC gives an integer literal by default)
    Int                   values.Int, a subclass of int kept within 64 bits (arithmetic wraps, as GHC's)
    Double                float
    Float                 numpy.float32   (so `show` can print float32's shortest digits, as GHC does)
    Bool                  bool
    Char                  values.Char, a one-letter subclass of str (`show 'o'` is `'o'`)
    String                str: a list of Char to every list function (`head "ab"` is the Char 'a')
    [a]                   list   (never mutated once built); a list of Chars shows and compares as a String
    infinite/long [a]     values.LazyList (`[0..]`, `repeat`, `iterate`, `cycle`), forced as far as needed
    (a, b, ...)           tuple  (`()` is the unit value)
    Tensor                gradbook.engine.Tensor
    IndependentTensor     gradbook.engine.IndependentTensor
    DType                 gradbook.engine DType objects (`Float`, `Double`, `Int64`, `Bool`)
    Dim n                 Dim(n)
    KeepDim / RemoveDim   KeepDim.KEEP / KeepDim.REMOVE
    GradOptions           GradOptions(...)
    function              Function (builtins and closures alike, curried)
    IO action             IOAction (run by `name <- action`, or by a bare expression statement)
    `pure x` / `return x` Pure, an IOAction that is also the unit of every other monad (see monads.py)
    State s a             StateAction (a function s -> (a, s); effects of `liftIO` run inside it: StateT IO)
    Verdict               Verdict (a passed gradCheck / checkGrad; shown as its sentence)
    Plot                  pictures.plot.Plot, a Drawing (a Function too: `plot xs ys` applies `plot xs` to ys)

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

from gradbook.engine.language.lazy import LazyList as _LazyList, plain_tail as _plain_tail


INT_MIN, INT_MAX = -(2**63), 2**63 - 1
_INT_SPAN = 2**64


class Int(int):
    """Haskell's Int: a 64-bit integer. Values made by `length`, `:: Int` and arithmetic with another Int
    (Int op Integer is Int, as a literal would be typed); results wrap around as GHC's do."""

    __slots__ = ()


def wrap_int(value: int) -> Int:
    """`value` as an Int, wrapped into 64 bits (`(2^63) :: Int` is -2^63)."""
    if INT_MIN <= value <= INT_MAX:
        return Int(value)
    return Int((value - INT_MIN) % _INT_SPAN + INT_MIN)


class Char(str):
    """A Char: a str of length 1 that `show` prints in single quotes. Strings stay Python str; the list
    functions hand out their elements as Chars (`chars`)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Char({str.__repr__(self)})"


_CHARS: dict[str, Char] = {}


def char(c: str) -> Char:
    """The Char for a one-letter str (the common ones are shared, so a string's Chars cost little)."""
    found = _CHARS.get(c)
    if found is None:
        found = Char(c)
        if len(_CHARS) < 4096:
            _CHARS[c] = found
    return found


def chars(text: str) -> list:
    """A String's elements as a list of Char."""
    get = _CHARS.get
    return [get(c) or char(c) for c in text]


def is_string_list(items: Any) -> bool:
    """A non-empty list all of whose elements are Chars: a String built element by element."""
    return type(items) is list and bool(items) and all(type(c) is Char for c in items)


def rebuild(original: Any, items: list) -> Any:
    """The result of a list function that keeps its input's element type: a str again when the input was a
    String and every element is still a Char, else the list."""
    if isinstance(original, str) and all(type(c) is Char for c in items):
        return "".join(items)
    return items


class Data:
    """A value of an algebraic data type: its constructor's name and fields (`Just 3` is
    Data("Just", (3,), "Maybe")), and the constructor's declaration (`info`, a datatypes.ConInfo: field
    names, position, derived classes), which builtins may leave out for the Prelude's types. Every data
    value is one, Maybe and Either as much as a user's `data`; Eq, Ord and Show go through datatypes.py
    and classes.py (derived or the user's instance)."""

    __slots__ = ("con", "fields", "type_name", "info")

    def __init__(self, con: str, fields: tuple, type_name: str, info: Any = None) -> None:
        self.con = con
        self.fields = fields
        self.type_name = type_name
        self.info = info

    def __repr__(self) -> str:
        return f"Data({self.con!r}, {self.fields!r})"

    def __eq__(self, other: object) -> bool:
        return type(other) is Data and other.con == self.con and other.fields == self.fields

    def __hash__(self) -> int:
        return hash((self.con, self.fields))


def make_data(con: str, fields: tuple, type_name: str) -> Any:
    """A data value by constructor name (the one way the Prelude builtins and monads.py build one)."""
    return Data(con, fields, type_name)


def data_parts(value: Any) -> tuple[str, str, tuple] | None:
    """(type name, constructor name, fields) of a data value, else None (the one way they look inside)."""
    if type(value) is Data:
        return value.type_name, value.con, value.fields
    return None


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
        args = [_plain_tail(a) if type(a) is _LazyList else a for a in args]  # builtins see plain tails
        return self.impl(*args)


@dataclass(frozen=True)
class Verdict:
    """A passed check (`gradCheck`, `checkGrad`): shown as its sentence, without quotes. (A failed check is
    an error, so a notebook's autograder marks the cell failed.)"""

    text: str


class Drawing:
    """A value shown as a drawing (a Plot): `text(width)` is what terminals, pipes and `gradbook run` print (at
    most `width` columns); `picture()` is the results.Picture (SVG) that front ends able to show images send,
    with the text as its fallback, as for `:graph`."""

    def text(self, width: int) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def picture(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class IOAction:
    """An action such as `makeIndependent t` or `randIO' [2,2]`: nothing happens until it is run.

    `run()` performs it and returns its result; `()` (the empty tuple) when it has none."""

    name: str
    run: Callable[[], Any]

    def __repr__(self) -> str:
        return f"<IO {self.name}>"


UNIT: tuple = ()


class Bottom:
    """Prelude's `undefined`: evaluating it is an error (the evaluator raises `message` at the name)."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class Pure(IOAction):
    """`pure x` / `return x`: run as IO it gives x; in any other monad it is that monad's unit (a one-element
    list, `Just x`, a State action leaving the state alone), so a `do` block's monad is decided by its
    first statement that is not Pure."""

    def __init__(self, value: Any, name: str = "pure") -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "run", lambda: value)
        object.__setattr__(self, "value", value)

    def __repr__(self) -> str:
        return f"<pure {self.value!r}>"


class StateAction:
    """A `State s a` (or `StateT s IO a`) computation: `step(s)` returns `(a, s')`. IO inside it (`liftIO`)
    runs while it steps, so one type serves both State and StateT over IO."""

    __slots__ = ("name", "step")

    def __init__(self, name: str, step: Callable[[Any], tuple]) -> None:
        self.name = name
        self.step = step

    def __repr__(self) -> str:
        return f"<State {self.name}>"


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
