"""Request support (请求支援) from the next level up, or from the other forces the plan names (Ordos: the military
sub-district and the armed police; Xinjiang: the Ministry, the PLA and the armed police)."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import (
    BodyTargetDecision,
    Context,
    MselMatch,
    Rejection,
    matched,
    register,
    uninformed,
)
from drillsim.model import events as ev
from drillsim.model.base import StrictStr
from drillsim.model.plan import SupportRequest
from drillsim.rules.plan_index import PlanIndex


def support_rule(index: PlanIndex, actor: str, to: str) -> SupportRequest | None:
    """The plan's clause that lets `actor` ask `to` for support, if any."""
    return next((r for r in index.loaded.definition.support_requests
                 if to in r.to and any(index.acts_for(actor, f) for f in r.from_)), None)


def askable(index: PlanIndex, actor: str) -> list[str]:
    """Every body `actor` may ask for support."""
    rules = index.loaded.definition.support_requests
    return list(dict.fromkeys(t for r in rules if any(index.acts_for(actor, f) for f in r.from_) for t in r.to))


@register
class RequestSupport(BodyTargetDecision):
    type: Literal["request_support"] = "request_support"
    position = 85
    to: StrictStr

    label = ("请求支援", "Request support")
    target_field = "to"
    target_needed = "the body asked for support"
    codes = ("no_support_channel", "not_informed", "support_already_requested")
    form_fields = ("to",)
    msel_event = ev.SupportRequested
    form_labels = {"to": ("请求支援对象", "Ask for support from")}
    scoring_area = "resources"
    news_body = "by"

    def check(self, ctx: Context) -> Rejection | None:
        rule = support_rule(ctx.index, self.actor, self.to)
        if rule is None:
            may = askable(ctx.index, self.actor)
            en = f"; it may ask {', '.join(may)}" if may else "; it may ask no one"
            zh = f"；可请求{'、'.join(ctx.name_zh(b) for b in may)}" if may else "；预案未规定其请求支援"
            return Rejection("no_support_channel",
                             f"the plan does not have {ctx.name(self.actor)} ask {ctx.name(self.to)} for support{en}",
                             f"预案未规定{ctx.name_zh(self.actor)}向{ctx.name_zh(self.to)}请求支援{zh}")
        if any(by == self.actor and to == self.to for _, by, to in ctx.state.support_requests):
            return Rejection("support_already_requested",
                             f"{ctx.name(self.actor)} has already asked {ctx.name(self.to)} for support",
                             f"{ctx.name_zh(self.actor)}已向{ctx.name_zh(self.to)}请求支援")
        return uninformed(self.actor, ctx)

    def carry_out(self, sim: Any) -> None:
        rule = support_rule(sim.index, self.actor, self.to)
        sim.emit(ev.SupportRequested, by=self.actor, to=self.to, rule=rule.id if rule else "")

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> RequestSupport | None:
        return cls(actor=exp.by, to=exp.target) if exp.target else None

    @classmethod
    def msel_done(cls, trace: Any, exp: Any, got: ev.InjectDelivered) -> MselMatch | None:
        return matched(trace, exp, got, ev.SupportRequested, target=lambda e: e.to == exp.target)

    @classmethod
    def form_choices(cls, form: Any, field: str) -> list[str] | None:
        if field != "to":
            return None
        rules = form.loaded.plan.definition.support_requests
        return list(dict.fromkeys(t for r in rules if set(r.from_) & set(form.bodies) for t in r.to))

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        rules = form.loaded.plan.definition.support_requests
        return [f for r in rules if values.get("to") in r.to for f in r.from_] + [f for r in rules for f in r.from_]

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        if target and support_rule(lint.index, by, target) is None:
            may = askable(lint.index, by)
            return (f"the plan does not have {lint.name(by)} ask {lint.name(target)} for support"
                    + (f" (it may ask {', '.join(may)})" if may else ""))
        return None
