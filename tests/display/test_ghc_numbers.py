"""GHC's number and string `show`, checked against texts GHC itself printed (ghc_numbers.tsv) and
hand-picked edge cases: rounding ties, the 0.1 and 10^7 boundaries, -0.0, NaN, infinities."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from gradbook.engine.language.display.ghc import (
    DOUBLE,
    FLOAT,
    float_to_digits,
    round_to,
    show_double,
    show_float,
    show_gfloat4,
    show_string,
)

CASES = [
    line.rstrip("\n").split("\t")
    for line in (Path(__file__).parent / "ghc_numbers.tsv").read_text().splitlines(keepends=True)
    if not line.startswith("#")
]


def test_fixture_is_large_enough() -> None:
    assert len(CASES) > 400


@pytest.mark.parametrize("value,gfloat,double,single", CASES, ids=[c[0] for c in CASES])
def test_matches_ghc(value: str, gfloat: str, double: str, single: str) -> None:
    x = float(value)
    assert show_gfloat4(x) == gfloat
    assert show_double(x) == double
    with np.errstate(over="ignore"):  # the fixture's largest Doubles overflow Float, as in GHC
        single_value = np.float32(x)
    assert show_float(single_value) == single


@pytest.mark.parametrize(
    "x,text",
    [
        (0.0, "0.0000"),
        (-0.0, "-0.0000"),
        (0.1, "0.1000"),  # the fixed/exponent boundary: 0.1 is fixed
        (0.09999999, "1.0000e-1"),  # exponent chosen before rounding, then rounded up
        (0.099999, "9.9999e-2"),
        (9999999.0, "9999999.0000"),
        (9999999.99995, "10000000.0000"),  # fixed chosen before rounding
        (1.0e7, "1.0000e7"),
        (1.00005, "1.0000"),  # tie on the shortest digits: round half to even
        (1.00015, "1.0002"),
        (2.00025, "2.0002"),
        (0.12345, "0.1234"),
        (2.5e-3, "2.5000e-3"),
        (1.5e-10, "1.5000e-10"),
        (-1.5, "-1.5000"),
        (math.nan, "NaN"),
        (math.inf, "Infinity"),
        (-math.inf, "-Infinity"),
    ],
)
def test_gfloat4_edges(x: float, text: str) -> None:
    assert show_gfloat4(x) == text


@pytest.mark.parametrize(
    "x,text",
    [
        (3.5, "3.5"),
        (0.01, "1.0e-2"),
        (0.1, "0.1"),
        (1.0e7, "1.0e7"),
        (1234567.0, "1234567.0"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (-2.0, "-2.0"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e23, "9.999999999999999e22"),  # GHC's exclusive bounds differ from Python's repr here
        (math.nan, "NaN"),
        (-math.inf, "-Infinity"),
    ],
)
def test_show_double(x: float, text: str) -> None:
    assert show_double(x) == text


@pytest.mark.parametrize(
    "x,text",
    [(0.1, "0.1"), (1 / 3, "0.33333334"), (1e7, "1.0e7"), (245848.125, "245848.13"), (-0.0, "-0.0"), (3.5, "3.5")],
)
def test_show_float_uses_float32_digits(x: float, text: str) -> None:
    # 245848.125 is a tie between 245848.12 and 245848.13: GHC rounds up, NumPy's repr does not
    assert show_float(np.float32(x)) == text


def test_float_to_digits_denormals() -> None:
    assert float_to_digits(5e-324, DOUBLE) == ([5], -323)
    assert float_to_digits(float(np.float32(1e-45)), FLOAT) == ([1], -44)


def test_round_to_carries_into_a_new_digit() -> None:
    assert round_to(2, [9, 9, 7]) == (1, [1, 0, 0])
    assert round_to(2, [1, 2, 5]) == (0, [1, 2])
    assert round_to(2, [1, 3, 5]) == (0, [1, 4])
    assert round_to(2, [1, 2, 5, 1]) == (0, [1, 3])
    assert round_to(4, [1, 2]) == (0, [1, 2, 0, 0])


@pytest.mark.parametrize(
    "text,shown",
    [
        ("abc", '"abc"'),
        ('a"b', '"a\\"b"'),
        ("back\\slash", '"back\\\\slash"'),
        ("line\nnext\ttab", '"line\\nnext\\ttab"'),
        ("\u04d25", '"\\1234\\&5"'),
        ("é", '"\\233"'),
        ("\x7f\x01", '"\\DEL\\SOH"'),
        ("\x0eH", '"\\SO\\&H"'),
        ("", '""'),
    ],
)
def test_show_string(text: str, shown: str) -> None:
    assert show_string(text) == shown


def test_fast_path_agrees_with_ghcs_digits() -> None:
    # the fast path rounds x itself; near rounding midpoints it must fall back to GHC's digits
    from gradbook.engine.language.display.ghc import _gfloat4_digits

    rng = np.random.default_rng(5)
    values = []
    for scale in (1e-300, 1e-9, 1e-3, 0.05, 0.1, 1.0, 1e3, 1e6, 1e7, 1e12, 1e299):
        xs = np.abs(rng.standard_normal(300)) * scale
        with np.errstate(over="ignore"):  # the largest ones overflow Float; they are filtered out below
            singles = xs.astype(np.float32).astype(np.float64)
        values += xs.tolist() + singles.tolist()
    for k in range(1, 600):
        values += [k / 10000 + 0.00005, (k + 0.5) * 1e-4, 9.99995 * 10.0 ** (k % 40 - 20), 0.1 * (1 + k * 1e-17)]
    values = [x for x in values if math.isfinite(x) and x > 0]
    assert [show_gfloat4(x) for x in values] == [_gfloat4_digits(x) for x in values]


STRINGS = [
    line.rstrip("\n").split("\t")
    for line in (Path(__file__).parent / "ghc_strings.tsv").read_text().splitlines(keepends=True)
    if not line.startswith("#")
]


def test_show_string_matches_ghc_on_random_strings() -> None:
    assert len(STRINGS) == 600
    for codes, expected in STRINGS:
        text = "".join(chr(int(c)) for c in codes.split())
        assert show_string(text) == expected, codes
