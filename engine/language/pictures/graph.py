"""The compute graph behind a tensor as a DAG for pictures: each node once (numbered in the order a
depth-first walk from the output meets them), one edge per use, with op, dtype, shape, requires_grad,
small values and, after `with_adjoints`, the gradient of the output with respect to every node."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gradbook.engine.language.display import show_gfloat4, show_shape
from gradbook.engine.tensors.tensor import IndependentTensor, Tensor

MAX_VALUE_ELEMENTS = 8  # a node shows its values up to this many elements


@dataclass
class Node:
    """One tensor of the graph. `kind` is "op" (computed, recorded), "leaf" (requires grad, made by
    makeIndependent when `independent`) or "constant" (requires no grad; its values are shown)."""

    number: int
    tensor: Tensor
    kind: str
    op: str  # what the user wrote (`mean`, `relu`, ...), "leaf" or "constant"
    prim: str | None  # the primitive that computed it (`div` under `mean`), for its derivative rule
    names: list[str]
    inputs: list[int] = field(default_factory=list)  # node numbers, one per input position
    adjoint: Tensor | None = None  # d output / d this node, once the backward pass has run

    @property
    def independent(self) -> bool:
        return bool(self.tensor.is_leaf_independent)

    @property
    def requires_grad(self) -> bool:
        return bool(self.tensor.requires_grad)

    @property
    def type_text(self) -> str:
        return f"{self.tensor.dtype.name} {show_shape(self.tensor.shape)}"

    @property
    def title(self) -> str:
        """`#3 add b`: number, op and the names bound to it."""
        return " ".join([f"#{self.number}", self.op, ", ".join(self.names[:3])]).rstrip()

    @property
    def short(self) -> str:
        """How rules refer to it: its first name, a scalar constant's value, else `#3`."""
        if self.names:
            return self.names[0]
        if self.kind == "constant" and self.tensor.numel == 1:
            value = self.tensor.item()
            return str(value) if isinstance(value, (bool, int)) else f"{value:g}"  # `4`, `0.05` in rules
        return f"#{self.number}"

    def value_rows(self) -> list[str] | None:
        return value_rows(self.tensor)

    def grad_rows(self) -> list[str] | None:
        return None if self.adjoint is None else value_rows(self.adjoint)


@dataclass
class Graph:
    nodes: list[Node]  # nodes[0] is the output, #1
    edges: list[tuple[int, int, int]]  # (input node number, consumer node number, input position)
    wrt: list[str] = field(default_factory=list)  # the names `:graph ... wrt [..]` differentiated for

    def node(self, number: int) -> Node:
        return self.nodes[number - 1]


def number_text(x: Any) -> str:
    """One element as the tensor display shows it (GHC's `showGFloat (Just 4)`), ints and Bools plainly."""
    if isinstance(x, bool):
        return "True" if x else "False"
    if isinstance(x, int):
        return str(x)
    return show_gfloat4(float(x))


def value_rows(tensor: Tensor) -> list[str] | None:
    """A small tensor's values as text rows (one per row of a 2-d tensor), or None past the limit."""
    if tensor.numel > MAX_VALUE_ELEMENTS:
        return None
    data = tensor.numpy()
    if data.ndim == 0:
        return [number_text(data.item())]

    def nest(array: Any) -> str:
        if array.ndim == 1:
            return "[" + ", ".join(number_text(x) for x in array.tolist()) + "]"
        return "[" + ", ".join(nest(row) for row in array) + "]"

    if data.ndim == 2 and data.shape[0] > 1:
        rows = [nest(row) for row in data]
        return ["[" + rows[0] + ","] + [" " + row + "," for row in rows[1:-1]] + [" " + rows[-1] + "]"]
    return [nest(data)]


def _tensor_names(bindings: Any) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for name, value in bindings.items():
        if name == "it":
            continue
        inner = value.tensor if isinstance(value, IndependentTensor) else value
        if isinstance(inner, Tensor):
            names.setdefault(id(inner), []).append(name)
    return names


