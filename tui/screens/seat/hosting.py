"""Hosting a multi-seat drill from the facilitator's app: the join codes to hand out, and the host's clock.

The host loop (`Host.serve`) runs in a thread worker for as long as this screen is open; the facilitator runs
the drill from the facilitator's seat (`drillsim join` with its code, in another terminal or a browser).
Leaving the screen stops hosting; `drillsim host --resume ID` carries on.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from drillsim.workspace import SPECIAL_SEATS, Host, clock

from tui.i18n import tr
from tui.view import view_of
from tui.widgets.key_bar import KeyBar

STATUS_EVERY = 0.5
"""Seconds between two status lines."""


class HostingScreen(Screen):
    """The codes of every seat and what the host is doing."""

    BINDINGS = [Binding("escape", "stop", "key.stop_hosting")]

    @dataclass
    class Status(Message):
        now: int
        paused: bool
        speed: int
        ended: bool
        handled: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, HostingScreen.Status)

    def __init__(self, host: Host) -> None:
        super().__init__()
        self.host = host
        self._last = 0.0

    def compose(self) -> ComposeResult:
        yield Static("", id="hosting-title", classes="screen-title")
        yield Static("", id="hosting-codes", classes="panel")
        yield Static("", id="hosting-status")
        yield KeyBar()

    def on_mount(self) -> None:
        lang = self.app.lang
        view = view_of(self.host.session.loaded, lang)
        self.query_one("#hosting-title", Static).update(
            tr("hosting.title", lang, id=self.host.id.hex[:8], scenario=view.text(view.scenario.title)))
        codes = Text()
        for role, code in self.host.codes.items():
            name = tr(f"seat.{role}", lang) if role in SPECIAL_SEATS else view.role(role)
            codes.append(f"{name:<24}", style="bold")
            codes.append(f"drillsim join {code}\n")
        self.query_one("#hosting-codes", Static).update(codes)
        self._serve()

    @work(thread=True, exclusive=True, group="host", exit_on_error=False)
    def _serve(self) -> None:
        worker = get_current_worker()

        def status(host: Host) -> None:
            self.post_message(self.Status(host.session.now, host.paused, host.speed, host.session.ended,
                                          len(host.handled)))

        self.host.serve(lambda: worker.is_cancelled, status)

    def on_hosting_screen_status(self, message: Status) -> None:
        lang = self.app.lang
        state = tr("live.ended", lang) if message.ended else tr("live.paused" if message.paused else "live.running", lang)
        self.query_one("#hosting-status", Static).update(
            tr("hosting.status", lang, clock=clock(message.now), state=state, speed=message.speed, n=message.handled))

    def action_stop(self) -> None:
        self.workers.cancel_group(self, "host")
        self.app.pop_screen()
