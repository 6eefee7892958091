"""The join screen: a participant types their seat's code (a browser seat starts here)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from drillsim.workspace import CodeError, SeatClient, StoreUnavailable, Workspace

from tui.i18n import Lang, tr
from tui.widgets.key_bar import KeyBar


class JoinScreen(Screen):
    """Asks for a join code; on a valid one the app opens that seat. The code's field takes every printable
    key, so help, language and quit are on F1, F2 and Ctrl+Q here."""

    BINDINGS = [
        Binding("f1", "help", "key.help", key_display="F1"),
        Binding("f2", "toggle_lang", "key.lang", key_display="F2"),
        Binding("ctrl+q", "quit", "key.quit"),
    ]
    HELP_TITLE = "help.join"

    DEFAULT_CSS = """
    JoinScreen { align: center middle; }
    #join-box { width: 60; height: auto; border: round $accent; padding: 1 2; }
    #join-error { color: $error; height: auto; }
    """

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.error: tuple[str, str] | None = None
        """The last failure to join: (i18n key, the error's own text)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="join-box"):
            yield Label("", id="join-label")
            yield Input(password=True, id="join-code")
            yield Static("", id="join-error")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel)
        self.query_one("#join-code", Input).focus()

    def _relabel(self, lang: Lang) -> None:
        self.query_one("#join-label", Label).update(tr("seat.join", lang))
        self.query_one("#join-code", Input).placeholder = tr("seat.code_hint", lang)
        if self.error is not None:
            key, text = self.error
            self.query_one("#join-error", Static).update(tr(key, lang, error=text))

    def _failed(self, key: str, text: str) -> None:
        self.error = (key, text)
        self._relabel(self.app.lang)

    @on(Input.Submitted, "#join-code")
    def _submitted(self, message: Input.Submitted) -> None:
        self._join(message.value)

    @work(thread=True, exclusive=True, group="join", exit_on_error=False)
    def _join(self, code: str) -> None:
        try:
            client = self.workspace.join(code)
        except CodeError as error:
            self.app.call_from_thread(self._failed, f"seat.code.{error.reason}", str(error))
            return
        except StoreUnavailable as error:
            self.app.call_from_thread(self._failed, "seat.store_unavailable", str(error))
            return
        self.app.call_from_thread(self._open, client)

    def action_help(self) -> None:
        self.app.action_help()  # type: ignore[attr-defined]

    def action_toggle_lang(self) -> None:
        self.app.action_toggle_lang()  # type: ignore[attr-defined]

    def action_quit(self) -> None:
        self.app.exit()

    def _open(self, client: SeatClient) -> None:
        self.app.open_seat(client)  # type: ignore[attr-defined]
