"""Functor, Applicative and Monad over the runtime values: IO, State (and StateT over IO), lists, Maybe,
Either and functions. Values carry no types, so the monad is read off the value: `monad_of(m)`. `pure x`
(values.Pure) belongs to every monad, so a `do` block, `mapM`, `foldM`... take their monad from the first
value that is not Pure.

Most monads run "direct style": a computation is a Python function `body(perform)` that calls
`perform(m)` for each monadic value in order and gets its result back; the monad's `drive(body)` builds
the value (an IO action that runs the body, a State action threading the state through `perform`, a Maybe
that stops at the first Nothing). That gives loops (`forM_ [1..100000]`) without deep Python recursion.
The list monad branches, so it binds with continuations instead (`bind`).
"""
from __future__ import annotations

from typing import Any, Callable

from gradbook.engine.tensors.errors import ArgumentError
from gradbook.engine.language.lazy import LazyList
from gradbook.engine.language.values import UNIT, Function, IOAction, Pure, StateAction, chars, data_parts, make_data


class Lifted(IOAction):
    """`liftIO io` / `lift io`: an IO action that is also a step of a State computation (StateT over IO)
    that leaves the state alone. A `do` block starting with one is the same: run as IO or stepped."""

    def __init__(self, name: str, run: Callable[[], Any], step: Callable[[Any], tuple]) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "run", run)
        object.__setattr__(self, "step", step)


class Empty:
    """`guard False`: the failure of the list monad ([]) or of Maybe (Nothing), whichever it meets."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<guard False>"


EMPTY = Empty()


class ShortCircuit(Exception):
    """A Nothing or Left met by `perform`: the whole computation is that value."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value


def _describe(value: Any) -> str:
    from gradbook.engine.language.builtins.args import describe

    return describe(value)


def run_as_state(value: Any, state: Any) -> tuple:
    """One step of a State computation: `(result, new state)`."""
    kind = type(value)
    if kind is StateAction or kind is Lifted:
        return value.step(state)
    if kind is Pure:
        return value.value, state
    if isinstance(value, IOAction):
        return value.run(), state  # IO inside StateT IO without `liftIO`: run it, as GHC's MonadIO would need
    raise ArgumentError(f"a State computation needs State actions (`get`, `put s`, `modify f`, ...); got "
                        f"{_describe(value)}")


# ------------------------------------------------------------------------------------------- the monads
class Monad:
    """One monad: `pure`, `fmap`, `bind`; direct-style monads also `drive`."""

    name = "?"
    direct = True

    def pure(self, x: Any) -> Any:
        return Pure(x)

    def drive(self, body: Callable[[Callable[[Any], Any]], Any]) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def bind(self, m: Any, k: Callable[[Any], Any]) -> Any:
        return self.drive(lambda perform: perform(k(perform(m))))

    def fmap(self, f: Callable[[Any], Any], m: Any) -> Any:
        return self.drive(lambda perform: f(perform(m)))


class IOMonad(Monad):
    name = "IO"

    def drive(self, body: Callable) -> IOAction:
        return IOAction("do", lambda: body(perform_io))


def perform_io(value: Any) -> Any:
    if isinstance(value, IOAction):
        return value.run()
    raise ArgumentError(f"this is an IO computation, so each step must be an IO action; got {_describe(value)}")


class StateMonad(Monad):
    name = "State"

    def drive(self, body: Callable) -> StateAction:
        def step(state: Any) -> tuple:
            box = [state]

            def perform(value: Any) -> Any:
                result, box[0] = run_as_state(value, box[0])
                return result

            result = body(perform)
            return result, box[0]

        return StateAction("do", step)


