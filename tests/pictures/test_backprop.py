"""`:backprop` through the Session: every differentiable primitive has a rule text, each step's numbers
multiply out (upstream × local = product), sums are shown where a node is used twice, and the leaves'
totals are `grad`'s results bit for bit."""
from __future__ import annotations

import re

import numpy as np
import pytest

from gradbook.engine.language.pictures import backprop, graph as G
from gradbook.engine.language.pictures.rules import POINTWISE, RULES, rule_text
from gradbook.engine.language.session import Session
from gradbook.engine.tensors.ops_base import NONDIFF, PRIMITIVES

from gb_picture_programs import LESSON_04, MLP, SEED, session


def test_every_differentiable_primitive_has_a_rule_text():
    import gradbook.engine  # noqa: F401 - loads every row of the op table

    differentiable = {name for name, prim in PRIMITIVES.items() if prim.vjp != NONDIFF}
    assert differentiable - set(RULES) == set(), "a primitive without a rule text in pictures/rules.py"
    assert set(RULES) - differentiable == set(), "a rule text for no primitive"
    for name in differentiable:
        prim = PRIMITIVES[name]
        for position, text in enumerate(RULES[name]):
            if position in prim.nondiff:
                assert text is None
            else:
                assert text and text.startswith("d"), name
    assert POINTWISE <= differentiable


def test_rule_texts_name_the_operands():
    assert rule_text("mul", 0, ["b", "b"], "c", None) == "d(b*b)/db = 2b"
    assert rule_text("div", 0, ["#2", "4"], "out", None) == "d(#2/4)/d#2 = 1/4"
    assert rule_text("div", 1, ["x", "y"], "q", None) == "d(x/y)/dy = -x/y²"
    assert rule_text("clamp", 0, ["x"], "y", {"lo": 0, "hi": None}) == "d(clamp x)/dx = 1 inside [0, ∞], else 0"
    assert rule_text("cat", 2, ["p", "q", "r"], "y", {"dim": 0}) == "d(cat ...)/dr = 1 on r's slice: g cut to that slice"


def test_seed_walk_as_numbered_text():
    s = session(SEED)
    [out] = s.run(":backprop out [a]").outputs
    lines = out.text.split("\n")
    assert lines[0] == ("Backward pass of out with respect to [a], from the output back to the leaves (6 steps):")
    numbered = [line for line in lines if re.match(r"\d+\. ", line)]
    assert numbered == ["1. #1 mean out  (the last op of mean: div)", "2. #2 sum", "3. #3 mul c", "4. #4 mul", "5. #5 add b", "6. #6 leaf a"]
    assert "   to #2 sum:  d(#2/4)/d#2 = 1/4" in lines and "      product  1.0000 × 0.2500 = 0.2500" in lines
    assert "   to #5 add b:  d(b*b)/db = 2b" in lines
    assert "      local    [[6.0000, 6.0000], [6.0000, 6.0000]]" in lines
    assert lines[-2:] == ["   gradient  [[4.5000, 4.5000], [4.5000, 4.5000]]  (from #5)", "   = grad out [a]"]
    assert out.kind == "picture" and out.value.html.count("<details") == 6


def check_walk(s: Session, output: str, wrt: list[str]) -> list:
    graph = G.build(s.bindings[output], s.bindings)
    walk = backprop.steps(graph, [s.bindings[name] for name in wrt], wrt)
    expected = s.run(f"grad {output} [{', '.join(wrt)}]").outputs[0].value
    for step in walk:
        if step.sources:  # the upstream gradient is the sum of what arrived, in order
            total = step.sources[0][1].numpy()
            for _, part in step.sources[1:]:
                total = total + part.numpy()
            np.testing.assert_allclose(step.upstream.numpy(), total, rtol=1e-6, atol=1e-7)
        for part in step.parts:  # upstream × local multiplies out to the product passed on
            if part.local is not None:
                product = step.upstream.numpy() * part.local.numpy()
                if part.summed:
                    lead = product.ndim - part.product.ndim
                    product = product.sum(axis=tuple(range(lead)))
                    axes = tuple(i for i, n in enumerate(part.product.shape) if n == 1 and product.shape[i] != 1)
                    product = product.sum(axis=axes, keepdims=True)
                np.testing.assert_allclose(product, part.product.numpy(), rtol=1e-6, atol=1e-7)
    leaves = {step.node.short: step.upstream for step in walk if step.is_leaf}
    for name, want in zip(wrt, expected):
        got = leaves[name].numpy()
        assert got.dtype == want.numpy().dtype and got.tobytes() == want.numpy().tobytes()
    return walk


