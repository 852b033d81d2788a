"""Bad input: error types and messages, the allocation cap, and a fuzz test that no exception other
than the engine's own types escapes the public API."""
from __future__ import annotations

import inspect
import math
import os
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gradbook.engine as E
from gradbook.engine import (AllocationError, DTypeError, GradbookError, InvalidValueError, ShapeError, Int64,
                             Bool, tensor)


def test_matmul_shape_message():
    with pytest.raises(ShapeError) as err:
        E.matmul(E.ones([2, 3]), E.ones([4, 5]))
    assert str(err.value) == "matmul: cannot multiply [2,3] by [4,5]"
    with pytest.raises(ShapeError, match=r"matmul: cannot multiply \[3\] by \[4\]"):
        E.matmul(E.ones([3]), E.ones([4]))
    with pytest.raises(ShapeError, match=r"\[2,3\] by \[\]"):
        E.matmul(E.ones([2, 3]), 2.0)


def test_broadcast_shape_message_names_op_and_shapes():
    with pytest.raises(ShapeError) as err:
        E.ones([2, 3]) + E.ones([4])
    assert str(err.value) == "add: cannot broadcast shapes [2,3] and [4]"
    with pytest.raises(ShapeError, match=r"^mul: .*\[2,3\] and \[4\]"):
        E.mul(E.ones([2, 3]), E.ones([4]))


def test_other_shape_messages():
    with pytest.raises(ShapeError, match=r"reshape: cannot reshape \[2,3\] into \[4\]"):
        E.reshape(E.ones([2, 3]), [4])
    with pytest.raises(ShapeError, match=r"cat: cannot join \[2,3\] and \[2,4\] along dim 0"):
        E.cat([E.ones([2, 3]), E.ones([2, 4])], 0)
    with pytest.raises(ShapeError, match=r"expand: cannot expand \[2\] to \[3\]"):
        E.expand(E.ones([2]), [3])
    with pytest.raises(ShapeError, match=r"mse_loss.*\[2\].*\[3\]"):
        E.mse_loss(E.ones([2]), E.ones([3]))
    with pytest.raises(ShapeError, match=r"stack"):
        E.stack([E.ones([2]), E.ones([3])])


def test_dtype_messages_list_allowed_dtypes():
    with pytest.raises(DTypeError, match=r"mean: got a tensor of dtype Int64; allowed dtypes: Float, Double"):
        E.mean(tensor([1, 2]))
    with pytest.raises(DTypeError, match=r"Int64"):
        E.index_select(E.ones([3]), 0, tensor([0.0]))
    with pytest.raises(DTypeError, match=r"Bool"):
        E.neg(tensor([True]))
    with pytest.raises(DTypeError, match=r"allowed dtypes: Float, Double"):
        E.rand([2], Int64)
    with pytest.raises(DTypeError, match="allowed dtypes"):
        E.to_dtype(E.ones([1]), "Float")


def test_invalid_values():
    with pytest.raises(InvalidValueError, match=r"sum_dim: dim 2 is out of range for a tensor of rank 2"):
        E.sum_dim(E.ones([2, 3]), 2)
    with pytest.raises(InvalidValueError, match="non-negative"):
        E.ones([-1, 2])
    with pytest.raises(InvalidValueError, match="out of range"):
        E.select(E.ones([2]), 0, 5)
    with pytest.raises(InvalidValueError, match="out of range"):
        E.index_select(E.ones([2]), 0, tensor([3]))
    with pytest.raises(InvalidValueError, match="empty"):
        E.max_all(E.ones([0]))
    with pytest.raises(InvalidValueError, match="single value"):
        E.ones([2]).item()
    with pytest.raises(InvalidValueError, match="negative integer powers"):
        tensor([2]) ** -1
    with pytest.raises(InvalidValueError):
        E.arange(0, 5, 0)
    with pytest.raises(InvalidValueError):
        E.randint(5, 1, [2])


