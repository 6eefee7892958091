"""Suspend rescue (暂停救援) while rescuers are threatened."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import (
    Context,
    MselMatch,
    Rejection,
    RescueOrder,
    commander_only,
    first,
    register,
    rescue_suspensions,
)
from drillsim.model import events as ev
from drillsim.model.base import StrictStr


@register
class SuspendRescue(RescueOrder):
    type: Literal["suspend_rescue"] = "suspend_rescue"
    position = 140
    reason: StrictStr = ""

    label = ("暂停救援", "Suspend rescue")
    codes = ("already_suspended", "commander_only")
    form_fields = ("reason",)

    def check(self, ctx: Context) -> Rejection | None:
        if ctx.state.suspended:
            return Rejection("already_suspended", "rescue is already suspended", "救援已经暂停")
        return commander_only(self.actor, ctx)

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.RescueSuspended, by=self.actor, reason=self.reason)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> SuspendRescue | None:
        return cls(actor=exp.by, reason=exp.text.zh)

    @classmethod
    def msel_done(cls, trace: Any, exp: Any, got: ev.InjectDelivered) -> MselMatch | None:
        """A suspension still in force when the inject came counts; else the first one after it."""
        susp, _, last, in_force = rescue_suspensions(trace, got)
        if in_force:
            return got, last
        return got, first(susp, lambda e: e.seq > got.seq)
