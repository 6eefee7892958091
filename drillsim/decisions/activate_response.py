"""Activate a response level (启动响应)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from drillsim.decisions.base import Context, Rejection, ResponseLevelDecision, activation, register
from drillsim.model import events as ev
from drillsim.model.base import StrictInt


@register
class ActivateResponse(ResponseLevelDecision):
    type: Literal["activate_response"] = "activate_response"
    position = 30
    level: StrictInt = Field(ge=1, le=4)

    label = ("启动响应", "Activate response")
    codes = ("unknown_level", "wrong_activator", "not_informed", "already_active")

    def check(self, ctx: Context) -> Rejection | None:
        current = ctx.state.level
        if current is not None and self.level >= current:
            return Rejection("already_active",
                             f"level {current} is already active; activate only a higher level, or adjust the response",
                             f"{ctx.level_zh(current)}已经启动；只能启动更高级别的响应，或调整响应级别")
        return activation(self.level, self.actor, ctx)

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.ResponseActivated, level=self.level, by=self.actor, previous=sim.state.level)
