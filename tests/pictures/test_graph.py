"""`:graph` through the Session: one node per tensor, shared nodes marked, values and adjoints (equal to
`grad`'s results bit for bit), errors placed in the command line; and the layered layout's properties."""
from __future__ import annotations

import random
import re

import numpy as np
import pytest

from gradbook.engine.language.pictures import graph as G
from gradbook.engine.language.pictures.layout import Box, count_crossings, layout, spaced_fit
from gradbook.engine.language.results import Picture
from gradbook.engine.language.session import Session

from gb_picture_programs import LESSON_03, LESSON_04, MLP, SEED, session

def picture(s: Session, command: str):
    result = s.run(command)
    assert result.ok, result.error and result.error.rendered
    [out] = result.outputs
    assert out.kind == "picture" and isinstance(out.value, Picture)
    return out


def test_seed_graph_has_each_node_once_and_constants_with_values():
    s = session(SEED)
    out = picture(s, ":graph out")
    lines = out.text.split("\n")
    assert lines[0].split() == ["#1", "mean", "out", "Float", "[]", "requires_grad", "value", "27.0000"]
    assert sum(" add b " in line for line in lines) == 1 and "│     │  └─ (see #5 b)" in lines
    assert sum("leaf a" in line for line in lines) == 1 and "independent" in lines[5]
    constants = [line.split("value ")[1] for line in lines if "constant" in line]
    assert constants == ["2.0000", "3.0000", "4.0000"]
    assert out.value.svg.count('class="gb-node ') == 9 and out.value.svg.count('class="gb-edge"') == 9


def test_adjoints_on_every_node_and_leaf_gradients_equal_grad_bit_for_bit():
    s = session(SEED)
    out = picture(s, ":graph out wrt [a]")
    lines = out.text.split("\n")
    grads = [m.group(1) if (m := re.search(r"  grad (.+)$", line)) else None for line in lines]
    assert grads[:6] == ["1.0000", "0.2500", "[[0.2500, 0.2500], [0.2500, 0.2500]]",
                         "[[0.7500, 0.7500], [0.7500, 0.7500]]", "[[4.5000, 4.5000], [4.5000, 4.5000]]",
                         "[[4.5000, 4.5000], [4.5000, 4.5000]]"]
    assert grads[6:] == [None, None, None, None]  # (see #5) and the constants: no gradient
    # the value and grad columns line up
    assert len({line.index("value ") for line in lines if "value " in line}) == 1
    assert len({line.index("  grad ") for line in lines if "  grad " in line}) == 1


@pytest.mark.parametrize("code,output,wrt", [
    (SEED, "out", ["a"]),
    (MLP, "loss", ["w1", "b1", "w2", "b2"]),
    (MLP.replace("Float", "Double"), "loss", ["w2", "b1"]),
    ("x <- makeIndependent (asTensor ([1.5, -2.0, 0.25] :: [Float]))\nlet s = sumAll (toDependent x * toDependent x"
     " + exp (toDependent x) * toDependent x)", "s", ["x"]),
])
def test_leaf_adjoints_are_grads_results(code, output, wrt):
    s = session(code)
    graph = G.build(s.bindings[output], s.bindings)
    G.with_adjoints(graph, [s.bindings[name] for name in wrt], wrt)
    expected = s.run(f"grad {output} [{', '.join(wrt)}]").outputs[0].value
    for name, want in zip(wrt, expected):
        [node] = [n for n in graph.nodes if name in n.names]
        got = node.adjoint.numpy()
        assert got.dtype == want.numpy().dtype and got.tobytes() == want.numpy().tobytes()
    # every op node on the way to a wrt leaf has its adjoint, shaped as the node
    for node in graph.nodes:
        if node.adjoint is not None:
            assert node.adjoint.shape == node.tensor.shape


def test_adjoints_only_where_the_output_depends_on_the_chosen_leaves():
    s = session("p <- makeIndependent (ones' [2])\nq <- makeIndependent (ones' [2])\n"
                "let r = sumAll (toDependent p * 3) + sumAll (toDependent q)")
    graph = G.build(s.bindings["r"], s.bindings)
    G.with_adjoints(graph, [s.bindings["p"]], ["p"])
    with_grad = {node.op for node in graph.nodes if node.adjoint is not None}
    assert {node.number for node in graph.nodes if node.adjoint is not None} == {1, 2, 3, 4}
    assert with_grad == {"add", "sum", "mul", "leaf"}


def test_graph_of_an_expression_and_errors_in_place():
    s = session(SEED)
    out = picture(s, ":graph sumAll (b * 2) wrt [a]")
    assert out.text.split("\n")[0].startswith("#1 sum ")
    error = s.run(":graph c wrt [a]").error
    assert (error.kind, error.col) == ("autograd", 8) and "single value" in error.message
    error = s.run(":graph out wrt a").error
    assert error.kind == "type" and "put it in a list" in error.message and error.col == 15
    error = s.run(":graph out wrt [nosuch]").error
    assert error.kind == "name" and error.col == 17
    assert s.run(":graph wrt [a]").error.kind == "parse"
    assert s.run("out").ok  # every binding kept


