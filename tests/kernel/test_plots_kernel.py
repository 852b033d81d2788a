"""Plots through a real kernel (jupyter_client): a plot is sent as `image/svg+xml` with its text chart as the
`text/plain` fallback, as the cell's result or, mid-cell, as display data; the SVG the kernel sent is then
rendered in headless Chromium on a dark page and the screenshot checked for both series' colours and the
white card's text (skipped only where Chromium is absent). The screenshot stays under pytest's tmp_path."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

sys.path.insert(0, str(Path(__file__).parent))
from test_html_in_chromium import CHROMIUM, read_png, screenshot  # noqa: E402

BLUE, ORANGE = (0x1F, 0x77, 0xB4), (0xFF, 0x7F, 0x0E)  # Matplotlib's first two series colours (C0, C1)
TWO_CURVES = ('plotWith [title "loss", xlabel "step", ylabel "mse"] '
              '[line "train" [4, 2, 1, 0.5, 0.3, 0.2], line "test" [4, 3, 2.5, 2.2, 2.1, 2.05]]')


def test_a_plot_is_an_svg_with_its_text_chart_beside_it(kernel):
    from gradbook.engine.language.session import Session

    run = kernel.execute("let losses = [32.9, 3.63, 0.447, 0.098, 0.058]\nplot losses")
    assert run.reply["status"] == "ok"
    [result] = run.of_type("execute_result")
    data = result["content"]["data"]
    assert data["text/plain"] == Session().run("plot [32.9, 3.63, 0.447, 0.098, 0.058]").outputs[0].text
    assert data["text/plain"].split("\n")[0].startswith(" 32.9 ┤")
    assert data["text/plain"].split("\n")[-1].split() == ["0", "2", "4"]
    assert data["image/svg+xml"].lstrip().startswith("<?xml") and "</svg>" in data["image/svg+xml"]
    assert data["text/html"].startswith('<img class="gb-picture" alt="plot" src="data:image/svg+xml;base64,')


def test_a_plot_in_the_middle_of_a_cell_is_display_data(kernel):
    run = kernel.execute("plot [1, 2, 3]\n1 + 1")
    shown = run.of_type("display_data")
    assert len(shown) == 1 and "image/svg+xml" in shown[0]["content"]["data"]
    assert run.plain[-1] == "2"


def test_a_plot_mistake_is_an_error_reply(kernel):
    run = kernel.execute("plot [1, 2] [3]")
    assert run.reply["status"] == "error"
    assert run.reply["traceback"][0] == "<cell>:1:1: error: plot: xs has 2 values but ys has 1; they must pair up"


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_the_kernels_svg_renders_in_chromium(kernel, tmp_path):
    run = kernel.execute(TWO_CURVES)
    svg = run.of_type("execute_result")[0]["content"]["data"]["image/svg+xml"]
    (tmp_path / "plot.svg").write_text(svg, encoding="utf-8")
    page = tmp_path / "plot.html"  # a dark page, as in JupyterLab's dark theme: the figure is a white card
    page.write_text("<html><body style='background:#111111;margin:10px'><img src='plot.svg'></body></html>",
                    encoding="utf-8")
    shot = tmp_path / "plot.png"
    screenshot(page, shot, 700, 420)
    width, height, rows, bpp = read_png(shot)
    pixels = [row[i:i + 3] for row in rows for i in range(0, width * bpp, bpp)]

    def near(colour):
        return sum(1 for p in pixels if all(abs(p[k] - colour[k]) < 40 for k in range(3)))

    assert near(BLUE) > 300, "the first series (train) is not drawn"
    assert near(ORANGE) > 300, "the second series (test) is not drawn"
    # the white card: the box around the white pixels, which must hold dark ink (axes, ticks, labels)
    white = [(i % width, i // width) for i, p in enumerate(pixels) if min(p) > 245]
    left, right = min(x for x, _ in white), max(x for x, _ in white)
    top, bottom = min(y for _, y in white), max(y for _, y in white)
    assert right - left > 400 and bottom - top > 250, "the figure's white card is missing"
    assert len(white) > 0.7 * (right - left) * (bottom - top), "the card is not mostly white"
    ink = sum(1 for y in range(top, bottom) for x in range(left, right) if max(pixels[y * width + x]) < 80)
    assert ink > 1500, "no axes or labels were drawn on the card"


def test_a_lessons_saved_plot_is_redrawn_byte_for_byte(jupyter_sandbox):
    """Lesson 03's loss curve, run again through nbclient, gives exactly the SVG saved in the notebook."""
    import nbformat
    from nbclient import NotebookClient

    path = Path(__file__).resolve().parents[2] / "notebooks" / "03-gradient-descent.ipynb"

    def svgs(notebook) -> list[str]:
        return [o["data"]["image/svg+xml"] for c in notebook.cells if c.cell_type == "code"
                for o in c.outputs if "image/svg+xml" in o.get("data", {})]

    saved = nbformat.read(path, as_version=4)
    fresh = nbformat.read(path, as_version=4)
    NotebookClient(fresh, kernel_name="gradbook", timeout=120).execute()
    assert len(svgs(saved)) == 1
    assert svgs(fresh) == svgs(saved)
