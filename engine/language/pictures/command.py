"""`:graph EXPR [wrt [a, ...]]` and `:backprop EXPR [[a, ...]]`: evaluate the expression (a name or any
expression), build its graph, and answer with a picture output (SVG for front ends that show images, the
text tree or numbered steps for the terminal)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from gradbook.engine.language import syntax as S
from gradbook.engine.language.diagnostics import LangError
from gradbook.engine.language.results import Output, Picture, RunResult

@dataclass(frozen=True)
class CommandDoc:
    """The documentation of a picture command, in the fields `:doc` shows for builtins."""

    name: str
    signature: str
    summary: str
    example: str
    pytorch: str


COMMAND_DOCS = {doc.name[1:]: doc for doc in (
    CommandDoc(":graph", ":graph EXPR  |  :graph EXPR wrt [a, b]",
               "Draw the compute graph that made a tensor: each node once (a shared one with an arrow per use), "
               "with its op, dtype, shape, requires_grad and, up to 8 elements, its value; independent leaves in "
               "orange, constants dashed with their values. With `wrt`, the backward pass runs and every node "
               "shows the gradient of EXPR with respect to it; the leaves' equal `grad`'s. Jupyter shows a "
               "picture, the terminal a tree (`(see #3)` marks a node met again); `:set graph svg` also writes "
               "the picture to graph-N.svg in the current folder.",
               ":graph mean (b * b) wrt [a]",
               "torchviz.make_dot(out) (needs Graphviz); micrograd's draw_dot"),
    CommandDoc(":backprop", ":backprop EXPR [a, b]  |  :backprop EXPR",
               "Walk the backward pass of a single-value EXPR one node at a time, from the output back to the "
               "leaves: each node's upstream gradient (the sum of what reached it, where it is used twice), and "
               "for each input the derivative rule written out, its numbers and the product passed on. Without "
               "a list, every independent leaf of the graph. Jupyter shows the steps one after another, each "
               "with its picture.",
               ":backprop mean (b * b) [a]",
               "torch.autograd.grad with tensor hooks (register_hook) printing each gradient"),
)}
MAX_DRAWN_NODES = 400  # past this a picture is no longer readable: the text alone is given
_WRT = re.compile(r"(?<![\w'])wrt(?![\w'])")


def _span(src: S.Source, start: int, end: int | None = None) -> S.Span:
    return S.Span(src, 1, start + 1, 1, (len(src.text) if end is None else end) + 1)


def _tensor(session: Any, src: S.Source, start: int, end: int, command: str) -> Any:
    """The tensor the expression in src.text[start:end] evaluates to."""
    from gradbook.engine.language.commands import _tensor_of
    from gradbook.engine.language.evaluator import describe

    value = session.evaluate_expression(S.Source(src.name, src.text[:end], src.first_line), start)
    tensor = _tensor_of(value)
    if tensor is None:
        raise LangError("type", f"{command} shows how a tensor was computed; this is {describe(value)}",
                        _span(src, start, end))
    return tensor


def _wrt(session: Any, src: S.Source, start: int, command: str) -> list:
    """The list of independent tensors in src.text[start:], checked as `grad` checks its second argument."""
    from gradbook.engine.language.builtins.autograd import _independents
    from gradbook.engine.language.evaluator import placed
    from gradbook.engine.tensors.errors import GradbookError

    value = session.evaluate_expression(src, start)
    try:
        return _independents(command, value, 2)
    except GradbookError as error:
        raise placed(error, command, _span(src, start)) from None


def _checked_output(tensor: Any, src: S.Source, start: int, end: int, command: str) -> Any:
    from gradbook.engine.language.builtins.autograd import _output
    from gradbook.engine.language.evaluator import placed
    from gradbook.engine.tensors.errors import GradbookError

    try:
        return _output(command, tensor, 1)
    except GradbookError as error:
        raise placed(error, command, _span(src, start, end)) from None


def _names_of(session: Any, wrt: list) -> list[str]:
    names = []
    for it in wrt:
        found = [name for name, value in session.bindings.items() if value is it and name != "it"]
        names.append(found[0] if found else "?")
    return names


def graph_command(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    """`:graph EXPR` draws the graph; `:graph EXPR wrt [a]` also writes every node's adjoint on it."""
    from gradbook.engine.language.commands import _need_arg
    from gradbook.engine.language.pictures import graph as G

    _need_arg(arg, src, "a tensor's name or an expression, as in `:graph out` or `:graph out wrt [a]`")
    found = list(_WRT.finditer(src.text, start))
    end = found[-1].start() if found else len(src.text)
    end = start + len(src.text[start:end].rstrip())
    if found and not src.text[start:end].strip():
        raise LangError("parse", "`:graph ... wrt [a]` needs an expression before `wrt`", _span(src, start))
    tensor = _tensor(session, src, start, end, ":graph")
    graph = G.build(tensor, session.bindings)
    if found:
        wrt = _wrt(session, src, found[-1].end(), ":graph ... wrt")
        _checked_output(tensor, src, start, end, ":graph ... wrt")
        G.with_adjoints(graph, wrt, _names_of(session, wrt))
    result.outputs.append(_picture(graph, G.text(graph), "graph"))


