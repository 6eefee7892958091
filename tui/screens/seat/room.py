"""The room view for the projector: a big clock, the response level, field command, working groups and the
reporting deadlines — read-only, and without any casualty figures (the room must not learn them from it)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Static

from drillsim.workspace import SeatClient, clock

from tui.i18n import tr
from tui.screens.seat.follow import Followed, follow
from tui.view import View, view_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.live.clock_bar import ClockBar
from tui.widgets.live.command_structure import CommandStructure
from tui.widgets.live.obligations import ObligationsTable
from tui.widgets.live.working_groups import WorkingGroups


class RoomScreen(Screen):
    """Read-only: it sends nothing but the seat's hello."""

    DEFAULT_CSS = """
    #room-clock { height: 5; width: auto; margin: 0 2; }
    #room-level { height: 5; width: 1fr; padding: 1 2; }
    #room-top { height: 5; }
    #room-main { height: 1fr; }
    #room-main > .panel { width: 1fr; }
    #room-deadlines { height: 1fr; }
    """

    def __init__(self, client: SeatClient) -> None:
        super().__init__(classes="live-screen")
        self.client = client
        self.first = True

    @property
    def view(self) -> View:
        return view_of(self.client.loaded, self.app.lang)

    def compose(self) -> ComposeResult:
        yield ClockBar(id="clock")
        with Horizontal(id="room-top"):
            yield Digits("+00:00", id="room-clock")
            yield Static("", id="room-level")
        with Horizontal(id="room-main"):
            yield CommandStructure(id="room-command", fixed=False)
            yield WorkingGroups(id="room-groups")
        with Vertical(id="room-deadlines"):
            yield ObligationsTable(id="obligations")
        yield KeyBar()

    def on_mount(self) -> None:
        self._follow()

    @work(thread=True, exclusive=True, group="follow", exit_on_error=False)
    def _follow(self) -> None:
        follow(self, self.client)

    def on_followed(self, message: Followed) -> None:
        seen, view = message.view, self.view
        caption = tr("seat.title", view.lang, role=tr("seat.room", view.lang)) + f"  #{self.client.exercise.hex[:8]}"
        self.query_one(ClockBar).show(view, seen.now, seen.speed, seen.paused, seen.ended, caption)
        self.query_one("#room-clock", Digits).update(clock(seen.now))
        level = Text(tr("seat.level", view.lang) + "  ", style="dim")
        level.append(view.level(seen.state.level), style="bold yellow")
        level.append("\n" + tr("seat.commander", view.lang) + "  ", style="dim")
        level.append(view.body(seen.state.commander), style="bold cyan")
        self.query_one("#room-level", Static).update(level)
        self.query_one(ObligationsTable).show(seen.state, view, seen.now)
        self.query_one(CommandStructure).show(seen.state, view)
        self.query_one(WorkingGroups).show(seen.state, view)
