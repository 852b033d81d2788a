"""Hasktorch's `Show Tensor` text on plain arrays: every tensor case of the golden files, then ranks 0-4,
empty shapes, integer and Bool elements, NaN/infinities and large tensors."""
from __future__ import annotations

import numpy as np
import pytest

from gradbook.engine.language.display import show_shape, show_tensor_data

F32, F64 = np.float32, np.float64

GOLDEN = [
    (
        np.ones((2, 2), F32),
        "Float",
        "Tensor Float [2,2] [[ 1.0000   ,  1.0000   ],\n                    [ 1.0000   ,  1.0000   ]]",
    ),
    (
        np.zeros((3, 4), F32),
        "Float",
        "Tensor Float [3,4] [[ 0.0000,  0.0000,  0.0000,  0.0000],\n"
        "                    [ 0.0000,  0.0000,  0.0000,  0.0000],\n"
        "                    [ 0.0000,  0.0000,  0.0000,  0.0000]]",
    ),
    (
        np.array([[4, 3], [2, 1]], F32),
        "Float",
        "Tensor Float [2,2] [[ 4.0000   ,  3.0000   ],\n                    [ 2.0000   ,  1.0000   ]]",
    ),
    (np.array(3.5, F32), "Float", "Tensor Float []  3.5000   "),
    (np.array([1, -2, 30], np.int64), "Int64", "Tensor Int64 [3] [ 1, -2,  30]"),
    (np.array([False, True, True]), "Bool", "Tensor Bool [3] [ 0,  1,  1]"),
    (
        np.ones((2, 2, 2), F32),
        "Float",
        "Tensor Float [2,2,2] [[[ 1.0000   ,  1.0000   ],\n"
        "                       [ 1.0000   ,  1.0000   ]],\n"
        "                      [[ 1.0000   ,  1.0000   ],\n"
        "                       [ 1.0000   ,  1.0000   ]]]",
    ),
    (np.array([0, 0, 0.5, 1], F32), "Float", "Tensor Float [4] [ 0.0000,  0.0000,  0.5000   ,  1.0000   ]"),
    (np.full(4, 2, F32), "Float", "Tensor Float [4] [ 2.0000   ,  2.0000   ,  2.0000   ,  2.0000   ]"),
    (
        np.array([0.05, 0.5, 12.25, 150000], F64),
        "Double",
        "Tensor Double [4] [ 5.0000e-2,  0.5000   ,  12.2500   ,  150000.0000   ]",
    ),
    (
        np.array([-1.5, 2.5e-3, 1.0e8], F64),
        "Double",
        "Tensor Double [3] [-1.5000   ,  2.5000e-3,  1.0000e8   ]",
    ),
    (np.ones(1, F32), "Float", "Tensor Float [1] [ 1.0000   ]"),
    (np.zeros(1, F32), "Float", "Tensor Float [1] [ 0.0000]"),
    (np.zeros(0, F32), "Float", "Tensor Float [0] []"),
    (np.array(1.0, F32), "Float", "Tensor Float []  1.0000   "),
    (
        np.array([[3, 4], [5, 6]], F32),
        "Float",
        "Tensor Float [2,2] [[ 3.0000   ,  4.0000   ],\n                    [ 5.0000   ,  6.0000   ]]",
    ),
    (np.array(10, np.int64), "Int64", "Tensor Int64 []  10"),
    (
        np.full((2, 2), 27, F32),
        "Float",
        "Tensor Float [2,2] [[ 27.0000   ,  27.0000   ],\n                    [ 27.0000   ,  27.0000   ]]",
    ),
    (
        np.full((2, 2), 4.5, F32),
        "Float",
        "Tensor Float [2,2] [[ 4.5000   ,  4.5000   ],\n                    [ 4.5000   ,  4.5000   ]]",
    ),
]


@pytest.mark.parametrize("data,dtype,text", GOLDEN, ids=[g[2].split("\n")[0][:40] for g in GOLDEN])
def test_golden_cases(data: np.ndarray, dtype: str, text: str) -> None:
    assert show_tensor_data(data, dtype) == text


def test_shape_text() -> None:
    assert show_shape(()) == "[]"
    assert show_shape((4, 1, 3)) == "[4,1,3]"


def test_float32_elements_use_their_double_value() -> None:
    # Hasktorch converts each element with toDouble: float32 0.1 is 0.10000000149..., still 0.1000
    assert show_tensor_data(np.array([0.1, 1 / 3], F32), "Float") == "Tensor Float [2] [ 0.1000   ,  0.3333   ]"
    # a Float element just under 0.1 is in exponent form and has no trailing spaces
    assert show_tensor_data(np.array([0.0999], F32), "Float") == "Tensor Float [1] [ 9.9900e-2]"


def test_negative_elements_have_no_leading_space() -> None:
    text = show_tensor_data(np.array([-0.05, -2.0, 3.0], F64), "Double")
    assert text == "Tensor Double [3] [-5.0000e-2, -2.0000   ,  3.0000   ]"


