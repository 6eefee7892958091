"""Activate a working group (启动工作组) of the plan's headquarters."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import Context, DecisionBase, Rejection, register
from drillsim.model import events as ev
from drillsim.model.base import StrictStr


def group_authority(actor: str, ctx: Context) -> Rejection | None:
    """Working groups are set up by the HQ of the tier leading the active level, its activator, its commander or
    the field commander (a level must be active)."""
    state, index = ctx.state, ctx.index
    lv = index.levels[state.level]
    if index.tier(actor) != lv.led_by_tier and actor not in (lv.activated_by, lv.commander, state.commander):
        tier = next((t.name.zh for t in index.loaded.definition.tiers if t.id == lv.led_by_tier), lv.led_by_tier)
        return Rejection("wrong_group_activator",
                         f"at level {state.level} working groups are activated by the {lv.led_by_tier} HQ, "
                         f"not {ctx.name(actor)}",
                         f"{lv.name.zh}时，工作组由{tier}应急指挥机构启动，而非{ctx.name_zh(actor)}")
    return None


@register
class ActivateWorkingGroup(DecisionBase):
    type: Literal["activate_working_group"] = "activate_working_group"
    position = 70
    group: StrictStr

    label = ("启动工作组", "Activate working group")
    target_field = "group"
    target_needed = "a working-group id"
    codes = ("unknown_group", "no_active_level", "group_already_active", "wrong_group_activator")
    form_fields = ("group",)
    scoring_area = "mobilisation"
    loading_target = "working group"

    def check(self, ctx: Context) -> Rejection | None:
        state, index = ctx.state, ctx.index
        group = index.groups.get(self.group)
        if group is None:
            return Rejection("unknown_group", f"the plan has no working group {self.group!r}",
                             f"预案中没有工作组 {self.group!r}")
        if state.level is None:
            return Rejection("no_active_level", "no response level is active", "尚未启动任何级别的应急响应")
        if self.group in state.groups:
            return Rejection("group_already_active", f"working group {self.group} is already active",
                             f"{group.name.zh}（{self.group}）已经启动")
        return group_authority(self.actor, ctx)

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.WorkingGroupActivated, group=self.group, by=self.actor, lead=sim.index.groups[self.group].lead)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> ActivateWorkingGroup | None:
        return cls(actor=exp.by, group=exp.target) if exp.target else None

    @classmethod
    def msel_covered_by(cls, index: Any, trace: Any, exp: Any) -> str | None:
        return f"group:{exp.target}" if exp.target else None

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        return [lv.commander for lv in form.levels]

    @classmethod
    def lint_target_problem(cls, lint: Any, target: str) -> str | None:
        return None if target in lint.groups else f"undefined working group {target!r}"

    @classmethod
    def lint_target_pool(cls, lint: Any) -> Any:
        return lint.groups

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        if target in lint.groups and by not in lint.commanders and not any(
            lint.bodies[by].tier == lint.levels[lv].led_by_tier
            or by in (lint.levels[lv].activated_by, lint.levels[lv].commander)
            for lv in lint.active_levels
        ):
            return (f"working groups are activated by the HQ of the tier that leads the response, its commander "
                    f"or the field commander; {lint.name(by)} is none of these at any level this scenario reaches")
        return None
