"""Issue a warning (发布预警) of a colour."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import colour_zh, Context, MselMatch, Rejection, WarningDecision, matched, register
from drillsim.model import events as ev


@register
class IssueWarning(WarningDecision):
    type: Literal["issue_warning"] = "issue_warning"
    position = 110
    color: Literal["red", "orange", "yellow", "blue"]

    label = ("发布预警", "Issue warning")
    codes = ("unknown_warning", "wrong_issuer", "warning_in_force")
    msel_event = ev.WarningIssued
    msel_target = "color"

    def check(self, ctx: Context) -> Rejection | None:
        levels = {w.id: w for w in ctx.index.loaded.definition.warnings.levels}
        level = levels.get(self.color)
        color = colour_zh(self.color)
        if level is None:
            return Rejection("unknown_warning", f"the plan has no {self.color} warning", f"预案中没有{color}预警")
        if not ctx.index.acts_for(self.actor, level.issued_by):
            return Rejection("wrong_issuer", f"a {self.color} warning is issued by {ctx.name(level.issued_by)}",
                             f"{level.name.zh}由{ctx.name_zh(level.issued_by)}发布")
        if self.color in ctx.state.warnings:
            return Rejection("warning_in_force", f"a {self.color} warning is already in force",
                             f"{color}预警已经发布，尚未解除")
        return None

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.WarningIssued, by=self.actor, color=self.color)

    @classmethod
    def msel_done(cls, trace: Any, exp: Any, got: ev.InjectDelivered) -> MselMatch | None:
        """A warning of the expected colour issued after the inject, or issued before and still in force then."""
        lifted = trace.of(ev.WarningLifted)
        return matched(trace, exp, got, cls.msel_event, target=lambda e: e.color == exp.target,
                       in_force=lambda e: not any(x.color == e.color and e.seq < x.seq < got.seq for x in lifted))