def test_negative_zero_keeps_its_sign_after_the_pad() -> None:
    # padPositive tests x >= 0, true for -0.0, and showGFloat writes the sign: " -0.0000"
    assert show_tensor_data(np.array([-0.0, 0.0], F32), "Float") == "Tensor Float [2] [ -0.0000,  0.0000]"


def test_nan_and_infinities() -> None:
    # NaN >= 0 and |NaN| >= 0.1 are both False in Haskell: no padding at all
    text = show_tensor_data(np.array([np.nan, np.inf, -np.inf], F32), "Float")
    assert text == "Tensor Float [3] [NaN,  Infinity   , -Infinity   ]"
    assert show_tensor_data(np.array(np.nan, F64), "Double") == "Tensor Double [] NaN"


def test_int64_extremes_and_bool_scalar() -> None:
    big = np.array([np.iinfo(np.int64).min, np.iinfo(np.int64).max], np.int64)
    assert show_tensor_data(big, "Int64") == "Tensor Int64 [2] [-9223372036854775808,  9223372036854775807]"
    assert show_tensor_data(np.array(True), "Bool") == "Tensor Bool []  1"


def test_rank4_indents_one_more_space_per_level() -> None:
    text = show_tensor_data(np.arange(16, dtype=np.int64).reshape(2, 2, 2, 2), "Int64")
    header = "Tensor Int64 [2,2,2,2] "
    pad = " " * len(header)
    expected = (
        header + "[[[[ 0,  1],\n"
        + pad + "   [ 2,  3]],\n"
        + pad + "  [[ 4,  5],\n"
        + pad + "   [ 6,  7]]],\n"
        + pad + " [[[ 8,  9],\n"
        + pad + "   [ 10,  11]],\n"
        + pad + "  [[ 12,  13],\n"
        + pad + "   [ 14,  15]]]]"
    )
    assert text == expected


def test_rank3_rows_of_different_width() -> None:
    data = np.array([[[1.0, -2.0]], [[0.01, 300.0]]], F64)
    assert show_tensor_data(data, "Double") == (
        "Tensor Double [2,1,2] [[[ 1.0000   , -2.0000   ]],\n"
        "                       [[ 1.0000e-2,  300.0000   ]]]"
    )


@pytest.mark.parametrize(
    "shape,text",
    [
        ((0,), "Tensor Float [0] []"),
        ((0, 3), "Tensor Float [0,3] []"),
        ((2, 0), "Tensor Float [2,0] [[],\n                    []]"),
        ((1, 0, 2), "Tensor Float [1,0,2] [[]]"),
    ],
)
def test_empty_shapes(shape: tuple, text: str) -> None:
    assert show_tensor_data(np.zeros(shape, F32), "Float") == text


def test_large_tensor_shows_every_element() -> None:
    """Hasktorch prints every element, however large (its speed is a benchmark matter, not a test's)."""
    data = np.random.default_rng(0).standard_normal((100, 100)).astype(F32)
    text = show_tensor_data(data, "Float")
    assert text.count("\n") == 99
    assert text.count(",") == 1 + 100 * 99 + 99  # one in the header [100,100]


def _reference(data: np.ndarray, dtype: str) -> str:
    """Hasktorch's Show instance transcribed literally (showElems/shownd, element by element)."""
    from gradbook.engine.language.display.tensor import float_element

    details = f"Tensor {dtype} {show_shape(data.shape)} "
    pad = " " * len(details)
    integral = data.dtype.kind in "iub"
    values = data.astype(np.int64) if integral else data

    def element(x: object) -> str:
        return (f" {x}" if x >= 0 else str(x)) if integral else float_element(x)

    def nd(v: np.ndarray, offset: int) -> str:
        if v.ndim == 1:
            return "[" + ", ".join(element(x) for x in v.tolist()) + "]"
        return "[" + (",\n " + pad + " " * offset).join(nd(row, offset + 1) for row in v) + "]"

    return details + (element(values.item()) if data.ndim == 0 else nd(values, 0))


def test_matches_a_literal_transcription_of_hasktorchs_show() -> None:
    rng = np.random.default_rng(3)
    specials = [0.0, -0.0, np.nan, np.inf, -np.inf, 0.05, 0.15, 1.00005, 9999999.99995, 1e7, -3.5]
    for _ in range(400):
        shape = tuple(int(n) for n in rng.integers(0, 4, rng.integers(0, 5)))
        n = int(np.prod(shape))
        kind = int(rng.integers(0, 4))
        if kind == 0:
            data = (rng.standard_normal(n) * 10.0 ** rng.integers(-8, 9, n)).reshape(shape).astype(F32)
        elif kind == 1:
            data = rng.choice(specials, n).reshape(shape)
        elif kind == 2:
            data = rng.integers(-50, 50, n).reshape(shape)
        else:
            data = rng.integers(0, 2, n).astype(bool).reshape(shape)
        name = ("Float", "Double", "Int64", "Bool")[kind]
        assert show_tensor_data(data, name) == _reference(data, name), (shape, name)
