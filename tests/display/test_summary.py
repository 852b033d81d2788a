"""Large tensors are shown summarised (first and last 3 along each dim, `...` between, a line saying so),
through Session.run; Hasktorch's exact text is kept up to SUMMARY_THRESHOLD shown items, and
`:set summarise off` shows everything."""
from __future__ import annotations

import numpy as np
import pytest

from gradbook.engine.language.display.tensor import SUMMARY_THRESHOLD, show_tensor_data
from gradbook.engine.language.session import Session

NOTE = "the first and last 3 along each dim are shown; `:set summarise off` shows them all)"


@pytest.fixture
def session():
    return Session()


def shown(session, source):
    result = session.run(source)
    assert result.error is None, result.error.rendered
    return [output.text for output in result.outputs]


def test_a_long_vector_is_summarised(session):
    assert shown(session, "zeros' [3000000]") == [
        "Tensor Float [3000000] [ 0.0000,  0.0000,  0.0000, ...,  0.0000,  0.0000,  0.0000]\n"
        f"(3000000 elements: {NOTE}"]


def test_a_matrix_keeps_hasktorchs_layout_around_the_gaps(session):
    assert shown(session, "reshape [200, 100] (arange' 0 20000 1)") == [
        "Tensor Float [200,100] [[ 0.0000,  1.0000   ,  2.0000   , ...,  97.0000   ,  98.0000   ,  99.0000   ],\n"
        "                        [ 100.0000   ,  101.0000   ,  102.0000   , ...,  197.0000   ,  198.0000   ,  199.0000   ],\n"
        "                        [ 200.0000   ,  201.0000   ,  202.0000   , ...,  297.0000   ,  298.0000   ,  299.0000   ],\n"
        "                        ...,\n"
        "                        [ 19700.0000   ,  19701.0000   ,  19702.0000   , ...,  19797.0000   ,  19798.0000   ,  19799.0000   ],\n"
        "                        [ 19800.0000   ,  19801.0000   ,  19802.0000   , ...,  19897.0000   ,  19898.0000   ,  19899.0000   ],\n"
        "                        [ 19900.0000   ,  19901.0000   ,  19902.0000   , ...,  19997.0000   ,  19998.0000   ,  19999.0000   ]]\n"
        f"(20000 elements: {NOTE}"]


def test_empty_rows_of_a_huge_shape_cost_nothing(session):
    text, = shown(session, "reshape [100000000, 0] (zeros' [0])")
    pad = " " * len("Tensor Float [100000000,0] [")
    assert text == ("Tensor Float [100000000,0] [[],\n" + f"{pad}[],\n" * 2
                    + f"{pad}...,\n" + f"{pad}[],\n" * 2
                    + f"{pad}[]]\n" + f"(100000000 empty rows: {NOTE}")


def test_many_short_dims_are_cut_too():
    text = show_tensor_data(np.zeros((2,) * 20, bool), "Bool")
    assert text.count("0") < 2 * SUMMARY_THRESHOLD and text.endswith(f"(1048576 elements: {NOTE}")


def test_up_to_the_threshold_the_text_is_hasktorchs(session):
    full, = shown(session, "ones' [100, 100]")
    assert full.count("1.0000") == 10000 and "..." not in full
    summarised, = shown(session, "ones' [10001]")
    assert summarised.count("1.0000") == 6


def test_summarise_off_shows_every_element(session):
    assert shown(session, ":set summarise off") == ["summarise off"]
    text, = shown(session, "ones' [10001]")
    assert text.count("1.0000") == 10001 and "..." not in text
    shown(session, ":set summarise on")
    assert shown(session, "ones' [10001]")[0].count("1.0000") == 6


def test_print_and_show_summarise_as_well(session):
    printed, = shown(session, "print (zeros' [20000])")
    assert printed.endswith(f"(20000 elements: {NOTE}\n")
    assert shown(session, "length (show (zeros' [20000]))") == [str(len(printed) - 1)]
