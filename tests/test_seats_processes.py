"""A room drill as real processes: `drillsim host` and four `drillsim join` consoles in tmux, against a real
SQLite file and a real PostgreSQL server. A decision typed at one seat reaches the room view; a seat killed
with SIGKILL rejoins with its code and finds its view as it was; a killed host resumes from the store and
the seats carry on."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.tui.test_tmux import TMUX, Terminal

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

SCENARIO = REPO / "tests" / "data" / "scenarios" / "mini-mine.yaml"
DRILLSIM = Path(sys.executable).parent / "drillsim"
SEATS = ("enterprise", "banner", "city", "room")
UNIT_HEAD_PHONES = "Unit head phones the banner"
"""The unit head's obligation, which the site's report to the unit head starts."""
def report_to_the_unit_head(seat: Terminal) -> None:
    """At the enterprise seat: the decision form, its obligation list, the first obligation (the site's report
    to the unit head), then down to Submit — waiting for the screen at each step (the machine may be slow, and
    a focus change may land after the next key: then the list that opened is closed and it tries again)."""
    for _attempt in range(3):
        seat.keys("d")
        time.sleep(0.5)
        seat.keys("Tab", "Tab")
        time.sleep(0.3)
        seat.keys("Enter")
        try:
            seat.wait_for(UNIT_HEAD_PHONES, timeout=5)  # the list of obligations is open (not yet a deadline)
            break
        except AssertionError:
            seat.keys("Escape")
    seat.keys("Down", "Enter")
    seat.wait_for("│ immediately")
    seat.keys("Tab", "Tab", "Tab", "Tab", "Enter")


class Drill:
    """The processes of one room drill, all on one store."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url, self.folder = url, folder
        self.env = f"env -u COLUMNS -u LINES DRILLSIM_STORE={url} DRILLSIM_HOST_KEYS={folder / 'keys'} DRILLSIM_LANG=en"
        self.terminals: dict[str, Terminal] = {}
        self.codes: dict[str, str] = {}

    def host(self, *arguments: str) -> Terminal:
        log = self.folder / "host.log"
        terminal = Terminal(f"{self.env} {DRILLSIM} host {' '.join(arguments)} 2>&1 | tee -a {log}", self.folder)
        self.terminals["host"] = terminal
        return terminal

    def start(self) -> None:
        codes = self.folder / "codes.json"
        self.host(str(SCENARIO), "--human enterprise --human banner --human city --seed 7 --speed 60 --start",
                  f"--codes {codes}")
        deadline = time.monotonic() + 60
        while not codes.exists() or not codes.read_text():
            assert time.monotonic() < deadline, (self.folder / "host.log").read_text()
            time.sleep(0.2)
        self.codes = json.loads(codes.read_text())
        assert oct(codes.stat().st_mode & 0o777) == "0o600"

    def join(self, role: str) -> Terminal:
        terminal = Terminal(f"{self.env} DRILLSIM_JOIN_CODE={self.codes[role]} {DRILLSIM} join", self.folder)
        self.terminals[role] = terminal
        return terminal

    def kill(self, name: str) -> None:
        """SIGKILL the drillsim process in a terminal (not tmux: the process, as a crash would)."""
        pane = subprocess.run([TMUX, "display", "-p", "-t", self.terminals[name].name, "#{pane_pid}"],
                              capture_output=True, text=True, check=True).stdout.strip()
        found = subprocess.run(["pgrep", "-f", "-P", pane, "drillsim"], capture_output=True, text=True).stdout.split()
        for pid in [pane, *found]:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes() if Path(f"/proc/{pid}/cmdline").exists() else b""
            if b"drillsim" in cmdline and b"tee" not in cmdline:
                os.kill(int(pid), signal.SIGKILL)
        self.terminals.pop(name).close()

    def close(self) -> None:
        for terminal in self.terminals.values():
            terminal.close()


def clock_of(screen: str) -> int:
    """The simulation clock the clock bar shows, in seconds."""
    found = re.search(r"time \+(\d+):(\d+):(\d+)", screen) or re.search(r"time \+(\d+):(\d+)()", screen)
    assert found, screen
    h, m, s = (int(x or 0) for x in found.groups())
    return h * 3600 + m * 60 + s


def test_host_three_seats_and_the_room_view_as_real_processes(store_url: str, tmp_path: Path) -> None:
    drill = Drill(store_url, tmp_path)
    try:
        drill.start()
        for role in SEATS:
            drill.join(role)
        enterprise, banner, room = drill.terminals["enterprise"], drill.terminals["banner"], drill.terminals["room"]
        enterprise.wait_for("Enterprise seat")
        banner.wait_for("Banner seat")
        drill.terminals["city"].wait_for("City seat")
        room.wait_for("Room view seat")
        # each seat sees its own injects, never another role's
        enterprise.wait_for("Control room gets the flooding report")
        assert "Control room gets the flooding report" not in banner.screen()
        assert "trapped 2" in enterprise.screen() and "trapped 2" not in banner.screen()
        report_to_the_unit_head(enterprise)
        enterprise.wait_for("Accepted: Site personnel: Report", timeout=20)  # the form names the decision, as the live console's does
        room.wait_for(UNIT_HEAD_PHONES, timeout=20)  # the report started the unit head's obligation
        assert UNIT_HEAD_PHONES not in banner.screen()  # an enterprise body's deadline, not the banner's

        # a seat killed outright rejoins with the same code: nothing lost, its view as it was
        drill.kill("enterprise")
        again = drill.join("enterprise")
        again.wait_for("Enterprise seat")
        again.wait_for(UNIT_HEAD_PHONES)
        assert "Control room gets the flooding report" in again.screen()

        # the host killed outright resumes from the store; the seats carry on
        exercise = re.search(r"#([0-9a-f]{8})", room.screen()).group(1)
        drill.kill("host")
        time.sleep(1.5)
        stopped = clock_of(room.screen())
        time.sleep(1.5)
        assert clock_of(room.screen()) - stopped <= 60  # the room's clock runs on at most a commit's worth
        drill.host(f"--resume {exercise}")
        deadline = time.monotonic() + 30
        while clock_of(room.screen()) <= stopped + 60:
            assert time.monotonic() < deadline, room.screen()
            time.sleep(0.3)
    finally:
        drill.close()
    report = subprocess.run([str(DRILLSIM), "verify", exercise, "--store", store_url], capture_output=True, text=True,
                            env={**os.environ, "DRILLSIM_LANG": "en"})
    assert report.returncode == 0, report.stdout + report.stderr
