"""Hosting a multi-seat drill from the facilitator's app: the join codes to hand out, and the host's clock.

The host loop (`Host.serve`) runs in a thread worker for as long as this screen is open; the facilitator runs
the drill from the facilitator's seat (`drillsim join` with its code, in another terminal or a browser).
Leaving the screen stops hosting; `drillsim host --resume ID` carries on.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from drillsim.workspace import SPECIAL_SEATS, Host, clock

from tui.i18n import Lang, tr
from tui.line_break import Wrapped
from tui.view import View, pad, view_of
from tui.widgets.key_bar import KeyBar

STATUS_EVERY = 0.5
"""Seconds between two status lines."""


class HostingScreen(Screen):
    """The codes of every seat and what the host is doing."""

    DEFAULT_CSS = """
    #hosting-codes { height: auto; }
    #hosting-status { height: auto; padding: 0 1; }
    """

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
        self.status: HostingScreen.Status | None = None
        """The host's last status (shown again when the language changes)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="hosting-title", classes="screen-title")
        yield Static("", id="hosting-codes", classes="panel")
        yield Static("", id="hosting-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel)
        self._serve()

    def on_resize(self) -> None:
        self._relabel(self.app.lang)

    def _relabel(self, lang: Lang) -> None:
        view = view_of(self.host.session.loaded, lang)
        self.query_one("#hosting-title", Static).update(Wrapped(
            tr("hosting.title", lang, id=self.host.id.hex[:8], scenario=view.text(view.scenario.title))))
        panel = self.query_one("#hosting-codes", Static)
        width = panel.content_size.width or self.app.size.width - 4  # before the first layout: the borders, padding
        panel.update(codes_text(self.host.codes, view, width))
        if self.status is not None:
            self._show_status(self.status, lang)

    @work(thread=True, exclusive=True, group="host", exit_on_error=False)
    def _serve(self) -> None:
        worker = get_current_worker()

        def status(host: Host) -> None:
            self.post_message(self.Status(host.session.now, host.paused, host.speed, host.session.ended,
                                          len(host.handled)))

        self.host.serve(lambda: worker.is_cancelled, status)

    def on_hosting_screen_status(self, message: Status) -> None:
        self.status = message
        self._show_status(message, self.app.lang)

    def _show_status(self, message: Status, lang: Lang) -> None:
        state = tr("live.ended", lang) if message.ended else tr("live.paused" if message.paused else "live.running", lang)
        self.query_one("#hosting-status", Static).update(Wrapped(
            tr("hosting.status", lang, clock=clock(message.now), state=state, speed=message.speed, n=message.handled)))

    def action_stop(self) -> None:
        self.workers.cancel_group(self, "host")
        self.app.pop_screen()


def codes_text(codes: dict[str, str], view: View, width: int) -> Text:
    """Each seat's name and the command that joins it, on one line when `width` cells hold it, else the
    command indented on the next (a code is never broken)."""
    names = {role: tr(f"seat.{role}", view.lang) if role in SPECIAL_SEATS else view.role(role) for role in codes}
    column = max(map(cell_len, names.values()), default=0) + 2
    text = Text(no_wrap=True, overflow="ignore")
    for role, code in codes.items():
        command = f"drillsim join {code}"
        text.append(pad(names[role], column), style="bold")
        text.append(command if column + cell_len(command) <= width else "\n  " + command)
        text.append("\n")
    return text
