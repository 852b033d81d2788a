"""Plots through the Session: `plot`, `scatter`, `plotWith` with `line`/`points` and options, as a user types
them; the text chart exactly, its size, the forms a loss list comes in, the errors, and the SVG picture
(deterministic, one group per series with the data's points, self-contained)."""
from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from gradbook.engine.language.session import Session

LINE_0_TO_4 = """\
    4 ┤                             ⣀⠤⠒⠉
      │                         ⣀⠤⠒⠉
      │                     ⣀⠤⠒⠉
2.258 ┤                 ⣀⠤⠒⠉
      │            ⣀⡠⠔⠊⠉
      │       ⢀⣀⠤⠒⠉
      │   ⢀⡠⠔⠊⠁
    0 ┤⡠⠔⠊⠁
      └┬───────────────┬───────────────┬
       0               2               4"""

TWO_SERIES = """\
                     loss
mse
    4 ┤+++
      │  •++++++
      │     ••  +++++++
2.476 ┤       •••      +++++++++++
      │          ••••             ++++++
      │              •••••
      │                   ••••••••
  0.5 ┤                           ••••••
      └┬──────────┬────────────────────┬
       0          1                    3
                     step
       • train   + test"""


def shown(session: Session, source: str) -> list[str]:
    result = session.run(source)
    assert result.error is None, result.error.rendered
    return [o.text for o in result.outputs]


@pytest.fixture
def session() -> Session:
    s = Session()
    s.width = 40
    return s


def test_plot_of_ys_is_a_braille_line_chart(session):
    assert shown(session, "plot [0, 1, 2, 3, 4]") == [LINE_0_TO_4]


def test_several_series_with_title_labels_and_legend(session):
    source = ('plotWith [title "loss", xlabel "step", ylabel "mse"] '
              '[line "train" [4, 2, 1, 0.5], line "test" [4, 3, 2.5, 2.25]]')
    assert shown(session, source) == [TWO_SERIES]


def test_a_loss_list_plots_the_same_as_numbers_tensors_or_a_1d_tensor(session):
    numbers = shown(session, "plot [32.9, 3.63, 0.447, 0.098, 0.058]")
    assert shown(session, "plot (map asTensor ([32.9, 3.63, 0.447, 0.098, 0.058] :: [Float]))") == numbers
    assert shown(session, "plot (asTensor ([32.9, 3.63, 0.447, 0.098, 0.058] :: [Double]))") == numbers
    assert shown(session, "plot (reshape [5, 1] (asTensor [32.9, 3.63, 0.447, 0.098, 0.058]))") == numbers
    lines = numbers[0].split("\n")
    assert lines[0].startswith(" 32.9 ┤") and lines[7].startswith("0.058 ┤")


def test_a_training_loop_collects_its_losses_and_plots_them(session):
    program = """\
let xs = asTensor ([[0, 1], [1, 1], [2, 1]] :: [[Float]])
let ys = asTensor ([1, 3, 5] :: [Float])
let loss p = mseLoss (matmul xs p) ys
let update p = makeIndependent (toDependent p - 0.1 * head (grad (loss (toDependent p)) [p]))
let step (p, losses) i = (\\q -> (q, losses ++ [loss (toDependent p)])) <$> update p
p0 <- makeIndependent (zeros' [2])
(p, losses) <- foldLoop (p0, []) 20 step
length losses
plotWith [title "loss", xlabel "step"] [line "train" losses]"""
    texts = shown(session, program)
    assert texts[0] == "20"
    chart = texts[1].split("\n")
    assert chart[0].strip() == "loss"
    assert chart[1] == "   11.67 ┤⡇"  # the loss before the first step: mean of 1, 9, 25
    assert chart[-3].endswith("19") and chart[-2].strip() == "step" and chart[-1].strip() == "⠤⠤ train"


def test_plot_xs_ys_and_scatter(session):
    line = shown(session, "plot [0, 10, 20] [1, 2, 4]")[0].split("\n")
    assert line[-1].split() == ["0", "10", "20"]
    assert line[0].startswith("    4 ┤") and line[7].startswith("    1 ┤")
    points = shown(session, "scatter [0.5, 1.5, 2.0] [1, 4, 2]")[0].split("\n")
    assert points[-1].split() == ["0.5", "1.25", "2"]
    dots = sum(1 for ch in "".join(points[:8]) if 0x2800 < ord(ch) <= 0x28FF)
    assert dots >= 3  # each point is a 2x2 block of dots, in one or two characters


def test_log_scale_labels_show_the_values(session):
    chart = shown(session, 'plotWith [logY] [line "loss" [100, 10, 1, 0.1]]')[0].split("\n")
    assert chart[0].startswith("  100 ┤") and chart[7].startswith("  0.1 ┤")
    assert chart[-1].strip() == "⠤⠤ loss"


@pytest.mark.parametrize("width", [30, 41, 80, 123, 200])
def test_the_chart_fits_the_width_it_is_given(width):
    s = Session()
    s.width = width
    text = shown(s, 'plotWith [title "a long title that is longer than some widths are"] '
                    '[line "a" [1, 5, 2, 8, 3], points "b" [4, 4, 4, 4, 4]]')[0]
    assert max(len(line) for line in text.split("\n")) <= width
    assert max(len(line) for line in text.split("\n")) >= width - 2  # and uses it


