"""The what-if dialog: drop one decision of an exercise, or replace it with another, and play on from there.

The replacement is entered in the same validated form the live console uses, for the role of the body that
made the original decision, pre-filled with the original."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from tui.i18n import tr
from tui.view import View
from tui.widgets.live.decision_form import DecisionForm
from tui.widgets.live.decision_spec import ALL_FIELDS, figures_text

ForkChoice = tuple[str, Any]
"""("drop", None) or ("replace", decision)."""


def role_of(loaded: Any, body: str) -> str:
    """The scenario role that acts for `body` (the first role if none does)."""
    roles = loaded.scenario.roles
    return next((r.id for r in roles if body in r.bodies), roles[0].id)


def form_values(params: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    """A decision's stored parameters as decision-form field values."""
    values: dict[str, Any] = {}
    for key, value in params.items():
        if value in (None, "", [], {}):
            continue
        if key == "radius_m":
            values["radius"] = str(value)
        elif key == "level":
            values["level"] = str(value)
        elif key == "figures":
            values["figures"] = figures_text(value, lang)
        elif key in ("briefing", "groups"):
            values[key] = tuple(value)
        elif key in ("content",):
            continue
        else:
            values[key] = value
    return values


class ForkDialog(ModalScreen[ForkChoice | None]):
    """Choose how the what-if exercise differs from its parent at one decision."""

    BINDINGS = [Binding("escape", "cancel", "key.back")]

    def __init__(self, loaded: Any, view: View, decision: Any) -> None:
        super().__init__(classes="dialog-screen")
        self.loaded = loaded
        self.view = view
        self.decision = decision

    def compose(self) -> ComposeResult:
        lang = self.view.lang
        role = role_of(self.loaded, self.decision.actor)
        with Vertical(classes="dialog", id="fork-dialog"):
            yield Label(tr("fork.title", lang, n=self.decision.number), classes="dialog-title")
            yield Label(tr("fork.original", lang, text=self.view.describe(self.decision)), id="fork-original")
            yield Button(tr("fork.drop", lang), id="fork-drop", variant="warning", compact=True)
            yield DecisionForm(self.loaded, role, self.view, submit_key="fork.replace", id="fork-form")

    def on_mount(self) -> None:
        form = self.query_one(DecisionForm)
        values = form_values(self.decision.params, self.view.lang)
        known = {k: v for k, v in values.items() if k in ALL_FIELDS}
        actor = self.decision.actor if self.decision.actor in form.model.bodies else None
        try:
            form.fill(self.decision.decision, actor, **known)
        except Exception:  # noqa: BLE001 - a value the form cannot show: leave the field empty
            form.fill(self.decision.decision, actor)
        self.query_one("#fork-drop", Button).focus()

    @on(Button.Pressed, "#fork-drop")
    def drop(self) -> None:
        self.dismiss(("drop", None))

    @on(DecisionForm.Submitted)
    def replace(self, message: DecisionForm.Submitted) -> None:
        message.stop()
        self.dismiss(("replace", message.decision))

    def action_cancel(self) -> None:
        self.dismiss(None)
