"""The facilitator's own inject: a message to one role, in Chinese and English, delivered now."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from tui.i18n import tr
from tui.view import View


class InjectDialog(ModalScreen[tuple[str, str, str] | None]):
    """Returns (role, text_zh, text_en), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "key.back")]

    def __init__(self, view: View) -> None:
        super().__init__(classes="dialog-screen")
        self.view = view

    def compose(self) -> ComposeResult:
        lang = self.view.lang
        roles = [(self.view.role(r.id), r.id) for r in self.view.scenario.roles]
        with Vertical(classes="dialog"):
            yield Label(tr("inject.title", lang), classes="dialog-title")
            yield Label(tr("inject.role", lang))
            yield Select(roles, allow_blank=False, compact=True, id="inject-role")
            yield Label(tr("inject.zh", lang))
            yield Input(id="inject-zh", compact=True)
            yield Label(tr("inject.en", lang))
            yield Input(id="inject-en", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("inject.send", lang), variant="primary", id="inject-send", compact=True)
                yield Button(tr("inject.cancel", lang), id="inject-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#inject-zh", Input).focus()

    @on(Button.Pressed, "#inject-send")
    @on(Input.Submitted)
    def send(self) -> None:
        zh = self.query_one("#inject-zh", Input).value.strip()
        en = self.query_one("#inject-en", Input).value.strip()
        if not zh and not en:
            self.query_one("#inject-zh", Input).focus()
            return
        role = str(self.query_one("#inject-role", Select).value)
        self.dismiss((role, zh or en, en or zh))

    @on(Button.Pressed, "#inject-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
