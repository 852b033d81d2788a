"""Rich displays of shown values for Jupyter: an HTML grid with dtype, shape and a `requires_grad` badge,
and a LaTeX `bmatrix` for small 1-d and 2-d tensors. The Hasktorch text stays the `text/plain` truth;
these views only add to it, and never evaluate anything.
"""
from __future__ import annotations

import html
import itertools
import math
from typing import Any, Iterable

# A grid shows every element up to these sizes; beyond them it shows the corners and a summary line.
MAX_FULL_LAST_AXES = 16  # the two innermost axes (rows and columns)
MAX_FULL_LEADING_AXES = 6  # each outer axis of a 3-d or higher tensor
EDGE_ITEMS = 4  # elements kept at each end of a summarised inner axis
EDGE_SLICES = 2  # slices kept at each end of a summarised outer axis
MAX_FULL_ELEMENTS = 512
MAX_LIST_ITEMS = 8  # a list of tensors shows this many, then "N more"
MAX_LATEX_SIDE = 10  # text/latex only for 1-d and 2-d tensors no longer than this on every axis

_GAP = None  # marks the elided middle of a summarised axis

_FONT = "font-family: var(--jp-code-font-family, SFMono-Regular, Menlo, Consolas, monospace)"
# Inline styles (front ends and code-hosting sites drop <style> blocks), kept short: they repeat per cell.
_CELL = "padding:1px 6px;text-align:right;border:1px solid #8886"
_GAP_CELL = "padding:1px 6px;text-align:center;border:1px solid #8886;opacity:.6"
_BADGE_ON = (
    "display: inline-block; padding: 0 6px; border-radius: 8px; background: #d9480f; color: #ffffff;"
    " font-weight: 600"
)
_BADGE_OFF = (
    "display: inline-block; padding: 0 6px; border-radius: 8px; border: 1px solid rgba(128,128,128,0.6);"
    " opacity: 0.75"
)


# ---------------------------------------------------------------- what a value is

def _is_tensor(value: Any) -> bool:
    return all(hasattr(value, name) for name in ("shape", "dtype", "numpy", "requires_grad"))


def _is_independent(value: Any) -> bool:
    return type(value).__name__ == "IndependentTensor" and _is_tensor(getattr(value, "tensor", None))


def _has_tensor(value: Any) -> bool:
    """True for tensors and for lists/tuples holding a tensor at any depth, e.g. `grad`'s result."""
    if _is_tensor(value) or _is_independent(value):
        return True
    if isinstance(value, (list, tuple)):
        return any(_has_tensor(item) for item in value)
    return False


def grad_fn_name(tensor: Any) -> str | None:
    """The name of the operation that made `tensor` (the engine records it as a string), or None."""
    fn = getattr(tensor, "grad_fn", None)
    return None if fn is None else str(fn)


def _dtype_name(tensor: Any) -> str:
    dtype = tensor.dtype
    return str(getattr(dtype, "name", dtype))


def _shape_text(tensor: Any) -> str:
    return "[" + ",".join(str(int(n)) for n in tensor.shape) + "]"


# ---------------------------------------------------------------- numbers

def format_element(x: Any, dtype_name: str) -> str:
    """One element as the grid shows it: like Hasktorch's text (4 decimals, or `d.dddde<exp>` outside
    [0.1, 1e7)), without the padding that only serves column alignment in plain text."""
    if dtype_name in ("Int64", "Bool") or isinstance(x, (bool, int)):
        return str(int(x))
    from gradbook.engine.language.display import show_gfloat4  # GHC's rounding, so grid and text always agree

    return show_gfloat4(float(x))


def _latex_element(x: Any, dtype_name: str) -> str:
    text = format_element(x, dtype_name)
    if "e" in text and not text.endswith("Infinity"):
        mantissa, exponent = text.split("e")
        return f"{mantissa} \\times 10^{{{exponent}}}"
    return {"NaN": r"\mathrm{NaN}", "Infinity": r"\infty", "-Infinity": r"-\infty"}.get(text, text)


# ---------------------------------------------------------------- HTML

def _axis_indices(size: int, limit: int, edge: int) -> list[int | None]:
    if size <= limit:
        return list(range(size))
    return list(range(edge)) + [_GAP] + list(range(size - edge, size))


def _summarised(shape: tuple[int, ...]) -> bool:
    numel = math.prod(shape)
    if numel > MAX_FULL_ELEMENTS:
        return True
    inner = shape[-2:]
    outer = shape[:-2]
    return any(n > MAX_FULL_LAST_AXES for n in inner) or any(n > MAX_FULL_LEADING_AXES for n in outer)


