"""Who may do what, in which state. A check returns why a decision is rejected (a `Rejection`), or None."""

from __future__ import annotations

from dataclasses import dataclass
from functools import singledispatch

from drillsim.engine import decisions as d
from drillsim.engine.plan_index import PlanIndex
from drillsim.engine.state import ExerciseState
from drillsim.glossary import COLOUR_NAMES, level_term, term

REJECTION_CODES = (
    "exercise_ended", "unknown_body", "response_terminated",
    "unknown_obligation", "wrong_reporter", "obligation_not_started",
    "unknown_action", "wrong_action_taker",
    "unknown_level", "wrong_activator", "not_informed", "already_active", "no_active_level", "wrong_de_escalator",
    "wrong_establisher", "command_exists",
    "no_command", "not_commander", "no_handover_foreseen", "handover_not_upward", "not_on_scene",
    "unknown_group", "group_already_active", "wrong_group_activator",
    "unknown_resource", "wrong_dispatcher", "resource_already_dispatched",
    "not_field_command",
    "unknown_warning", "wrong_issuer", "warning_in_force", "no_warning_in_force", "wrong_lifter",
    "already_suspended", "not_suspended", "rescuers_threatened", "commander_only",
    "wrong_terminator", "conditions_not_met",
    "dropped_in_fork",
)
"""Every code a rejection can carry: stable names for programs and tests (texts may be reworded)."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a decision is rejected: a stable code and the explanation in English and in Chinese."""

    code: str
    en: str
    zh: str

    def __post_init__(self) -> None:
        if self.code not in REJECTION_CODES:
            raise ValueError(f"unknown rejection code {self.code!r}")

    def text(self, lang: str) -> str:
        """The explanation for a reader of `lang` ('zh' or 'en')."""
        return self.zh if lang == "zh" else self.en


_STARTS_ON_ZH = {
    "accident_occurred": "事故发生", "report_received": "收到前一环节的报告", "level_activated": "启动相应级别的响应",
    "grade_reached": "事故达到相应等级", "situation_changed": "事故情况发生变化（续报）",
    "response_terminated": "应急响应终止（终报）",
}
_RESOURCE_STATUS_ZH = {"en_route": "已派出，正在途中", "on_scene": "已到达现场"}


class Context:
    """What a check can see: the plan index, the state and whether the termination conditions hold."""

    def __init__(self, index: PlanIndex, state: ExerciseState) -> None:
        self.index = index
        self.state = state

    def name(self, body: str) -> str:
        """A body in English text: `county_government (Banner/district government)`."""
        b = self.index.bodies.get(body)
        return f"{body} ({b.name.en})" if b else body

    def name_zh(self, body: str) -> str:
        """A body in Chinese text: `旗区人民政府（county_government）`."""
        b = self.index.bodies.get(body)
        return f"{b.name.zh}（{body}）" if b else body

    def commander_zh(self, commander: str | None) -> str:
        """Who holds field command, as a Chinese clause."""
        return f"当前现场指挥为{self.name_zh(commander)}" if commander else "现场指挥部尚未成立"

    def level_zh(self, level: int) -> str:
        """A response level by its Chinese name in the plan (四级响应, Ⅳ级应急响应)."""
        lv = self.index.levels.get(level)
        return lv.name.zh if lv else level_term(level).zh

    def informed(self, body: str) -> bool:
        """A body knows of the accident: it is at the enterprise, or someone in its role received a report."""
        if self.index.rank(body) == 0:
            return True
        role = self.index.role(body)
        return any(self.index.role(b) == role for b in self.state.informed_t) if role else body in self.state.informed_t


def obligation_instance(state: ExerciseState, obligation: str) -> str | None:
    """The started instance a report on `obligation` refers to: the id itself, or the newest `id#n` instance."""
    return state.latest_instance.get(obligation)


def check(decision: d.Decision, ctx: Context) -> Rejection | None:
    """Why this decision is rejected, or None when it is allowed."""
    state, index = ctx.state, ctx.index
    if state.ended:
        return Rejection("exercise_ended", "the exercise has ended", "演练已经结束")
    if decision.actor not in index.bodies:
        plan = index.loaded.definition.id
        return Rejection("unknown_body", f"unknown body {decision.actor!r}: the actor must be a body of plan {plan}",
                         f"未知的机构 {decision.actor!r}：决策主体必须是预案 {plan} 中的机构")
    if state.terminated_by and state.level is None and not isinstance(decision, d.Note):
        return Rejection("response_terminated", "the response has been terminated", "应急响应已经终止")
    return _check(decision, ctx)


