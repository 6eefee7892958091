"""Evacuate (疏散) an area."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import OnSceneOrder, register
from drillsim.model import events as ev
from drillsim.model.base import StrictStr


@register
class Evacuate(OnSceneOrder):
    type: Literal["evacuate"] = "evacuate"
    position = 90
    area: StrictStr

    label = ("疏散", "Evacuate")
    target_field = "area"
    msel_event = ev.EvacuationOrdered
    msel_target = "area"
    form_fields = ("area",)

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.EvacuationOrdered, by=self.actor, area=self.area)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> Evacuate | None:
        return cls(actor=exp.by, area=exp.target or "danger zone")
