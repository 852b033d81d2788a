"""Plot builtins: `plot`, `scatter` (a quick figure of ys, or of xs then ys), `plotWith` (several labelled
series with `title`, `xlabel`, `ylabel`, `logY`) and the series makers `line` and `points`. A Plot shows as
a text chart in a terminal and as an SVG picture in Jupyter (see engine/language/pictures/plot.py)."""
from __future__ import annotations

from typing import Any

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.language.pictures.plot import PlotOption, Series, numbers, plot_with, simple_plot

TABLE = Table()

_DATA = ("ys is a list of numbers, a list of one-element tensors (a training loop's losses) or a 1-d tensor")


@TABLE.fn("plot", "Plottable a => a -> Plot",
          f"A line chart of ys against 0, 1, 2, ... (`plot ys`) or against xs (`plot xs ys`); {_DATA}; "
          "`plotWith` draws several labelled series with a title and axis labels.",
          "plot [3.2, 1.1, 0.5, 0.3, 0.25]", "plt.plot(ys) / plt.plot(xs, ys)")
def plot(ys: Any) -> Any:
    return simple_plot("plot", "line", ys)


@TABLE.fn("scatter", "Plottable a => a -> Plot",
          "Points at (x, y) for `scatter xs ys`, or ys against 0, 1, 2, ... for `scatter ys`.",
          "scatter [0, 1, 2, 3] [1.1, 2.9, 5.2, 7.1]", "plt.scatter(xs, ys)")
def scatter(ys: Any) -> Any:
    return simple_plot("scatter", "points", ys)


def _label(fn: str, label: Any) -> str:
    if isinstance(label, str):
        return label
    raise args.fail(fn, "a label (a String such as \"train\")", 1, label, "")


@TABLE.fn("line", "Plottable a => String -> a -> Series",
          "A labelled line for `plotWith`: `line \"train\" ys` against 0, 1, 2, ..., or `line \"fit\" xs ys`.",
          'plotWith [] [line "train" [0.9, 0.5, 0.3], line "test" [1.0, 0.7, 0.6]]',
          "ax.plot(xs, ys, label=\"train\")")
def line(label: Any, ys: Any) -> Series:
    return Series("line", "line", _label("line", label), numbers("line", ys, "ys"))


@TABLE.fn("points", "Plottable a => String -> a -> Series",
          "Labelled points (no line) for `plotWith`: `points \"data\" xs ys`, or `points \"data\" ys`.",
          'plotWith [] [points "data" [0, 1, 2] [1.1, 2.9, 5.2], line "fit" [0, 2] [1.0, 5.0]]',
          "ax.scatter(xs, ys, label=\"data\")")
def points(label: Any, ys: Any) -> Series:
    return Series("points", "points", _label("points", label), numbers("points", ys, "ys"))


@TABLE.fn("plotWith", "[PlotOption] -> [Series] -> Plot",
          "A figure of several series (made with `line` and `points`), with a legend of their labels and "
          "the options `title`, `xlabel`, `ylabel` and `logY`.",
          'plotWith [title "loss", xlabel "step", ylabel "mse"] [line "train" [0.9, 0.5, 0.3]]',
          "fig, ax = plt.subplots(); ax.plot(...); ax.set_title(...); ax.legend()")
def plot_with_(options: Any, series: Any) -> Any:
    return plot_with(options, series)


def _text_option(name: str, what: str, pytorch: str) -> None:
    def make(text: Any) -> PlotOption:
        if not isinstance(text, str):
            raise args.fail(name, "a String", 1, text, "")
        return PlotOption(name, text)

    make.__name__ = name
    TABLE.fn(name, "String -> PlotOption", f"The option of `plotWith` that sets {what}.",
             f'plotWith [{name} "loss"] [line "train" [0.9, 0.5, 0.3]]', pytorch)(make)


_text_option("title", "the figure's title", "ax.set_title(s)")
_text_option("xlabel", "the x axis's label", "ax.set_xlabel(s)")
_text_option("ylabel", "the y axis's label", "ax.set_ylabel(s)")
TABLE.value("logY", PlotOption("logY"), "PlotOption",
            "The option of `plotWith` that makes the y axis logarithmic, for a loss that falls by orders of "
            "magnitude.", 'plotWith [logY] [line "train" [1.0, 0.1, 0.01]]', "ax.set_yscale(\"log\")")