@singledispatch
def _check(decision: d.Decision, ctx: Context) -> Rejection | None:
    return None


@_check.register
def _(dec: d.Report, ctx: Context) -> Rejection | None:
    eo = ctx.index.obligations.get(dec.obligation)
    if eo is None:
        return Rejection("unknown_obligation", f"unknown obligation {dec.obligation!r}",
                         f"预案中没有报告义务 {dec.obligation!r}")
    ob = eo.obligation
    named = f"报告义务“{ob.name.zh}”（{dec.obligation}）"
    if dec.actor != ob.from_:
        return Rejection("wrong_reporter",
                         f"obligation {dec.obligation} is {ctx.name(ob.from_)}'s to fulfil, not {ctx.name(dec.actor)}'s",
                         f"{named}应由{ctx.name_zh(ob.from_)}履行，而非{ctx.name_zh(dec.actor)}")
    if obligation_instance(ctx.state, dec.obligation) is None:
        kind = ob.starts_on.kind
        return Rejection("obligation_not_started",
                         f"obligation {dec.obligation} has not started yet (it starts on {kind})",
                         f"{named}尚未开始（起始条件：{_STARTS_ON_ZH.get(kind, kind)}）")
    return None


@_check.register
def _(dec: d.TakeAction, ctx: Context) -> Rejection | None:
    action = next((a for a in ctx.index.scenario.actions if a.id == dec.action), None)
    if action is None:
        known = [a.id for a in ctx.index.scenario.actions]
        return Rejection("unknown_action",
                         f"the scenario has no action {dec.action!r} (actions: {', '.join(known) or 'none'})",
                         f"情景中没有处置行动 {dec.action!r}（可用的行动：{'、'.join(known) or '无'}）")
    if dec.actor not in action.by:
        return Rejection("wrong_action_taker",
                         f"{dec.action} is taken by {', '.join(action.by)}, not {ctx.name(dec.actor)}",
                         f"“{action.name.zh}”（{dec.action}）由{'、'.join(ctx.name_zh(b) for b in action.by)}采取，"
                         f"而非{ctx.name_zh(dec.actor)}")
    return None


def _activation(level: int, actor: str, ctx: Context) -> Rejection | None:
    lv = ctx.index.levels.get(level)
    if lv is None:
        return Rejection("unknown_level", f"the plan has no response level {level}", f"预案中没有{ctx.level_zh(level)}")
    if actor != lv.activated_by:
        return Rejection("wrong_activator",
                         f"level {level} is activated by {ctx.name(lv.activated_by)}, not {ctx.name(actor)}",
                         f"{lv.name.zh}由{ctx.name_zh(lv.activated_by)}启动，而非{ctx.name_zh(actor)}")
    if not ctx.informed(actor):
        return Rejection("not_informed", f"{ctx.name(actor)} has not been informed of the accident yet",
                         f"{ctx.name_zh(actor)}尚未接到事故报告")
    return None


@_check.register
def _(dec: d.ActivateResponse, ctx: Context) -> Rejection | None:
    current = ctx.state.level
    if current is not None and dec.level >= current:
        return Rejection("already_active",
                         f"level {current} is already active; activate only a higher level, or adjust the response",
                         f"{ctx.level_zh(current)}已经启动；只能启动更高级别的响应，或调整响应级别")
    return _activation(dec.level, dec.actor, ctx)


@_check.register
def _(dec: d.AdjustResponse, ctx: Context) -> Rejection | None:
    current = ctx.state.level
    if current is None:
        return Rejection("no_active_level", "no response level is active; activate one first",
                         "尚未启动任何级别的应急响应，请先启动响应")
    if dec.level == current:
        return Rejection("already_active", f"level {current} is already active", f"{ctx.level_zh(current)}已经启动")
    if dec.level > current:  # de-escalation: whoever activated decides
        if dec.actor != ctx.state.level_by:
            by = ctx.state.level_by or ""
            return Rejection("wrong_de_escalator", f"only {ctx.name(by)}, who activated level {current}, may lower it",
                             f"只有启动{ctx.level_zh(current)}的{ctx.name_zh(by)}才能降低响应级别")
        return None
    return _activation(dec.level, dec.actor, ctx)


