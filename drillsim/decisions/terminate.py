"""Terminate the response (终止响应): whoever activated it ends it (谁启动谁终止), once the conditions hold."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import Context, DecisionBase, Rejection, level_activators, lint_level_problem, register
from drillsim.model import events as ev


@register
class Terminate(DecisionBase):
    type: Literal["terminate"] = "terminate"
    position = 160

    label = ("终止响应", "Terminate response")
    codes = ("no_active_level", "wrong_terminator", "conditions_not_met")
    scoring_area = "termination"

    def check(self, ctx: Context) -> Rejection | None:
        state = ctx.state
        if state.level is None:
            return Rejection("no_active_level", "no response level is active", "尚未启动任何级别的应急响应")
        if self.actor != state.level_by:
            by = state.level_by or ""
            return Rejection("wrong_terminator",
                             f"whoever activated a response terminates it (谁启动谁终止): level {state.level} is "
                             f"{ctx.name(by)}'s to end",
                             f"谁启动谁终止：{ctx.level_zh(state.level)}应由启动者{ctx.name_zh(by)}宣布终止")
        if not state.conditions_met:
            return Rejection("conditions_not_met", "the termination conditions do not hold yet",
                             "应急响应终止条件尚未满足")
        return None

    def carry_out(self, sim: Any) -> None:
        state = sim.state
        sim.emit(ev.ResponseTerminated, level=state.level or 0, by=self.actor)
        if state.level is None:  # the last active response has ended
            sim.emit(ev.ExerciseEnded, reason="terminated")

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> Terminate | None:
        return cls(actor=exp.by)

    @classmethod
    def msel_covered_by(cls, index: Any, trace: Any, exp: Any) -> str | None:
        return "termination"

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        return level_activators(form, values)

    @classmethod
    def lint_target_problem(cls, lint: Any, target: str) -> str | None:
        return lint_level_problem(lint, target)

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        activators = {lint.levels[lv].activated_by for lv in lint.active_levels}
        if by not in activators:
            known = ", ".join(sorted(activators)) or "nobody"
            return (f"whoever activated the response terminates it (谁启动谁终止): {lint.name(by)} activates "
                    f"no level this scenario can reach (activators: {known})")
        return None
