"""`:backprop`: the backward pass one node at a time, in the order the engine walks it (reverse
topological): each node's upstream gradient (summed where it is used more than once), and for each input
the derivative rule written out, the local derivative's numbers and the product passed on. As text (a
numbered list) and as HTML that shows one step after another without any script."""
from __future__ import annotations

import base64
import html

import numpy as np
from dataclasses import dataclass, field
from typing import Any

from gradbook.engine.language.pictures.graph import Graph, Node, with_adjoints
from gradbook.engine.language.pictures.rules import POINTWISE, rule_text
from gradbook.engine.tensors.tensor import Tensor

MAX_STEP_PICTURES = 40  # past this many steps, only the text of each step (the pictures would be megabytes)


@dataclass
class Part:
    """What a step passes to one input: rule, local derivative (pointwise rules), product."""

    to: Node
    rule: str
    local: Tensor | None
    product: Tensor
    summed: bool  # the product was summed back over broadcast dims to the input's shape


@dataclass
class Step:
    number: int
    node: Node
    upstream: Tensor
    sources: list[tuple[Node, Tensor]]  # the contributions summed into `upstream`, in the walk's order
    parts: list[Part] = field(default_factory=list)  # empty for a leaf: its gradient is the result

    @property
    def is_leaf(self) -> bool:
        return self.node.kind == "leaf"


def steps(graph: Graph, wrt: list, wrt_names: list[str]) -> list[Step]:
    """Run the backward pass (writing every node's adjoint on `graph`) and explain it step by step."""
    from gradbook.engine.tensors.tensor import GradMode

    trace = with_adjoints(graph, wrt, wrt_names)
    by_tensor = {node.tensor: node for node in graph.nodes}
    on_path = {node.number for node in graph.nodes if node.adjoint is not None}
    arrived: dict[int, list[tuple[Node, Tensor]]] = {}
    result: list[Step] = []
    saved = GradMode.record
    GradMode.record = False
    try:
        for tensor, g, sent in trace:
            node = by_tensor[tensor]
            if node.number not in on_path:
                continue
            step = Step(len(result) + 1, node, g, arrived.get(node.number, []))
            names = [by_tensor[x].short for x in tensor.inputs]
            for position, x, gx in sent:
                target = by_tensor[x]
                if target.number not in on_path:
                    continue
                arrived.setdefault(target.number, []).append((node, gx))
                params = dict(tensor._params or {})
                if tensor._prim.name == "binary_cross_entropy":
                    params["n"] = tensor.inputs[0].numel
                rule = rule_text(tensor._prim.name, position, names, node.short, params)
                local = _local(tensor, position, g)
                summed = local is not None and np.broadcast_shapes(g.shape, local.shape) != gx.shape
                step.parts.append(Part(target, rule, local, gx, summed))
            result.append(step)
        for node in graph.nodes:
            if node.kind == "leaf" and node.adjoint is not None:
                result.append(Step(len(result) + 1, node, node.adjoint, arrived.get(node.number, [])))
    finally:
        GradMode.record = saved
    return result


def _local(tensor: Tensor, position: int, g: Tensor) -> Tensor | None:
    """The local derivative d tensor / d input as numbers, for rules that have one per element: the
    row's own rule applied to an upstream gradient of ones."""
    from gradbook.engine.tensors.tensor import make

    prim = tensor._prim
    scalar_reduction = prim.name in ("sum", "max_all", "min_all") and tensor.numel == 1
    if prim.name not in POINTWISE and not scalar_reduction:
        return None
    ones = make(np.ones(g.shape, g._data.dtype))
    params = tensor._params or {}
    local = prim.vjp(ones, tensor, *tensor.inputs, **params)[position]
    return local


# ------------------------------------------------------------------------------------------- text

def numbers(t: Tensor) -> str:
    """A tensor's values on one line, or its size when it has more than a node shows."""
    from gradbook.engine.language.pictures.graph import value_rows

    rows = value_rows(t)
    return "".join(rows) if rows is not None else f"({t.dtype.name} [{','.join(map(str, t.shape))}], {t.numel} elements)"


def step_output_name(text: str) -> str | None:
    """`text` when it is a plain name (`out`, `loss'`), so steps can say `grad out [a]`."""
    import re

    return text if re.fullmatch(r"[A-Za-z_][\w']*", text) else None