class MaybeMonad(Monad):
    """Maybe and Either: a Nothing or a Left ends the computation as itself."""

    def __init__(self, type_name: str, success: str) -> None:
        self.name = type_name
        self.success = success

    def pure(self, x: Any) -> Any:
        return make_data(self.success, (x,), self.name)

    def drive(self, body: Callable) -> Any:
        def perform(value: Any) -> Any:
            if type(value) is Pure:
                return value.value
            if value is EMPTY and self.name == "Maybe":
                raise ShortCircuit(make_data("Nothing", (), "Maybe"))
            parts = data_parts(value)
            if parts is not None and parts[0] == self.name:
                if parts[1] == self.success:
                    return parts[2][0]
                raise ShortCircuit(value)
            raise ArgumentError(f"this is a {self.name} computation, so each step must be a {self.name}; got "
                                f"{_describe(value)}")

        try:
            return self.pure(body(perform))
        except ShortCircuit as stop:
            return stop.value


class ReaderMonad(Monad):
    """Functions as a monad (Reader): every step is applied to the same argument."""

    name = "function"

    def pure(self, x: Any) -> Any:
        from gradbook.engine.language.values import BuiltinFunction

        return BuiltinFunction("pure", 1, lambda _env: x)

    def drive(self, body: Callable) -> Any:
        from gradbook.engine.language.values import BuiltinFunction

        def run(env: Any) -> Any:
            def perform(value: Any) -> Any:
                if type(value) is Pure:
                    return value.value
                if isinstance(value, Function):
                    return value.apply(env)
                raise ArgumentError(f"each step of a function monad must be a function; got {_describe(value)}")

            return body(perform)

        return BuiltinFunction("do", 1, run)


class ListMonad(Monad):
    """Lists branch: `bind` runs the rest once per element, so it uses continuations, not `drive`."""

    name = "list"
    direct = False

    def pure(self, x: Any) -> Any:
        return [x]

    def bind(self, m: Any, k: Callable[[Any], Any]) -> Any:
        source = items_of(m)
        if isinstance(source, LazyList) and source.infinite:
            return LazyList((y for x in source for y in items_of(k(x))), True, source.what)
        out: list = []
        for x in source:
            part = items_of(k(x))
            out.extend(part.force(">>=") if isinstance(part, LazyList) else part)
        return out

    def fmap(self, f: Callable[[Any], Any], m: Any) -> Any:
        source = items_of(m)
        if isinstance(source, LazyList):
            return LazyList(map(f, source), source.infinite, source.what)
        return [f(x) for x in source]


def items_of(value: Any) -> Any:
    """A value of the list monad as a list (Pure x is [x], a String its Chars) or a LazyList."""
    if type(value) is list or isinstance(value, LazyList):
        return value
    if type(value) is str:
        return chars(value)
    if type(value) is Pure:
        return [value.value]
    if value is EMPTY:
        return []
    raise ArgumentError(f"this is a list computation, so each step must be a list; got {_describe(value)}")


IO, STATE, LIST, READER = IOMonad(), StateMonad(), ListMonad(), ReaderMonad()
MAYBE, EITHER = MaybeMonad("Maybe", "Just"), MaybeMonad("Either", "Right")


def monad_of(value: Any) -> Monad | None:
    """The monad a value belongs to; None for Pure (every monad's) and for values of no monad."""
    kind = type(value)
    if kind is Pure:
        return None
    if kind is StateAction or kind is Lifted:
        return STATE if kind is StateAction else IO
    if isinstance(value, IOAction):
        return IO
    if kind is list or (kind is str) or kind is LazyList:
        return LIST
    parts = data_parts(value)
    if parts is not None:
        return MAYBE if parts[0] == "Maybe" else EITHER if parts[0] == "Either" else None
    if isinstance(value, Function):
        return READER
    return None


def need_monad(value: Any, what: str) -> Monad:
    monad = monad_of(value)
    if monad is None:
        raise ArgumentError(f"{what} needs a monadic value (an IO action, a State action, a list, a Maybe, an "
                            f"Either or a function); got {_describe(value)}")
    return monad


# ------------------------------------------------------------------------------------ generic operations
def bind(m: Any, k: Callable[[Any], Any], what: str = "`>>=`") -> Any:
    if type(m) is Pure:
        return k(m.value)
    if m is EMPTY:  # a failed `guard`: the rest never runs
        return m
    monad = need_monad(m, what)
    if type(m) is Lifted:
        return _dual(lambda perform: perform(k(perform(m))))
    return monad.bind(m, k)


