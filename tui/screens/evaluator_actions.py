"""The evaluator's keys on the score card: override the selected finding's verdict or grade with a reason (o),
and record an observation (n). Both are stored through the workspace (the same operations as `drillsim
override` and `drillsim observe`) and the card is scored again with them. A mixin of `ScoreCardScreen`."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from textual import work
from textual.binding import Binding

from tui.i18n import tr
from tui.screens.facilitator_dialogs import NoteDialog, OverrideDialog, RatingOverrideDialog
from tui.screens.live.facilitator_actions import evaluator_name

RATING_OVERRIDE = "rating"
"""The finding id an area-rating override is stored under (as `drillsim override … rating --area --rating`)."""

EVALUATOR_BINDINGS = [
    Binding("o", "override", "key.override"),
    Binding("n", "note", "key.note"),
]


class EvaluatorActions:
    """Mixed into `ScoreCardScreen`, which provides `ident`, `result`, `selected()` and `_score()`."""

    ident: UUID
    app: Any

    def action_override(self) -> None:
        """Override the finding under the cursor, or the area's rating when the ratings table has the focus."""
        area = self._focused_area()
        finding = None if area is not None else self.selected()  # type: ignore[attr-defined]
        if area is None and finding is None:
            self.notify(tr("override.no_finding", self.app.lang), severity="warning")  # type: ignore[attr-defined]
            return
        target = RATING_OVERRIDE if area is not None else finding.id

        def save(answer: tuple[str, str, dict[str, str]] | None) -> None:
            if answer is not None:
                self.app.evaluator = answer[0]
                self._override(target, *answer)

        author = evaluator_name(self.app)
        dialog = RatingOverrideDialog(self.app.lang, area, author) if area is not None else \
            OverrideDialog(self.app.lang, finding.id, author)
        self.app.push_screen(dialog, save)

    def _focused_area(self) -> str | None:
        """The capability area under the ratings table's cursor, when that table has the focus."""
        from textual.widgets import DataTable

        table = self.query_one("#ratings", DataTable)  # type: ignore[attr-defined]
        if self.app.focused is not table or not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @work(thread=True, group="evaluate", exit_on_error=False)
    def _override(self, finding_id: str, author: str, reason: str, changes: dict[str, str]) -> None:
        self.app.workspace.override(self.ident, finding_id, author, reason, **changes)
        self.app.call_from_thread(self.notify, tr("override.saved", self.app.lang))  # type: ignore[attr-defined]
        self.app.call_from_thread(self._score)  # type: ignore[attr-defined]

    def action_note(self) -> None:
        result = self.result  # type: ignore[attr-defined]
        t = result.card.meta.end_t if result is not None and result.card is not None else 0

        def save(answer: tuple[str, str, str | None] | None) -> None:
            if answer is not None:
                self.app.evaluator = answer[0]
                self._observe(t, *answer)

        from drillsim.workspace import clock

        self.app.push_screen(NoteDialog(self.app.lang, clock(t), evaluator_name(self.app)), save)

    @work(thread=True, group="evaluate", exit_on_error=False)
    def _observe(self, t: int, author: str, text: str, area: str | None) -> None:
        self.app.workspace.observe(self.ident, author, text, t, area)
        self.app.call_from_thread(self.notify, tr("note.saved", self.app.lang))  # type: ignore[attr-defined]
        self.app.call_from_thread(self._score)  # type: ignore[attr-defined]