def test_allocation_cap_refuses_before_allocating():
    with pytest.raises(AllocationError, match="memory cap"):
        E.ones([10 ** 6, 10 ** 6])
    old = E.set_memory_cap(1024)
    try:
        E.ones([16, 16])  # 1 KiB of float32: exactly at the cap
        with pytest.raises(AllocationError, match=r"\[16,17\].*memory cap of 1.0 KiB"):
            E.ones([16, 17])
        x = E.ones([16, 16])
        with pytest.raises(AllocationError):
            E.matmul(E.ones([16, 1]), E.ones([1, 17]))
        with pytest.raises(AllocationError):
            E.to_dtype(x, E.Double)
        with pytest.raises(AllocationError):
            E.expand(E.ones([1]), [300])
        with pytest.raises(AllocationError):
            E.arange(10_000)
    finally:
        E.set_memory_cap(old)
    assert E.memory_cap() == old
    with pytest.raises(InvalidValueError):
        E.set_memory_cap(-5)


def test_default_budget_is_half_of_the_effective_limit(monkeypatch):
    from gradbook.engine.tensors import limits, memory

    monkeypatch.delenv("GRADBOOK_MEMORY", raising=False)
    assert limits.memory_limit()[0] <= os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    assert memory.default_budget() == limits.memory_limit()[0] // 2
    old = E.set_memory_cap(None)
    try:
        assert E.memory_cap() == memory._default
    finally:
        E.set_memory_cap(old)


# ---- fuzz: nothing but GradbookError escapes ------------------------------------------------------

_POOL = [
    E.ones([2, 3]), E.ones([3]), E.zeros([]), tensor([1, 2, 3]), tensor([True, False]), E.ones([0]),
    E.ones([2, 1, 3], E.Double), tensor([[0, 1], [1, 0]]), E.to_dependent(E.make_independent(E.ones([3]))),
    E.make_independent(E.ones([2])), 0, 1, -1, 2, 5, -7, 2.5, -0.5, math.nan, math.inf, True, None, "x", [],
    [1, 2], [[1, 2], [3]], [2, 3], (3,), E.Float, E.Int64, [E.ones([2]), E.ones([2])], 10 ** 30, -(10 ** 30),
]
_FUNCS = sorted(set(E.OP_NAMES) | {"tensor", "ones", "zeros", "full", "eye", "arange", "linspace", "rand",
                                    "randn", "randint", "ones_like", "zeros_like", "make_independent",
                                    "to_dependent", "grad", "where", "sign", "permute", "sum_dims"})


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.sampled_from(_FUNCS), st.lists(st.integers(0, len(_POOL) - 1), min_size=0, max_size=4))
def test_only_engine_errors_escape(name, picks):
    fn = getattr(E, name)
    args = [_POOL[i] for i in picks]
    try:
        inspect.signature(fn).bind(*args)
    except TypeError:
        return  # a Python-level arity mistake, not an engine call
    old = E.set_memory_cap(1 << 26)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fn(*args)
        except GradbookError:
            pass
        finally:
            E.set_memory_cap(old)
    assert [str(w.message) for w in caught] == []  # no NumPy warning leaks to the user either


def test_loss_argument_checks():
    with pytest.raises(DTypeError, match="nll_loss: the targets must be Int64"):
        E.cross_entropy(E.ones([2, 3]), tensor([0.0, 1.0]))
    with pytest.raises(InvalidValueError, match=r"nll_loss: target class 3 is out of range for 3 classes"):
        E.nll_loss(E.ones([2, 3]), tensor([0, 3]))
    with pytest.raises(ShapeError, match=r"nll_loss: expected log-probabilities \[N,C\] and targets \[N\]"):
        E.nll_loss(E.ones([2, 3]), tensor([0, 1, 2]))
    with pytest.raises(DTypeError, match="mse_loss"):
        E.mse_loss(tensor([1, 2]), tensor([1, 2]))


def test_values_that_do_not_fit_int64():
    with pytest.raises(InvalidValueError, match="does not fit in Int64"):
        tensor(10 ** 30)
    with pytest.raises(InvalidValueError, match="Int64"):
        E.full([2], math.inf, Int64)
    with pytest.raises(InvalidValueError, match="Int64"):
        tensor([1.5, math.nan], Int64)
    with pytest.raises(InvalidValueError, match="to_dtype"):
        E.to_dtype(tensor([math.nan]), Int64)
    assert E.to_dtype(tensor([2.7, -2.7]), Int64).numpy().tolist() == [2, -2]
