"""Tensor builtins (asTensor, asValue, properties, indexing, reshaping, dtypes) and the factories,
called with Hasktorch's argument order."""
from __future__ import annotations

import numpy as np
import pytest
from gb_builtin_helpers import call, floats, values

from gradbook.engine import Bool, Double, Float, Int64
from gradbook.engine.tensors.errors import ArgumentError, GradbookError, InvalidValueError
from gradbook.engine.language.values import Dim, IOAction


# ------------------------------------------------------------------------------ asTensor
@pytest.mark.parametrize(
    "data,dtype",
    [
        ([True, False], Bool),
        ([1, 2], Int64),
        ([np.float32(1), np.float32(2)], Float),
        ([1.0, 2.5], Double),
        (3.5, Double),
        (np.float32(3.5), Float),
        (7, Int64),
        ([[1, 2.5], [3, 4]], Double),  # Int literals beside Doubles are Doubles, as Haskell's literals
        ([np.float32(1), 2.5], Float),
        ([], Float),
    ],
)
def test_as_tensor_picks_the_dtype_from_the_elements(data: object, dtype: object) -> None:
    assert call("asTensor", data).dtype is dtype


def test_as_tensor_shapes() -> None:
    assert call("asTensor", [[1, 2, 3], [4, 5, 6]]).shape == (2, 3)
    assert call("asTensor", 2.0).shape == ()
    assert call("asTensor", [[[1], [2]]]).shape == (1, 2, 1)


def test_as_tensor_refuses_ragged_lists() -> None:
    with pytest.raises(InvalidValueError, match="rectangular"):
        call("asTensor", [[1, 2], [3]])


def test_as_tensor_refuses_absurd_nesting() -> None:
    deep: object = 1.0
    for _ in range(200):
        deep = [deep]
    with pytest.raises(InvalidValueError, match="nested more than 32 deep"):
        call("asTensor", deep)


def test_as_tensor_refuses_mixed_bools_and_numbers_and_strings() -> None:
    with pytest.raises(ArgumentError, match="mix"):
        call("asTensor", [True, 1])
    with pytest.raises(ArgumentError, match="asTensor expects"):
        call("asTensor", ["a"])


def test_as_tensor_of_tensors_stacks_them() -> None:
    t = call("asTensor", [call("ones'", [2]), call("zeros'", [2])])
    assert t.shape == (2, 2) and values(t) == [[1, 1], [0, 0]]


# ------------------------------------------------------------------------------ asValue
def test_as_value_gives_language_values() -> None:
    f = call("asValue", floats([[1, 2], [3, 4]]))
    assert f == [[1.0, 2.0], [3.0, 4.0]] and type(f[0][0]) is np.float32
    d = call("asValue", call("asTensor", 0.01))
    assert d == 0.01 and type(d) is float
    i = call("asValue", call("asTensor", [1, 2]))
    assert i == [1, 2] and type(i[0]) is int
    b = call("asValue", call("asTensor", [True]))
    assert b == [True] and type(b[0]) is bool


# ------------------------------------------------------------------------------ properties
def test_properties() -> None:
    t = call("zeros'", [4, 1, 3])
    assert call("shape", t) == [4, 1, 3]
    assert call("dim", t) == 3
    assert call("numel", t) == 12
    assert call("dtype", t) is Float
    assert call("shape", call("asTensor", 1.5)) == []


def test_to_double_and_to_int() -> None:
    assert call("toDouble", call("mean", call("ones'", [2, 2]))) == 1.0
    assert call("toInt", call("asTensor", -2.7)) == -2  # truncation, as libtorch's item<int64_t>
    with pytest.raises(InvalidValueError, match="exactly one element"):
        call("toDouble", call("ones'", [2]))


def test_to_dtype_takes_the_dtype_first() -> None:
    t = call("toDType", Double, call("ones'", [2]))
    assert t.dtype is Double
    with pytest.raises(ArgumentError, match="toDType expects a DType .* as its first argument; got a Tensor Float \\[2\\]"):
        call("toDType", call("ones'", [2]), Double)


