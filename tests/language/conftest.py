"""Fixtures for the language tests: a Session on a tiny stand-in runtime (so parser and evaluator semantics
are tested without the tensor builtins), and a Session on the real builtins."""
from __future__ import annotations

import operator

import pytest

from gradbook.engine.tensors.errors import ArgumentError, ShapeError
from gradbook.engine.language.evaluator import Runtime
from gradbook.engine.language.session import Session
from gradbook.engine.language.values import BuiltinFunction, IOAction, emit_stdout


class Doc:
    def __init__(self, name: str, signature: str) -> None:
        self.name, self.signature = name, signature
        self.summary, self.example, self.pytorch = f"{name} does things.", f"{name} 1", f"torch.{name}"


def _show(value):
    from gradbook.engine.language.display import show

    return show(value)


def _raise(error):
    raise error


def _interrupt(_):
    raise KeyboardInterrupt


def fake_runtime() -> Runtime:
    def op(name, fn):
        return BuiltinFunction(name, 2, fn)

    def checked_div(a, b):
        if b == 0:
            raise ArgumentError("divide by zero")
        return a / b

    operators = {
        "+": op("+", operator.add), "-": op("-", operator.sub), "*": op("*", operator.mul),
        "/": op("/", checked_div), "==": op("==", operator.eq), "/=": op("/=", operator.ne),
        "<": op("<", operator.lt), "<=": op("<=", operator.le), ">": op(">", operator.gt),
        ">=": op(">=", operator.ge), "++": op("++", operator.add), "^": op("^", operator.pow),
        "!!": op("!!", lambda xs, i: xs[i]), "negate": BuiltinFunction("negate", 1, operator.neg),
    }

    def printer(x):
        return IOAction("print", lambda: emit_stdout(_show(x) + "\n") or ())

    builtins = {
        "print": BuiltinFunction("print", 1, printer),
        "putStrLn": BuiltinFunction("putStrLn", 1, lambda s: IOAction("putStrLn", lambda: emit_stdout(s + "\n") or ())),
        "pure": BuiltinFunction("pure", 1, lambda x: IOAction("pure", lambda: x)),
        "map": BuiltinFunction("map", 2, lambda f, xs: [f.apply(x) for x in xs]),
        "length": BuiltinFunction("length", 1, len),
        "sum": BuiltinFunction("sum", 1, sum),
        "mean": BuiltinFunction("mean", 1, lambda xs: sum(xs) / len(xs)),
        "shapeClash": BuiltinFunction("shapeClash", 2, lambda a, b: _raise(ShapeError("cannot add shapes [2,3] and [4]"))),
        "interrupt": BuiltinFunction("interrupt", 1, _interrupt),
        "crash": BuiltinFunction("crash", 1, lambda _: {}["missing"]),
        "fromIO": BuiltinFunction("fromIO", 1, lambda x: IOAction("fromIO", lambda: _raise(ArgumentError("bad action")))),
    }
    docs = {name: Doc(name, "a -> b") for name in builtins}
    return Runtime(builtins, docs, operators, _show, lambda v: None, lambda v: type(v).__name__,
                   lambda value, htype: value)


@pytest.fixture
def session() -> Session:
    """A Session on the stand-in runtime."""
    s = Session()
    s._runtime = fake_runtime()
    return s


def run_ok(session: Session, source: str) -> list[str]:
    result = session.run(source)
    assert result.error is None, result.error.rendered
    return [output.text for output in result.outputs]


@pytest.fixture
def ok():
    return run_ok


@pytest.fixture
def real_session() -> Session:
    """A Session on the real builtins."""
    return Session()


@pytest.fixture
def make_fake_runtime():
    """The stand-in runtime's factory (test modules cannot import conftest under importlib mode)."""
    return fake_runtime
