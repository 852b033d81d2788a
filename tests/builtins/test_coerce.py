"""`e :: T` conversions (coerce.annotate): literals to Float/Double/Int, recursively through lists and
tuples, tensors with asValue semantics, and clear errors for values that cannot have the type."""
from __future__ import annotations

import numpy as np

from gradbook.engine.language.values import Int
import pytest
from gb_builtin_helpers import call, floats

from gradbook.engine import Double, Float, Int64
from gradbook.engine.language.coerce import annotate, format_htype
from gradbook.engine.tensors.errors import ArgumentError


def test_numbers() -> None:
    f = annotate(3, "Float")
    assert f == 3.0 and type(f) is np.float32
    d = annotate(np.float32(0.5), "Double")
    assert d == 0.5 and type(d) is float
    assert annotate(3.0, "Int") == 3 and type(annotate(3.0, "Int")) is Int
    assert annotate(2**63, "Int") == -(2**63) and annotate(2**64 + 5, "Int") == 5  # Int wraps, as GHC's
    assert annotate(2**63, "Integer") == 2**63 and type(annotate(2**63, "Integer")) is int
    assert annotate(7, "Int64") == 7 and annotate(7, "Integer") == 7


def test_huge_ints_become_infinities_as_doubles() -> None:
    assert annotate(10**400, "Double") == float("inf")
    assert annotate(-(10**400), "Float") == -np.inf
    assert annotate(10**40, "Float") == np.inf  # past float32's range
    assert annotate(10**400, "Integer") == 10**400


def test_int_refuses_fractions() -> None:
    with pytest.raises(ArgumentError, match=r"expected a value of type Int, got 2\.5 \(a Double\); it is not a whole"):
        annotate(2.5, "Int")
    with pytest.raises(ArgumentError, match=r"type \[Int\], got \[1\.0,2\.5\] .*: 2\.5 \(a Double\) inside it is not an Int"):
        annotate([1.0, 2.5], ["Int"])


def test_nested_mismatch_names_the_whole_value_and_the_part() -> None:
    with pytest.raises(ArgumentError, match=r"type \[Float\], got \[\[1\.0,2\.0\]\] .*: \[1\.0,2\.0\] .* is not a Float"):
        annotate([[1.0, 2.0]], ["Float"])


def test_lists_and_tuples_convert_every_element() -> None:
    values = annotate([[1, 2], [3, 4]], [["Float"]])
    assert all(type(v) is np.float32 for row in values for v in row)
    assert annotate((1, True), ("Double", "Bool")) == (1.0, True)
    assert annotate([], ["Float"]) == []


def test_annotated_literals_choose_the_tensor_dtype() -> None:
    assert call("asTensor", annotate([1, 2], ["Float"])).dtype is Float
    assert call("asTensor", annotate([1, 2], ["Double"])).dtype is Double
    assert call("asTensor", annotate([1, 2], ["Int"])).dtype is Int64
    assert call("asTensor", annotate(3.5, "Float")).dtype is Float


def test_tensors_convert_with_as_value_semantics() -> None:
    t = floats([[1, 2], [3, 4]])
    assert annotate(t, [["Double"]]) == [[1.0, 2.0], [3.0, 4.0]]
    assert type(annotate(t, [["Double"]])[0][0]) is float
    assert annotate(call("asTensor", 3.5), "Double") == 3.5
    assert annotate(call("sumAll", call("asTensor", [1, 2])), "Int") == 3
    with pytest.raises(ArgumentError, match=r"rank 2 needs a type with 2 levels"):
        annotate(t, ["Float"])
    assert annotate(t, "Tensor") is t


def test_mismatches_name_both_types() -> None:
    with pytest.raises(ArgumentError, match=r"expected a value of type \[Float\], got True \(a Bool\)"):
        annotate(True, ["Float"])
    with pytest.raises(ArgumentError, match=r"expected a value of type Bool, got 1 \(an Integer\)"):
        annotate(1, "Bool")
    with pytest.raises(ArgumentError, match=r"expected a value of type \(Int,Int\)"):
        annotate((1, 2, 3), ("Int", "Int"))
    with pytest.raises(ArgumentError, match="expected a value of type String"):
        annotate(1, "String")
    with pytest.raises(ArgumentError, match="expected a value of type Tensor, got 1"):
        annotate(1, "Tensor")


def test_independent_tensor_annotated_as_tensor_explains(independent: object) -> None:
    assert annotate(independent, "IndependentTensor") is independent
    with pytest.raises(ArgumentError, match="toDependent"):
        annotate(independent, "Tensor")


def test_unknown_type_name() -> None:
    with pytest.raises(ArgumentError, match="unknown type `Foo`"):
        annotate(1, "Foo")


def test_other_named_types() -> None:
    assert annotate(Float, "DType") is Float
    assert annotate("s", "String") == "s"
    assert annotate((), "()") == ()


def test_format_htype() -> None:
    assert format_htype([["Double"]]) == "[[Double]]"
    assert format_htype(("Tensor", ["Bool"])) == "(Tensor,[Bool])"


def test_a_later_annotation_converts_the_tensor_behind_an_unannotated_as_value() -> None:
    """`asValue` with no annotation at its call is today's list (shown and used as one), but an annotation
    met later (through a helper polymorphic in its result) converts its tensor; an ordinary list never."""
    from gradbook.engine.language.session import Session

    session = Session()
    run = session.run("values t = asValue t\none = asTensor [2.5 :: Float]\n"
                      "grid = asTensor [[1, 2], [3, 4 :: Double]]\nasFloat :: Tensor -> Float\nasFloat t = values t")
    assert run.error is None, run.error.rendered
    shown = [(line, session.run(line)) for line in ("values one", "values grid", "length (values grid)",
                                                     "values one :: Float", "asFloat one", "values grid :: [[Float]]",
                                                     "map (* 2) (values one)")]
    assert [(line, [o.text for o in r.outputs]) for line, r in shown] == [
        ("values one", ["[2.5]"]), ("values grid", ["[[1.0,2.0],[3.0,4.0]]"]), ("length (values grid)", ["2"]),
        ("values one :: Float", ["2.5"]), ("asFloat one", ["2.5"]),
        ("values grid :: [[Float]]", ["[[1.0,2.0],[3.0,4.0]]"]),
        ("map (* 2) (values one)", ["[5.0]"])]
    for text in ("[1] :: Float", "map id (values one) :: Float", "(values grid) :: Float"):
        error = session.run(text).error
        assert error is not None and "expected a value of type Float" in error.message, text