def _picture(graph: Any, text: str, name: str, html: str | None = None) -> Output:
    if len(graph.nodes) > MAX_DRAWN_NODES:
        note = f"\n(not drawn: {len(graph.nodes)} nodes is more than a picture can show; the text is all of it)"
        return Output("info", text + note)
    from gradbook.engine.language.pictures.svg import draw

    svg, _ = draw(graph)
    return Output("picture", text, None, Picture(svg, html, name))


def _trailing_list(text: str, start: int) -> int | None:
    """Where a bracketed list that ends `text` begins (after some expression), or None."""
    end = len(text.rstrip())
    if end <= start or text[end - 1] != "]":
        return None
    depth = 0
    for index in range(end - 1, start - 1, -1):
        char = text[index]
        if char == "]":
            depth += 1
        elif char == "[":
            depth -= 1
            if depth == 0:
                return index if text[start:index].strip() else None
    return None


def backprop_command(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    """`:backprop EXPR [a, b]` (or `EXPR wrt [a]`; with no list, every independent leaf of the graph)."""
    from gradbook.engine.language.commands import _need_arg
    from gradbook.engine.language.pictures import backprop, graph as G
    from gradbook.engine.tensors.tensor import IndependentTensor

    _need_arg(arg, src, "an expression and the independent tensors, as in `:backprop out [a]`")
    found = list(_WRT.finditer(src.text, start))
    list_at = found[-1].end() if found else _trailing_list(src.text, start)
    end = found[-1].start() if found else (list_at if list_at is not None else len(src.text))
    end = start + len(src.text[start:end].rstrip())
    if end <= start:
        raise LangError("parse", "`:backprop` needs an expression before the list, as in `:backprop out [a]`",
                        _span(src, start))
    tensor = _tensor(session, src, start, end, ":backprop")
    tensor = _checked_output(tensor, src, start, end, ":backprop")
    graph = G.build(tensor, session.bindings)
    if list_at is not None:
        wrt = _wrt(session, src, list_at, ":backprop")
        names = _names_of(session, wrt)
    else:
        leaves = [node for node in graph.nodes if node.independent]
        wrt = [IndependentTensor(node.tensor) for node in leaves]
        names = [node.short for node in leaves]
    walk = backprop.steps(graph, wrt, names)
    output = src.text[start:end].strip()
    output = backprop.step_output_name(output) or "#1"
    text = backprop.text(graph, walk, output)
    html = backprop.page(graph, walk, output) if len(graph.nodes) <= MAX_DRAWN_NODES else None
    result.outputs.append(_picture(graph, text, "backprop", html))
