"""Browser seats: `drillsim join CODE --serve` (textual-serve) and a real headless Chromium, driven through the
DevTools protocol. Opening the page starts the seat's console, whose process says hello to the host through
the store; a key pressed in the browser reaches the host as the facilitator's request. (The page draws the
terminal on a canvas, so what it shows is checked through the store; the join screen is tested with Pilot.)"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from drillsim.seats.host import Host
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseStore

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")]
textual_serve = pytest.importorskip("textual_serve")
aiohttp = pytest.importorskip("aiohttp")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"nothing listens on port {port}")


class Page:
    """One Chromium tab, driven through the DevTools protocol."""

    def __init__(self, socket_: object) -> None:
        self.socket = socket_
        self.next_id = 0

    async def call(self, method: str, **params: object) -> dict:
        self.next_id += 1
        await self.socket.send_json({"id": self.next_id, "method": method, "params": params})
        while True:
            message = await self.socket.receive_json(timeout=30)
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return message.get("result", {})

    async def text(self) -> str:
        result = await self.call("Runtime.evaluate", expression="document.body.innerText")
        return result["result"].get("value", "")

    async def key(self, char: str) -> None:
        """Press and release a printable key."""
        await self.call("Input.dispatchKeyEvent", type="keyDown", key=char, text=char,
                        code=f"Digit{char}" if char.isdigit() else f"Key{char.upper()}",
                        windowsVirtualKeyCode=ord(char.upper()))
        await self.call("Input.dispatchKeyEvent", type="keyUp", key=char,
                        code=f"Digit{char}" if char.isdigit() else f"Key{char.upper()}",
                        windowsVirtualKeyCode=ord(char.upper()))


def handled(url: str, host: Host) -> list[tuple[str, str]]:
    """(seat role, what was done) of every request the host has handled."""
    host.intake()
    records = ExerciseStore.open(url).read(host.id).records
    roles = {r.seat: r.role for r in records if isinstance(r, ExerciseLog.SeatIssued)}
    return [(roles[r.seat], r.detail) for r in records if isinstance(r, ExerciseLog.SeatRequestHandled)]


def test_the_facilitator_runs_the_drill_from_a_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       mini_mine) -> None:  # noqa: ANN001
    monkeypatch.setenv("DRILLSIM_HOST_KEYS", str(tmp_path / "keys"))
    url = f"sqlite:///{tmp_path}/drills.sqlite"
    host = Host.start(ExerciseStore.open(url), mini_mine, 7, ["enterprise", "banner"])
    port, devtools = free_port(), free_port()
    server = subprocess.Popen([sys.executable, "-m", "drillsim", "join", "--serve", "--port", str(port),
                               "--store", url, "--lang", "en"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL,
                              env={**os.environ, "DRILLSIM_LANG": "en", "DRILLSIM_JOIN_CODE": host.codes["facilitator"]})
    browser = subprocess.Popen([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                                f"--remote-debugging-port={devtools}", f"--user-data-dir={tmp_path / 'chromium'}",
                                "--window-size=1400,900", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        wait_for_port(devtools)
        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{devtools}/json/list", timeout=10).read())
        page_url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        asyncio.run(drive(page_url, f"http://127.0.0.1:{port}/", url, host))
    finally:
        browser.terminate()
        server.terminate()
        browser.wait(timeout=20)
        server.wait(timeout=20)
        host.close()
    assert host.speed == 10


async def drive(page_url: str, site: str, url: str, host: Host) -> None:
    async with aiohttp.ClientSession() as session, session.ws_connect(page_url, max_msg_size=0) as socket_:
        page = Page(socket_)
        await page.call("Page.enable")
        assert ("facilitator", "joined") not in handled(url, host)
        await page.call("Page.navigate", url=site)
        deadline = time.monotonic() + 90
        while ("facilitator", "joined") not in handled(url, host):  # the page started the seat's console
            assert time.monotonic() < deadline, "the browser's seat never joined"
            await asyncio.sleep(0.5)
        while ("facilitator", "speed 10") not in handled(url, host):  # key 2 in the browser: speed ×10 for all
            assert time.monotonic() < deadline, f"the key never reached the host: {handled(url, host)}"
            await page.call("Runtime.evaluate", expression="document.querySelector('.xterm-helper-textarea').focus()")
            await page.key("2")
            await asyncio.sleep(2)
        shot = await page.call("Page.captureScreenshot", format="png")
        assert len(shot["data"]) > 10_000  # the console, drawn