@_check.register
def _(dec: d.EstablishCommand, ctx: Context) -> Rejection | None:
    allowed = sorted({e.by for e in ctx.index.loaded.definition.field_command.establishment})
    if dec.actor not in allowed:
        return Rejection("wrong_establisher",
                         f"field command is established by {', '.join(allowed)}, not {ctx.name(dec.actor)}",
                         f"现场指挥部由{'、'.join(ctx.name_zh(b) for b in allowed)}成立，而非{ctx.name_zh(dec.actor)}")
    if ctx.state.commander is not None:
        return Rejection("command_exists", f"field command is already held by {ctx.name(ctx.state.commander)}",
                         f"现场指挥部已经成立，现场指挥权由{ctx.name_zh(ctx.state.commander)}行使")
    return None


@_check.register
def _(dec: d.HandOverCommand, ctx: Context) -> Rejection | None:
    state, index = ctx.state, ctx.index
    if state.commander is None:
        return Rejection("no_command", "no field command has been established", "尚未成立现场指挥部")
    if dec.actor != state.commander:
        return Rejection("not_commander", f"only the current commander, {ctx.name(state.commander)}, can hand over command",
                         f"只有现任现场指挥才能移交指挥权；{ctx.commander_zh(state.commander)}")
    if not any(h.to == dec.to for h in index.handovers):
        return Rejection("no_handover_foreseen", f"the plan foresees no handover to {ctx.name(dec.to)}",
                         f"预案没有规定向{ctx.name_zh(dec.to)}移交指挥权")
    if index.rank(dec.to) <= index.rank(state.commander):
        return Rejection("handover_not_upward",
                         f"command passes upward only; {ctx.name(dec.to)} is not above {ctx.name(state.commander)}",
                         f"指挥权只能向上级移交；{ctx.name_zh(dec.to)}并不高于{ctx.name_zh(state.commander)}")
    if state.officials.get(dec.to) != "on_scene":
        return Rejection("not_on_scene", f"{ctx.name(dec.to)} has not arrived on scene",
                         f"{ctx.name_zh(dec.to)}尚未到达现场")
    return None


@_check.register
def _(dec: d.ActivateWorkingGroup, ctx: Context) -> Rejection | None:
    state, index = ctx.state, ctx.index
    group = index.groups.get(dec.group)
    if group is None:
        return Rejection("unknown_group", f"the plan has no working group {dec.group!r}",
                         f"预案中没有工作组 {dec.group!r}")
    if state.level is None:
        return Rejection("no_active_level", "no response level is active", "尚未启动任何级别的应急响应")
    if dec.group in state.groups:
        return Rejection("group_already_active", f"working group {dec.group} is already active",
                         f"{group.name.zh}（{dec.group}）已经启动")
    lv = index.levels[state.level]
    if index.tier(dec.actor) != lv.led_by_tier and dec.actor not in (lv.activated_by, lv.commander, state.commander):
        tier = next((t.name.zh for t in index.loaded.definition.tiers if t.id == lv.led_by_tier), lv.led_by_tier)
        return Rejection("wrong_group_activator",
                         f"at level {state.level} working groups are activated by the {lv.led_by_tier} HQ, "
                         f"not {ctx.name(dec.actor)}",
                         f"{lv.name.zh}时，工作组由{tier}应急指挥机构启动，而非{ctx.name_zh(dec.actor)}")
    return None


@_check.register
def _(dec: d.DispatchResource, ctx: Context) -> Rejection | None:
    res = ctx.index.resources.get(dec.resource)
    if res is None:
        return Rejection("unknown_resource", f"the scenario has no resource {dec.resource!r}",
                         f"情景中没有应急资源 {dec.resource!r}")
    named = f"{res.name.zh}（{dec.resource}）"
    if dec.actor != res.controlled_by and not ctx.index.same_role(dec.actor, res.controlled_by):
        return Rejection("wrong_dispatcher", f"{dec.resource} is dispatched by {ctx.name(res.controlled_by)}",
                         f"{named}由{ctx.name_zh(res.controlled_by)}调派")
    status = ctx.state.resources.get(dec.resource)
    if status is not None:
        return Rejection("resource_already_dispatched", f"{dec.resource} is already {status.replace('_', ' ')}",
                         f"{named}{_RESOURCE_STATUS_ZH.get(status, status)}")
    return None


