"""Take a measure (采取现场措施): one of the scenario's own on-scene actions."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import Context, DecisionBase, Rejection, register
from drillsim.model import events as ev
from drillsim.model.base import StrictStr


@register
class TakeAction(DecisionBase):
    """Take one of the scenario's own on-scene measures (its `actions:` list)."""

    type: Literal["take_action"] = "take_action"
    position = 20
    action: StrictStr

    label = ("采取现场措施", "Take a measure")
    target_field = "action"
    msel_event = ev.ActionTaken
    msel_target = "action"
    target_needed = "a scenario action id"
    codes = ("unknown_action", "wrong_action_taker")
    form_fields = ("action",)

    def check(self, ctx: Context) -> Rejection | None:
        action = next((a for a in ctx.index.scenario.actions if a.id == self.action), None)
        if action is None:
            known = [a.id for a in ctx.index.scenario.actions]
            return Rejection("unknown_action",
                             f"the scenario has no action {self.action!r} (actions: {', '.join(known) or 'none'})",
                             f"情景中没有处置行动 {self.action!r}（可用的行动：{'、'.join(known) or '无'}）")
        if self.actor not in action.by:
            return Rejection("wrong_action_taker",
                             f"{self.action} is taken by {', '.join(action.by)}, not {ctx.name(self.actor)}",
                             f"“{action.name.zh}”（{self.action}）由{'、'.join(ctx.name_zh(b) for b in action.by)}采取，"
                             f"而非{ctx.name_zh(self.actor)}")
        return None

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.ActionTaken, by=self.actor, action=self.action)
        action = next(a for a in sim.scenario.actions if a.id == self.action)
        if action.change is not None:
            sim.world.apply_change(action.change, self.action)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> TakeAction | None:
        return cls(actor=exp.by, action=exp.target) if exp.target else None

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        return [b for a in form.actions if a.id == values.get("action") for b in a.by]

    @classmethod
    def lint_target_problem(cls, lint: Any, target: str) -> str | None:
        if target not in lint.actions:
            return f"undefined scenario action {target!r}: none under `actions` has this id"
        return None

    @classmethod
    def lint_target_pool(cls, lint: Any) -> Any:
        return lint.actions

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        if target in lint.actions and by not in lint.actions[target].by:
            return f"action {target} is taken by {', '.join(lint.actions[target].by)}, not {lint.name(by)}"
        return None
