"""Autograd builtins: the seed's 4.5, second derivatives through gradWithOptions, setRequiresGrad, and
the messages for the classic mistakes (a Tensor where an IndependentTensor belongs, a non-scalar output)."""
from __future__ import annotations

import numpy as np
import pytest
from gb_builtin_helpers import call, floats, op, values

from gradbook.engine import IndependentTensor
from gradbook.engine.tensors.errors import ArgumentError, AutogradError, DTypeError
from gradbook.engine.language.values import GradOptions, IOAction


def test_make_independent_is_an_io_action_run_on_demand() -> None:
    action = call("makeIndependent", call("ones'", [2, 2]))
    assert isinstance(action, IOAction) and action.name == "makeIndependent"
    a = action.run()
    assert isinstance(a, IndependentTensor)
    assert action.run() is not a  # each run makes a new variable


def test_seed_computation_gives_four_and_a_half(independent: IndependentTensor) -> None:
    a_ = call("toDependent", independent)
    b = op("+", a_, 2)
    c = op("*", op("*", b, b), 3)
    out = call("mean", c)
    (g,) = call("grad", out, [independent])
    assert values(g) == [[4.5, 4.5], [4.5, 4.5]]
    assert call("requiresGrad", b) is True
    assert call("requiresGrad", call("ones'", [1])) is False


def test_grad_is_pure(independent: IndependentTensor) -> None:
    out = call("sumAll", op("*", call("toDependent", independent), 3))
    first = values(call("grad", out, [independent])[0])
    assert values(call("grad", out, [independent])[0]) == first == [[3.0, 3.0], [3.0, 3.0]]


def test_grad_of_an_unused_input_is_zeros(independent: IndependentTensor) -> None:
    other = call("makeIndependent", call("ones'", [3])).run()
    out = call("sumAll", call("toDependent", independent))
    assert values(call("grad", out, [independent, other])[1]) == [0.0, 0.0, 0.0]


def test_grad_with_a_tensor_in_the_list_says_what_to_pass(independent: IndependentTensor) -> None:
    a_ = call("toDependent", independent)
    out = call("sumAll", a_)
    with pytest.raises(ArgumentError, match=r"grad expects a list of independent tensors; .* is a Tensor: "
                                            r"pass `a` from `a <- makeIndependent \.\.\.`, not `toDependent a`"):
        call("grad", out, [a_])
    with pytest.raises(ArgumentError, match=r"put it in a list, `\[a\]`"):
        call("grad", out, independent)


def test_grad_output_errors(independent: IndependentTensor) -> None:
    with pytest.raises(AutogradError, match="does not require grad"):
        call("grad", call("sumAll", call("ones'", [2])), [independent])
    with pytest.raises(AutogradError, match=r"single value, but it has shape \[2,2\].*sumAll"):
        call("grad", call("toDependent", independent), [independent])
    with pytest.raises(ArgumentError, match="grad expects the output Tensor"):
        call("grad", independent, [independent])


def test_make_independent_refuses_integer_tensors() -> None:
    with pytest.raises(DTypeError, match="toDType Float t"):
        call("makeIndependent", call("asTensor", [1, 2]))


def test_to_dependent_of_a_tensor_explains() -> None:
    with pytest.raises(ArgumentError, match="already a Tensor"):
        call("toDependent", call("ones'", [1]))


def test_second_derivative_with_create_graph() -> None:
    a = call("makeIndependent", floats([2.0])).run()
    x = call("toDependent", a)
    out = call("sumAll", op("^", x, 3))
    options = call("GradOptions", True, True, False)
    assert options == GradOptions(True, True, False)
    (first,) = call("gradWithOptions", options, out, [a])
    assert values(first) == [12.0] and first.requires_grad
    (second,) = call("grad", call("sumAll", first), [a])
    assert values(second) == [12.0]  # d2/dx2 x^3 = 6x at x = 2


def test_without_create_graph_the_gradient_is_a_constant() -> None:
    a = call("makeIndependent", floats([2.0])).run()
    out = call("sumAll", op("^", call("toDependent", a), 3))
    (first,) = call("gradWithOptions", GradOptions(True, False, False), out, [a])
    assert not first.requires_grad


def test_grad_with_options_checks_the_options() -> None:
    with pytest.raises(ArgumentError, match="gradWithOptions expects GradOptions"):
        call("gradWithOptions", True, call("ones'", [1]), [])


def test_set_requires_grad(independent: IndependentTensor) -> None:
    x = call("toDependent", independent)
    cut = call("setRequiresGrad", False, op("*", x, 2))
    assert cut.requires_grad is False and values(cut) == [[2.0, 2.0], [2.0, 2.0]]
    marked = call("setRequiresGrad", True, call("ones'", [2]))
    assert marked.requires_grad is True
    assert np.array_equal(marked.numpy(), np.ones(2, np.float32))
    with pytest.raises(DTypeError):
        call("setRequiresGrad", True, call("asTensor", [1]))


def test_requires_grad_of_an_independent_tensor(independent: IndependentTensor) -> None:
    assert call("requiresGrad", independent) is True
