"""Send a guidance team (派出现场工作指导组): a higher body guides and coordinates the local command instead of
taking it over (Xinjiang 2.1.5 L310 不替代地方指挥机构的指挥职责; Ordos 四(四)1, 四(五)2(4))."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import (
    Context,
    DecisionBase,
    MselMatch,
    Rejection,
    matched,
    register,
    uninformed,
)
from drillsim.model import events as ev
from drillsim.model.base import StrictStr
from drillsim.model.plan import GuidanceTeam
from drillsim.rules.plan_index import PlanIndex


def teams(index: PlanIndex) -> dict[str, GuidanceTeam]:
    return {t.id: t for t in index.loaded.definition.field_command.guidance_teams}


def guided_tiers(index: PlanIndex, state: Any) -> set[str]:
    """The tiers that sent a guidance team in place of their own field HQ: they guide the field command and do
    not take it over."""
    found = teams(index)
    return {index.tier(found[t].sent_by) or "" for t in state.guidance_teams
            if t in found and found[t].instead_of_takeover}


@register
class SendGuidanceTeam(DecisionBase):
    type: Literal["send_guidance_team"] = "send_guidance_team"
    position = 65
    team: StrictStr

    label = ("派出现场工作指导组", "Send guidance team")
    target_field = "team"
    target_needed = "a guidance team id of the plan"
    codes = ("unknown_team", "wrong_team_sender", "not_informed", "team_already_sent")
    form_fields = ("team",)
    scoring_area = "command"
    news_body = "by"
    msel_event = ev.GuidanceTeamSent

    def check(self, ctx: Context) -> Rejection | None:
        team = teams(ctx.index).get(self.team)
        if team is None:
            known = ", ".join(teams(ctx.index)) or "none"
            return Rejection("unknown_team", f"the plan has no guidance team {self.team!r} (teams: {known})",
                             f"预案中没有现场工作指导组 {self.team!r}")
        if not ctx.index.acts_for(self.actor, team.sent_by):
            return Rejection("wrong_team_sender", f"the {self.team} is sent by {ctx.name(team.sent_by)}, not "
                             f"{ctx.name(self.actor)}",
                             f"{team.name.zh}由{ctx.name_zh(team.sent_by)}派出，而非{ctx.name_zh(self.actor)}")
        if self.team in ctx.state.guidance_teams:
            return Rejection("team_already_sent", f"the {self.team} has already been sent",
                             f"{team.name.zh}已经派出")
        return uninformed(self.actor, ctx)

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.GuidanceTeamSent, team=self.team, by=self.actor, guides=sim.state.commander)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> SendGuidanceTeam | None:
        if exp.target:
            return cls(actor=exp.by, team=exp.target)
        sent = [t.id for t in teams(roles.index).values() if roles.index.acts_for(exp.by, t.sent_by)]
        return cls(actor=exp.by, team=sent[0]) if sent else None

    @classmethod
    def msel_done(cls, trace: Any, exp: Any, got: ev.InjectDelivered) -> MselMatch | None:
        return matched(trace, exp, got, ev.GuidanceTeamSent, target=lambda e: e.team == exp.target,
                       in_force=lambda e: True)  # a team sent before the inject is still there

    @classmethod
    def form_choices(cls, form: Any, field: str) -> list[str] | None:
        return [t.id for t in form.loaded.plan.definition.field_command.guidance_teams] if field == "team" else None

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        found = form.loaded.plan.definition.field_command.guidance_teams
        return [t.sent_by for t in found if t.id == values.get("team")] + [t.sent_by for t in found]

    @classmethod
    def lint_target_problem(cls, lint: Any, target: str) -> str | None:
        return None if target in teams(lint.index) else f"the plan has no guidance team {target!r}"

    @classmethod
    def lint_target_pool(cls, lint: Any) -> Any:
        return teams(lint.index)

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        team = teams(lint.index).get(target or "")
        if team is not None and not lint.index.acts_for(by, team.sent_by):
            return f"the {target} is sent by {lint.name(team.sent_by)}, not {lint.name(by)}"
        return None
