"""The HTML report rendered by headless Chromium: the timeline chart is visible in the screenshot.

Skipped when /usr/bin/chromium is absent (`apt-get install -y chromium`). The PNG is decoded with zlib and
struct only, and the chart's colours are counted."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from drillsim.reports import render_report
from tests.test_scoring_support import MINI_MINE, card, events, loaded

CHROMIUM = Path("/usr/bin/chromium")
COLOURS = {
    "level 2 band": (0xEF, 0x6C, 0x00),
    "commander": (0x54, 0x6E, 0x7A),
    "in time": (0x2E, 0x7D, 0x32),
    "late": (0xFF, 0x8F, 0x00),
    "deadline bar": (0xCF, 0xD8, 0xDC),
}


def read_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """(width, height, rows of raw pixels, bytes per pixel) of an 8-bit RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height = depth = ctype = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert depth == 8 and ctype in (2, 6), (depth, ctype)
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        ftype, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def count_colours(rows: list[bytes], bpp: int, colours: dict[str, tuple[int, int, int]], tol: int = 12) -> dict:
    counts = dict.fromkeys(colours, 0)
    for row in rows:
        for x in range(0, len(row), bpp):
            r, g, b = row[x], row[x + 1], row[x + 2]
            for name, (cr, cg, cb) in colours.items():
                if abs(r - cr) <= tol and abs(g - cg) <= tol and abs(b - cb) <= tol:
                    counts[name] += 1
    return counts


needs_chromium = pytest.mark.skipif(not CHROMIUM.exists() and shutil.which("chromium") is None,
                                    reason="chromium not installed")


def screenshot(page: Path, tmp_path: Path, width: int, height: int) -> Path:
    """A PNG of `page` as headless Chromium renders it at width × height, with a fresh profile in `tmp_path`."""
    shot = tmp_path / "shot.png"
    command = [str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")), "--headless", "--no-sandbox",
               "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
               f"--screenshot={shot}", f"--window-size={width},{height}", page.as_uri()]
    subprocess.run(command, check=True, timeout=120, capture_output=True)
    return shot


@needs_chromium
def test_chart_is_visible_in_a_headless_chromium_screenshot(tmp_path):
    evs = list(events(MINI_MINE, "late-reporter", 1))
    page = tmp_path / "report.html"
    page.write_text(render_report(card(MINI_MINE, "late-reporter", 1), loaded(MINI_MINE), evs, "html", "zh"),
                    encoding="utf-8")
    width, height, rows, bpp = read_png(screenshot(page, tmp_path, 1280, 2000).read_bytes())
    assert (width, height) == (1280, 2000)
    counts = count_colours(rows[:1200], bpp, COLOURS)
    for name, n in counts.items():
        assert n >= 40, (name, counts)
