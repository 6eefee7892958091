"""A yes-or-no question before a step that is easy to take by accident: leaving a running drill, quitting,
starting an exercise. Enter or `y` answers yes (the yes button has the focus), Esc or `n` answers no."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tui.i18n import Lang, tr


class ConfirmDialog(ModalScreen[bool]):
    """Returns True when confirmed, False when declined."""

    BINDINGS = [
        Binding("y", "answer(True)", "confirm.yes", show=False),
        Binding("n", "answer(False)", "confirm.no", show=False),
        Binding("escape", "answer(False)", "key.back"),
    ]

    def __init__(self, question: str, lang: Lang, detail: str = "", yes: str = "confirm.yes") -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.detail = detail
        self.ui_lang = lang
        self.yes_key = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Label(self.question, classes="dialog-title", id="confirm-question")
            if self.detail:
                yield Static(self.detail, id="confirm-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr(self.yes_key, self.ui_lang), variant="primary", id="confirm-yes", compact=True)
                yield Button(tr("confirm.no", self.ui_lang), id="confirm-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-yes", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
