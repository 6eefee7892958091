"""The seat app `drillsim join CODE` opens: one participant's console, the facilitator's, the evaluator's or
the room view, following an exercise that a `drillsim host` process runs."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from drillsim.workspace import ROOM, SeatClient

from tui.i18n import Lang, other, tr


class SeatApp(App):
    """One seat: the screen follows the exercise through the seat's client."""

    CSS_PATH = "styles.tcss"
    TITLE = "drillsim"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("l", "toggle_lang", "key.lang"), Binding("q", "quit", "key.quit")]

    lang: reactive[str] = reactive("en")

    def __init__(self, client: SeatClient, lang: Lang) -> None:
        super().__init__()
        self.client = client
        self.set_reactive(SeatApp.lang, lang)

    def get_default_screen(self) -> Screen:
        if self.client.role == ROOM:
            from tui.screens.seat.room import RoomScreen

            return RoomScreen(self.client)
        from tui.screens.seat.console import SeatScreen

        return SeatScreen(self.client)

    def watch_lang(self, lang: str) -> None:
        self.title = tr("app.title", lang)  # type: ignore[arg-type]
        self.refresh_bindings()

    def action_toggle_lang(self) -> None:
        self.lang = other(self.lang)  # type: ignore[arg-type]


def make_seat_app(client: SeatClient, lang: str) -> SeatApp:
    """The app of one joined seat (`drillsim join`); tests build theirs here too."""
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; use zh or en")
    return SeatApp(client, lang)  # type: ignore[arg-type]