def test_a_graph_too_big_to_draw_is_text_only():
    s = session("x <- makeIndependent (ones' [1])\nlet y = foldLoop (toDependent x) 500 (\\acc i -> acc * 1.01)")
    [out] = s.run(":graph y").outputs
    assert out.kind == "info" and "not drawn" in out.text.split("\n")[-1]
    assert "(graph continues;" in out.text


# ------------------------------------------------------------------------------------ the layout

def random_dag(rng: random.Random, size: int, tree: bool) -> list[tuple[int, int, int]]:
    """Edges (input, consumer, position) of a graph rooted at node 0, each node consuming later ones."""
    edges = []
    inputs: dict[int, int] = {}
    for node in range(1, size):
        consumers = [rng.randrange(node)] if tree else rng.sample(range(node), k=min(node, rng.choice([1, 1, 2])))
        for consumer in consumers:
            edges.append((node, consumer, inputs.get(consumer, 0)))
            inputs[consumer] = inputs.get(consumer, 0) + 1
    return edges


def check_layout(boxes, edges, placed):
    for i in range(len(boxes)):  # no two boxes overlap
        for j in range(i + 1, len(boxes)):
            apart_x = abs(placed.x[i] - placed.x[j]) >= (boxes[i].width + boxes[j].width) / 2 - 1e-6
            apart_y = abs(placed.y[i] - placed.y[j]) >= (boxes[i].height + boxes[j].height) / 2 - 1e-6
            assert apart_x or apart_y, (i, j)
    for (source, target, _), route in zip(edges, placed.routes):  # every edge goes downward
        assert placed.y[source] < placed.y[target]
        assert all(p[1] <= q[1] for p, q in zip(route, route[1:]))
        assert route[0][1] == pytest.approx(placed.y[source] + boxes[source].height / 2)
        assert route[-1][1] == pytest.approx(placed.y[target] - boxes[target].height / 2)
    for i, box in enumerate(boxes):  # everything inside the picture
        assert placed.x[i] - box.width / 2 >= 0 and placed.x[i] + box.width / 2 <= placed.width
        assert placed.y[i] - box.height / 2 >= 0 and placed.y[i] + box.height / 2 <= placed.height


@pytest.mark.parametrize("seed", range(30))
def test_random_trees_are_drawn_without_crossings(seed):
    rng = random.Random(seed)
    size = rng.randrange(1, 60)
    edges = random_dag(rng, size, tree=True)
    boxes = [Box(rng.uniform(40, 220), rng.choice([38, 54, 86])) for _ in range(size)]
    placed = layout(boxes, edges)
    check_layout(boxes, edges, placed)
    assert placed.crossings == 0


@pytest.mark.parametrize("seed", range(20))
def test_random_dags_keep_boxes_apart_and_edges_downward(seed):
    rng = random.Random(100 + seed)
    size = rng.randrange(2, 120)
    edges = random_dag(rng, size, tree=False)
    boxes = [Box(rng.uniform(40, 220), 54) for _ in range(size)]
    check_layout(boxes, edges, layout(boxes, edges))


@pytest.mark.parametrize("code,output", [(SEED, "out"), (MLP, "loss"),
                                          (LESSON_03, "l"), (LESSON_04, "l")])
def test_the_lessons_graphs_have_no_crossings(code, output):
    from gradbook.engine.language.pictures.svg import draw

    s = session(code)
    graph = G.build(s.bindings[output], s.bindings)
    _, placed = draw(graph)
    assert placed.crossings == 0 and len(graph.nodes) >= 9
    # and the count is honest: swapping two inputs of a binary node of the seed makes crossings visible
    assert count_crossings([[1, 0], [2]], [(0, 2, 0), (1, 2, 1)], [0, 0, 1], [0, 0, 2]) == 1


def test_spaced_fit_is_the_closest_spaced_placement():
    assert spaced_fit([0.0, 0.0], [1.0, 1.0], [10.0]) == [-5.0, 5.0]
    assert spaced_fit([0.0, 50.0, 51.0], [1.0, 1.0, 1.0], [10.0, 10.0]) == [0.0, 45.5, 55.5]
    rng = np.random.default_rng(0)
    for _ in range(50):
        targets = rng.normal(size=6) * 30
        gaps = rng.uniform(5, 20, size=5)
        fitted = spaced_fit(list(targets), [1.0] * 6, list(gaps))
        assert all(b - a >= g - 1e-9 for a, b, g in zip(fitted, fitted[1:], gaps))


def test_the_picture_commands_are_documented():
    s = Session()
    graph_doc = s.run(":doc :graph").outputs[0].text.split("\n")
    assert graph_doc[0] == ":graph EXPR  |  :graph EXPR wrt [a, b]" and "PyTorch: torchviz" in graph_doc[-1]
    assert s.run(":doc :backprop").outputs[0].text.startswith(":backprop EXPR [a, b]")
    assert s.run(":doc :br").outputs[0].text.startswith(":browse")
    lines = s.run(":help").outputs[0].text.split("\n")
    assert any(line.startswith("  :graph EXPR [wrt [a]] ") for line in lines)
    assert any(line.startswith("  :backprop EXPR [a] ") for line in lines)
