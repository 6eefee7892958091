"""Resume rescue (恢复救援) once the threat has passed."""

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


@register
class ResumeRescue(RescueOrder):
    type: Literal["resume_rescue"] = "resume_rescue"
    position = 150

    label = ("恢复救援", "Resume rescue")
    codes = ("not_suspended", "rescuers_threatened", "commander_only")

    def check(self, ctx: Context) -> Rejection | None:
        if not ctx.state.suspended:
            return Rejection("not_suspended", "rescue is not suspended", "救援并未暂停")
        if ctx.state.rescuers_threatened:
            return Rejection("rescuers_threatened", "rescuers are still threatened; resume once the threat has passed",
                             "救援人员仍受威胁；待威胁解除后再恢复救援")
        return commander_only(self.actor, ctx)

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.RescueResumed, by=self.actor)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> ResumeRescue | None:
        return cls(actor=exp.by)

    @classmethod
    def msel_done(cls, trace: Any, exp: Any, got: ev.InjectDelivered) -> MselMatch | None:
        """Only once rescue is suspended (before or after the inject) can it be resumed."""
        susp, res, last, in_force = rescue_suspensions(trace, got)
        enabler = last if in_force else first(susp, lambda e: e.seq > got.seq)
        if enabler is None:
            return None, None
        return enabler, first(res, lambda e: e.seq > max(enabler.seq, got.seq))