def _grid_2d(array: Any, rows: list[int | None], cols: list[int | None], dtype_name: str) -> str:
    """A table of array[rows][cols] (array is 2-d), with a gap cell where an axis was elided."""
    out = [f'<table class="gb-grid" style="border-collapse: collapse; margin: 2px 0; {_FONT}">']
    for r in rows:
        out.append("<tr>")
        for c in cols:
            if r is _GAP or c is _GAP:
                symbol = "&#8943;" if r is not _GAP else ("&#8942;" if c is not _GAP else "&#8945;")
                out.append(f'<td style="{_GAP_CELL}">{symbol}</td>')
            else:
                text = html.escape(format_element(array[r, c], dtype_name))
                out.append(f'<td style="{_CELL}">{text}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _grids(array: Any, dtype_name: str) -> str:
    """Every 2-d slice of `array` as a grid; 0-d and 1-d arrays become a single row."""
    shape = tuple(array.shape)
    if len(shape) == 0:
        return _grid_2d(array.reshape(1, 1), [0], [0], dtype_name)
    if len(shape) == 1:
        cols = _axis_indices(shape[0], MAX_FULL_LAST_AXES, EDGE_ITEMS)
        if not cols:
            return '<div class="gb-empty" style="opacity: 0.7">(no elements)</div>'
        return _grid_2d(array.reshape(1, -1), [0], cols, dtype_name)
    if 0 in shape:
        return '<div class="gb-empty" style="opacity: 0.7">(no elements)</div>'
    rows = _axis_indices(shape[-2], MAX_FULL_LAST_AXES, EDGE_ITEMS)
    cols = _axis_indices(shape[-1], MAX_FULL_LAST_AXES, EDGE_ITEMS)
    if len(shape) == 2:
        return _grid_2d(array, rows, cols, dtype_name)
    leading = [_axis_indices(n, MAX_FULL_LEADING_AXES, EDGE_SLICES) for n in shape[:-2]]
    parts = []
    for index in itertools.product(*leading):
        if any(i is _GAP for i in index):
            # one marker per elided run is enough: skip the rest of the combinations through the gap
            if parts and parts[-1].startswith('<div class="gb-gap"'):
                continue
            parts.append('<div class="gb-gap" style="opacity: 0.6; padding-left: 1em">&#8942;</div>')
            continue
        label = "[" + ", ".join(str(i) for i in index) + ", :, :]"
        parts.append(
            f'<div class="gb-slice"><div style="opacity: 0.7; {_FONT}">{html.escape(label)}</div>'
            + _grid_2d(array[index], rows, cols, dtype_name)
            + "</div>"
        )
    return "".join(parts)


def _origin(tensor: Any, independent: bool) -> str | None:
    """Where a differentiable tensor comes from, in the words of the REPL's annotation line."""
    if independent:
        return "independent"
    if getattr(tensor, "is_leaf_independent", False):
        return "leaf"
    name = grad_fn_name(tensor)
    return f"grad_fn={name}" if name else None


def _badge(requires_grad: bool, origin: str | None) -> str:
    if not requires_grad:  # an op name on a plain tensor (e.g. a gradient) would only mislead
        return f'<span class="gb-badge gb-no-grad" style="{_BADGE_OFF}">requires_grad=False</span>'
    badge = f'<span class="gb-badge gb-requires-grad" style="{_BADGE_ON}">requires_grad</span>'
    if origin:
        badge += f' <span class="gb-grad-fn" style="opacity: 0.7">{html.escape(origin)}</span>'
    return badge


def _summary_line(array: Any, dtype_name: str) -> str:
    if array.size == 0:
        return ""
    if dtype_name == "Bool":
        text = f"{int(array.sum())} of {array.size} true"
    else:
        # in the array's own dtype (a float64 copy of a large tensor would double its memory for three numbers)
        text = (
            f"min {format_element(float(array.min()), 'Double')} · max {format_element(float(array.max()), 'Double')}"
            f" · mean {format_element(float(array.mean(dtype='float64')), 'Double')}"
        )
    return (
        f'<div class="gb-summary" style="opacity: 0.75">{array.size} elements, summarised: '
        f"{html.escape(text)} (the text view shows them all after <code>:set summarise off</code>)</div>"
    )


def tensor_html(value: Any, annotate: bool = True) -> str:
    """One Tensor or IndependentTensor: a header (kind, dtype, shape, and unless `:set annotations off`,
    the requires_grad badge) over its grid."""
    independent = _is_independent(value)
    tensor = value.tensor if independent else value
    dtype_name = _dtype_name(tensor)
    array = tensor.numpy()
    shape = tuple(int(n) for n in tensor.shape)
    requires_grad = bool(tensor.requires_grad) or independent
    kind = "IndependentTensor" if independent else "Tensor"
    header = (
        f'<div class="gb-header" style="{_FONT}; margin-bottom: 2px">'
        f'<span class="gb-kind" style="font-weight: 600">{kind}</span> '
        f'<span class="gb-dtype">{html.escape(dtype_name)}</span> '
        f'<span class="gb-shape">{html.escape(_shape_text(tensor))}</span> '
        f"{_badge(requires_grad, _origin(tensor, independent)) if annotate else ''}</div>"
    )
    summary = _summary_line(array, dtype_name) if _summarised(shape) else ""
    return f'<div class="gb-tensor" style="margin: 2px 0 6px 0">{header}{_grids(array, dtype_name)}{summary}</div>'


def _leaf_html(value: Any) -> str:
    """A non-tensor inside a list or tuple (a Bool, a number): its GHCi text."""
    from gradbook.engine.language.display import show

    return f'<div style="{_FONT}">{html.escape(show(value))}</div>'


def _container_html(items: Iterable[Any], count: int, open_: str, close: str, annotate: bool) -> str:
    shown = []
    for i, item in enumerate(items):
        if i == MAX_LIST_ITEMS:
            shown.append(f'<div style="opacity: 0.7">&#8230; {count - MAX_LIST_ITEMS} more</div>')
            break
        shown.append(value_html(item, annotate) or _leaf_html(item))
    bracket = f'<span style="{_FONT}; opacity: 0.7">'
    return (
        f'<div class="gb-list">{bracket}{open_}</span>'
        f'<div style="padding-left: 1em">{"".join(shown)}</div>{bracket}{close}</span></div>'
    )


def value_html(value: Any, annotate: bool = True) -> str | None:
    """text/html for a shown value, or None when the plain text says it all (numbers, Bools, strings)."""
    if not _has_tensor(value):
        return None
    if _is_tensor(value) or _is_independent(value):
        return tensor_html(value, annotate)
    if isinstance(value, list):
        return _container_html(value, len(value), "[", "]", annotate)
    return _container_html(value, len(value), "(", ")", annotate)


# ---------------------------------------------------------------- LaTeX

def value_latex(value: Any) -> str | None:
    """text/latex (`bmatrix`) for a small 1-d or 2-d tensor; None for anything else."""
    tensor = value.tensor if _is_independent(value) else value
    if not _is_tensor(tensor):
        return None
    shape = tuple(int(n) for n in tensor.shape)
    if len(shape) not in (1, 2) or 0 in shape or any(n > MAX_LATEX_SIDE for n in shape):
        return None
    dtype_name = _dtype_name(tensor)
    array = tensor.numpy()
    if len(shape) == 1:
        array = array.reshape(1, -1)
    rows = [" & ".join(_latex_element(x, dtype_name) for x in row) for row in array]
    return "$$\\begin{bmatrix} " + " \\\\ ".join(rows) + " \\end{bmatrix}$$"


def mime_bundle(text: str, value: Any, annotate: bool = True) -> dict[str, str]:
    """Every representation of one shown value, `text/plain` (the exact Hasktorch text) first; a drawing
    (a plot) is sent as its picture (`image/svg+xml`), its text chart the plain fallback, as `:graph` is."""
    bundle = {"text/plain": text}
    from gradbook.engine.language.values import Drawing  # (the engine is loaded once a value is shown)

    if isinstance(value, Drawing):
        return picture_bundle(text, value.picture())
    rich_html = value_html(value, annotate)
    if rich_html is not None:
        bundle["text/html"] = rich_html
    latex = value_latex(value)
    if latex is not None:
        bundle["text/latex"] = latex
    return bundle


def picture_bundle(text: str, picture: Any) -> dict[str, str]:
    """A `:graph`/`:backprop` picture: its SVG, and HTML (the picture's own, else the SVG as an <img>),
    with the text as `text/plain`. The HTML is what JupyterLab shows in a notebook it does not trust
    (it sanitizes HTML but refuses image/svg+xml there), and what nbconvert puts in exported pages."""
    import base64

    page = picture.html
    if page is None:
        data = base64.b64encode(picture.svg.encode("utf-8")).decode("ascii")
        page = f'<img class="gb-picture" alt="{html.escape(picture.name)}" src="data:image/svg+xml;base64,{data}"/>'
    return {"text/plain": text, "image/svg+xml": picture.svg, "text/html": page}
