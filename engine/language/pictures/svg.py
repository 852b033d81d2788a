"""The compute graph drawn as a self-contained SVG document: boxes with op, dtype, shape, requires_grad,
values and gradients, joined by arrows from each input to the node that uses it. No script, no fonts or
files fetched; an explicit light background keeps it readable in dark themes too."""
from __future__ import annotations

import hashlib
import html

from gradbook.engine.language.pictures.graph import Graph, Node
from gradbook.engine.language.pictures.layout import Box, Layout, layout

FONT_SIZE = 12
CHAR_WIDTH = 7.6  # a little over a monospace font's 0.6 em, so a label never outgrows its box
LINE_HEIGHT = 16
PAD_X = 9
PAD_Y = 6
FONT = "DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace"
INK = "#1f2328"
EDGE = "#57606a"
GRAD = "#b3261e"
CURRENT = "#7b2cbf"  # the node a backward step is at
STYLES = {  # kind -> (fill, stroke, stroke width, dash)
    "op": ("#eaf2ff", "#4a72c4", 1.2, ""),
    "leaf": ("#fff0e5", "#d9480f", 2.2, ""),
    "constant": ("#f4f4f4", "#8c8c8c", 1.2, "4 3"),
}
LEGEND = ("orange: a leaf that requires grad (makeIndependent)  ·  grey dashed: a constant  ·  "
          "arrows: input → the op that uses it")
LEGEND_GRAD = "  ·  grad: d output / d node"


def node_lines(node: Node) -> list[tuple[str, str, int]]:
    """The label lines of a box: (text, role, indent in characters); role is title, meta, value or grad."""
    flags = "independent · requires_grad" if node.independent else (
        "requires_grad" if node.requires_grad else "no grad")
    lines = [(node.title, "title", 0), (node.type_text, "meta", 0), (flags, "meta", 0)]
    for label, rows, role in (("value", node.value_rows(), "value"), ("grad", node.grad_rows(), "grad")):
        if rows is None:
            if role == "grad" and node.adjoint is not None:
                lines.append((f"grad: {node.adjoint.numel} elements", "grad", 0))
            continue
        lines.append((f"{label} {rows[0]}", role, 0))
        lines.extend((row, role, len(label) + 1) for row in rows[1:])
    return lines


def _box(lines: list[tuple[str, str, int]]) -> Box:
    width = max(len(text) + indent for text, _, indent in lines) * CHAR_WIDTH + 2 * PAD_X
    return Box(round(width, 1), len(lines) * LINE_HEIGHT + 2 * PAD_Y)


def draw(graph: Graph) -> tuple[str, Layout]:
    """The SVG text of `graph` and the layout it used."""
    prepared = prepare(graph)
    return render(graph, prepared), prepared[2]


def prepare(graph: Graph) -> tuple[list, list[Box], Layout]:
    """Labels, box sizes and layout; boxes are sized for every adjoint the graph holds, so pictures of
    the same graph at different steps of the backward pass keep every box in its place."""
    labels = [node_lines(node) for node in graph.nodes]
    boxes = [_box(lines) for lines in labels]
    edges = [(source - 1, target - 1, position) for source, target, position in graph.edges]
    return labels, boxes, layout(boxes, edges)


def render(graph: Graph, prepared: tuple[list, list[Box], Layout], shown: set[int] | None = None,
           current: int | None = None) -> str:
    """The SVG document; `shown` limits the gradients written to those nodes' (None: all), `current`
    marks the node a backward step is at and the edges to its inputs."""
    labels, boxes, placed = prepared
    legend = LEGEND + (LEGEND_GRAD if graph.wrt else "")
    legend_width = len(legend) * CHAR_WIDTH * 0.92 + 32
    width = max(placed.width, legend_width)
    height = placed.height + LINE_HEIGHT + 8
    uid = hashlib.sha1(f"{current}|{sorted(shown or ())}|".encode()
                       + "\n".join("|".join(t for t, _, _ in lines) for lines in labels).encode()).hexdigest()[:10]
    arrow = f"gb-arrow-{uid}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gb-graph" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.1f} {height:.1f}" font-family="{FONT}" font-size="{FONT_SIZE}">',
        f"<title>compute graph of {html.escape(graph.nodes[0].title)}</title>",
        f'<rect class="gb-background" x="0" y="0" width="{width:.1f}" height="{height:.1f}" rx="6" '
        f'fill="#ffffff"/>',
        f'<defs><marker id="{arrow}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
        f'markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{EDGE}"/></marker></defs>',
    ]
    for (source, target, position), route in zip(graph.edges, placed.routes):
        active = target == current
        colour, stroke = (CURRENT, 2.6) if active else (EDGE, 1.3)
        out.append(f'<path class="gb-edge" data-from="{source}" data-to="{target}" data-input="{position}" '
                   f'd="{_curve(route)}" fill="none" stroke="{colour}" stroke-width="{stroke}" '
                   f'marker-end="url(#{arrow})"/>')
    for node, lines, box, cx, cy in zip(graph.nodes, labels, boxes, placed.x, placed.y):
        fill, stroke, stroke_width, dash = STYLES[node.kind]
        if node.number == 1:
            stroke_width += 1.0  # the output
        if node.number == current:
            stroke, stroke_width = CURRENT, 3.5
        left, top = cx - box.width / 2, cy - box.height / 2
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<g class="gb-node gb-{node.kind}" data-node="{node.number}">')
        out.append(f"<title>{html.escape(node.title)}: {html.escape(node.type_text)}</title>")
        out.append(f'<rect x="{left:.1f}" y="{top:.1f}" width="{box.width:.1f}" height="{box.height:.1f}" rx="5" '
                   f'fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"{dashed}/>')
        for row, (text, role, indent) in enumerate(lines):
            if role == "grad" and shown is not None and node.number not in shown:
                continue  # (not known yet at this step; its room stays, so nothing moves)
            weight = ' font-weight="bold"' if role == "title" else ""
            colour = GRAD if role == "grad" else INK
            opacity = ' fill-opacity="0.75"' if role == "meta" else ""
            baseline = top + PAD_Y + row * LINE_HEIGHT + LINE_HEIGHT * 0.78
            out.append(f'<text class="gb-label gb-{role}" x="{left + PAD_X + indent * CHAR_WIDTH:.1f}" '
                       f'y="{baseline:.1f}" fill="{colour}"{opacity}{weight}>{html.escape(text)}</text>')
        out.append("</g>")
    out.append(f'<text class="gb-legend" x="16" y="{height - 10:.1f}" fill="{INK}" fill-opacity="0.7" '
               f'font-size="{FONT_SIZE - 1}">{html.escape(legend)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _curve(points: list[tuple[float, float]]) -> str:
    """A path through `points`, straight down where it runs through a layer and an S-curve between
    layers (vertical at both ends, so arrows meet the boxes head on)."""
    (x0, y0), rest = points[0], points[1:]
    parts = [f"M{x0:.1f},{y0:.1f}"]
    previous = (x0, y0)
    for x, y in rest:
        px, py = previous
        if abs(x - px) < 0.05:
            parts.append(f"L{x:.1f},{y:.1f}")
        else:
            middle = (py + y) / 2
            parts.append(f"C{px:.1f},{middle:.1f} {x:.1f},{middle:.1f} {x:.1f},{y:.1f}")
        previous = (x, y)
    return " ".join(parts)