def fmap(f: Callable[[Any], Any], m: Any, what: str = "`fmap`") -> Any:
    if type(m) is Pure:
        return Pure(f(m.value))
    if type(m) is tuple and len(m) == 2:  # the pair functor maps the second component
        return m[0], f(m[1])
    monad = need_monad(m, what)
    if monad is READER:
        from gradbook.engine.language.values import BuiltinFunction

        return BuiltinFunction("fmap", 1, lambda x: f(m.apply(x)))
    if type(m) is Lifted:
        return _dual(lambda perform: f(perform(m)))
    return monad.fmap(f, m)


def ap(mf: Any, mx: Any) -> Any:
    """`<*>`: apply the functions of one computation to the values of another."""
    if type(mf) is Pure:
        return fmap(lambda x: _apply(mf.value, x), mx, "`<*>`")
    monad = need_monad(mf, "`<*>`")
    if monad is READER:
        from gradbook.engine.language.values import BuiltinFunction

        mfun: Function = mf

        def applied(env: Any) -> Any:
            g = mfun.apply(env)
            return _apply(g, mx.apply(env) if isinstance(mx, Function) else mx)

        return BuiltinFunction("<*>", 1, applied)
    return bind(mf, lambda f: fmap(lambda x: _apply(f, x), mx, "`<*>`"), "`<*>`")


def _apply(f: Any, x: Any) -> Any:
    if not isinstance(f, Function):
        raise ArgumentError(f"`<*>` applies functions; the left side holds {_describe(f)}")
    return f.apply(x)


def _dual(body: Callable) -> Lifted:
    """A computation whose monad is still open between IO and StateT over IO (it started with `liftIO`)."""
    return Lifted("do", lambda: IO.drive(body).run(), lambda s: STATE.drive(body).step(s))


def drive_for(first: Any, body: Callable, what: str) -> Any:
    """Run `body` in the monad of `first` (its first non-Pure value), directly or through binds."""
    monad = need_monad(first, what)
    if type(first) is Lifted:
        return _dual(body)
    if monad.direct:
        return monad.drive(body)
    return None  # the caller falls back to continuations


def sequence_values(values: list, what: str, keep: bool) -> Any:
    """`sequence` (keep=True) / `sequence_` of already made monadic values."""
    first = next((v for v in values if type(v) is not Pure), None)
    if first is None:
        return Pure([v.value for v in values] if keep else UNIT)

    def body(perform: Callable) -> Any:
        results = [perform(v) for v in values]
        return results if keep else UNIT

    driven = drive_for(first, body, what)
    if driven is not None:
        return driven
    return _sequence_by_binds(values, keep)


def _sequence_by_binds(values: list, keep: bool) -> Any:
    """Sequencing in a branching monad (lists): results gathered along each branch."""
    def go(index: int, acc: tuple) -> Any:
        if index == len(values):
            return LIST.pure(list(acc) if keep else UNIT)
        return bind(values[index], lambda x: go(index + 1, acc + (x,)))

    return go(0, ())


def traverse(fn: Function, items: Any, what: str, keep: bool) -> Any:
    """`mapM f xs` / `mapM_ f xs`: f is applied as the computation runs (so an IO `forM_ [1..]` streams)."""
    source = items if isinstance(items, (list, LazyList)) else chars(items)
    first = None
    for x in source:
        candidate = fn.apply(x)
        if type(candidate) is not Pure:
            first = candidate
            break
    if first is None:
        return Pure([fn.apply(x).value for x in source] if keep else UNIT)
    if need_monad(first, what) is LIST:
        return _sequence_by_binds([fn.apply(x) for x in source], keep)

    def body(perform: Callable) -> Any:
        if keep:
            return [perform(fn.apply(x)) for x in source]
        for x in source:
            perform(fn.apply(x))
        return UNIT

    return drive_for(first, body, what)
