"""The command palette and the screenshot key in a real terminal (tmux): Ctrl+P opens the palette, which finds
an action by its Chinese name; Ctrl+S reaches the app (the terminal's flow control does not swallow it) and
writes an SVG into the export folder."""

from __future__ import annotations

import time

import pytest

from tests.tui.test_tmux import TMUX, Terminal, launcher

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def test_palette_and_screenshot_keys_work_in_a_real_terminal(tmp_path) -> None:
    store = f"sqlite:///{tmp_path}/drills.db"
    terminal = Terminal(f"env -u COLUMNS -u LINES DRILLSIM_STORE={store} DRILLSIM_LANG=zh {launcher()}", tmp_path)
    try:
        terminal.wait_for("演练情景")
        terminal.keys("C-p")
        terminal.wait_for("搜索命令")
        terminal.keys("截图")
        terminal.wait_for("^s")
        terminal.keys("Enter")
        terminal.wait_for("截图已保存")
        terminal.keys("C-s")
        deadline = time.monotonic() + 10
        while len(list(tmp_path.glob("*.svg"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        shots = list(tmp_path.glob("*.svg"))
        assert len(shots) == 2 and all(p.read_text(encoding="utf-8").startswith("<svg") for p in shots)
    finally:
        terminal.close()
