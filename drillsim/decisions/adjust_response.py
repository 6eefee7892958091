"""Adjust the response level (调整响应级别): raise it, or lower it as whoever activated it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from drillsim.decisions.base import Context, Rejection, ResponseLevelDecision, activation, register
from drillsim.model import events as ev
from drillsim.model.base import StrictInt


@register
class AdjustResponse(ResponseLevelDecision):
    type: Literal["adjust_response"] = "adjust_response"
    position = 40
    level: StrictInt = Field(ge=1, le=4)

    label = ("调整响应级别", "Adjust response")
    codes = ("unknown_level", "wrong_activator", "not_informed", "already_active", "no_active_level",
             "wrong_de_escalator")

    def check(self, ctx: Context) -> Rejection | None:
        current = ctx.state.level
        if current is None:
            return Rejection("no_active_level", "no response level is active; activate one first",
                             "尚未启动任何级别的应急响应，请先启动响应")
        if self.level == current:
            return Rejection("already_active", f"level {current} is already active", f"{ctx.level_zh(current)}已经启动")
        if self.level > current:  # de-escalation: whoever activated decides
            if self.actor != ctx.state.level_by:
                by = ctx.state.level_by or ""
                return Rejection("wrong_de_escalator", f"only {ctx.name(by)}, who activated level {current}, may lower it",
                                 f"只有启动{ctx.level_zh(current)}的{ctx.name_zh(by)}才能降低响应级别")
            return None
        return activation(self.level, self.actor, ctx)

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.ResponseActivated, level=self.level, by=self.actor, previous=sim.state.level)
