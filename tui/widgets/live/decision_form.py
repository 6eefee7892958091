"""One role's decision form: pick a decision type, fill in what it needs, submit.

Fields are built from the plan and scenario (`FormModel`); only the ones the chosen type needs are shown.
Input is validated into a typed Decision before it leaves the form; the engine's verdict comes back through
`show_result`, so a rejected decision is explained right under the button that sent it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from drillsim.render.timeline import without_ids
from drillsim.workspace import Rejection

from tui.i18n import tr
from tui.line_break import Wrapped
from tui.view import View
from tui.widgets.live.decision_spec import ALL_FIELDS, FIELDS, FIRST_TYPE, FormModel, describe_decision

SELECTS = ("obligation", "channel", "action", "level", "to", "team", "group", "resource", "color")
CHOICES = ("briefing", "groups")
"""Fields that take several values (a SelectionList)."""
INPUTS = ("figures", "area", "radius", "text", "reason")
LABEL_KEYS = {"type": "form.type", "actor": "form.actor", "obligation": "form.obligation",
              "channel": "form.channel", "figures": "form.figures", "action": "form.action",
              "level": "form.level", "to": "form.to", "briefing": "form.briefing", "team": "form.team",
              "group": "form.group", "groups": "form.groups",
              "resource": "form.resource", "area": "form.area", "radius": "form.radius",
              "color": "form.color", "text": "form.text", "reason": "form.reason",
              "rationale": "form.rationale"}
ACTOR_FROM = ("obligation", "action", "level", "resource", "color")
"""Fields whose choice decides which body of the role acts."""


class DecisionForm(VerticalScroll):
    """A validated decision form for one role."""

    @dataclass
    class Submitted(Message):
        """The person submitted a valid decision."""

        form: DecisionForm
        decision: Any

    def __init__(self, loaded: Any, role_id: str, view: View, submit_key: str = "form.submit",
                 id: str | None = None) -> None:
        super().__init__(id=id, classes="decision-form")
        self.model = FormModel(loaded, role_id)
        self.view = view
        self.submit_key = submit_key
        self.commander: str | None = None
        self._ready = False
        self._actor_chosen = False
        """A person picked the acting body since the type was chosen: the form no longer suggests one."""
        self._actor_set: Any = None
        """The acting body the form itself last put in the list (a Changed to anything else is a person's)."""
        self._verdict: tuple[Any, Rejection | None] | None = None
        """The last decision this form sent and what the engine made of it (shown again on a language switch)."""

    # --- layout -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        view = self.view
        yield Label(id="lbl-type", classes="field-label")
        yield Select(self.model.types(view.lang), value=FIRST_TYPE, allow_blank=False, compact=True, id="f-type")
        yield Label(id="lbl-actor", classes="field-label")
        yield Select(self.model.options("actor", view), allow_blank=False, compact=True, id="f-actor")
        for field in ALL_FIELDS:
            with Vertical(id=f"box-{field}", classes="field-box"):
                yield Label(id=f"lbl-{field}", classes="field-label")
                if field in SELECTS:
                    yield Select(self.model.options(field, view), prompt="—", compact=True, id=f"f-{field}")
                elif field in CHOICES:
                    yield SelectionList[str](id=f"f-{field}")
                else:
                    yield Input(compact=True, id=f"f-{field}",
                                type="integer" if field == "radius" else "text")
        yield Label(id="lbl-rationale", classes="field-label")
        yield Input(compact=True, id="f-rationale")
        yield Button("", id="submit", variant="primary", compact=True)
        yield Static("", id="result", classes="form-result")

    def on_mount(self) -> None:
        self._actor_set = self.query_one("#f-actor", Select).value
        self.relabel(self.view)
        self._show_fields(FIRST_TYPE)
        self._ready = True

    def relabel(self, view: View) -> None:
        """Put every label and choice in the view's language, keeping what is selected."""
        self.view = view
        for field, key in LABEL_KEYS.items():
            self.query_one(f"#lbl-{field}", Label).update(tr(key, view.lang))
        self._reset_options(self.query_one("#f-type", Select), self.model.types(view.lang))
        self._reset_options(self.query_one("#f-actor", Select), self.model.options("actor", view))
        for field in SELECTS:
            self._reset_options(self.query_one(f"#f-{field}", Select), self.model.options(field, view))
        briefing = self.query_one("#f-briefing", SelectionList)
        chosen = set(briefing.selected) if briefing.option_count else set(self.model.default_briefing(None))
        briefing.clear_options()
        briefing.add_options([(label, value, value in chosen) for label, value in self.model.briefing_items(view.lang)])
        groups = self.query_one("#f-groups", SelectionList)
        picked = set(groups.selected)
        groups.clear_options()
        groups.add_options([(label, value, value in picked) for label, value in self.model.group_items(view)])
        kind = self.query_one("#f-type", Select).value
        if kind is not Select.NULL:
            self._show_fields(str(kind))  # the type's own labels and choices, in the new language
        self.query_one("#submit", Button).label = tr(self.submit_key, view.lang)
        if self._verdict is not None:
            self._show_verdict(scroll=False)

    @staticmethod
    def _reset_options(select: Select, options: list[tuple[str, str]]) -> None:
        value = select.value
        with select.prevent(Select.Changed):
            select.set_options(options)
            if value is not Select.NULL and any(v == value for _, v in options):
                select.value = value
            select.mutate_reactive(Select.value)  # redraw the shown label even when the value is unchanged

    def _show_fields(self, kind: str) -> None:
        """Show the fields of `kind`, with the choices and labels the type gives them."""
        shown = set(FIELDS.get(kind, ()))
        lang = self.view.lang
        for field in ALL_FIELDS:
            self.query_one(f"#box-{field}").display = field in shown
            if field in shown:
                label = self.model.field_label(kind, field, lang) or tr(LABEL_KEYS[field], lang)
                self.query_one(f"#lbl-{field}", Label).update(label)
                if field in SELECTS:
                    self._reset_options(self.query_one(f"#f-{field}", Select), self.model.options(field, self.view, kind))

    # --- reacting to choices ------------------------------------------------------------------------

    @on(Select.Changed, "#f-type")
    def _type_changed(self, event: Select.Changed) -> None:
        if self._ready and event.value is not Select.NULL:
            self._show_fields(str(event.value))
            self._actor_chosen = False
            self._suggest_actor()

    @on(Select.Changed, "#f-actor")
    def _actor_changed(self, event: Select.Changed) -> None:
        if event.value != self._actor_set:
            self._actor_chosen = True

    @on(Select.Changed)
    def _target_changed(self, event: Select.Changed) -> None:
        field = (event.select.id or "").removeprefix("f-")
        if not self._ready or field not in ACTOR_FROM + ("to",):
            return
        if field == "to" and event.value is not Select.NULL:
            briefing = self.query_one("#f-briefing", SelectionList)
            briefing.deselect_all()
            for item in self.model.default_briefing(str(event.value)):
                briefing.select(item)
        self._suggest_actor()

    def _suggest_actor(self) -> None:
        """Put the body the plan makes responsible in the acting-body list, unless a person chose one."""
        if self._actor_chosen:
            return
        kind = str(self.query_one("#f-type", Select).value)
        actor = self.model.default_actor(kind, self.values(), self.commander)
        if actor is not None:
            self._set_actor(actor)

    def _set_actor(self, actor: str) -> None:
        self._actor_set = actor
        with self.prevent(Select.Changed):
            self.query_one("#f-actor", Select).value = actor

    # --- submitting ---------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What the form holds now, field by field (selects unset are None)."""
        values: dict[str, Any] = {}
        for field in SELECTS:
            value = self.query_one(f"#f-{field}", Select).value
            values[field] = None if value is Select.NULL else value
        for field in INPUTS:
            values[field] = self.query_one(f"#f-{field}", Input).value
        for field in CHOICES:
            values[field] = tuple(self.query_one(f"#f-{field}", SelectionList).selected)
        return values

    def fill(self, kind: str, actor: str | None = None, **values: Any) -> None:
        """Set the form's fields (for tests, and for pre-filling a fork's replacement)."""
        with self.prevent(Select.Changed):
            self.query_one("#f-type", Select).value = kind
            self._show_fields(kind)
            for field, value in values.items():
                widget = self.query_one(f"#f-{field}")
                if isinstance(widget, Select):
                    widget.value = value
                elif isinstance(widget, SelectionList):
                    widget.deselect_all()
                    for item in value:
                        widget.select(item)
                elif isinstance(widget, Input):
                    widget.value = str(value)
            if "to" in values and "briefing" not in values:
                briefing = self.query_one("#f-briefing", SelectionList)
                briefing.deselect_all()
                for item in self.model.default_briefing(str(values["to"])):
                    briefing.select(item)
            self._actor_chosen = actor is not None  # a pre-filled body (a fork's original) is a choice too
            if actor is not None:
                self._set_actor(actor)
            else:
                self._suggest_actor()

    def build(self) -> tuple[Any | None, str | None]:
        kind = str(self.query_one("#f-type", Select).value)
        actor = str(self.query_one("#f-actor", Select).value)
        labels = {f: tr(LABEL_KEYS[f], self.view.lang) for f in ALL_FIELDS}
        rationale = self.query_one("#f-rationale", Input).value
        return self.model.build(kind, actor, self.values(), rationale, labels, self.view.lang)

    @on(Button.Pressed, "#submit")
    @on(Input.Submitted)
    def submit(self, event: Message | None = None) -> None:
        if event is not None:
            event.stop()
        decision, error = self.build()
        self._verdict = None
        if decision is None:
            self.show_message(error or "", "error")
            return
        self.show_message(tr("form.sending", self.view.lang), "busy")
        self.post_message(self.Submitted(self, decision))

    def show_result(self, decision: Any, rejection: Rejection | None) -> None:
        """Show what the engine made of the decision this form sent; an accepted one clears the text fields."""
        self._verdict = (decision, rejection)
        if rejection is None:
            for field in ("text", "reason", "area", "figures"):
                self.query_one(f"#f-{field}", Input).value = ""
            self.query_one("#f-rationale", Input).value = ""
        self._show_verdict()

    def _show_verdict(self, scroll: bool = True) -> None:
        """The last verdict in the form's current language (a rejection explains itself in either)."""
        assert self._verdict is not None
        decision, rejection = self._verdict
        lang = self.view.lang
        if rejection is None:
            self.show_message(tr("form.accepted", lang, what=describe_decision(decision, self.view)), "ok", scroll)
        else:
            self.show_message(tr("form.rejected", lang, reason=without_ids(rejection.text(lang))), "error", scroll)

    def show_message(self, text: str, kind: str, scroll: bool = True) -> None:
        style = {"ok": "green", "error": "bold red", "busy": "dim"}.get(kind, "")
        result = self.query_one("#result", Static)
        result.update(Wrapped(text, style=style))
        result.set_class(kind == "error", "-error")
        if scroll:
            self.call_after_refresh(result.scroll_visible, animate=False)
