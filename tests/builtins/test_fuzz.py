"""Property test: any builtin or operator applied to any mix of language values either works or raises
one of the engine's own error types (never a bare Python exception), and whatever it returns can be shown."""
from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gradbook.engine as E
from gradbook.engine.language.builtins import BUILTINS, OPERATORS
from gradbook.engine.language.display import annotation, show, type_of
from gradbook.engine.tensors.errors import GradbookError
from gradbook.engine.language.values import BuiltinFunction, Dim, Function, IOAction, KeepDim, capture_stdout

SMALL_INT = st.integers(-3, 6)
NUMBER = st.one_of(
    SMALL_INT,
    st.floats(-1e3, 1e3, allow_nan=False),
    st.sampled_from([0.0, -0.0, float("nan"), float("inf"), 1e-300, 1e300]),
    st.sampled_from([63, -70, 5000]).map(lambda k: 10**k if k > 100 else (2**k if k > 0 else -(2 ** -k))),
    st.floats(-10, 10, width=32).map(np.float32),
)
SHAPE = st.lists(st.integers(0, 3), max_size=3)


@st.composite
def tensors(draw: st.DrawFn) -> object:
    shape = draw(SHAPE)
    dtype = draw(st.sampled_from([E.Float, E.Double, E.Int64, E.Bool]))
    data = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape) - draw(st.integers(0, 3))
    t = E.tensor(data.astype(dtype.np), dtype)
    if dtype.is_floating and draw(st.booleans()):
        return E.to_dependent(E.make_independent(t)) * 2  # a tensor that requires grad
    return t


def _plus_one(x: object) -> object:
    return OPERATORS["+"].apply(x, 1)


LEAF = st.one_of(
    NUMBER,
    st.booleans(),
    st.text(max_size=3),
    tensors(),
    tensors().filter(lambda t: t.dtype.is_floating).map(E.make_independent),
    st.sampled_from([E.Float, E.Double, E.Int64, E.Bool, KeepDim.KEEP, KeepDim.REMOVE, ()]),
    SMALL_INT.map(Dim),
    st.sampled_from([
        BuiltinFunction("plusOne", 1, _plus_one),
        BuiltinFunction("pair", 2, lambda a, b: (a, b)),
        BUILTINS["print"],
        OPERATORS["+"],
    ]),
    st.just(IOAction("pure", lambda: 1)),
)
VALUE = st.recursive(LEAF, lambda inner: st.one_of(st.lists(inner, max_size=3), st.tuples(inner, inner)), max_leaves=6)
CALLABLES = sorted(n for n, v in BUILTINS.items() if isinstance(v, Function)) + [f"op {s}" for s in OPERATORS]


def _check_result(result: object) -> None:
    if isinstance(result, IOAction):
        chunks: list[str] = []
        with capture_stdout(chunks.append):
            result = result.run()
    assert isinstance(show(result), str)
    type_of(result)
    annotation(result)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(CALLABLES), st.data())
def test_builtins_raise_only_engine_errors(name: str, data: st.DataObject) -> None:
    fn = OPERATORS[name[3:]] if name.startswith("op ") else BUILTINS[name]
    arguments = [data.draw(VALUE, label=f"argument {i + 1}") for i in range(fn.arity)]
    try:
        with np.errstate(all="ignore"):
            _check_result(fn.apply(*arguments))
    except GradbookError:
        pass


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUE)
def test_every_value_can_be_shown(value: object) -> None:
    assert isinstance(show(value), str)
    assert isinstance(type_of(value), str)


# ------------------------------------------------------------------------------ arguments of the right types
def _for_type(part: str) -> st.SearchStrategy:
    """A strategy for one argument type of a doc signature, so calls get past the argument checks."""
    from gradbook.engine.language.values import GradOptions

    typed = {
        "Tensor": tensors(),
        "Int": SMALL_INT,
        "[Int]": SHAPE,
        "Dim": SMALL_INT.map(Dim),
        "KeepDim": st.sampled_from([KeepDim.KEEP, KeepDim.REMOVE]),
        "DType": st.sampled_from([E.Float, E.Double, E.Int64, E.Bool]),
        "Float": NUMBER,
        "Double": NUMBER,
        "Bool": st.booleans(),
        "String": st.text(max_size=5),
        "[Tensor]": st.lists(tensors(), max_size=3),
        "IndependentTensor": tensors().filter(lambda t: t.dtype.is_floating).map(E.make_independent),
        "[IndependentTensor]": st.lists(tensors().filter(lambda t: t.dtype.is_floating).map(E.make_independent),
                                        max_size=2),
        "GradOptions": st.builds(GradOptions, st.booleans(), st.booleans(), st.booleans()),
    }
    if part in typed:
        return typed[part]
    if part.startswith("("):
        return st.sampled_from([BuiltinFunction("plusOne", 1, _plus_one), OPERATORS["+"],
                                BuiltinFunction("pair", 2, lambda a, b: (a, b)), BUILTINS["sumAll"]])
    if part.startswith("["):
        return st.lists(st.one_of(NUMBER, tensors()), max_size=4)
    return st.one_of(NUMBER, tensors(), st.lists(SMALL_INT, max_size=3))  # a type variable


def _typed_callables() -> list[str]:
    from gradbook.engine.language.builtins import DOCS

    return sorted(n for n, v in BUILTINS.items() if isinstance(v, Function) and DOCS[n].signature)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(_typed_callables()), st.data())
def test_well_typed_calls_raise_only_engine_errors(name: str, data: st.DataObject) -> None:
    from gradbook.engine.language.builtins import DOCS
    from gradbook.engine.language.display import split_arrows

    fn = BUILTINS[name]
    parts = split_arrows(DOCS[name].signature)[:-1]
    arguments = [data.draw(_for_type(part), label=f"{name} argument {i + 1}") for i, part in enumerate(parts)]
    try:
        with np.errstate(all="ignore"):
            _check_result(fn.apply(*arguments))
    except GradbookError:
        pass


HTYPE = st.recursive(
    st.sampled_from(["Float", "Double", "Int", "Int64", "Integer", "Bool", "Tensor", "String", "DType", "Dim",
                     "KeepDim", "GradOptions", "IndependentTensor", "()", "Unknown"]),
    lambda inner: st.one_of(st.lists(inner, min_size=1, max_size=1), st.tuples(inner, inner)),
    max_leaves=4,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(VALUE, HTYPE)
def test_annotate_raises_only_engine_errors(value: object, htype: object) -> None:
    from gradbook.engine.language.coerce import annotate

    try:
        show(annotate(value, htype))
    except GradbookError:
        pass
