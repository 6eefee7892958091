"""Snapshot tests: every screen in Chinese and in English, at 80×24 (the smallest terminal the console is laid
out for) and 120×40, from a fixed seed, with the clock paused (no wall-clock text appears). Run once with
`--snapshot-update` to accept new pictures."""

from __future__ import annotations

import pytest

from drillsim.workspace import Workspace

from tui.app import make_app
from tui.widgets.live.decision_panel import DecisionPanel

from tests.tui.helpers import run_to, settle, start_drill, stored_exercise, until

pytest.importorskip("pytest_textual_snapshot")

LANGS = ["zh", "en"]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path}/drills.db"


async def _quiet(pilot) -> None:
    """Let every worker finish and drop toasts, so the picture is the same on every run."""
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_library(snap_compare, tmp_path, lang, size) -> None:
    async def ready(pilot) -> None:
        library = pilot.app.screen
        await until(pilot, lambda: library.files and len(library.loaded) == len(library.files))
        await _quiet(pilot)

    assert snap_compare(make_app(url(tmp_path), lang), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_briefing(snap_compare, tmp_path, lang, size) -> None:
    async def ready(pilot) -> None:
        from tests.tui.helpers import open_briefing

        await open_briefing(pilot)
        await _quiet(pilot)

    assert snap_compare(make_app(url(tmp_path), lang), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_live_console(snap_compare, tmp_path, lang, size) -> None:
    """Enterprise played by a person; command established; a rejected handover explained; at +00:50."""

    async def ready(pilot) -> None:
        live = await start_drill(pilot, {"enterprise"})
        form = live.query_one(DecisionPanel).form("enterprise")
        form.fill("establish_command")
        form.submit()
        await until(pilot, lambda: live.snapshot.state.commander == "enterprise")
        await run_to(pilot, live, 50 * 60_000)
        form.fill("hand_over_command", to="prefecture_field_hq")
        form.submit()
        await until(pilot, lambda: "…" not in str(form.query_one("#result").content))
        await _quiet(pilot)

    assert snap_compare(make_app(url(tmp_path), lang), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_replay(snap_compare, tmp_path, lang, size) -> None:
    """A stored exercise at +01:30, with one bookmark."""
    ident = stored_exercise(url(tmp_path))
    workspace = Workspace(url(tmp_path))
    workspace.replay(ident).add_bookmark(70 * 60_000, "second inrush: 12 trapped")
    workspace.close()

    async def ready(pilot) -> None:
        pilot.app.open_replay(ident)
        await until(pilot, lambda: getattr(pilot.app.screen, "state", None) is not None)
        pilot.app.screen.go_to_time(90 * 60_000)
        await _quiet(pilot)

    assert snap_compare(make_app(url(tmp_path), lang), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_score_card(snap_compare, tmp_path, lang, size) -> None:
    ident = stored_exercise(url(tmp_path))

    async def ready(pilot) -> None:
        pilot.app.open_score(ident)
        await until(pilot, lambda: getattr(pilot.app.screen, "result", None) is not None)
        await _quiet(pilot)

    assert snap_compare(make_app(url(tmp_path), lang), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_help(snap_compare, tmp_path, lang, size) -> None:
    async def ready(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await _quiet(pilot)

    assert snap_compare(make_app(url(tmp_path), lang), terminal_size=size, run_before=ready)