# ------------------------------------------------------------------------------ indexing and reshaping
def test_select_dim_then_index() -> None:
    m = floats([[1, 2], [3, 4]])
    assert values(call("select", 0, 1, m)) == [3, 4]
    assert values(call("select", 1, 0, m)) == [1, 3]


def test_reshape_and_view() -> None:
    r = call("arange'", 0, 6, 1)
    assert call("reshape", [3, 2], r).shape == (3, 2)
    assert call("view", [2, -1], r).shape == (2, 3)
    with pytest.raises(GradbookError):
        call("reshape", [4, 2], r)


def test_slice_dim_dim_start_end_step() -> None:
    assert values(call("sliceDim", 0, 1, 5, 2, call("arange'", 0, 6, 1))) == [1.0, 3.0]


def test_index_select_dim_index_input() -> None:
    idx = call("asTensor", [2, 0])
    assert values(call("indexSelect", 0, idx, call("arange'", 0, 4, 1))) == [2.0, 0.0]
    assert values(call("indexSelect", 0, [1], call("arange'", 0, 4, 1))) == [1.0]


def test_dim_constructor() -> None:
    assert call("Dim", 2) == Dim(2)
    with pytest.raises(ArgumentError):
        call("Dim", "x")


# ------------------------------------------------------------------------------ factories
def test_filled_factories_are_float() -> None:
    assert values(call("ones'", [2])) == [1.0, 1.0] and call("ones'", [2]).dtype is Float
    assert call("zeros'", [0]).shape == (0,)
    assert values(call("full'", [2], 7)) == [7.0, 7.0] and call("full'", [2], 7).dtype is Float
    assert values(call("eye'", 2, 3)) == [[1, 0, 0], [0, 1, 0]]
    assert values(call("eyeSquare'", 2)) == [[1, 0], [0, 1]]
    assert values(call("arange'", 0, 10, 3)) == [0.0, 3.0, 6.0, 9.0]
    assert call("arange'", 0, 10, 3).dtype is Float
    assert values(call("linspace'", 0, 1, 5)) == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_like_factories_keep_shape_and_dtype() -> None:
    t = call("asTensor", [[1, 2]])
    assert call("onesLike", t).dtype is Int64 and values(call("onesLike", t)) == [[1, 1]]
    assert values(call("zerosLike", floats([1, 2]))) == [0.0, 0.0]


def test_shape_errors_name_the_builtin() -> None:
    with pytest.raises(ArgumentError, match="ones' expects a shape such as \\[2, 3\\]"):
        call("ones'", 2)
    with pytest.raises(ArgumentError, match="non-negative"):
        call("zeros'", [-1])


def test_random_factories_are_io_actions_seeded_by_manual_seed() -> None:
    action = call("randIO'", [2, 3])
    assert isinstance(action, IOAction)
    call("manualSeed", 7).run()
    first = values(action.run())
    call("manualSeed", 7).run()
    assert values(action.run()) == first
    assert all(0 <= v < 1 for row in first for v in row)
    assert call("randnIO'", [4]).run().dtype is Float


def test_randint_gives_whole_floats_in_range() -> None:
    t = call("randintIO'", 0, 3, [50]).run()
    assert t.dtype is Float
    assert set(values(t)) <= {0.0, 1.0, 2.0}
    with pytest.raises(InvalidValueError, match="low < high"):
        call("randintIO'", 3, 3, [2])


def test_manual_seed_returns_unit() -> None:
    assert call("manualSeed", 1).run() == ()


def test_errors_of_a_running_action_use_the_builtin_name() -> None:
    from gradbook.engine import memory_cap, set_memory_cap
    from gradbook.engine.tensors.errors import AllocationError

    saved = memory_cap()
    set_memory_cap(1000)
    try:
        with pytest.raises(AllocationError, match="^randIO': "):
            call("randIO'", [100, 100]).run()
    finally:
        set_memory_cap(saved)
