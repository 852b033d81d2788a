"""The kernel's rich views of engine values: the HTML grid with its dtype, shape and requires_grad badge,
its summary of large tensors, its escaping, and the LaTeX bmatrix for small 1-d and 2-d tensors."""
from __future__ import annotations

import re

import numpy as np
import pytest

from gradbook.engine import (
    Bool,
    Double,
    Int64,
    grad,
    make_independent,
    mean,
    mul,
    ones,
    tensor,
    to_dependent,
    zeros,
)
from gradbook.engine.language.display import show
from gradbook.kernel import rich


def cells(html: str) -> list[str]:
    return re.findall(r"<td[^>]*>([^<]*)</td>", html)


def test_differentiable_tensor_has_header_badge_and_grid():
    a = make_independent(tensor([[1.0, 2.0], [3.0, 4.0]]))
    product = mul(to_dependent(a), to_dependent(a))
    html = rich.value_html(product)
    assert '<span class="gb-kind" style="font-weight: 600">Tensor</span>' in html
    assert '<span class="gb-dtype">Float</span>' in html and '<span class="gb-shape">[2,2]</span>' in html
    assert "gb-requires-grad" in html and ">requires_grad</span>" in html
    assert f"grad_fn={product.grad_fn}" in html
    assert cells(html) == ["1.0000", "4.0000", "9.0000", "16.0000"]


def test_plain_tensor_badge_says_no_grad():
    html = rich.value_html(ones([3]))
    assert "gb-no-grad" in html and "requires_grad=False" in html and "gb-requires-grad" not in html
    assert "grad_fn" not in html


def test_annotations_off_leaves_out_badge_and_origin():
    a = make_independent(ones([2]))
    html = rich.value_html([to_dependent(a) * 2], annotate=False)
    assert "gb-badge" not in html and "grad_fn" not in html and "<td" in html


def test_independent_tensor_is_labelled_and_requires_grad():
    html = rich.value_html(make_independent(zeros([2])))
    assert ">IndependentTensor</span>" in html and "gb-requires-grad" in html and ">independent</span>" in html
    assert cells(html) == ["0.0000", "0.0000"]


def test_gradients_are_plain_tensors_without_an_op_name():
    a = make_independent(ones([2]))
    html = rich.value_html(grad(mean(mul(to_dependent(a), to_dependent(a))), [a]))
    assert "requires_grad=False" in html and "grad_fn" not in html


@pytest.mark.parametrize(
    "data, dtype, expected",
    [
        ([0.05, 0.5, 12.25, 150000], Double, ["5.0000e-2", "0.5000", "12.2500", "150000.0000"]),
        ([-1.5, 2.5e-3, 1.0e8], Double, ["-1.5000", "2.5000e-3", "1.0000e8"]),
        ([1, -2, 30], Int64, ["1", "-2", "30"]),
        ([True, False], Bool, ["1", "0"]),
    ],
)
def test_grid_elements_match_the_hasktorch_text(data, dtype, expected):
    t = tensor(data, dtype=dtype)
    assert cells(rich.value_html(t)) == expected
    # the same numbers as the plain text, without its alignment padding
    plain = show(t)
    assert [e.strip() for e in plain[plain.index("[", plain.index("]") + 1) + 1:-1].split(",")] == expected


def test_zero_d_and_empty_tensors():
    assert cells(rich.value_html(tensor(3.5))) == ["3.5000"]
    assert "(no elements)" in rich.value_html(zeros([0]))


def test_large_tensor_is_summarised_with_corners_and_statistics():
    t = tensor(np.arange(40 * 50, dtype=np.float32).reshape(40, 50))
    html = rich.value_html(t)
    assert len(cells(html)) == 9 * 9  # 4 + gap + 4 on both axes
    assert "&#8943;" in html and "&#8942;" in html
    assert "2000 elements, summarised: min 0.0000 · max 1999.0000 · mean 999.5000" in html
    assert cells(html)[:4] == ["0.0000", "1.0000", "2.0000", "3.0000"]
    assert cells(html)[-1] == "1999.0000"


def test_higher_rank_tensor_shows_labelled_slices_and_elides_many():
    html = rich.value_html(ones([2, 2, 3]))
    assert "[0, :, :]" in html and "[1, :, :]" in html and len(cells(html)) == 12
    many = rich.value_html(zeros([20, 2, 2]))
    assert many.count('class="gb-slice"') == 4 and many.count('class="gb-gap"') == 1


def test_lists_and_tuples_of_tensors_and_escaping():
    html = rich.value_html([ones([1]), zeros([1])])
    assert html.count('class="gb-tensor"') == 2
    mixed = rich.value_html((ones([1]), "<b>bold</b>"))
    assert "<b>bold</b>" not in mixed and "&lt;b&gt;bold&lt;/b&gt;" in mixed
    long_list = rich.value_html([ones([1])] * 12)
    assert long_list.count('class="gb-tensor"') == rich.MAX_LIST_ITEMS and "4 more" in long_list


def test_values_without_tensors_have_no_rich_view():
    for value in (True, 3, 2.5, "text", [1, 2], (1, True), []):
        assert rich.value_html(value) is None
        assert rich.mime_bundle("shown", value) == {"text/plain": "shown"}


def test_latex_bmatrix_for_small_1d_and_2d_only():
    assert rich.value_latex(tensor([1.0, 2.0])) == r"$$\begin{bmatrix} 1.0000 & 2.0000 \end{bmatrix}$$"
    assert (
        rich.value_latex(tensor([[1, 2], [3, 4]], dtype=Int64))
        == r"$$\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}$$"
    )
    assert rich.value_latex(tensor([2.5e-3, 1.0e8], dtype=Double)) == (
        r"$$\begin{bmatrix} 2.5000 \times 10^{-3} & 1.0000 \times 10^{8} \end{bmatrix}$$"
    )
    assert rich.value_latex(make_independent(ones([2]))) is not None
    for big_or_odd in (tensor(1.0), ones([2, 2, 2]), zeros([11]), zeros([0]), [ones([2])]):
        assert rich.value_latex(big_or_odd) is None


def test_mime_bundle_keeps_the_exact_text():
    text = show(ones([2, 2]))
    bundle = rich.mime_bundle(text, ones([2, 2]))
    assert bundle["text/plain"] == text
    assert set(bundle) == {"text/plain", "text/html", "text/latex"}


def test_the_kernels_engine_loader_retries_a_failed_background_load(monkeypatch):
    """The background load races ipykernel's start-up; a failure there is retried before it is reported."""
    from gradbook.kernel import kernel as kernel_module

    calls: list[int] = []

    def flaky_build(self):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("dictionary changed size during iteration")
        return "the session"

    monkeypatch.setattr(kernel_module._SessionLoader, "_build", flaky_build)
    assert kernel_module._SessionLoader().get() == "the session" and len(calls) == 2

    monkeypatch.setattr(kernel_module._SessionLoader, "_build", lambda self: 1 / 0)
    with pytest.raises(RuntimeError, match="could not be loaded"):
        kernel_module._SessionLoader().get()