def test_types_and_shows_of_plot_values(session):
    assert shown(session, ":type plot [1, 2]") == ["plot [1, 2] :: Plot"]
    assert shown(session, ':type plotWith [] [line "a" [1]]') == ['plotWith [] [line "a" [1]] :: Plot']
    assert shown(session, ':type line "a" [1, 2] [3, 4]') == [':type line "a" [1, 2] [3, 4]'[6:] + " :: Series"]
    assert shown(session, 'line "train" [1, 2, 3]') == ['<Series line "train", 3 points>']
    assert shown(session, 'title "loss"') == ['title "loss"']
    assert shown(session, ":type logY") == ["logY :: PlotOption"]


@pytest.mark.parametrize("source, message", [
    ("plot []", "plot: ys is empty: there is nothing to plot"),
    ("plot [0, 1, 2] [1, 2]", "plot: xs has 3 values but ys has 2; they must pair up"),
    ("plot [1, 2] [3, 4] [5, 6]", "this Plot already has its data; `plot` takes ys, or xs then ys"),
    ("plot [True]", "plot: element 1 of ys is True (a Bool); a plotted list holds numbers or one-element tensors"),
    ("plot (ones' [2, 2])", "plot: ys must be a list of numbers or a 1-d tensor; got a tensor of shape [2,2]: "
                            "pick a row or column first, e.g. with `select`"),
    ("plot [ones' [2]]", "plot: element 1 of ys is a tensor of 2 elements; a plotted list holds numbers or "
                         "one-element tensors"),
    ("plotWith [] []", "plotWith: the list of series is empty: there is nothing to plot"),
    ('plotWith [] [plot [1]]', 'plotWith expects a list of series such as `[line "train" ys, points "data" xs '
                               'ys]` as its second argument; got a [Plot]'),
    ('plotWith [line "a" [1]] []', 'plotWith expects a list of options such as `[title "loss", xlabel "step"]` '
                                   'as its first argument (`[]` for none); got [<Series line "a", 1 point>] '
                                   '(a [Series])'),
    ("line 3 [1]", "line expects a label (a String such as \"train\") as its first argument; got 3 (an Integer)"),
    ('title 3', "title expects a String as its first argument; got 3 (an Integer)"),
    ("if plot [1] then 1 else 2", "`if` needs a Bool condition; this is a Plot"),
    ('if line "a" [1] then 1 else 2', "`if` needs a Bool condition; this is a Series"),
])
def test_mistakes_are_located_errors_and_keep_bindings(session, source, message):
    assert session.run("let kept = 1").ok
    result = session.run(source)
    assert result.error is not None and result.error.message == message
    assert re.match(r"<cell>:1:(1|4): error: ", result.error.rendered)
    assert session.run("kept").outputs[0].text == "1"


def test_non_finite_values_leave_gaps_and_an_all_nan_plot_says_so(session):
    text = shown(session, "plot [1, 0/0, 3, 4]")[0]
    assert text.split("\n")[0].startswith("    4 ┤")
    assert shown(session, "plot [0/0, 0/0]") == ["(a plot with no finite values to draw)"]


# ------------------------------------------------------------------------------ the picture

def svg_of(session: Session, source: str) -> str:
    result = session.run(source)
    assert result.error is None, result.error.rendered
    return result.outputs[-1].value.picture().svg


def series_path(svg: str, number: int) -> list[tuple[float, float]]:
    root = ET.fromstring(svg)
    group = next(g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("id") == f"gb-series-{number}")
    path = next(group.iter("{http://www.w3.org/2000/svg}path"))
    return [(float(x), float(y)) for x, y in re.findall(r"[ML] ([-\d.]+) ([-\d.]+)", path.get("d"))]


def test_the_svg_is_deterministic_and_draws_every_point(session):
    source = ('plotWith [title "loss", xlabel "step", ylabel "mse"] '
              '[line "train" [4, 2, 1, 0.5], line "test" [4, 3, 2.5, 2.25]]')
    first, second = svg_of(session, source), svg_of(Session(), source)
    assert first == second
    assert "<dc:date>" not in first and "http" not in first.split("<svg", 1)[1].replace(
        "http://www.w3.org", "").replace("http://purl.org", "").replace("http://creativecommons.org", "")
    train, test = series_path(first, 1), series_path(first, 2)
    assert len(train) == len(test) == 4
    # equal steps in x; y in screen coordinates grows downward, and the two lines start at the same point
    steps = [b[0] - a[0] for a, b in zip(train, train[1:])]
    assert max(steps) - min(steps) < 1e-3
    assert train[0] == test[0]
    drops = [b[1] - a[1] for a, b in zip(train, train[1:])]
    assert drops[0] == pytest.approx(2 * drops[1], rel=1e-4) == pytest.approx(4 * drops[2], rel=1e-4)
    for label in ("loss", "step", "mse", "train", "test"):  # Matplotlib names each text drawn as paths
        assert f"<!-- {label} -->" in first


def test_scatter_svg_has_one_marker_per_point(session):
    svg = svg_of(session, "scatter [0, 1, 2, 3] [1.1, 2.9, 5.2, 7.1]")
    root = ET.fromstring(svg)
    group = next(g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("id") == "gb-series-1")
    assert len(list(group.iter("{http://www.w3.org/2000/svg}use"))) == 4


def test_importing_the_front_ends_and_showing_a_plot_as_text_never_imports_matplotlib():
    code = (
        "import sys, gradbook.engine, gradbook.kernel.kernel, gradbook.kernel.rich, gradbook.repl.app\n"
        "from gradbook.engine.language.session import Session\n"
        "s = Session()\n"
        "r = s.run('plotWith [title \"t\"] [line \"a\" [1, 2, 3]]')\n"
        "assert r.ok and r.outputs[0].text\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
        "r.outputs[0].value.picture()\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=120)
    assert out.stdout.split("\n")[:2] == ["[]", "True"]