@pytest.mark.parametrize("code,output,wrt", [
    (SEED, "out", ["a"]),
    (MLP, "loss", ["w1", "b1", "w2", "b2"]),
    (MLP.replace("Float", "Double"), "loss", ["w1", "b2"]),
    (LESSON_04, "l", ["ps0"]),
    ("x <- makeIndependent (asTensor ([0.5, 2.0, -1.0] :: [Float]))\n"
     "let y = sumAll (Torch.exp (toDependent x) / (toDependent x * toDependent x + 1) - Torch.sin (toDependent x))",
     "y", ["x"]),
])
def test_steps_multiply_out_and_leaves_equal_grad(code, output, wrt):
    walk = check_walk(session(code), output, wrt)
    assert [step.number for step in walk] == list(range(1, len(walk) + 1))


def test_a_node_used_twice_shows_the_sum():
    s = session(SEED + "\nlet g = sumAll (c * toDependent a) - out")
    walk = check_walk(s, "g", ["a"])
    [text] = [o.text for o in s.run(":backprop g [a]").outputs]
    assert ("   upstream  [[1.0000, 1.0000], [1.0000, 1.0000]] (from #3) + [[-0.2500, -0.2500], [-0.2500, -0.2500]] "
            "(from #11) = [[0.7500, 0.7500], [0.7500, 0.7500]]") in text.split("\n")
    assert ("   gradient  [[27.0000, 27.0000], [27.0000, 27.0000]] (from #3) + [[13.5000, 13.5000], [13.5000, 13.5000]]"
            " (from #6) = [[40.5000, 40.5000], [40.5000, 40.5000]]") in text.split("\n")
    assert sum(len(step.sources) == 2 for step in walk) == 2


def test_backprop_forms_and_errors():
    s = session(SEED)
    full = s.run(":backprop out [a]").outputs[0].text
    assert s.run(":backprop out wrt [a]").outputs[0].text == full
    assert s.run(":backprop out").outputs[0].text == full  # every independent leaf of the graph
    assert s.run(":backprop mean (b * b * 3) [a]").outputs[0].text.split("\n")[1] == "1. #1 mean  (the last op of mean: div)"
    error = s.run(":backprop c [a]").error
    assert (error.kind, error.col) == ("autograd", 11) and "single value" in error.message
    assert s.run(":backprop out [b]").error.kind == "type"
    assert s.run(":backprop").error.kind == "parse"
    s.run("q <- makeIndependent (ones' [3])")
    lines = s.run(":backprop out [q]").outputs[0].text.split("\n")
    assert lines == ["Backward pass of out with respect to [q], from the output back to the leaves (0 steps):",
                     "out does not depend on q: every gradient is zero"]
    assert s.run("out").ok


# What JupyterLab's HTML sanitizer keeps in an output it does not trust (packages/apputils/src/sanitizer.ts):
# these tags, the attributes `class`/`style`/`title` anywhere plus the ones listed per tag, and inline styles
# with these properties. No <script>, no <style> blocks, no inline <svg>, and <input> is forced disabled.
SANITIZER_TAGS = {"div": set(), "details": {"open"}, "summary": set(), "img": {"alt", "src", "width", "height"},
                  "pre": set()}
SANITIZER_STYLES = {"background", "color", "padding", "border", "border-radius", "font-family", "font-size",
                    "max-width", "overflow-x", "cursor", "font-weight", "margin", "margin-bottom", "white-space",
                    "opacity"}


def test_the_stepper_uses_only_what_jupyterlab_keeps_in_untrusted_outputs():
    from html.parser import HTMLParser

    s = session(SEED)
    page = s.run(":backprop out [a]").outputs[0].value.html
    seen: list[tuple[str, dict]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            seen.append((tag, dict(attrs)))

    Collect().feed(page)
    assert {tag for tag, _ in seen} == set(SANITIZER_TAGS)
    for tag, attrs in seen:
        assert set(attrs) <= SANITIZER_TAGS[tag] | {"class", "style", "title"}, (tag, attrs)
        for declaration in filter(None, attrs.get("style", "").split(";")):
            assert declaration.split(":")[0].strip() in SANITIZER_STYLES, declaration
        if tag == "img":
            assert attrs["src"].startswith("data:image/svg+xml;base64,")
