"""Tensors, dtypes and promotion, factories, operators, and IEEE behaviour."""
from __future__ import annotations

import math

import numpy as np
import pytest

import gradbook.engine as E
from gradbook.engine import Bool, Double, Float, Int64, tensor


def test_dtype_objects():
    assert [d.name for d in (Float, Double, Int64, Bool)] == ["Float", "Double", "Int64", "Bool"]
    assert Float.np == np.float32 and Double.np == np.float64 and Int64.np == np.int64 and Bool.np == np.bool_
    assert E.dtype_of_numpy(np.float32) is Float and E.dtype_of_numpy(np.dtype("int64")) is Int64
    assert E.dtype_of_numpy(np.float64) is Double and E.dtype_of_numpy(np.bool_) is Bool


def test_tensor_from_python_data():
    assert tensor([[1.0, 2.0], [3.0, 4.0]]).dtype is Float
    assert tensor([1, 2]).dtype is Int64
    assert tensor([True, False]).dtype is Bool
    assert tensor([1, 2.5]).dtype is Float
    assert tensor(3.5).shape == () and tensor(3.5).item() == 3.5
    assert tensor(np.array([1.0, 2.0])).dtype is Double
    assert tensor([1, 2], Double).dtype is Double
    assert tensor([[]]).shape == (1, 0)
    t = tensor([[1, 2], [3, 4]])
    assert t.shape == (2, 2) and t.ndim == 2 and t.numel == 4 and t.grad_fn is None
    assert not t.requires_grad and not t.is_leaf_independent and t.inputs == ()


def test_tensor_rejects_ragged_and_non_numeric_data():
    with pytest.raises(E.InvalidValueError, match="rectangular"):
        tensor([[1, 2], [3]])
    with pytest.raises(E.DTypeError):
        tensor(["a"])
    with pytest.raises(E.DTypeError):
        tensor([1], dtype="Float")


def test_promotion_rules():
    f, d, i, b = E.ones([2]), E.ones([2], Double), E.ones([2], Int64), E.ones([2], Bool)
    assert (f + 1).dtype is Float          # an int scalar keeps Float
    assert (f + 1.5).dtype is Float
    assert (i + 1).dtype is Int64
    assert (i + 1.5).dtype is Float        # PyTorch: Int64 tensor with a float scalar gives Float
    assert (i * 2.0).numpy().tolist() == [2.0, 2.0]
    assert (d + 1.5).dtype is Double
    assert (f + d).dtype is Double and (i + f).dtype is Float and (b + i).dtype is Int64
    assert (b + b).dtype is Bool and (b + 1).dtype is Int64  # Bool + Bool is a logical or, as libtorch (bool_golden.json)
    assert (i / 2).dtype is Float and (i / 2).numpy().tolist() == [0.5, 0.5]
    assert (2 - f).numpy().tolist() == [1.0, 1.0]
    assert (3 / E.full([1], 2.0)).numpy().tolist() == [1.5]
    assert (2 ** E.tensor([1.0, 3.0])).numpy().tolist() == [2.0, 8.0]
    assert E.gt(i, 0.5).dtype is Bool


def test_operators():
    x = tensor([[1.0, 2.0], [3.0, 4.0]])
    assert (-x).numpy().tolist() == [[-1, -2], [-3, -4]]
    assert (x ** 2).numpy().tolist() == [[1, 4], [9, 16]]
    assert (x @ x).numpy().tolist() == [[7, 10], [15, 22]]
    assert (x - 1).numpy().tolist() == [[0, 1], [2, 3]]
    assert (x * x / x).numpy().tolist() == x.numpy().tolist()


def test_tensors_are_hashable_and_have_no_elementwise_eq():
    x, y = E.ones([2]), E.ones([2])
    assert len({x: 1, y: 2}) == 2
    assert x == x and not (x == y)
    assert E.eq(x, y).numpy().tolist() == [True, True]


def test_factories():
    assert E.ones([2, 3]).numpy().tolist() == [[1.0] * 3] * 2 and E.ones([2, 3]).dtype is Float
    assert E.zeros([2], Int64).numpy().tolist() == [0, 0]
    assert E.full([2], 7).numpy().tolist() == [7.0, 7.0] and E.full([2], 7).dtype is Float
    assert E.ones_like(E.zeros([3], Double)).dtype is Double
    assert E.zeros_like(E.ones([1, 2])).shape == (1, 2)
    assert E.eye(2).numpy().tolist() == [[1, 0], [0, 1]] and E.eye(2, 3).shape == (2, 3)
    assert E.arange(4).numpy().tolist() == [0, 1, 2, 3] and E.arange(4).dtype is Int64
    assert E.arange(1, 2, 0.25).numpy().tolist() == [1.0, 1.25, 1.5, 1.75]
    assert E.arange(5, 0, -2).numpy().tolist() == [5, 3, 1]
    assert E.linspace(0, 1, 5).numpy().tolist() == [0, 0.25, 0.5, 0.75, 1]
    assert E.ones([]).shape == () and E.zeros([0, 3]).shape == (0, 3)


