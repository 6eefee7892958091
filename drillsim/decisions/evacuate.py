"""Evacuate (疏散) an area."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import MselMatch, OnSceneOrder, matched, register
from drillsim.model import events as ev
from drillsim.model.base import StrictStr


@register
class Evacuate(OnSceneOrder):
    type: Literal["evacuate"] = "evacuate"
    position = 90
    area: StrictStr

    label = ("疏散", "Evacuate")
    target_field = "area"
    msel_matches_target = True
    form_fields = ("area",)

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.EvacuationOrdered, by=self.actor, area=self.area)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> Evacuate | None:
        return cls(actor=exp.by, area=exp.target or "danger zone")

    @classmethod
    def msel_done(cls, trace: Any, exp: Any, got: ev.InjectDelivered) -> MselMatch | None:
        """An evacuation of the expected area (which village, which shift) ordered after the inject."""
        return matched(trace, exp, got, ev.EvacuationOrdered, target=lambda e: e.area == exp.target)
