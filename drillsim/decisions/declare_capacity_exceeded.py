"""Declare capacity exceeded (超出处置能力): a government or its command says the accident is beyond its tier, so
the next level up applies (Ordos 一(四), 四(三)2(3), 3(3); Xinjiang 1.5 L276, 1.3(2) L256)."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import (
    Context,
    DecisionBase,
    MselMatch,
    Rejection,
    decision_by_role,
    register,
    uninformed,
)
from drillsim.model import events as ev
from drillsim.model.plan import CapacityExceededTrigger
from drillsim.rules.plan_index import PlanIndex


def capacity_tiers(index: PlanIndex) -> set[str]:
    """The tiers whose capacity the plan's level triggers ask about."""
    return {t.tier for lv in index.levels.values() for t in lv.triggers if isinstance(t, CapacityExceededTrigger)}


def speaks_for_tier(index: PlanIndex, actor: str, tier: str, commander: str | None) -> bool:
    """`actor` activates or commands a level its tier leads, or holds field command at that tier."""
    heads = {b for lv in index.levels.values() if lv.led_by_tier == tier for b in (lv.activated_by, lv.commander)}
    if commander is not None and index.tier(commander) == tier:
        heads.add(commander)
    return any(index.acts_for(actor, b) for b in sorted(heads))


@register
class DeclareCapacityExceeded(DecisionBase):
    type: Literal["declare_capacity_exceeded"] = "declare_capacity_exceeded"
    position = 56

    label = ("宣布超出处置能力", "Declare capacity exceeded")
    codes = ("no_capacity_rule", "not_tier_head", "not_informed", "capacity_already_exceeded")
    msel_event = ev.DecisionAccepted  # its SituationFlagged names no body: matched by the decision itself
    scoring_area = "mobilisation"
    news_body = "by"

    def check(self, ctx: Context) -> Rejection | None:
        index = ctx.index
        tier = index.tier(self.actor) or ""
        if tier not in capacity_tiers(index):
            return Rejection("no_capacity_rule",
                             f"the plan's response levels do not turn on the {tier} tier's capacity",
                             f"预案的响应条件不涉及{ctx.name_zh(self.actor)}所在层级的处置能力")
        if not speaks_for_tier(index, self.actor, tier, ctx.state.commander):
            return Rejection("not_tier_head",
                             f"the {tier} tier's capacity is judged by the body that activates or commands its "
                             f"response, not {ctx.name(self.actor)}",
                             f"是否超出本级处置能力由本级启动或指挥应急响应的机构判断，而非{ctx.name_zh(self.actor)}")
        if tier in ctx.state.capacity_exceeded:
            return Rejection("capacity_already_exceeded", f"the {tier} tier's capacity is already known to be exceeded",
                             "已确认超出该层级处置能力")
        return uninformed(self.actor, ctx)

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.SituationFlagged, cross_jurisdiction=(), capacity_exceeded=(sim.index.tier(self.actor),))
        sim.world.regrade()

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> DeclareCapacityExceeded | None:
        return cls(actor=exp.by)

    @classmethod
    def msel_done(cls, trace: Any, exp: Any, got: ev.InjectDelivered) -> MselMatch | None:
        return decision_by_role(trace, exp, got, "declare_capacity_exceeded")

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        return [b for lv in form.levels for b in (lv.activated_by, lv.commander)]

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        tier = lint.index.tier(by) or ""
        if tier not in capacity_tiers(lint.index):
            return f"the plan's response levels do not turn on the capacity of {lint.name(by)}'s tier ({tier})"
        return None