def test_random_factories_are_seeded():
    E.manual_seed(42)
    a, b, c = E.rand([3]), E.randn([2, 2]), E.randint(0, 10, [5])
    E.manual_seed(42)
    assert E.rand([3]).numpy().tolist() == a.numpy().tolist()
    assert E.randn([2, 2]).numpy().tolist() == b.numpy().tolist()
    assert E.randint(0, 10, [5]).numpy().tolist() == c.numpy().tolist()
    assert a.dtype is Float and c.dtype is Int64 and E.randn([2], Double).dtype is Double
    assert ((a.numpy() >= 0) & (a.numpy() < 1)).all() and ((c.numpy() >= 0) & (c.numpy() < 10)).all()


def test_ieee_nan_and_infinity():
    z = E.div(tensor([1.0, -1.0, 0.0]), 0)
    out = z.numpy()
    assert out[0] == math.inf and out[1] == -math.inf and math.isnan(out[2])
    assert math.isnan(E.log(tensor([-1.0])).item()) and E.log(tensor([0.0])).item() == -math.inf
    assert math.isnan(E.sqrt(tensor([-1.0])).item())
    assert math.isnan(E.max_all(tensor([1.0, math.nan, 3.0])).item())
    assert E.sigmoid(tensor([-1000.0, 1000.0])).numpy().tolist() == [0.0, 1.0]
    assert E.exp(tensor([1000.0])).item() == math.inf
    assert math.isnan(E.maximum(tensor([math.nan]), 1.0).item())
    assert E.relu(tensor([-math.inf])).item() == 0.0
    ls = E.log_softmax(tensor([1000.0, 0.0]), 0).numpy()
    assert ls[0] == 0.0 and ls[1] == -1000.0


def test_reductions_and_dims():
    x = tensor([[1.0, 5.0, 3.0], [7.0, 2.0, 6.0]])
    assert E.sum_all(x).item() == 24.0 and E.mean(x).item() == 4.0
    assert E.sum_dim(x, 0).numpy().tolist() == [8, 7, 9]
    assert E.sum_dim(x, -1, keepdim=True).shape == (2, 1)
    assert E.mean_dim(x, 1).numpy().tolist() == [3, 5]
    assert E.max_all(x).item() == 7 and E.min_all(x).item() == 1
    v, i = E.max_dim(x, 1)
    assert v.numpy().tolist() == [5, 7] and i.numpy().tolist() == [1, 0] and i.dtype is Int64
    v, i = E.min_dim(x, 0, keepdim=True)
    assert v.numpy().tolist() == [[1, 2, 3]] and i.numpy().tolist() == [[0, 1, 0]]
    assert E.argmax(x).item() == 3 and E.argmin(x, 1).numpy().tolist() == [0, 1]
    assert E.sum_all(tensor([True, True, False])).item() == 2
    assert E.sum_all(tensor([1, 2])).dtype is Int64
    assert abs(E.var(x).item() - np.var(x.numpy(), ddof=1)) < 1e-5
    assert abs(E.std(x, 1, unbiased=False).numpy() - np.std(x.numpy(), 1)).max() < 1e-6


def test_float32_sum_is_accurate():
    x = E.full([1_000_000], 0.1)
    assert abs(E.sum_all(x).item() - 100000.0) < 1e-2


def test_shape_ops():
    x = E.arange(6)
    m = E.reshape(x, [2, 3])
    assert m.shape == (2, 3) and E.reshape(x, [3, -1]).shape == (3, 2)
    assert E.transpose(m, 0, 1).numpy().tolist() == [[0, 3], [1, 4], [2, 5]]
    assert E.squeeze(E.ones([1, 2, 1])).shape == (2,) and E.squeeze(E.ones([1, 2]), 1).shape == (1, 2)
    assert E.unsqueeze(m, -1).shape == (2, 3, 1) and E.flatten(m).shape == (6,)
    assert E.select(m, 1, -1).numpy().tolist() == [2, 5]
    assert E.slice(x, 0, 1, 5, 2).numpy().tolist() == [1, 3]
    assert E.index_select(m, 1, tensor([2, 0])).numpy().tolist() == [[2, 0], [5, 3]]
    assert E.cat([m, m], 1).shape == (2, 6) and E.stack([m, m]).shape == (2, 2, 3)
    assert E.expand(tensor([1, 2]), [3, 2]).numpy().tolist() == [[1, 2]] * 3
    assert E.matmul(tensor([1.0, 2.0]), tensor([3.0, 4.0])).item() == 11.0
    assert E.matmul(E.ones([5, 2, 3]), E.ones([3, 4])).shape == (5, 2, 4)
    assert E.matmul(tensor([[1, 2]]), tensor([[3], [4]])).numpy().tolist() == [[11]]


