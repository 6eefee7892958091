"""Lift a warning (解除预警): whoever issues a warning lifts it (谁发布谁解除)."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import colour_zh, Context, Rejection, WarningDecision, register
from drillsim.model import events as ev


@register
class LiftWarning(WarningDecision):
    type: Literal["lift_warning"] = "lift_warning"
    position = 120
    color: Literal["red", "orange", "yellow", "blue"]

    label = ("解除预警", "Lift warning")
    codes = ("no_warning_in_force", "wrong_lifter")
    msel_event = ev.WarningLifted
    msel_target = "color"

    def check(self, ctx: Context) -> Rejection | None:
        issuer = ctx.state.warnings.get(self.color)
        color = colour_zh(self.color)
        if issuer is None:
            return Rejection("no_warning_in_force", f"no {self.color} warning is in force", f"当前没有生效的{color}预警")
        if self.actor != issuer:
            return Rejection("wrong_lifter", f"whoever issues a warning lifts it (谁发布谁解除): {ctx.name(issuer)}",
                             f"谁发布谁解除：{color}预警应由发布者{ctx.name_zh(issuer)}解除")
        return None

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.WarningLifted, by=self.actor, color=self.color)
