"""One readable line per domain event, in Chinese or English — for the CLI timeline, the TUI log and reports."""

from __future__ import annotations

from datetime import datetime, timedelta

from drillsim.engine import events as ev
from drillsim.i18n import Lang
from drillsim.model.plan import GRADE_ZH, Plan
from drillsim.model.scenario import Scenario

_FIGURE_NAMES = {
    "deaths": ("死亡", "deaths"),
    "serious_injuries": ("重伤", "serious injuries"),
    "minor_injuries": ("轻伤", "minor injuries"),
    "trapped": ("被困", "trapped"),
    "missing": ("失联", "missing"),
    "endangered": ("涉险", "endangered"),
    "rescued": ("获救", "rescued"),
    "direct_loss_cny": ("直接经济损失", "direct loss CNY"),
    "hazard_extent": ("灾害范围", "hazard extent"),
}
_CATEGORY = {
    "exercise_started": "start", "situation_flagged": "world", "action_taken": "action", "accident_occurred": "world", "figures_changed": "world", "grade_changed": "grade",
    "level_justified": "grade", "obligation_started": "report", "report_submitted": "report",
    "obligation_met": "report", "obligation_missed": "MISSED", "response_activated": "level",
    "response_terminated": "level", "command_established": "command", "command_handed_over": "command",
    "official_dispatched": "move", "official_arrived": "move", "working_group_activated": "group",
    "resource_dispatched": "move", "resource_arrived": "move", "evacuation_ordered": "action",
    "cordon_set": "action", "warning_issued": "warning", "warning_lifted": "warning",
    "information_released": "info", "rescuers_threatened": "world", "rescuers_safe": "world",
    "rescue_suspended": "action", "rescue_resumed": "action", "hazard_contained": "world",
    "termination_conditions_met": "world", "inject_delivered": "inject", "decision_accepted": "decision",
    "decision_rejected": "REJECTED", "note_recorded": "note", "exercise_ended": "end",
}


def clock(t_ms: int) -> str:
    """Simulation time as +HH:MM (+HH:MM:SS when not on a whole minute)."""
    seconds, _ = divmod(t_ms, 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"+{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")


def wall_clock(start: str, t_ms: int) -> str:
    """The scenario's local time at simulation time t, as HH:MM."""
    return (datetime.fromisoformat(start) + timedelta(milliseconds=t_ms)).strftime("%H:%M")


def duration_text(ms: int, lang: Lang) -> str:
    """A duration for people: '5min 45s', '1h 20min' (zh: 5分45秒, 1小时20分)."""
    seconds = ms // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    units = (("小时", "h"), ("分", "min"), ("秒", "s"))
    parts = [(v, u) for v, u in zip((hours, minutes, secs), units) if v]
    if not parts:
        return "0秒" if lang == "zh" else "0s"
    if hours:
        parts = parts[:2]
    return ("" if lang == "zh" else " ").join(f"{v}{u[0] if lang == 'zh' else u[1]}" for v, u in parts)


