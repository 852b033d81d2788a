"""Plots as values of the language: `Series` (one labelled line or set of points), `PlotOption` (a title,
an axis label, a log scale) and `Plot` (series plus options), shown as a Unicode chart in a terminal
(chart.py) and as an SVG picture in Jupyter (plot_svg.py, which alone imports Matplotlib, on first use).

A series' data is a list of numbers, a list of one-element tensors (a training loop's losses) or a tensor
with at most one axis longer than 1. `plot ys` draws ys against 0, 1, 2, ...; a Plot or Series made from
ys alone can be applied to one more argument, so `plot xs ys` draws ys against xs, as Matplotlib's
`plot(y)` and `plot(x, y)` do.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Sequence

import numpy as np

from gradbook.engine.tensors.errors import ArgumentError, InvalidValueError
from gradbook.engine.tensors.tensor import IndependentTensor, Tensor
from gradbook.engine.language.values import Drawing, Function

DEFAULT_WIDTH = 80  # columns of the text chart where no terminal says otherwise (`gradbook run`, pipes)
MAX_POINTS = 1_000_000


def numbers(fn: str, value: Any, what: str) -> np.ndarray:
    """A series' data as a float64 vector: numbers, one-element tensors, or a tensor of one long axis."""
    if isinstance(value, IndependentTensor):
        value = value.tensor
    if isinstance(value, Tensor):
        shape = tuple(value.shape)
        if sum(1 for n in shape if n > 1) > 1:
            raise ArgumentError(f"{fn}: {what} must be a list of numbers or a 1-d tensor; got a tensor of shape "
                                f"[{','.join(map(str, shape))}]: pick a row or column first, e.g. with `select`")
        data = value.numpy().astype(np.float64).reshape(-1)
    elif isinstance(value, list):
        items = []
        for i, item in enumerate(value):
            if isinstance(item, IndependentTensor):
                item = item.tensor
            if isinstance(item, Tensor):
                if item.numel != 1:
                    raise ArgumentError(f"{fn}: element {i + 1} of {what} is a tensor of "
                                        f"{item.numel} elements; a plotted list holds numbers or one-element tensors")
                items.append(float(item.numpy().reshape(-1)[0]))
            elif isinstance(item, (int, float, np.integer, np.floating)) and not isinstance(item, (bool, np.bool_)):
                items.append(float(item))
            else:
                from gradbook.engine.language.builtins.args import describe

                raise ArgumentError(f"{fn}: element {i + 1} of {what} is {describe(item)}; a plotted list holds "
                                    "numbers or one-element tensors")
        data = np.array(items, dtype=np.float64)
    else:
        from gradbook.engine.language.builtins.args import describe

        raise ArgumentError(f"{fn} expects {what} as a list of numbers, a list of one-element tensors or a 1-d "
                            f"tensor; got {describe(value)}")
    if data.size == 0:
        raise InvalidValueError(f"{fn}: {what} is empty: there is nothing to plot")
    if data.size > MAX_POINTS:
        raise InvalidValueError(f"{fn}: {what} has {data.size} points, more than the {MAX_POINTS} a plot takes")
    return data


def _paired(fn: str, xs: np.ndarray, ys: np.ndarray) -> None:
    if xs.size != ys.size:
        raise InvalidValueError(f"{fn}: xs has {xs.size} values but ys has {ys.size}; they must pair up")


class Series(Function):
    """One series: `kind` is "line" or "points"; `xs` is None while it is drawn against 0, 1, 2, ...
    A series of ys alone is also a function: applied to ys it becomes the series of xs and ys."""

    arity = 1

    def __init__(self, name: str, kind: str, label: str, ys: np.ndarray, xs: np.ndarray | None = None) -> None:
        self.name = name
        self.kind = kind
        self.label = label
        self.ys = ys
        self.xs = xs

    def x_values(self) -> np.ndarray:
        return np.arange(self.ys.size, dtype=np.float64) if self.xs is None else self.xs

    def call(self, args: Sequence[Any]) -> "Series":
        """`line "a" xs ys`: the ys given first become the xs."""
        if self.xs is not None:
            raise ArgumentError(f"this series already has its xs and ys; `{self.name}` takes a label, then ys or "
                                "xs and ys")
        new_ys = numbers(self.name, args[0], "ys")
        _paired(self.name, self.ys, new_ys)
        return Series(self.name, self.kind, self.label, new_ys, self.ys)


@dataclass(frozen=True)
class PlotOption:
    """One setting of `plotWith`: `title`, `xlabel`, `ylabel` (a text) or `logY` (no text)."""

    name: str
    text: str = ""


@dataclass(frozen=True)
class PlotSpec:
    """What a Plot draws: its series and its settings."""

    series: tuple[Series, ...]
    title: str = ""
    xlabel: str = ""
    ylabel: str = ""
    log_y: bool = False


class Plot(Drawing, Function):
    """A figure. Shown as a text chart `width` columns wide, or as an SVG picture for a notebook. One made by `plot ys`
    or `scatter ys` can be applied to ys again (`plot xs ys`)."""

    arity = 1

    def __init__(self, name: str, spec: PlotSpec) -> None:
        self.name = name
        self.spec = spec

    def call(self, args: Sequence[Any]) -> "Plot":
        only = self.spec.series[0] if len(self.spec.series) == 1 else None
        if only is None or only.xs is not None or self.name not in ("plot", "scatter"):
            raise ArgumentError(f"this Plot already has its data; `{self.name}` takes ys, or xs then ys")
        return Plot(self.name, replace(self.spec, series=(only.call(args),)))

    def text(self, width: int = DEFAULT_WIDTH) -> str:
        from gradbook.engine.language.pictures.chart import render

        return render(self.spec, width)

    def picture(self) -> Any:
        from gradbook.engine.language.pictures.plot_svg import svg
        from gradbook.engine.language.results import Picture

        return Picture(svg(self.spec), name="plot")


def simple_plot(fn: str, kind: str, ys: Any) -> Plot:
    return Plot(fn, PlotSpec((Series(fn, kind, "", numbers(fn, ys, "ys")),)))


def plot_with(options: Any, series: Any) -> Plot:
    """`plotWith [title "loss", xlabel "step"] [line "train" ys, line "test" zs]`."""
    from gradbook.engine.language.builtins.args import describe

    fn = "plotWith"
    if not isinstance(options, list) or not all(isinstance(o, PlotOption) for o in options):
        raise ArgumentError(f"{fn} expects a list of options such as `[title \"loss\", xlabel \"step\"]` as its "
                            f"first argument (`[]` for none); got {describe(options)}")
    if not isinstance(series, list) or not all(isinstance(s, Series) for s in series):
        raise ArgumentError(f"{fn} expects a list of series such as `[line \"train\" ys, points \"data\" xs ys]` "
                            f"as its second argument; got {describe(series)}")
    if not series:
        raise InvalidValueError(f"{fn}: the list of series is empty: there is nothing to plot")
    settings: dict[str, Any] = {}
    for option in options:
        if option.name == "logY":
            settings["log_y"] = True
        else:
            settings[option.name] = option.text
    return Plot(fn, PlotSpec(tuple(series), **settings))
