"""Report (报告): submit, or follow up, the report an obligation requires."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import Context, DecisionBase, Rejection, register
from drillsim.model import events as ev
from drillsim.model.base import StrictInt, StrictStr
from drillsim.model.figures import Figure
from drillsim.model.plan import Channel, ContentField

_STARTS_ON_ZH = {
    "accident_occurred": "事故发生", "report_received": "收到前一环节的报告", "level_activated": "启动相应级别的响应",
    "grade_reached": "事故达到相应等级", "situation_changed": "事故情况发生变化（续报）",
    "response_terminated": "应急响应终止（终报）",
}


def obligation_instance(state: Any, obligation: str) -> str | None:
    """The started instance a report on `obligation` refers to: the id itself, or the newest `id#n` instance."""
    return state.latest_instance.get(obligation)


@register
class Report(DecisionBase):
    """Submit (or follow up) the report an obligation requires. Figures default to what the actor knows."""

    type: Literal["report"] = "report"
    position = 10
    obligation: StrictStr
    channel: Channel | None = None
    figures: dict[Figure, StrictInt] | None = None
    content: tuple[ContentField, ...] | None = None

    label = ("报告", "Report")
    target_field = "obligation"
    target_needed = "an obligation id"
    codes = ("unknown_obligation", "wrong_reporter", "obligation_not_started")
    form_fields = ("obligation", "channel", "figures")
    scoring_area = "warning_reporting"
    loading_target = "obligation"

    def check(self, ctx: Context) -> Rejection | None:
        eo = ctx.index.obligations.get(self.obligation)
        if eo is None:
            return Rejection("unknown_obligation", f"unknown obligation {self.obligation!r}",
                             f"预案中没有报告义务 {self.obligation!r}")
        ob = eo.obligation
        named = f"报告义务“{ob.name.zh}”（{self.obligation}）"
        if self.actor != ob.from_:
            return Rejection("wrong_reporter",
                             f"obligation {self.obligation} is {ctx.name(ob.from_)}'s to fulfil, not {ctx.name(self.actor)}'s",
                             f"{named}应由{ctx.name_zh(ob.from_)}履行，而非{ctx.name_zh(self.actor)}")
        if obligation_instance(ctx.state, self.obligation) is None:
            kind = ob.starts_on.kind
            return Rejection("obligation_not_started",
                             f"obligation {self.obligation} has not started yet (it starts on {kind})",
                             f"{named}尚未开始（起始条件：{_STARTS_ON_ZH.get(kind, kind)}）")
        return None

    def carry_out(self, sim: Any) -> None:
        ob = sim.index.obligations[self.obligation].obligation
        instance = obligation_instance(sim.state, self.obligation) or self.obligation
        status = sim.state.obligations[instance]
        figures = self.figures if self.figures is not None else sim.knowledge(self.actor)
        content = self.content if self.content is not None else ob.content
        follow_up = status.status in ("met", "late")
        sim.emit(ev.ReportSubmitted, obligation=instance, by=self.actor, to=ob.to, channel=self.channel or ob.channel,
                 figures=dict(sorted(figures.items())), content=tuple(content), follow_up=follow_up)
        if sim.roles.remember_report(self.actor, self.obligation, ob.to, figures):
            sim.clocks.reporters.add(self.actor)
        if status.status in ("pending", "missed", "optional"):
            late_by = 0 if status.status == "optional" else max(0, int(sim.env.now) - status.deadline_t)
            sim.emit(ev.ObligationMet, obligation=instance, late_by=late_by)
        if not follow_up:
            sim.clocks.on_report(self.obligation)

    # from_expected: none — reports follow the obligation clocks and the policy, not the MSEL prompt

    @classmethod
    def msel_covered_by(cls, index: Any, trace: Any, exp: Any) -> str | None:
        if exp.target not in index.obligations:
            return None
        first = next((i for i in trace.instances if trace.instances[i].started.rule == exp.target), exp.target)
        return f"obligation:{first}"

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        return [o.from_ for o in form.obligations if o.id == values.get("obligation")]

    @classmethod
    def lint_target_problem(cls, lint: Any, target: str) -> str | None:
        return None if target in lint.obligations else f"undefined obligation {target!r}"

    @classmethod
    def lint_target_pool(cls, lint: Any) -> Any:
        return lint.obligations

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        if target in lint.obligations:
            ob = lint.obligations[target]
            if by != ob.from_:
                return f"obligation {target} is reported by {lint.name(ob.from_)}, not {lint.name(by)}"
        return None
