"""Judge a response necessary (认为需要启动响应): a higher body decides the accident needs a level the facts alone
do not justify (Ordos 四(三)2(4), 3(4), 4(3); Xinjiang 1.3(4) L258)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from drillsim.decisions.base import (
    Context,
    DecisionBase,
    MselMatch,
    Rejection,
    level_activators,
    lint_level_problem,
    matched,
    register,
    uninformed,
)
from drillsim.model import events as ev
from drillsim.model.base import StrictInt
from drillsim.model.plan import HigherAuthorityTrigger
from drillsim.rules.plan_index import PlanIndex


def judges(index: PlanIndex, level: int) -> tuple[str, ...]:
    """The bodies whose judgement (a decided_by trigger) makes `level` apply."""
    lv = index.levels.get(level)
    return tuple(t.body for t in lv.triggers if isinstance(t, HigherAuthorityTrigger)) if lv else ()


@register
class JudgeResponseNeeded(DecisionBase):
    type: Literal["judge_response_needed"] = "judge_response_needed"
    position = 55
    level: StrictInt = Field(ge=1, le=4)

    label = ("认为需要启动响应", "Judge response necessary")
    target_field = "level"
    target_needed = "a level number such as \"3\""
    codes = ("unknown_level", "not_a_judge", "not_informed", "already_judged")
    form_fields = ("level",)
    scoring_area = "mobilisation"
    news_body = "by"
    loading_target = "level"
    msel_event = ev.ResponseJudgedNecessary

    def judge(self, index: PlanIndex) -> str | None:
        """The body of the level's decided_by triggers the actor acts for, if any."""
        return next((b for b in judges(index, self.level) if index.acts_for(self.actor, b)), None)

    def check(self, ctx: Context) -> Rejection | None:
        if self.level not in ctx.index.levels:
            return Rejection("unknown_level", f"the plan has no response level {self.level}",
                             f"预案中没有{ctx.level_zh(self.level)}")
        body = self.judge(ctx.index)
        if body is None:
            named = judges(ctx.index, self.level)
            en = f"by {', '.join(ctx.name(b) for b in named)}" if named else "by no one (the plan has no such clause)"
            zh = f"由{'、'.join(ctx.name_zh(b) for b in named)}认为需要" if named else "预案未规定“认为需要”的情形"
            return Rejection("not_a_judge", f"level {self.level} is judged necessary {en}, not {ctx.name(self.actor)}",
                             f"{ctx.level_zh(self.level)}{zh}，而非{ctx.name_zh(self.actor)}")
        if body in ctx.state.decided_by:
            return Rejection("already_judged", f"{ctx.name(body)} has already judged level {self.level} necessary",
                             f"{ctx.name_zh(body)}已认为需要启动{ctx.level_zh(self.level)}")
        return uninformed(self.actor, ctx)

    def carry_out(self, sim: Any) -> None:
        body = self.judge(sim.index) or self.actor
        sim.emit(ev.ResponseJudgedNecessary, by=self.actor, body=body, level=self.level)
        sim.world.regrade()

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> JudgeResponseNeeded | None:
        return cls(actor=exp.by, level=int(exp.target)) if exp.target and exp.target.isdigit() else None

    @classmethod
    def msel_done(cls, trace: Any, exp: Any, got: ev.InjectDelivered) -> MselMatch | None:
        return matched(trace, exp, got, ev.ResponseJudgedNecessary, target=lambda e: str(e.level) == exp.target)

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        chosen = [lv for lv in form.levels if str(lv.level) == str(values.get("level", ""))] or form.levels
        named = [t.body for lv in chosen for t in lv.triggers if isinstance(t, HigherAuthorityTrigger)]
        return [*named, *level_activators(form, values)]

    @classmethod
    def lint_target_problem(cls, lint: Any, target: str) -> str | None:
        return lint_level_problem(lint, target)

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        if target and target.isdigit() and int(target) in lint.levels:
            named = judges(lint.index, int(target))
            if not any(lint.index.acts_for(by, b) for b in named):
                return (f"level {target} is judged necessary by {', '.join(named) or 'no one'}, "
                        f"not {lint.name(by)}")
        return None
