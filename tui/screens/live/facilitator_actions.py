"""The facilitator's and evaluator's keys on the live console: an evaluator's note (n), a bookmark (b), a
discussion pause with its reason (p), the MSEL to hold, fire or edit an inject (m), participants' names (w) and
ending the exercise (e). Everything is stored through the workspace; a mixin of `LiveScreen`, kept apart from
the clock and the panels."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.binding import Binding

from drillsim.workspace import LiveExercise, Snapshot

from tui.i18n import tr
from tui.screens.facilitator_dialogs import EndDialog, NoteDialog, ParticipantsDialog
from tui.screens.live.msel_dialog import MselDialog
from tui.screens.prompt import PromptDialog

FACILITATOR_BINDINGS = [
    Binding("m", "msel", "key.msel"),
    Binding("e", "end_exercise", "key.end"),
    Binding("n", "note", "key.note", show=False),
    Binding("b", "bookmark", "key.bookmark", show=False),
    Binding("p", "discussion", "key.discussion", show=False),
    Binding("w", "participants", "key.participants", show=False),
]
"""The footer shows the MSEL and the end; the others are in the help (?) and the command palette (Ctrl+P),
so that the footer still fits 80 columns."""


def evaluator_name(app: Any) -> str:
    """The name the last note or override was signed with (the app remembers it while it runs)."""
    return getattr(app, "evaluator", "") or tr("note.default_author", app.lang)


class FacilitatorActions:
    """Mixed into `LiveScreen`, which provides `session`, `snapshot`, `view`, `paused`, `_set_paused`,
    `_take` and the `Advanced` message."""

    session: LiveExercise
    snapshot: Snapshot
    app: Any

    # --- notes and bookmarks ---------------------------------------------------------------------------

    def _time_text(self) -> str:
        return self.view.stamp(self.snapshot.now)  # type: ignore[attr-defined]

    def action_note(self) -> None:
        lang, t = self.app.lang, self.snapshot.now

        def save(answer: tuple[str, str, str | None] | None) -> None:
            if answer is not None:
                self.app.evaluator = answer[0]
                self._observe(t, *answer)

        self.app.push_screen(NoteDialog(lang, self._time_text(), evaluator_name(self.app)), save)

    @work(thread=True, group="facilitate", exit_on_error=False)
    def _observe(self, t: int, author: str, text: str, area: str | None) -> None:
        self.app.workspace.observe(self.session.id, author, text, t, area)
        self.app.call_from_thread(self.notify, tr("note.saved", self.app.lang))

    def action_bookmark(self) -> None:
        t, stamp = self.snapshot.now, self._time_text()

        def save(text: str | None) -> None:
            if text is not None:
                self._bookmark(t, text, stamp)

        self.app.push_screen(PromptDialog(tr("bookmark.question", self.app.lang, time=stamp), self.app.lang), save)

    @work(thread=True, group="facilitate", exit_on_error=False)
    def _bookmark(self, t: int, text: str, stamp: str) -> None:
        self.app.workspace.bookmark(self.session.id, t, text)
        self.app.call_from_thread(self.notify, tr("bookmark.saved", self.app.lang, time=stamp))

    # --- the clock: discussion pause and the end ----------------------------------------------------------

    def action_discussion(self) -> None:
        if self.snapshot.ended:
            return
        self._set_paused(True, record=False)  # type: ignore[attr-defined]

        def save(reason: str | None) -> None:
            if reason is not None:
                self._discussion(reason)
            else:  # no discussion after all: the clock stays stopped, recorded as a plain pause
                self._facilitate("pause")  # type: ignore[attr-defined]

        self.app.push_screen(PromptDialog(tr("discussion.question", self.app.lang), self.app.lang), save)

    @work(thread=True, group="facilitate", exit_on_error=False)
    def _discussion(self, reason: str) -> None:
        self.session.discussion_pause(reason)
        self.app.call_from_thread(self._show_discussion)
        self.app.call_from_thread(self.notify, tr("discussion.paused", self.app.lang, reason=reason), timeout=15)

    def _show_discussion(self) -> None:
        from tui.widgets.live.clock_bar import ClockBar

        if self.paused:  # type: ignore[attr-defined]
            bar = self.query_one(ClockBar)  # type: ignore[attr-defined]
            bar.discussion = True
            bar.update(bar.render_bar(self.view), layout=False)  # type: ignore[attr-defined]

    def action_end_exercise(self) -> None:
        if self.snapshot.ended:
            return
        self._set_paused(True)  # type: ignore[attr-defined]

        def save(reason: str | None) -> None:
            if reason is not None:
                self._end(reason)

        self.app.push_screen(EndDialog(self.app.lang), save)

    @work(thread=True, group="decide", exit_on_error=False)
    def _end(self, reason: str) -> None:
        self.post_message(self.Advanced(self.session.end(reason)))  # type: ignore[attr-defined]
        self.app.call_from_thread(self.notify, tr("end.done", self.app.lang, reason=reason), timeout=10)

    # --- the MSEL -------------------------------------------------------------------------------------------

    def action_msel(self) -> None:
        self.app.push_screen(MselDialog(self.view, lambda: list(self.session.events), self._steer))  # type: ignore[attr-defined]

    def _steer(self, action: str, inject_id: str, text_zh: str, text_en: str) -> None:
        if not self.snapshot.ended:
            self._steer_inject(action, inject_id, text_zh, text_en)

    @work(thread=True, group="decide", exit_on_error=False)
    def _steer_inject(self, action: str, inject_id: str, text_zh: str, text_en: str) -> None:
        self.post_message(self.Advanced(self.session.steer_inject(action, inject_id, text_zh, text_en)))  # type: ignore[attr-defined]
        self.app.call_from_thread(self._refresh_msel)

    def _refresh_msel(self) -> None:
        for screen in self.app.screen_stack:
            if isinstance(screen, MselDialog):
                screen.show()

    # --- participants ------------------------------------------------------------------------------------

    def participant_roles(self) -> list[str]:
        """The roles people play (all roles when the computer plays every one)."""
        humans = [r for r, who in self.snapshot.state.roles.items() if who == "human"]
        return humans or [r.id for r in self.view.scenario.roles]  # type: ignore[attr-defined]

    def action_participants(self) -> None:
        view = self.view  # type: ignore[attr-defined]
        roles = [(role, view.role(role)) for role in self.participant_roles()]

        def save(changes: dict[str, str] | None) -> None:
            if changes:
                self._name_participants(changes)

        self.app.push_screen(ParticipantsDialog(self.app.lang, roles, self.session.participants), save)

    @work(thread=True, group="facilitate", exit_on_error=False)
    def _name_participants(self, changes: dict[str, str]) -> None:
        for role, name in changes.items():
            self.session.name_participant(role, name)
        self.app.call_from_thread(self.show_participants)
        self.app.call_from_thread(self.notify, tr("participants.saved", self.app.lang))

    def show_participants(self) -> None:
        """Put each participant's name beside their role in the decision panel."""
        from tui.widgets.live.decision_panel import DecisionPanel

        panel = self.query_one(DecisionPanel)  # type: ignore[attr-defined]
        panel.participants = self.session.participants
        panel.relabel(self.view)  # type: ignore[attr-defined]
