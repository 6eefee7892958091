"""A one-line question in a small dialog (a bookmark's text, a time to go to)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from tui.i18n import Lang, tr


class PromptDialog(ModalScreen[str | None]):
    """Returns the text typed, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "key.back")]

    def __init__(self, question: str, lang: Lang, value: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.ui_lang = lang
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            yield Input(self.value, id="prompt-input", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("prompt.ok", self.ui_lang), variant="primary", id="prompt-ok", compact=True)
                yield Button(tr("prompt.cancel", self.ui_lang), id="prompt-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    @on(Button.Pressed, "#prompt-ok")
    @on(Input.Submitted)
    def confirm(self) -> None:
        text = self.query_one("#prompt-input", Input).value.strip()
        self.dismiss(text or None)

    @on(Button.Pressed, "#prompt-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