def _on_scene_authority(actor: str, ctx: Context) -> Rejection | None:
    commander = ctx.state.commander
    if ctx.index.rank(actor) == 0 or (commander and (actor == commander or ctx.index.same_role(actor, commander))):
        return None
    return Rejection("not_field_command",
                     f"on-scene measures are ordered by the field command ({ctx.name(commander or 'none')}) "
                     "or the enterprise",
                     f"现场处置措施由现场指挥部或事发单位下令；{ctx.commander_zh(commander)}")


@_check.register
def _(dec: d.Evacuate, ctx: Context) -> Rejection | None:
    return _on_scene_authority(dec.actor, ctx)


@_check.register
def _(dec: d.SetCordon, ctx: Context) -> Rejection | None:
    return _on_scene_authority(dec.actor, ctx)


@_check.register
def _(dec: d.IssueWarning, ctx: Context) -> Rejection | None:
    levels = {w.id: w for w in ctx.index.loaded.definition.warnings.levels}
    level = levels.get(dec.color)
    color = term(COLOUR_NAMES, dec.color, "zh")
    if level is None:
        return Rejection("unknown_warning", f"the plan has no {dec.color} warning", f"预案中没有{color}预警")
    if dec.actor != level.issued_by and not ctx.index.same_role(dec.actor, level.issued_by):
        return Rejection("wrong_issuer", f"a {dec.color} warning is issued by {ctx.name(level.issued_by)}",
                         f"{level.name.zh}由{ctx.name_zh(level.issued_by)}发布")
    if dec.color in ctx.state.warnings:
        return Rejection("warning_in_force", f"a {dec.color} warning is already in force",
                         f"{color}预警已经发布，尚未解除")
    return None


@_check.register
def _(dec: d.LiftWarning, ctx: Context) -> Rejection | None:
    issuer = ctx.state.warnings.get(dec.color)
    color = term(COLOUR_NAMES, dec.color, "zh")
    if issuer is None:
        return Rejection("no_warning_in_force", f"no {dec.color} warning is in force", f"当前没有生效的{color}预警")
    if dec.actor != issuer:
        return Rejection("wrong_lifter", f"whoever issues a warning lifts it (谁发布谁解除): {ctx.name(issuer)}",
                         f"谁发布谁解除：{color}预警应由发布者{ctx.name_zh(issuer)}解除")
    return None


@_check.register
def _(dec: d.SuspendRescue, ctx: Context) -> Rejection | None:
    if ctx.state.suspended:
        return Rejection("already_suspended", "rescue is already suspended", "救援已经暂停")
    return _commander_only(dec.actor, ctx)


@_check.register
def _(dec: d.ResumeRescue, ctx: Context) -> Rejection | None:
    if not ctx.state.suspended:
        return Rejection("not_suspended", "rescue is not suspended", "救援并未暂停")
    if ctx.state.rescuers_threatened:
        return Rejection("rescuers_threatened", "rescuers are still threatened; resume once the threat has passed",
                         "救援人员仍受威胁；待威胁解除后再恢复救援")
    return _commander_only(dec.actor, ctx)


def _commander_only(actor: str, ctx: Context) -> Rejection | None:
    commander = ctx.state.commander
    if commander is None or not (actor == commander or ctx.index.same_role(actor, commander)):
        return Rejection("commander_only", f"only the field command ({ctx.name(commander or 'none')}) can do this",
                         f"此项决定只能由现场指挥部作出；{ctx.commander_zh(commander)}")
    return None


@_check.register
def _(dec: d.Terminate, ctx: Context) -> Rejection | None:
    state = ctx.state
    if state.level is None:
        return Rejection("no_active_level", "no response level is active", "尚未启动任何级别的应急响应")
    if dec.actor != state.level_by:
        by = state.level_by or ""
        return Rejection("wrong_terminator",
                         f"whoever activated a response terminates it (谁启动谁终止): level {state.level} is "
                         f"{ctx.name(by)}'s to end",
                         f"谁启动谁终止：{ctx.level_zh(state.level)}应由启动者{ctx.name_zh(by)}宣布终止")
    if not state.conditions_met:
        return Rejection("conditions_not_met", "the termination conditions do not hold yet",
                         "应急响应终止条件尚未满足")
    return None
