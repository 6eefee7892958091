"""Set a cordon (设置警戒) around the scene."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from drillsim.decisions.base import MselMatch, OnSceneOrder, matched, register
from drillsim.model import events as ev
from drillsim.model.base import StrictInt


@register
class SetCordon(OnSceneOrder):
    type: Literal["set_cordon"] = "set_cordon"
    position = 100
    radius_m: StrictInt = Field(gt=0)

    label = ("设置警戒", "Set cordon")
    form_fields = ("radius",)
    msel_event = ev.CordonSet

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.CordonSet, by=self.actor, radius_m=self.radius_m)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> SetCordon | None:
        target = exp.target
        return cls(actor=exp.by, radius_m=int(target) if target and target.isdigit() else 500)

    @classmethod
    def msel_done(cls, trace: Any, exp: Any, got: ev.InjectDelivered) -> MselMatch | None:
        """A cordon at least as wide as the expected radius (when it names one), set after the inject."""
        return matched(trace, exp, got, cls.msel_event, target=lambda e: not exp.target.isdigit() or e.radius_m >= int(exp.target))
