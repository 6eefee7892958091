"""Select the working groups (选择设置工作组): the command chooses which groups to set up and may adjust them later
(Ordos 四(五)1 选择设置; Xinjiang 2.1.4 L306 可以调整). Groups it leaves out stand down; without a selection the groups
each level lists apply, as the computer-played commanders do by default."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from drillsim.decisions.activate_working_group import ActivateWorkingGroup, group_authority
from drillsim.decisions.base import Context, DecisionBase, MselMatch, Rejection, matched, register
from drillsim.model import events as ev
from drillsim.model.base import StrictStr


@register
class SelectWorkingGroups(DecisionBase):
    type: Literal["select_working_groups"] = "select_working_groups"
    position = 75
    groups: tuple[StrictStr, ...] = Field(min_length=1)

    label = ("选择设置工作组", "Select working groups")
    codes = ("selection_not_foreseen", "unknown_group", "no_active_level", "wrong_group_activator")
    msel_event = ev.WorkingGroupsSelected
    form_fields = ("groups",)
    scoring_area = "mobilisation"

    def check(self, ctx: Context) -> Rejection | None:
        index = ctx.index
        if index.loaded.definition.working_group_selection is None:
            return Rejection("selection_not_foreseen", "the plan does not let the command choose its working groups",
                             "预案未规定现场指挥部选择设置工作组")
        unknown = [g for g in self.groups if g not in index.groups]
        if unknown:
            return Rejection("unknown_group", f"the plan has no working group {unknown[0]!r}",
                             f"预案中没有工作组 {unknown[0]!r}")
        if ctx.state.level is None:
            return Rejection("no_active_level", "no response level is active", "尚未启动任何级别的应急响应")
        return group_authority(self.actor, ctx)

    def carry_out(self, sim: Any) -> None:
        chosen = tuple(dict.fromkeys(self.groups))
        stood_down = tuple(g for g in sim.state.groups if g not in chosen)
        sim.emit(ev.WorkingGroupsSelected, by=self.actor, groups=chosen, stood_down=stood_down)
        for group in chosen:
            if group not in sim.state.groups:
                sim.emit(ev.WorkingGroupActivated, group=group, by=self.actor, lead=sim.index.groups[group].lead)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> SelectWorkingGroups | None:
        """The groups in place with the one the inject names, if any; without groups in place, those the active
        level lists (every group of the plan when no level is active)."""
        state, index = roles.state, roles.index
        current = tuple(state.groups) or (index.groups_for_level(state.level) if state.level else tuple(index.groups))
        chosen = current + (exp.target,) if exp.target and exp.target not in current else current
        return cls(actor=exp.by, groups=chosen) if chosen else None

    @classmethod
    def msel_done(cls, trace: Any, exp: Any, got: ev.InjectDelivered) -> MselMatch | None:
        return matched(trace, exp, got, ev.WorkingGroupsSelected, target=lambda e: exp.target in e.groups)

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        return [commander, *ActivateWorkingGroup.responsible(form, values, commander)]

    @classmethod
    def lint_target_problem(cls, lint: Any, target: str) -> str | None:
        return ActivateWorkingGroup.lint_target_problem(lint, target)

    @classmethod
    def lint_target_pool(cls, lint: Any) -> Any:
        return lint.groups

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        if lint.plan.working_group_selection is None:
            return "the plan does not let the command choose its working groups"
        return ActivateWorkingGroup.lint_authority(lint, by, target)
