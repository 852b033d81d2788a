"""`:graph` (and, below, `:backprop`) through a real kernel: one display_data with an inline SVG and the
text tree as its text/plain fallback, the numbers shown equal to `grad`'s."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.slow

SEED = "a <- makeIndependent (ones' [2, 2])\nlet b = toDependent a + 2\nlet c = b * b * 3\nlet out = mean c"


def picture_data(kernel, command: str) -> dict:
    """The one display_data's bundle that `command` sends after the seed's lines."""
    assert kernel.execute(SEED).reply["status"] == "ok"
    run = kernel.execute(command)
    assert run.reply["status"] == "ok"
    [shown] = run.of_type("display_data", "execute_result")
    return shown["content"]["data"]


def test_graph_is_an_svg_with_a_text_fallback(kernel):
    data = picture_data(kernel, ":graph out wrt [a]")
    assert set(data) == {"text/plain", "image/svg+xml", "text/html"}
    assert data["text/html"].startswith('<img class="gb-picture" alt="graph" src="data:image/svg+xml;base64,')
    svg = data["image/svg+xml"]
    assert svg.startswith("<svg xmlns=\"http://www.w3.org/2000/svg\"") and "<script" not in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # nothing fetched
    assert svg.count('class="gb-node ') == 9
    assert len(re.findall(r">grad \[\[4\.5000, 4\.5000\],<", svg)) == 2  # on b and on a
    lines = data["text/plain"].split("\n")
    assert lines[0].startswith("#1 mean out ") and lines[0].endswith("grad 1.0000")
    assert lines[5].startswith("│     │  │  ├─ #6 leaf a ") and lines[5].endswith("grad [[4.5000, 4.5000], [4.5000, 4.5000]]")
    grad = kernel.execute("grad out [a]").plain[0]
    assert "4.5000" in grad


def test_graph_error_is_an_error_reply(kernel):
    run = kernel.execute(":graph c wrt [a]")
    assert run.reply["status"] == "error" and "single value" in run.reply["evalue"]


def test_backprop_is_a_stepper_page_with_the_steps_as_text(kernel):
    data = picture_data(kernel, ":backprop out [a]")
    page = data["text/html"]
    assert page.count("<details") == 6 and page.count(' open><summary') == 1
    assert page.count('src="data:image/svg+xml;base64,') == 6 and "<script" not in page and "<style" not in page
    steps = [line for line in data["text/plain"].split("\n") if re.match(r"\d+\. ", line)]
    assert steps == ["1. #1 mean out  (the last op of mean: div)", "2. #2 sum", "3. #3 mul c", "4. #4 mul", "5. #5 add b", "6. #6 leaf a"]
    assert "      product  [[0.7500, 0.7500], [0.7500, 0.7500]] × [[6.0000, 6.0000], [6.0000, 6.0000]] = " \
           "[[4.5000, 4.5000], [4.5000, 4.5000]]" in data["text/plain"].split("\n")
