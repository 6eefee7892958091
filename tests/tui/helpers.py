"""Helpers the TUI tests share: waiting for workers, opening the Ordos drill, a stored exercise."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any
from uuid import UUID

from textual.pilot import Pilot
from textual.worker import WorkerState

from drillsim.workspace import Workspace

ORDOS = "ordos-coal-mine"
SIZE = (140, 45)
"""Terminal size of every Pilot and snapshot test (and of the tmux test)."""


def text_of(widget: Any) -> str:
    """What a Static widget shows, as plain text (wide enough that nothing wraps)."""
    from rich.console import Console
    from rich.text import Text

    content = widget.content
    if isinstance(content, str):
        return content.replace("\u00a0", " ")
    if isinstance(content, Text):
        return content.plain.replace("\u00a0", " ")  # no-break spaces (tui.line_break.joined) read as spaces
    import io

    console = Console(width=300, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text().replace("\u00a0", " ")


def app_for(tmp_path: Path, lang: str = "en") -> Any:
    """The app on a fresh SQLite store in `tmp_path`."""
    from tui.app import make_app

    return make_app(f"sqlite:///{tmp_path}/drills.db", lang)


def app_with_exercise(tmp_path: Path, lang: str = "en") -> tuple[Any, UUID]:
    """The app on a store in `tmp_path` holding one exercise played to its end (and that exercise's id)."""
    url = f"sqlite:///{tmp_path}/drills.db"
    ident = stored_exercise(url)
    from tui.app import make_app

    return make_app(url, lang), ident


def scenario_path(stem: str) -> Path:
    return next(p for p in Workspace.scenario_files() if p.stem == stem)


async def settle(pilot: Pilot, rounds: int = 400) -> None:
    """Wait until no worker is pending or running and the screen has caught up with their messages."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        busy = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if not busy:
            break
        await asyncio.sleep(0.01)
    await pilot.pause()
    await pilot.pause()


async def until(pilot: Pilot, condition: Any, timeout: float = 20.0) -> None:
    """Wait (settling workers) until `condition()` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        await settle(pilot)
        await asyncio.sleep(0.02)


async def until_shown(pilot: Pilot, condition: Any, timeout: float = 20.0) -> None:
    """Wait until `condition()` holds without settling workers (a seat's follow worker never ends)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, f"timed out waiting for {condition}"
        await pilot.pause()
        await asyncio.sleep(0.05)


async def open_briefing(pilot: Pilot, stem: str = ORDOS) -> None:
    """From the library, open the briefing of scenario `stem` with the keyboard."""
    from tui.screens.briefing import BriefingScreen

    await settle(pilot)
    library = pilot.app.screen
    row = [p.stem for p in library.files].index(stem)
    library.query_one("#scenarios").focus()
    for _ in range(row):
        await pilot.press("down")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, BriefingScreen) and pilot.app.screen.loaded is not None)


async def start_drill(pilot: Pilot, humans: set[str], stem: str = ORDOS) -> Any:
    """Open the briefing, make exactly `humans` played by people, start; returns the live screen."""
    from tui.screens.confirm import ConfirmDialog
    from tui.screens.live import LiveScreen

    await open_briefing(pilot, stem)
    briefing = pilot.app.screen
    roles = briefing.query_one("#roles")
    for index, role in enumerate(briefing.loaded.scenario.roles):
        roles.move_cursor(row=index)
        if (role.id in humans) != (role.id in briefing.humans):
            await pilot.press("space")
    assert briefing.humans == humans
    await pilot.press("s")  # start, and confirm the choices
    await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, LiveScreen))
    return pilot.app.screen


async def run_to(pilot: Pilot, live: Any, t: int, step: int = 10 * 60_000) -> None:
    """Advance a live screen to simulation time `t` the way its clock does, in `step` chunks."""
    while live.snapshot.now < t and not live.snapshot.ended:
        live.advance_to(min(t, live.snapshot.now + step))
        await settle(pilot)


def stored_exercise(store_url: str, seed: int = 1, humans: tuple[str, ...] = (), stem: str = ORDOS) -> UUID:
    """An exercise played to its end straight through the session API (for replay and score tests)."""
    workspace = Workspace(store_url)
    try:
        session = workspace.start(workspace.load_scenario(scenario_path(stem)), seed, "plan", list(humans), [])
        session.run()
        return session.id
    finally:
        workspace.close()


def screen_text(app: Any) -> str:
    """Every character the terminal shows now (the top screen over the ones it covers), as plain text."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, color_system=None,
                      legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens,
                                                       simplify=True))
    return console.export_text()
