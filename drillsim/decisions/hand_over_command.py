"""Hand over field command (移交指挥权) to an arriving higher commander, with a briefing."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import BodyTargetDecision, Context, Rejection, commanders, register
from drillsim.model import events as ev
from drillsim.model.base import StrictStr
from drillsim.model.plan import BriefingItem


@register
class HandOverCommand(BodyTargetDecision):
    type: Literal["hand_over_command"] = "hand_over_command"
    position = 60
    to: StrictStr
    briefing: tuple[BriefingItem, ...] = ()

    label = ("移交指挥权", "Hand over command")
    target_field = "to"
    target_needed = "the body that takes command"
    codes = ("no_command", "not_commander", "no_handover_foreseen", "handover_not_upward", "not_on_scene")
    form_fields = ("to", "briefing")
    scoring_area = "command"
    news_body = "target"

    def check(self, ctx: Context) -> Rejection | None:
        state, index = ctx.state, ctx.index
        if state.commander is None:
            return Rejection("no_command", "no field command has been established", "尚未成立现场指挥部")
        if self.actor != state.commander:
            return Rejection("not_commander",
                             f"only the current commander, {ctx.name(state.commander)}, can hand over command",
                             f"只有现任现场指挥才能移交指挥权；{ctx.commander_zh(state.commander)}")
        if not any(h.to == self.to for h in index.handovers):
            return Rejection("no_handover_foreseen", f"the plan foresees no handover to {ctx.name(self.to)}",
                             f"预案没有规定向{ctx.name_zh(self.to)}移交指挥权")
        if index.rank(self.to) <= index.rank(state.commander):
            return Rejection("handover_not_upward",
                             f"command passes upward only; {ctx.name(self.to)} is not above {ctx.name(state.commander)}",
                             f"指挥权只能向上级移交；{ctx.name_zh(self.to)}并不高于{ctx.name_zh(state.commander)}")
        if state.officials.get(self.to) != "on_scene":
            return Rejection("not_on_scene", f"{ctx.name(self.to)} has not arrived on scene",
                             f"{ctx.name_zh(self.to)}尚未到达现场")
        return None

    def carry_out(self, sim: Any) -> None:
        current = sim.state.commander or ""
        handovers = sim.index.handovers
        match = next((h for h in handovers if h.from_ == current and h.to == self.to), None)
        match = match or next(h for h in handovers if h.to == self.to)
        missing = tuple(item for item in match.briefing if item not in self.briefing)
        sim.emit(ev.CommandHandedOver, from_body=current, to_body=self.to, briefing=tuple(self.briefing),
                 missing_briefing=missing, lower_joins=match.lower_joins)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> HandOverCommand | None:
        if not exp.target or not roles.policy.hands_over(roles.index.tier(exp.by)):
            return None
        match = next((h for h in roles.index.handovers if h.to == exp.target), None)
        return cls(actor=exp.by, to=exp.target, briefing=match.briefing if match else ())

    @classmethod
    def msel_covered_by(cls, index: Any, trace: Any, exp: Any) -> str | None:
        h = next((h for h in index.handovers if h.to == exp.target), None) if exp.target else None
        return f"handover:{h.id}" if h is not None else None

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        return commanders(form, commander)

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        if not target:
            return None
        handovers = [h for h in lint.plan.field_command.handovers if h.to == target]
        if not handovers:
            return f"the plan foresees no handover to {lint.name(target)}"
        if by not in {h.from_ for h in handovers}:
            froms = ", ".join(sorted({h.from_ for h in handovers}))
            return f"command passes to {target} from {froms}, not from {lint.name(by)}"
        return None
