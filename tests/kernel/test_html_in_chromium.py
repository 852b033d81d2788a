"""Render the kernel's HTML view of a differentiable tensor in headless Chromium and check the screenshot:
the requires_grad badge's colour and the grid's dark digits must be on screen. Skipped where Chromium is
not installed (`apt-get install chromium`); the screenshot is kept under pytest's tmp_path to look at."""
from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from gradbook.engine import make_independent, mul, tensor, to_dependent
from gradbook.kernel import rich

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
BADGE_RGB = (0xD9, 0x48, 0x0F)


def read_png(path: Path) -> tuple[int, int, list[bytes], int]:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes): width, height, unfiltered rows, bytes/pixel."""
    data = path.read_bytes()
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, tag = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if tag == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            bpp = 3 if colour == 2 else 4
        elif tag == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytes(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = bytes(line)
    return width, height, rows, bpp


def screenshot(page: Path, shot: Path, width: int, height: int) -> None:
    """Headless Chromium's screenshot of `page` (a file) in a window of width x height pixels."""
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--screenshot={shot}", f"--window-size={width},{height}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_badge_and_grid_are_visible(tmp_path):
    a = make_independent(tensor([[1.0, 2.0], [3.0, 4.0]]))
    page = tmp_path / "tensor.html"
    page.write_text(
        "<html><body style='background: #ffffff; color: #000000'>"
        + rich.value_html(mul(to_dependent(a), to_dependent(a)))
        + "</body></html>",
        encoding="utf-8",
    )
    shot = tmp_path / "tensor.png"
    screenshot(page, shot, 480, 200)
    width, height, rows, bpp = read_png(shot)
    pixels = [row[i:i + 3] for row in rows for i in range(0, width * bpp, bpp)]
    badge = sum(1 for p in pixels if all(abs(p[k] - BADGE_RGB[k]) < 24 for k in range(3)))
    dark = sum(1 for p in pixels if max(p) < 80)
    assert badge > 200, "the requires_grad badge is not visible"
    assert dark > 300, "no text was drawn"
