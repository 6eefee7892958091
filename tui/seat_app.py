"""The seat app `drillsim join CODE` opens: one participant's console, the facilitator's, the evaluator's or
the room view, following an exercise that a `drillsim host` process runs."""

from __future__ import annotations

from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from drillsim.workspace import ROOM, SeatClient, Workspace

from tui.i18n import Lang, other, tr
from tui.size_classes import SizeClasses


class SeatApp(SizeClasses):
    """One seat: the screen follows the exercise through the seat's client."""

    CSS_PATH = "styles.tcss"
    TITLE = "drillsim"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("question_mark", "help", "key.help"),
        Binding("f1", "help", "key.help", show=False),
        Binding("l", "toggle_lang", "key.lang"),
        Binding("q", "quit", "key.quit"),
    ]
    PRINTABLE_KEY_ACTIONS = ("help", "toggle_lang", "quit")
    """Actions on printable keys, which the join screen's field takes (it binds them to F1, F2, Ctrl+Q)."""

    lang: reactive[str] = reactive("en")

    def __init__(self, client: SeatClient | None, lang: Lang, workspace: Workspace | None = None) -> None:
        super().__init__()
        self.client = client
        """The joined seat (None until the join screen has a valid code)."""
        self.workspace = workspace
        self.set_reactive(SeatApp.lang, lang)

    def get_default_screen(self) -> Screen:
        return Screen() if self.client is None else self.seat_screen(self.client)

    def on_mount(self) -> None:
        if self.client is None:  # pushed once the app runs: an Input on the default screen mounts too early
            from tui.screens.seat.join import JoinScreen

            assert self.workspace is not None, "without a joined seat the app needs a workspace to join through"
            self.push_screen(JoinScreen(self.workspace))

    @staticmethod
    def seat_screen(client: SeatClient) -> Screen:
        if client.role == ROOM:
            from tui.screens.seat.room import RoomScreen

            return RoomScreen(client)
        from tui.screens.seat.console import SeatScreen

        return SeatScreen(client)

    def open_seat(self, client: SeatClient) -> None:
        """The join screen found the seat: show it."""
        self.client = client
        self.switch_screen(self.seat_screen(client))

    def on_unmount(self) -> None:
        if self.client is not None:
            self.client.close()

    def watch_lang(self, lang: str) -> None:
        self.title = tr("app.title", lang)  # type: ignore[arg-type]
        self.refresh_bindings()

    def action_toggle_lang(self) -> None:
        self.lang = other(self.lang)  # type: ignore[arg-type]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the join screen's field takes every printable key, its own keys (F1, F2, Ctrl+Q) stand in."""
        from tui.screens.seat.join import JoinScreen

        return not (isinstance(self.screen, JoinScreen) and action in self.PRINTABLE_KEY_ACTIONS)

    def action_help(self) -> None:
        """The single-seat app's help screen, listing this app's keys and those of the seat's screen."""
        from tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        screen = self.screen
        keys = [b for b in getattr(screen, "BINDINGS", []) if isinstance(b, Binding)
                and screen.check_action(b.action, ()) is not False]
        sections = [("help.global", [b for b in self.BINDINGS if isinstance(b, Binding)])]
        if keys:
            sections.append((getattr(screen, "HELP_TITLE", "help.seat"), keys))
        self.push_screen(HelpScreen(sections))


def make_seat_app(client: SeatClient | None, lang: str, workspace: Workspace | None = None) -> SeatApp:
    """The app of one seat (`drillsim join`): the joined `client`'s, or (None) a join screen that asks for
    the code and joins through `workspace`. Tests build theirs here too."""
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; use zh or en")
    return SeatApp(client, lang, workspace)  # type: ignore[arg-type]
