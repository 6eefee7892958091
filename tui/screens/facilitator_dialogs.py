"""Small dialogs of the facilitator's and evaluator's tools: an evaluator's note, an override of a finding,
ending the exercise, participants' names, an inject's new text. Each returns what was entered (None when
cancelled); the screen that opened it stores it through the workspace."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from drillsim.glossary import AREA_NAMES, RATING_NAMES, SEVERITY_NAMES, VERDICT_NAMES, term

from tui.i18n import Lang, tr


class FormDialog(ModalScreen[Any]):
    """A titled form with Save and Cancel; subclasses yield the fields and turn them into a result."""

    BINDINGS = [Binding("escape", "cancel", "key.back")]

    def __init__(self, title: str, lang: Lang, save_label: str = "dialog.save") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.ui_lang = lang
        self.save_label = save_label

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield from self.fields()
            yield Static("", id="dialog-error", classes="form-result")
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr(self.save_label, self.ui_lang), variant="primary", id="dialog-save", compact=True)
                yield Button(tr("dialog.cancel", self.ui_lang), id="dialog-cancel", compact=True)

    def fields(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        first = self.query(Input).first(Input) if self.query(Input) else None
        if first is not None:
            first.focus()

    def value(self, ident: str) -> str:
        return self.query_one(f"#{ident}", Input).value.strip()

    def choice(self, ident: str) -> str | None:
        chosen = self.query_one(f"#{ident}", Select).value
        return None if chosen is Select.NULL or chosen == "" else str(chosen)

    def result(self) -> Any:
        """The dialog's answer, or None to keep it open (after saying what is missing)."""
        raise NotImplementedError

    def missing(self, key: str = "dialog.required") -> None:
        self.query_one("#dialog-error", Static).update(tr(key, self.ui_lang))

    @on(Button.Pressed, "#dialog-save")
    @on(Input.Submitted)
    def save(self) -> None:
        answer = self.result()
        if answer is not None:
            self.dismiss(answer)

    @on(Button.Pressed, "#dialog-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _labelled_input(label: str, ident: str, value: str = "") -> ComposeResult:
    yield Label(label)
    yield Input(value, id=ident, compact=True)


def _labelled_select(label: str, ident: str, options: list[tuple[str, str]]) -> ComposeResult:
    yield Label(label)
    yield Select(options, id=ident, compact=True, prompt="—")  # Textual's own prompt is the English "Select"


class NoteDialog(FormDialog):
    """An evaluator's observation: author, text, optional capability area → (author, text, area | None)."""

    def __init__(self, lang: Lang, time_text: str, author: str) -> None:
        super().__init__(tr("note.title", lang, time=time_text), lang)
        self.author = author

    def fields(self) -> ComposeResult:
        lang = self.ui_lang
        yield from _labelled_input(tr("note.text", lang), "note-text")
        yield from _labelled_input(tr("note.author", lang), "note-author", self.author)
        yield from _labelled_select(tr("note.area", lang), "note-area",
                                    [(term(AREA_NAMES, a, lang), a) for a in AREA_NAMES])

    def result(self) -> tuple[str, str, str | None] | None:
        text, author = self.value("note-text"), self.value("note-author")
        if not text or not author:
            self.missing()
            return None
        return author, text, self.choice("note-area")


class OverrideDialog(FormDialog):
    """An override of one finding: new verdict and/or grade, author, reason → (author, reason, changes)."""

    def __init__(self, lang: Lang, finding_id: str, author: str) -> None:
        super().__init__(tr("override.title", lang, finding=finding_id), lang)
        self.author = author

    def fields(self) -> ComposeResult:
        lang = self.ui_lang
        yield from _labelled_select(tr("override.verdict", lang), "override-verdict",
                                    [(term(VERDICT_NAMES, v, lang), v) for v in VERDICT_NAMES])
        yield from _labelled_select(tr("override.severity", lang), "override-severity",
                                    [(term(SEVERITY_NAMES, s, lang), s) for s in SEVERITY_NAMES])
        yield from _labelled_input(tr("override.reason", lang), "override-reason")
        yield from _labelled_input(tr("note.author", lang), "override-author", self.author)

    def on_mount(self) -> None:
        self.query_one("#override-verdict", Select).focus()

    def result(self) -> tuple[str, str, dict[str, str]] | None:
        changes = {k: v for k, v in (("verdict", self.choice("override-verdict")),
                                     ("severity", self.choice("override-severity"))) if v is not None}
        reason, author = self.value("override-reason"), self.value("override-author")
        if not changes:
            self.missing("override.need_change")
            return None
        if not reason or not author:
            self.missing()
            return None
        return author, reason, changes


class RatingOverrideDialog(FormDialog):
    """An override of one capability area's rating, with author and reason → (author, reason, changes)."""

    def __init__(self, lang: Lang, area: str, author: str) -> None:
        super().__init__(tr("override.rating_title", lang, area=term(AREA_NAMES, area, lang)), lang)
        self.area = area
        self.author = author

    def fields(self) -> ComposeResult:
        lang = self.ui_lang
        yield from _labelled_select(tr("override.rating", lang), "override-rating",
                                    [(term(RATING_NAMES, r, lang), r) for r in RATING_NAMES])
        yield from _labelled_input(tr("override.reason", lang), "override-reason")
        yield from _labelled_input(tr("note.author", lang), "override-author", self.author)

    def on_mount(self) -> None:
        self.query_one("#override-rating", Select).focus()

    def result(self) -> tuple[str, str, dict[str, str]] | None:
        rating = self.choice("override-rating")
        reason, author = self.value("override-reason"), self.value("override-author")
        if rating is None:
            self.missing("override.need_rating")
            return None
        if not reason or not author:
            self.missing()
            return None
        return author, reason, {"rating_area": self.area, "rating": rating}


class EndDialog(FormDialog):
    """Ending the exercise, with its consequences said and a reason required → the reason."""

    def __init__(self, lang: Lang) -> None:
        super().__init__(tr("end.title", lang), lang, save_label="end.confirm")

    def fields(self) -> ComposeResult:
        yield from _labelled_input(tr("end.reason", self.ui_lang), "end-reason")

    def result(self) -> str | None:
        reason = self.value("end-reason")
        if not reason:
            self.missing()
            return None
        return reason


class ParticipantsDialog(FormDialog):
    """Who plays which role → {role: name} of the names that changed."""

    def __init__(self, lang: Lang, roles: list[tuple[str, str]], current: dict[str, str]) -> None:
        super().__init__(tr("participants.title", lang), lang)
        self.roles = roles
        self.current = current

    def fields(self) -> ComposeResult:
        for role, name in self.roles:
            yield from _labelled_input(name, f"participant-{role}", self.current.get(role, ""))

    def result(self) -> dict[str, str]:
        names = {role: self.value(f"participant-{role}") for role, _name in self.roles}
        return {role: name for role, name in names.items() if name != self.current.get(role, "")}


class EditInjectDialog(FormDialog):
    """An inject's new text in both languages → (text_zh, text_en), one may be left empty."""

    def __init__(self, lang: Lang, inject: str, text_zh: str, text_en: str) -> None:
        """`inject` names it for the reader (time and head of its text, `MselDialog.name`)."""
        super().__init__(tr("msel.edit_title", lang, inject=inject), lang)
        self.texts = (text_zh, text_en)

    def fields(self) -> ComposeResult:
        yield from _labelled_input(tr("inject.zh", self.ui_lang), "edit-zh", self.texts[0])
        yield from _labelled_input(tr("inject.en", self.ui_lang), "edit-en", self.texts[1])

    def result(self) -> tuple[str, str] | None:
        zh, en = self.value("edit-zh"), self.value("edit-en")
        if not zh and not en:
            self.missing()
            return None
        return zh or en, en or zh
