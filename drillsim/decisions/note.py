"""Note (记录): put an assessment or remark on the record; allowed even after the response has ended."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from drillsim.decisions.base import DecisionBase, register
from drillsim.model import events as ev
from drillsim.model.base import StrictStr


@register
class Note(DecisionBase):
    type: Literal["note"] = "note"
    position = 170
    text: StrictStr = Field(min_length=1)

    label = ("记录", "Note")
    form_fields = ("text",)
    scoring_area = "assessment"
    msel_event = ev.NoteRecorded
    after_termination = True
    timeline_shows_decision = True

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.NoteRecorded, by=self.actor, text=self.text)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> Note | None:
        return cls(actor=exp.by, text=exp.text.zh)