class EventDescriber:
    """Turns events into sentences, naming bodies, groups and levels as the plan does."""

    def __init__(self, plan: Plan, lang: Lang, actions: dict[str, tuple[str, str]] | None = None) -> None:
        self.lang = lang
        self._actions = actions or {}
        self._bodies = {b.id: (b.name.zh, b.name.en) for b in plan.bodies}
        self._groups = {g.id: (g.name.zh, g.name.en) for g in plan.working_groups}
        self._levels = {lv.level: (lv.name.zh, lv.name.en) for lv in plan.response_levels}
        self._grades = {g.id: (g.name.zh, g.name.en) for g in plan.grades}

    def _pick(self, pair: tuple[str, str] | None, fallback: str) -> str:
        if pair is None:
            return fallback
        return pair[0] if self.lang == "zh" else pair[1]

    def body(self, body_id: str) -> str:
        return self._pick(self._bodies.get(body_id), body_id)

    def grade_name(self, grade_id: str | None) -> str:
        return self._pick(self._grades.get(grade_id or ""), grade_id or "-")

    def group_name(self, group_id: str) -> str:
        return self._pick(self._groups.get(group_id), group_id)

    def action_name(self, action_id: str) -> str:
        return self._pick(self._actions.get(action_id), action_id)

    def level(self, level: int | None) -> str:
        if level is None:
            return "无" if self.lang == "zh" else "none"
        return self._pick(self._levels.get(level), f"level {level}")

    def figures(self, figures: dict[str, int], zeros: bool = False) -> str:
        """Figures as text; zeros are left out (but deaths and trapped) unless `zeros`."""
        parts = []
        for key, value in figures.items():
            if not value and not zeros and key not in ("trapped", "deaths"):
                continue
            name = self._pick(_FIGURE_NAMES.get(key), key)
            parts.append(f"{name} {value:,}" if key == "direct_loss_cny" else f"{name} {value}")
        return ", ".join(parts)

    def category(self, e: ev.DomainEvent) -> str:
        return _CATEGORY.get(e.kind, e.kind)

    def describe(self, e: ev.DomainEvent) -> str:  # noqa: C901 - one branch per event type, flat
        zh = self.lang == "zh"
        b = self.body
        if isinstance(e, ev.ExerciseStarted):
            return f"演练开始: {e.scenario} (预案 {e.plan}, 种子 {e.seed}, 策略 {e.policy})" if zh else \
                f"Exercise started: {e.scenario} (plan {e.plan}, seed {e.seed}, policy {e.policy})"
        if isinstance(e, ev.AccidentOccurred):
            return (e.description_zh if zh else e.description_en) + f" [{self.figures(e.figures)}]"
        if isinstance(e, ev.FiguresChanged):
            note = e.note_zh if zh else e.note_en
            return f"{self.figures(e.figures, zeros=True)}" + (f" — {note}" if note else "") + f" ({e.cause})"
        if isinstance(e, ev.SituationFlagged):
            parts = [*(f"cross:{x}" for x in e.cross_jurisdiction), *(f"capacity:{x}" for x in e.capacity_exceeded)]
            return ("情况变化: " if zh else "Situation: ") + ", ".join(parts)
        if isinstance(e, ev.ActionTaken):
            return f"{b(e.by)}: {self.action_name(e.action)}"
        if isinstance(e, ev.GradeChanged):
            grade = self._pick(self._grades.get(e.grade), GRADE_ZH.get(e.grade, e.grade))
            return f"事故等级: {grade}" if zh else f"Accident grade now {grade}"
        if isinstance(e, ev.LevelJustified):
            return f"实际情况已达 {self.level(e.level)} 条件" if zh else f"The facts now justify {self.level(e.level)}"
        if isinstance(e, ev.ObligationStarted):
            to = "、".join(b(x) for x in e.to) if zh else ", ".join(b(x) for x in e.to)
            return f"报告义务开始: {b(e.from_body)} → {to} ({e.channel}), 时限 {clock(e.deadline_t)} [{e.obligation}]" if zh else \
                f"Reporting starts: {b(e.from_body)} → {to} ({e.channel}), due {clock(e.deadline_t)} [{e.obligation}]"
        if isinstance(e, ev.ReportSubmitted):
            what = ("续报" if e.follow_up else "报告") if zh else ("follow-up" if e.follow_up else "report")
            to = ", ".join(b(x) for x in e.to)
            return f"{b(e.by)} {what} → {to}: {self.figures(e.figures)} [{e.obligation}]"
        if isinstance(e, ev.ObligationMet):
            if e.late_by:
                late = duration_text(e.late_by, self.lang)
                return f"迟报 {late} [{e.obligation}]" if zh else f"Reported LATE by {late} [{e.obligation}]"
            return f"按时报告 [{e.obligation}]" if zh else f"Reported in time [{e.obligation}]"
        if isinstance(e, ev.ObligationMissed):
            return f"报告超时未报! [{e.obligation}]" if zh else f"DEADLINE MISSED: no report [{e.obligation}]"
        if isinstance(e, ev.ResponseActivated):
            verb = ("启动" if e.previous is None else "调整为") if zh else ("activates" if e.previous is None else "raises the response to")
            return f"{b(e.by)} {verb} {self.level(e.level)}"
        if isinstance(e, ev.ResponseTerminated):
            return f"{b(e.by)} 宣布应急结束 ({self.level(e.level)})" if zh else f"{b(e.by)} terminates the response ({self.level(e.level)})"
        if isinstance(e, ev.CommandEstablished):
            return f"{b(e.commander)} 成立现场指挥部" if zh else f"{b(e.commander)} sets up field command"
        if isinstance(e, ev.CommandHandedOver):
            missing = (f"; 交接缺: {', '.join(e.missing_briefing)}" if zh else f"; briefing lacks: {', '.join(e.missing_briefing)}") if e.missing_briefing else ""
            joins = ("; 原指挥加入新指挥部" if zh else "; the former commander joins") if e.lower_joins else ""
            return (f"指挥权移交: {b(e.from_body)} → {b(e.to_body)}" if zh else f"Command handed over: {b(e.from_body)} → {b(e.to_body)}") + missing + joins
        if isinstance(e, ev.OfficialDispatched):
            return f"{b(e.body)} 出发, 预计 {clock(e.eta)} 到达" if zh else f"{b(e.body)} sets out, due {clock(e.eta)}"
        if isinstance(e, ev.OfficialArrived):
            return f"{b(e.body)} 到达现场" if zh else f"{b(e.body)} arrives on scene"
        if isinstance(e, ev.WorkingGroupActivated):
            group = self.group_name(e.group)
            return f"{b(e.by)} 启动 {group} (牵头: {', '.join(b(x) for x in e.lead)})" if zh else \
                f"{b(e.by)} activates {group} (lead: {', '.join(b(x) for x in e.lead)})"
        if isinstance(e, ev.ResourceDispatched):
            return f"{b(e.by)} 派出 {e.resource}, 预计 {clock(e.eta)} 到达" if zh else f"{b(e.by)} dispatches {e.resource}, due {clock(e.eta)}"
        if isinstance(e, ev.ResourceArrived):
            return f"{e.resource} 到达现场" if zh else f"{e.resource} on scene"
        if isinstance(e, ev.EvacuationOrdered):
            return f"{b(e.by)} 下令疏散: {e.area}" if zh else f"{b(e.by)} orders evacuation: {e.area}"
        if isinstance(e, ev.CordonSet):
            return f"{b(e.by)} 设置警戒 {e.radius_m} m" if zh else f"{b(e.by)} sets a {e.radius_m} m cordon"
        if isinstance(e, ev.WarningIssued):
            return f"{b(e.by)} 发布{e.color}预警" if zh else f"{b(e.by)} issues a {e.color} warning"
        if isinstance(e, ev.WarningLifted):
            return f"{b(e.by)} 解除{e.color}预警" if zh else f"{b(e.by)} lifts the {e.color} warning"
        if isinstance(e, ev.InformationReleased):
            flag = "" if e.authorised else (" (未经授权!)" if zh else " (UNAUTHORISED)")
            return f"{b(e.by)} 发布信息{flag}: {e.text}" if zh else f"{b(e.by)} releases information{flag}: {e.text}"
        if isinstance(e, ev.RescuersThreatened):
            return f"救援人员受到威胁 ({e.cause})" if zh else f"Rescuers are threatened ({e.cause})"
        if isinstance(e, ev.RescuersSafe):
            return f"威胁解除 ({e.cause})" if zh else f"The threat to rescuers has passed ({e.cause})"
        if isinstance(e, ev.RescueSuspended):
            return f"{b(e.by)} 暂停救援: {e.reason}" if zh else f"{b(e.by)} suspends rescue: {e.reason}"
        if isinstance(e, ev.RescueResumed):
            return f"{b(e.by)} 恢复救援" if zh else f"{b(e.by)} resumes rescue"
        if isinstance(e, ev.HazardContained):
            return "险情得到控制" if zh else "Hazard contained"
        if isinstance(e, ev.TerminationConditionsMet):
            return f"应急结束条件已满足: {', '.join(e.conditions)}" if zh else f"Termination conditions hold: {', '.join(e.conditions)}"
        if isinstance(e, ev.InjectDelivered):
            return (f"情景注入 [{e.inject}] → {e.to_role}: {e.text_zh}" if zh
                    else f"Inject [{e.inject}] → {e.to_role}: {e.text_en}")
        if isinstance(e, ev.DecisionAccepted):
            why = f" — {e.rationale}" if e.rationale else ""
            return f"#{e.number} {b(e.actor)}: {e.decision} {_params(e.params)} ({e.source}){why}"
        if isinstance(e, ev.DecisionRejected):  # logs written before v2 have only the English reason
            return (f"#{e.number} 驳回 {b(e.actor)}: {e.decision} — {e.reason_zh or e.reason}" if zh
                    else f"#{e.number} rejected {b(e.actor)}: {e.decision} — {e.reason}")
        if isinstance(e, ev.NoteRecorded):
            return f"{b(e.by)}: {e.text}"
        if isinstance(e, ev.ExerciseEnded):
            reason = {"terminated": ("应急结束", "response terminated"), "time_limit": ("到达演练时限", "time limit reached")}
            return ("演练结束: " if zh else "Exercise ended: ") + self._pick(reason.get(e.reason), e.reason)
        return e.kind


def _params(params: dict) -> str:
    shown = {k: v for k, v in params.items() if v not in (None, [], {}, "")}
    return " ".join(f"{k}={v}" for k, v in shown.items() if k != "figures")


def describer_for(plan: Plan, scenario: Scenario | None, lang: Lang) -> EventDescriber:
    """An EventDescriber that also knows the scenario's own action names."""
    actions = {a.id: (a.name.zh, a.name.en) for a in scenario.actions} if scenario else {}
    return EventDescriber(plan, lang, actions)


def timeline_lines(events: list[ev.DomainEvent], plan: Plan, lang: Lang, scenario: Scenario | None = None,
                   verbose: bool = False) -> list[str]:
    """The timeline as lines; without `verbose`, accepted-decision records are folded into their effects."""
    describer = describer_for(plan, scenario, lang)
    start = scenario.setting.start if scenario else None
    lines = []
    for e in events:
        if not verbose and isinstance(e, ev.DecisionAccepted) and e.decision not in ("note",):
            continue
        stamp = clock(e.t) + (f" {wall_clock(start, e.t)}" if start else "")
        lines.append(f"{stamp}  {describer.category(e):<8} {describer.describe(e)}")
    return lines