def test_losses():
    assert E.mse_loss(tensor([1.0, 3.0]), tensor([1.0, 1.0])).item() == 2.0
    bce = E.binary_cross_entropy(tensor([0.5, 0.9]), tensor([1.0, 0.0])).item()
    assert abs(bce - (-(math.log(0.5) + math.log(0.1)) / 2)) < 1e-6
    assert E.binary_cross_entropy(tensor([0.0]), tensor([1.0])).item() == 100.0
    logits = tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]])
    target = tensor([0, 1])
    z = logits.numpy().astype(np.float64)
    ls = z - np.log(np.exp(z).sum(1, keepdims=True))
    ce = E.cross_entropy(logits, target).item()
    assert abs(ce - (-(ls[0, 0] + ls[1, 1]) / 2)) < 1e-6
    assert abs(E.nll_loss(E.log_softmax(logits, 1), target).item() - ce) < 1e-7
    np.testing.assert_allclose(E.softmax(logits, 1).numpy().sum(1), [1, 1], rtol=1e-6)


def test_clamp_and_conversion():
    assert E.clamp(tensor([-2.0, 0.5, 3.0]), 0, 1).numpy().tolist() == [0, 0.5, 1]
    assert E.clamp(tensor([-2, 5]), lo=0).numpy().tolist() == [0, 5]
    assert E.clamp(tensor([-2, 5]), lo=0).dtype is Int64
    assert E.clamp(tensor([-2, 5]), 0.5, 2.5).numpy().tolist() == [0.5, 2.5]  # a float bound gives Float
    assert E.to_dtype(tensor([1.7, -1.7]), Int64).numpy().tolist() == [1, -1]
    assert E.to_dtype(tensor([0, 2]), Bool).numpy().tolist() == [False, True]
    assert E.to_dtype(tensor([1]), Double).dtype is Double


def test_gelu_and_activations():
    x = tensor([-1.0, 0.0, 1.0])
    assert E.relu(x).numpy().tolist() == [0, 0, 1]
    assert abs(E.gelu(x).numpy()[2] - 0.8412) < 1e-3
    assert E.sigmoid(E.zeros([1])).item() == 0.5


def test_repr_is_short_and_pythonic():
    assert repr(tensor([1, 2])) == "tensor([1, 2], dtype=Int64)"
    a = E.make_independent(E.ones([1]))
    assert "requires_grad=True" in repr(E.to_dependent(a) * 2) and "grad_fn=mul" in repr(E.to_dependent(a) * 2)


@pytest.mark.parametrize("sa,sb", [((3, 4), (4,)), ((2, 3, 4), (3, 4)), ((2, 3, 4), (1, 4)), ((2, 3, 4), (1, 1, 4)),
                                   ((2, 3), (1, 1, 1, 3)), ((5, 1), (1,)), ((1, 4), (4,)), ((0, 4), (4,)),
                                   ((2, 0, 4), (4,)), ((3, 1), (1, 4))])
def test_broadcast_operands_either_side(sa, sb):
    """Bias-like operands (tile kernels), scalars and general broadcasts all agree with NumPy."""
    rng = np.random.default_rng(0)
    a = rng.normal(size=sa).astype(np.float32)
    b = rng.normal(size=sb).astype(np.float32) + 3
    for ours, ref in ((E.add, np.add), (E.sub, np.subtract), (E.mul, np.multiply), (E.div, np.divide)):
        for x, y in ((a, b), (b, a)):
            out = ours(tensor(x), tensor(y))
            expected = ref(x, y)
            assert out.shape == expected.shape
            np.testing.assert_allclose(out.numpy(), expected, rtol=1e-6)


def test_session_is_exported_from_the_engine_package():
    from gradbook.engine import Session
    from gradbook.engine.language.session import Session as Direct

    assert Session is Direct
    assert Session().run("1 + 1").outputs[0].text == "2"
