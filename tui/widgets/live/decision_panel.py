"""The decision panel: one tab per role a person plays, each with its own decision form."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TabbedContent, TabPane

from tui.i18n import tr
from tui.view import View
from tui.widgets.live.decision_form import DecisionForm


class DecisionPanel(Vertical):
    """Decision forms for the human roles (or a note that the computer plays every role)."""

    def __init__(self, loaded: Any, human_roles: list[str], view: View, id: str | None = None) -> None:
        super().__init__(id=id, classes="panel")
        self.loaded = loaded
        self.human_roles = list(human_roles)
        self.view = view
        self.participants: dict[str, str] = {}
        """Role → the name of who plays it, shown beside the role."""
        self._commander: tuple[str | None] | None = None
        """The commander the forms were last told, in a tuple (None: not told yet)."""

    def compose(self) -> ComposeResult:
        if not self.human_roles:
            yield Static(tr("live.no_human", self.view.lang), id="no-human")
            return
        with TabbedContent(id="role-tabs"):
            for role in self.human_roles:
                with TabPane(self.view.role(role), id=f"role-{role}"):
                    yield DecisionForm(self.loaded, role, self.view, id=f"form-{role}")

    def on_mount(self) -> None:
        self.border_title = tr("live.decisions", self.view.lang)

    def relabel(self, view: View) -> None:
        self.view = view
        self.border_title = tr("live.decisions", view.lang)
        if not self.human_roles:
            self.query_one("#no-human", Static).update(tr("live.no_human", view.lang))
            return
        tabs = self.query_one("#role-tabs", TabbedContent)
        for role in self.human_roles:
            tabs.get_tab(f"role-{role}").label = self.tab_label(role)
            self.form(role).relabel(view)

    def tab_label(self, role: str) -> str:
        """The role's name, and who plays it when named."""
        name = self.participants.get(role)
        return f"{self.view.role(role)} · {name}" if name else self.view.role(role)

    def form(self, role: str) -> DecisionForm:
        return self.query_one(f"#form-{role}", DecisionForm)

    def forms(self) -> list[DecisionForm]:
        return list(self.query(DecisionForm))

    def set_commander(self, commander: str | None) -> None:
        """Tell every form who commands in the field (their default actor); a no-op while that is unchanged
        (the query walks every form's widgets: a few ms on every clock tick with events)."""
        if self._commander == (commander,):
            return
        forms = self.forms()
        for form in forms:
            form.commander = commander
        if forms or not self.human_roles:
            self._commander = (commander,)

    def focus_form(self) -> None:
        """Put the keyboard in the active role's form (its decision-type choice)."""
        if not self.human_roles:
            return
        active = self.query_one("#role-tabs", TabbedContent).active or f"role-{self.human_roles[0]}"
        self.form(active.removeprefix("role-")).query_one("#f-type").focus()