def _sum_text(sources: list[tuple[Node, Tensor]], total: Tensor, output: str) -> str:
    if len(sources) <= 1:
        origin = f"  (from #{sources[0][0].number})" if sources else f"  (d {output}/d {output})"
        return numbers(total) + origin
    terms = " + ".join(f"{numbers(part)} (from #{node.number})" for node, part in sources)
    return f"{terms} = {numbers(total)}"


def step_lines(step: Step, output: str) -> list[str]:
    """One step of the walk, as the terminal shows it (the first line numbered)."""
    node = step.node
    head = f"{step.number}. {node.title}"
    if step.is_leaf:
        said = f"grad {output} [{node.short}]" if output == step_output_name(output) else f"what grad gives for {node.short}"
        return [head, f"   gradient  {_sum_text(step.sources, step.upstream, output)}", f"   = {said}"]
    op = f"  (the last op of {node.op}: {node.prim})" if node.prim != node.op else ""
    lines = [head + op, f"   upstream  {_sum_text(step.sources, step.upstream, output)}"]
    for part in step.parts:
        lines.append(f"   to {part.to.title}:  {part.rule}")
        if part.local is not None:
            lines.append(f"      local    {numbers(part.local)}")
            summed = f", summed to [{','.join(map(str, part.to.tensor.shape))}]" if part.summed else ""
            lines.append(f"      product  {numbers(step.upstream)} × {numbers(part.local)}{summed} = "
                         f"{numbers(part.product)}")
        else:
            lines.append(f"      g = {numbers(step.upstream)}  →  {numbers(part.product)}")
    return lines


def text(graph: Graph, walk: list[Step], output: str) -> str:
    wrt = ", ".join(graph.wrt)
    lines = [f"Backward pass of {output} with respect to [{wrt}], from the output back to the leaves "
             f"({len(walk)} steps):"]
    for step in walk:
        lines.extend(step_lines(step, output))
    if not walk:
        lines.append(f"{output} does not depend on {wrt}: every gradient is zero")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------- HTML

_BOX = ("background:#ffffff;color:#1f2328;padding:8px 10px;border:1px solid #d0d7de;border-radius:6px;"
        "font-family:monospace;font-size:13px;max-width:100%;overflow-x:auto")
_SUMMARY = "cursor:pointer;font-weight:bold;color:#7b2cbf;margin:6px 0"


def page(graph: Graph, walk: list[Step], output: str) -> str:
    """The steps as nested <details>: open one to see the next. Nothing but elements and inline styles
    that Jupyter's HTML sanitizer keeps (no script, no <style>, no inline <svg>: each picture is an
    <img> of a data: URL), so it works the same in JupyterLab, Notebook 7 and exported HTML."""
    from gradbook.engine.language.pictures.svg import prepare, render

    prepared = prepare(graph) if len(walk) <= MAX_STEP_PICTURES else None
    done: set[int] = set()
    blocks = []
    for step in walk:
        done.add(step.node.number)
        body = ""
        if prepared is not None:
            svg = render(graph, prepared, shown=set(done), current=step.node.number)
            data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
            body += (f'<img class="gb-step-picture" alt="the graph at step {step.number}" '
                     f'src="data:image/svg+xml;base64,{data}" style="max-width:100%"/>')
        body += f'<pre class="gb-step" style="margin:4px 0;white-space:pre">{html.escape(chr(10).join(step_lines(step, output)))}</pre>'
        blocks.append((step, body))
    inner = ""
    for step, body in reversed(blocks):  # each step holds the next one, so they open one after another
        label = f"Step {step.number} of {len(walk)}: {step.node.title}"
        opened = " open" if step.number == 1 else ""
        inner = (f'<details class="gb-step-{step.number}"{opened}><summary style="{_SUMMARY}">'
                 f"{html.escape(label)}</summary>{body}{inner}</details>")
    head = html.escape(text(graph, walk, output).split("\n")[0])
    hint = "Open the next step at the bottom of each one; close a step to go back."
    return (f'<div class="gb-backprop" style="{_BOX}"><div style="margin-bottom:4px">{head}</div>'
            f'<div style="opacity:0.7;margin-bottom:4px">{hint}</div>{inner}</div>')