def build(tensor: Tensor, bindings: Any = None) -> Graph:
    """The DAG under `tensor`, iteratively (a graph thousands of steps deep cannot exhaust the stack)."""
    names = _tensor_names(bindings or {})
    number: dict[Tensor, int] = {}
    nodes: list[Node] = []
    edges: list[tuple[int, int, int]] = []

    def visit(t: Tensor) -> int:
        if t in number:
            return number[t]
        inputs = tuple(t.inputs or ()) if t.requires_grad and t._prim is not None else ()
        if inputs:
            kind, op = "op", str(t.grad_fn)
        elif t.requires_grad:
            kind, op = "leaf", "leaf"
        else:
            kind, op = "constant", "constant"
        node = Node(len(nodes) + 1, t, kind, op, t._prim.name if inputs else None, names.get(id(t), []))
        nodes.append(node)
        number[t] = node.number
        stack.append((node, inputs, 0))
        return node.number

    stack: list[tuple[Node, tuple, int]] = []
    visit(tensor)
    while stack:
        node, inputs, position = stack.pop()
        if position == len(inputs):
            continue
        stack.append((node, inputs, position + 1))
        child = visit(inputs[position])
        node.inputs.append(child)
        edges.append((child, node.number, position))
    return Graph(nodes, edges)


def with_adjoints(graph: Graph, wrt: list[IndependentTensor], wrt_names: list[str]) -> list:
    """Run the backward pass from the graph's output and write each node's adjoint, on the nodes that
    depend on one of `wrt`; returns the backward trace (see engine.tensors.autograd.backward_trace)."""
    from gradbook.engine.tensors.autograd import backward_trace

    trace, leaves = backward_trace(graph.nodes[0].tensor)
    by_tensor = {node.tensor: node for node in graph.nodes}
    targets = {it.tensor for it in wrt}
    depends: set[int] = set()
    changed = True
    while changed:  # (inputs mostly come after their consumer in the numbering: backward, to a fixpoint)
        changed = False
        for node in reversed(graph.nodes):
            if node.number in depends:
                continue
            if node.tensor in targets or any(i in depends for i in node.inputs):
                depends.add(node.number)
                changed = True
    for tensor, g, _ in trace:
        node = by_tensor.get(tensor)
        if node is not None and node.number in depends:
            node.adjoint = g
    for tensor, g in leaves.items():
        node = by_tensor.get(tensor)
        if node is not None and node.number in depends:
            node.adjoint = g
    graph.wrt = list(wrt_names)
    return trace


# ------------------------------------------------------------------------------------ the text view

def text(graph: Graph, max_lines: int = 200) -> str:
    """The graph as an indented tree with a node met again marked `(see #3)`, and the type, flags,
    values and gradients in aligned columns."""
    rows: list[tuple[str, list[str]]] = []  # (tree part, the other columns)
    seen: set[int] = set()
    stack: list[tuple[int, str, str]] = [(1, "", "")]
    truncated = 0
    while stack:
        number, lead, child_lead = stack.pop()
        if len(rows) >= max_lines:
            truncated = len(stack) + 1
            break
        node = graph.node(number)
        if number in seen:
            rows.append((f"{lead}(see #{number}{' ' + node.names[0] if node.names else ''})", []))
            continue
        seen.add(number)
        rows.append((lead + node.title, _columns(node, bool(graph.wrt))))
        for index in range(len(node.inputs) - 1, -1, -1):
            last = index == len(node.inputs) - 1
            stack.append((node.inputs[index], child_lead + ("└─ " if last else "├─ "),
                          child_lead + ("   " if last else "│  ")))
    widths: list[int] = []
    for tree, columns in rows:
        for i, cell in enumerate([tree, *columns]):
            if i == len(widths):
                widths.append(0)
            widths[i] = max(widths[i], len(cell))
    lines = []
    for tree, columns in rows:
        cells = [tree, *columns]
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(cells)).rstrip())
    if truncated:
        lines.append(f"... (graph continues; {truncated} more branches not shown)")
    return "\n".join(lines)


def _columns(node: Node, with_grads: bool) -> list[str]:
    values = node.value_rows()
    columns = [node.type_text, "requires_grad" if node.requires_grad else "no grad",
               "independent" if node.independent else ""]
    columns.append(f"value {''.join(values)}" if values is not None else "")
    if with_grads:
        grads = node.grad_rows()
        if node.adjoint is None:
            columns.append("")
        else:
            columns.append(f"grad {''.join(grads)}" if grads is not None else "grad (" + str(node.adjoint.numel)
                           + " elements)")
    return columns
