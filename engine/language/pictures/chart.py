"""A Plot as a Unicode chart for terminals, pipes and `gradbook run`: one series is drawn in braille dots
(2 x 4 dots a character, so a loss curve keeps its shape), several series each in a character of its own
(`•`, `+`, `×`, ...) so they stay apart without colour; labelled y and x ticks, title, axis labels, legend.
"""
from __future__ import annotations

import numpy as np

MIN_WIDTH, MAX_WIDTH = 30, 240
GLYPHS = "•+×o*#@%"
# The bit of each of a braille character's eight dots, by (column, row) inside the character.
_BRAILLE_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
MAX_LINE_POINTS = 20_000  # beyond this many points a line is drawn as its points (same picture at this size)


def number(value: float) -> str:
    """A tick label: whole numbers as such, others with four significant digits."""
    if value == 0:
        return "0"
    if abs(value) < 1e6 and float(value).is_integer():
        return str(int(value))
    text = f"{value:.4g}"
    return text.replace("e-0", "e-").replace("e+0", "e").replace("e+", "e")


def _height(width: int) -> int:
    return max(6, min(16, width // 5))


def _finite(series, log_y: bool) -> tuple[np.ndarray, np.ndarray]:
    """(xs, ys) of one series, in drawing coordinates (log10 of y on a log scale); non-finite points (and
    points at or below 0 on a log scale) are NaN, so a line breaks around them."""
    xs = np.array(series.x_values(), dtype=np.float64)
    ys = np.array(series.ys, dtype=np.float64)
    if log_y:
        with np.errstate(divide="ignore", invalid="ignore"):
            ys = np.where(ys > 0, np.log10(np.where(ys > 0, ys, 1.0)), np.nan)
    bad = ~(np.isfinite(xs) & np.isfinite(ys))
    if bad.any():
        xs, ys = xs.copy(), ys.copy()
        xs[bad] = np.nan
        ys[bad] = np.nan
    return xs, ys


def _span(low: float, high: float) -> tuple[float, float]:
    if low < high:
        return low, high
    pad = abs(low) * 0.1 or 1.0
    return low - pad, high + pad


def _segments(px: np.ndarray, py: np.ndarray, connect: bool):
    """Pixel (x, y) pairs to set: each point, and with `connect` the straight steps between neighbours."""
    ok = ~(np.isnan(px) | np.isnan(py))
    xs, ys = np.rint(np.where(ok, px, 0)).astype(int), np.rint(np.where(ok, py, 0)).astype(int)
    if not connect or ok.sum() > MAX_LINE_POINTS:
        for x, y, good in zip(xs.tolist(), ys.tolist(), ok.tolist()):
            if good:
                yield x, y
        return
    previous = None
    for x, y, good in zip(xs.tolist(), ys.tolist(), ok.tolist()):
        if not good:
            previous = None
            continue
        if previous is None or previous == (x, y):
            yield x, y
        else:
            yield from _bresenham(previous[0], previous[1], x, y)
        previous = (x, y)


def _bresenham(x0: int, y0: int, x1: int, y1: int):
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    while True:
        yield x0, y0
        if x0 == x1 and y0 == y1:
            return
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy


def _canvas(spec, columns: int, rows: int, drawn, x_range, y_range) -> list[str]:
    """The plot area: `rows` strings of `columns` characters."""
    (x_low, x_high), (y_low, y_high) = x_range, y_range
    braille = len(drawn) == 1
    width, height = (columns * 2, rows * 4) if braille else (columns, rows)
    bits = np.zeros((rows, columns), dtype=np.int64)
    cells = [[" "] * columns for _ in range(rows)]
    for index, (series, xs, ys) in enumerate(drawn):
        px = (xs - x_low) / (x_high - x_low) * (width - 1)
        py = (y_high - ys) / (y_high - y_low) * (height - 1)
        points = _segments(px, py, series.kind == "line")
        if braille:
            for x, y in points:
                if series.kind == "line":
                    spots: tuple = ((x, y),)
                else:  # a point is 2 x 2 dots (one dot is hard to see), kept inside the area
                    x, y = min(x, width - 2), min(y, height - 2)
                    spots = ((x, y), (x + 1, y), (x, y + 1), (x + 1, y + 1))
                for sx, sy in spots:
                    if 0 <= sx < width and 0 <= sy < height:
                        bits[sy // 4, sx // 2] |= _BRAILLE_BITS[sx % 2][sy % 4]
        else:
            glyph = GLYPHS[index % len(GLYPHS)]
            for x, y in points:
                if 0 <= x < width and 0 <= y < height:
                    cells[y][x] = glyph
    if braille:
        return ["".join(chr(0x2800 + b) if b else " " for b in row.tolist()) for row in bits]
    return ["".join(row) for row in cells]


def _centred(text: str, width: int, indent: int) -> str:
    text = text[:width]
    return (" " * (indent + max(0, (width - len(text)) // 2)) + text).rstrip()


def render(spec, width: int) -> str:
    """The chart of `spec` in at most `width` columns (clamped to 30..240)."""
    width = max(MIN_WIDTH, min(MAX_WIDTH, int(width)))
    drawn = [(s, *_finite(s, spec.log_y)) for s in spec.series]
    all_x = np.concatenate([xs for _, xs, _ in drawn])
    all_y = np.concatenate([ys for _, _, ys in drawn])
    lines: list[str] = []
    if np.isnan(all_y).all():
        if spec.title:
            lines.append(spec.title)
        what = "positive finite values (the y axis is logarithmic)" if spec.log_y else "finite values"
        lines.append(f"(a plot with no {what} to draw)")
        return "\n".join(lines)
    x_range = _span(float(np.nanmin(all_x)), float(np.nanmax(all_x)))
    y_range = _span(float(np.nanmin(all_y)), float(np.nanmax(all_y)))
    rows = _height(width)
    middle = (rows - 1) // 2  # its label is the value at the row's centre (braille: between dots 2 and 3)
    y_at = {0: y_range[1], middle: y_range[1] - (y_range[1] - y_range[0]) * (middle * 4 + 1.5) / (rows * 4 - 1),
            rows - 1: y_range[0]}
    shown = {row: number(10 ** v if spec.log_y else v) for row, v in y_at.items()}
    margin = max(len(t) for t in shown.values())
    columns = width - margin - 2
    area = _canvas(spec, columns, rows, drawn, x_range, y_range)
    if spec.title:
        lines.append(_centred(spec.title, columns, margin + 2))
    if spec.ylabel:
        lines.append(spec.ylabel[:width])
    for row, text in enumerate(area):
        axis = "┤" if row in shown else "│"
        lines.append((f"{shown.get(row, ''):>{margin}} {axis}" + text).rstrip())
    low, high = x_range
    middle_x = (low + high) / 2
    if all(s.xs is None for s in spec.series):  # steps 0, 1, 2, ...: a whole step in the middle
        middle_x = float(int(middle_x))
    ticks = [0, round((middle_x - low) / (high - low) * (columns - 1)), columns - 1]
    rule = ["─"] * columns
    for t in ticks:
        rule[t] = "┬"
    lines.append(" " * margin + " └" + "".join(rule))
    labels = [number(low), number(middle_x), number(high)]
    under = [" "] * (columns + 1)
    places = [0, max(0, ticks[1] - len(labels[1]) // 2), max(0, columns - len(labels[2]))]
    for place, label in zip(places, labels):
        for i, ch in enumerate(label):
            if place + i < len(under):
                under[place + i] = ch
    lines.append((" " * (margin + 2) + "".join(under)).rstrip())
    if spec.xlabel:
        lines.append(_centred(spec.xlabel, columns, margin + 2))
    legend = _legend(spec)
    if legend:
        lines.append(" " * (margin + 2) + legend)
    return "\n".join(lines)


def _legend(spec) -> str:
    labelled = [(i, s) for i, s in enumerate(spec.series) if s.label]
    if not labelled:
        return ""
    if len(spec.series) == 1:
        series = spec.series[0]
        return ("⠤⠤ " if series.kind == "line" else "⣿ ") + series.label
    return "   ".join(f"{GLYPHS[i % len(GLYPHS)]} {s.label}" for i, s in labelled)
