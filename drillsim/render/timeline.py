"""One readable line per domain event, in Chinese or English — for the CLI timeline, the TUI log and reports."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from drillsim.decisions import DECISION_TYPES
from drillsim.engine import events as ev
from drillsim.glossary import (
    BRIEFING_ITEM_NAMES,
    CHANNEL_NAMES,
    COLOUR_NAMES,
    DECISION_SOURCE_NAMES,
    END_REASON_NAMES,
    EVENT_CATEGORIES,
    EVENT_CATEGORY_NAMES,
    POLICY_NAMES,
    FIGURE_NAMES,
    GRADE_NAMES,
    NO_LEVEL,
    level_term,
    term,
)
from drillsim.i18n import Lang, pick
from drillsim.render.markers import CATEGORY, Marker, marker_text
from drillsim.model.figures import ALWAYS_SHOWN
from drillsim.model.plan import Plan
from drillsim.model.scenario import Scenario


_ID = r"[a-z][a-z0-9]*(?:[_:-][a-z0-9]+)+"
_ID_IN_BRACKETS = re.compile(rf"\s?[（(]{_ID}[）)]")
_WORD_IN_FULL_WIDTH = re.compile(r"（(?!(?:m|km|kg|mg|ppm|h|min|s)）)[a-z][a-z0-9]*）")
"""A one-word id in Chinese brackets ("事发单位（enterprise）"): Chinese text brackets no lower-case Latin word
but a unit."""
_NAME = r"[^()]+(?:\([^()]*\)[^()]*)*"
"""A name in brackets, which may bracket a part of itself ("Accident enterprise (its emergency command)")."""
_ID_BEFORE_NAME = re.compile(rf"\b(?:{_ID}|[a-z][a-z0-9]*(?= \([A-Z])) \(({_NAME})\)")
"""An id before its name in brackets, as `DecisionContext.name` writes a body: a one-word id ("enterprise")
only before a capitalised name (English prose brackets lower-case asides: "yet (it starts on …)")."""


def without_ids(text: str) -> str:
    """A sentence without the ids it gives beside a name: a rejection's "旗区人民政府（county_government）"
    reads "旗区人民政府", its "county_government (Banner government)" reads "Banner government"."""
    return _WORD_IN_FULL_WIDTH.sub("", _ID_IN_BRACKETS.sub("", _ID_BEFORE_NAME.sub(r"\1", text)))


def clock(t_ms: int) -> str:
    """Simulation time as +HH:MM:SS, always with the seconds: the one way every screen, report and message
    writes a moment of an exercise (so that `+00:25:00` and `+00:31:42` line up); -HH:MM:SS before the
    accident (the warning phase), counting down to it."""
    sign = "-" if t_ms < 0 else "+"
    seconds = abs(t_ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}:{secs:02d}"


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
    """Turns events into sentences, naming bodies, groups and levels as the plan does.

    With `ids` (the CLI, reports) a sentence ends with the id of the obligation, inject or cause it concerns,
    in brackets; without (the terminal app) it names the obligation instead and shows no ids at all.
    """

    def __init__(self, plan: Plan, lang: Lang, actions: dict[str, tuple[str, str]] | None = None,
                 ids: bool = True, names: Names | None = None) -> None:
        self.lang = lang
        self.ids = ids
        self._names = names or Names()
        self._actions = actions or {}
        self._bodies = {b.id: (b.name.zh, b.name.en) for b in plan.bodies}
        self._groups = {g.id: (g.name.zh, g.name.en) for g in plan.working_groups}
        self._teams = {t.id: (t.name.zh, t.name.en) for t in plan.field_command.guidance_teams}
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

    def team_name(self, team_id: str) -> str:
        return self._pick(self._teams.get(team_id), team_id)

    def action_name(self, action_id: str) -> str:
        return self._pick(self._actions.get(action_id), action_id)

    def title(self, ident: str) -> str:
        """A scenario's or plan's title (its id when unknown)."""
        return self._pick(self._names.titles.get(ident), ident)

    def resource_name(self, resource_id: str) -> str:
        return self._pick(self._names.resources.get(resource_id), resource_id)

    def role_name(self, role_id: str) -> str:
        return self._pick(self._names.roles.get(role_id), role_id)

    def obligation_name(self, obligation_id: str) -> str:
        return self._pick(self._names.obligations.get(obligation_id.split("#")[0]), obligation_id)

    def decision_name(self, decision_type: str) -> str:
        cls = DECISION_TYPES.get(decision_type)
        return self._pick(cls.label, decision_type) if cls is not None else decision_type

    def note(self, text: str) -> str:
        """A note in the reader's language: a computer role records the Chinese text an inject expects; its
        English counterpart is shown to an English reader."""
        return text if self.lang == "zh" else self._names.notes.get(text, text)

    def reference(self, kind: str, ident: str) -> str:
        """` [id]` after a sentence (with `ids`); else the obligation's name, and nothing for other ids."""
        if self.ids:
            return f" [{ident}]" if kind != "cause" else f" ({ident})"
        if kind == "obligation":
            return ("：" if self.lang == "zh" else ": ") + self.obligation_name(ident)
        return ""

    def level(self, level: int | None) -> str:
        if level is None:
            return pick(NO_LEVEL, self.lang)
        return self._pick(self._levels.get(level), pick(level_term(level), self.lang))

    def figures(self, figures: dict[str, int], zeros: bool = False) -> str:
        """Figures as text; zeros are left out (but those always shown) unless `zeros`."""
        parts = []
        for key, value in figures.items():
            if not value and not zeros and key not in ALWAYS_SHOWN:
                continue
            name = term(FIGURE_NAMES, key, self.lang)
            parts.append(f"{name} {value:,}" if key == "direct_loss_cny" else f"{name} {value}")
        return ", ".join(parts)

    def category(self, e: ev.DomainEvent) -> str:
        return EVENT_CATEGORIES.get(e.kind, e.kind)

    def category_name(self, e: ev.DomainEvent) -> str:
        """The event's category in the reader's language (the log's second column)."""
        return term(EVENT_CATEGORY_NAMES, self.category(e), self.lang)

    def describe(self, e: ev.DomainEvent) -> str:
        """The event as one sentence in the describer's language."""
        special = _SPECIAL.get(type(e))
        if special is not None:
            return special(self, e, self.lang == "zh")
        template = _TEMPLATES.get(e.kind)
        if template is None:
            return e.kind
        text = template[0 if self.lang == "zh" else 1].format(**self._fields(e))
        ref = _REFERENCES.get(e.kind)
        return text + self.reference(ref[0], getattr(e, ref[1])) if ref else text

    def _fields(self, e: ev.DomainEvent) -> dict[str, object]:
        """The event's fields as the templates show them: bodies, levels, groups and times by name."""
        shown: dict[str, object] = {}
        for f in dataclasses.fields(e):
            value = getattr(e, f.name)
            convert = _FIELD_TEXT.get(f.name)
            shown[f.name] = convert(self, value) if convert is not None else value
        return shown

    # events whose sentence needs more than a template ------------------------------------------------

    def _accident(self, e: ev.AccidentOccurred, zh: bool) -> str:
        return (e.description_zh if zh else e.description_en) + f" [{self.figures(e.figures)}]"

    def _figures_changed(self, e: ev.FiguresChanged, zh: bool) -> str:
        note = e.note_zh if zh else e.note_en
        return f"{self.figures(e.figures, zeros=True)}" + (f" — {note}" if note else "") + self.reference(
            "cause", e.cause)

    def _situation(self, e: ev.SituationFlagged, zh: bool) -> str:
        parts = [*(f"cross:{x}" for x in e.cross_jurisdiction), *(f"capacity:{x}" for x in e.capacity_exceeded)]
        return ("情况变化: " if zh else "Situation: ") + ", ".join(parts)

    def _situation_cleared(self, e: ev.SituationCleared, zh: bool) -> str:
        parts = [*(f"cross:{x}" for x in e.cross_jurisdiction), *(f"capacity:{x}" for x in e.capacity_exceeded)]
        return ("情况解除: " if zh else "No longer: ") + ", ".join(parts) + f" ({e.cause})"

    def _groups_selected(self, e: ev.WorkingGroupsSelected, zh: bool) -> str:
        sep = "、" if zh else ", "
        chosen = sep.join(self.group_name(g) for g in e.groups)
        dropped = sep.join(self.group_name(g) for g in e.stood_down)
        if zh:
            return f"{self.body(e.by)} 选定工作组: {chosen}" + (f"; 撤销: {dropped}" if dropped else "")
        return f"{self.body(e.by)} selects the working groups: {chosen}" + (f"; stands down: {dropped}" if dropped else "")

    def _obligation_started(self, e: ev.ObligationStarted, zh: bool) -> str:
        to = ("、" if zh else ", ").join(self.body(x) for x in e.to)
        channel = term(CHANNEL_NAMES, e.channel, self.lang)
        return (f"报告义务开始: {self.body(e.from_body)} → {to} ({channel}), 时限 {clock(e.deadline_t)}"
                if zh else
                f"Reporting starts: {self.body(e.from_body)} → {to} ({channel}), due {clock(e.deadline_t)}"
                ) + self.reference("obligation", e.obligation)

    def _report(self, e: ev.ReportSubmitted, zh: bool) -> str:
        what = ("续报" if e.follow_up else "报告") if zh else ("follow-up" if e.follow_up else "report")
        to = ", ".join(self.body(x) for x in e.to)
        return f"{self.body(e.by)} {what} → {to}: {self.figures(e.figures)}" + self.reference(
            "obligation", e.obligation)

    def _obligation_met(self, e: ev.ObligationMet, zh: bool) -> str:
        if e.late_by:
            late = duration_text(e.late_by, self.lang)
            said = f"迟报 {late}" if zh else f"Reported LATE by {late}"
        else:
            said = "按时报告" if zh else "Reported in time"
        return said + self.reference("obligation", e.obligation)

    def _activated(self, e: ev.ResponseActivated, zh: bool) -> str:
        first = e.previous is None
        verb = ("启动" if first else "调整为") if zh else ("activates" if first else "raises the response to")
        return f"{self.body(e.by)} {verb} {self.level(e.level)}"

    def _handed_over(self, e: ev.CommandHandedOver, zh: bool) -> str:
        missing = ""
        if e.missing_briefing:
            items = (term(BRIEFING_ITEM_NAMES, item, self.lang) for item in e.missing_briefing)
            missing = ("; 交接缺: " if zh else "; briefing lacks: ") + ", ".join(items)
        joins = ("; 原指挥加入新指挥部" if zh else "; the former commander joins") if e.lower_joins else ""
        head = "指挥权移交" if zh else "Command handed over"
        return f"{head}: {self.body(e.from_body)} → {self.body(e.to_body)}" + missing + joins

    def _released(self, e: ev.InformationReleased, zh: bool) -> str:
        flag = "" if e.authorised else (" (未经授权!)" if zh else " (UNAUTHORISED)")
        return f"{self.body(e.by)} 发布信息{flag}: {e.text}" if zh else f"{self.body(e.by)} releases information{flag}: {e.text}"

    def _accepted(self, e: ev.DecisionAccepted, zh: bool) -> str:
        why = f" — {e.rationale}" if e.rationale else ""
        if self.ids:
            return f"#{e.number} {self.body(e.actor)}: {e.decision} {_params(e.params)} ({e.source}){why}"
        source = term(DECISION_SOURCE_NAMES, e.source, self.lang)
        params = self.params(e.params)
        return (f"#{e.number} {self.body(e.actor)}: {self.decision_name(e.decision)}"
                + (("：" if zh else ": ") + params if params else "") + (f"（{source}）" if zh else f" ({source})")
                + why)

    def _rejected(self, e: ev.DecisionRejected, zh: bool) -> str:  # logs before v2 have only the English reason
        decision = e.decision if self.ids else self.decision_name(e.decision)
        reason = (e.reason_zh or e.reason) if zh else e.reason
        reason = reason if self.ids else without_ids(reason)
        return (f"#{e.number} 驳回 {self.body(e.actor)}: {decision} — {reason}" if zh
                else f"#{e.number} rejected {self.body(e.actor)}: {decision} — {reason}")

    def params(self, params: dict) -> str:
        """A decision's parameters as the reader says them: names, not ids, and no parameter names."""
        shown = []
        for key, value in params.items():
            if value in (None, [], {}, "", ()):
                continue
            named = _PARAM_TEXT.get(key)
            shown.append(named(self, value) if named else str(value))
        return ("，" if self.lang == "zh" else ", ").join(shown)

    def _ended(self, e: ev.ExerciseEnded, zh: bool) -> str:
        return ("演练结束: " if zh else "Exercise ended: ") + term(END_REASON_NAMES, e.reason, self.lang)

    def _grade(self, grade_id: str) -> str:
        return self._pick(self._grades.get(grade_id), term(GRADE_NAMES, grade_id, self.lang))

    def colour(self, colour: str) -> str:
        return term(COLOUR_NAMES, colour, self.lang)


_TEMPLATES: dict[str, tuple[str, str]] = {
    "exercise_started": ("演练开始: {scenario} (预案 {plan}, 种子 {seed}, 策略 {policy})",
                         "Exercise started: {scenario} (plan {plan}, seed {seed}, policy {policy})"),
    "action_taken": ("{by}: {action}", "{by}: {action}"),
    "grade_changed": ("事故等级: {grade}", "Accident grade now {grade}"),
    "level_justified": ("实际情况已达 {level} 条件", "The facts now justify {level}"),
    "obligation_missed": ("报告超时未报!", "DEADLINE MISSED: no report"),
    "response_terminated": ("{by} 宣布应急结束 ({level})", "{by} terminates the response ({level})"),
    "command_established": ("{commander} 成立现场指挥部", "{commander} sets up field command"),
    "official_dispatched": ("{body} 出发, 预计 {eta} 到达", "{body} sets out, due {eta}"),
    "official_arrived": ("{body} 到达现场", "{body} arrives on scene"),
    "working_group_activated": ("{by} 启动 {group} (牵头: {lead})", "{by} activates {group} (lead: {lead})"),
    "support_requested": ("{by} 请求 {to} 支援", "{by} asks {to} for support"),
    "response_judged_necessary": ("{by} 认为需要启动{level}", "{by} judges {level} necessary"),
    "guidance_team_sent": ("{by} 派出{team}，指导现场指挥，不替代其指挥", "{by} sends the {team} to guide the field "
                           "command, which keeps command"),
    "resource_dispatched": ("{by} 派出 {resource}, 预计 {eta} 到达", "{by} dispatches {resource}, due {eta}"),
    "resource_arrived": ("{resource} 到达现场", "{resource} on scene"),
    "evacuation_ordered": ("{by} 下令疏散: {area}", "{by} orders evacuation: {area}"),
    "cordon_set": ("{by} 设置警戒 {radius_m} m", "{by} sets a {radius_m} m cordon"),
    "warning_issued": ("{by} 发布{color}预警", "{by} issues a {color} warning"),
    "warning_lifted": ("{by} 解除{color}预警", "{by} lifts the {color} warning"),
    "rescuers_threatened": ("救援人员受到威胁", "Rescuers are threatened"),
    "rescuers_safe": ("威胁解除", "The threat to rescuers has passed"),
    "rescue_suspended": ("{by} 暂停救援: {reason}", "{by} suspends rescue: {reason}"),
    "rescue_resumed": ("{by} 恢复救援", "{by} resumes rescue"),
    "hazard_contained": ("险情得到控制", "Hazard contained"),
    "termination_conditions_met": ("应急结束条件已满足: {conditions}", "Termination conditions hold: {conditions}"),
    "inject_delivered": ("情景注入{inject} → {to_role}: {text_zh}", "Inject{inject} → {to_role}: {text_en}"),
    "inject_held": ("导调暂缓情景注入{inject}", "Facilitator holds inject{inject}"),
    "inject_released": ("导调恢复情景注入{inject}", "Facilitator releases inject{inject}"),
    "inject_advanced": ("导调提前发出情景注入{inject}", "Facilitator fires inject{inject} early"),
    "inject_edited": ("导调修改情景注入{inject}: {text_zh}", "Facilitator edits inject{inject}: {text_en}"),
    "note_recorded": ("{by}: {text}", "{by}: {text}"),
}
"""One sentence per event kind, (Chinese, English), over the event's fields as `_FIELD_TEXT` shows them."""

_REFERENCES: dict[str, tuple[str, str]] = {
    "obligation_missed": ("obligation", "obligation"),
    "rescuers_threatened": ("cause", "cause"),
    "rescuers_safe": ("cause", "cause"),
}
"""Event kind → (kind of reference, field) that `EventDescriber.reference` puts after its sentence."""

_FIELD_TEXT: dict[str, Callable[[EventDescriber, Any], object]] = {
    **dict.fromkeys(("by", "body", "commander", "actor", "from_body", "to_body", "to"), EventDescriber.body),
    "team": EventDescriber.team_name,
    "eta": lambda d, t: clock(t),
    "level": EventDescriber.level,
    "group": EventDescriber.group_name,
    "action": EventDescriber.action_name,
    "grade": EventDescriber._grade,
    "lead": lambda d, bodies: ", ".join(d.body(b) for b in bodies),
    "conditions": lambda d, names: ", ".join(names),
    "color": EventDescriber.colour,
    "resource": EventDescriber.resource_name,
    "to_role": EventDescriber.role_name,
    "text": EventDescriber.note,
    "inject": lambda d, ident: f" [{ident}]" if d.ids else "",
    **dict.fromkeys(("scenario", "plan"), lambda d, ident: ident if d.ids else d.title(ident)),
    "policy": lambda d, name: name if d.ids else term(POLICY_NAMES, name, d.lang),
}

_SPECIAL: dict[type, Callable[[EventDescriber, Any, bool], str]] = {
    ev.AccidentOccurred: EventDescriber._accident,
    ev.FiguresChanged: EventDescriber._figures_changed,
    ev.SituationFlagged: EventDescriber._situation,
    ev.SituationCleared: EventDescriber._situation_cleared,
    ev.WorkingGroupsSelected: EventDescriber._groups_selected,
    ev.ObligationStarted: EventDescriber._obligation_started,
    ev.ReportSubmitted: EventDescriber._report,
    ev.ObligationMet: EventDescriber._obligation_met,
    ev.ResponseActivated: EventDescriber._activated,
    ev.CommandHandedOver: EventDescriber._handed_over,
    ev.InformationReleased: EventDescriber._released,
    ev.DecisionAccepted: EventDescriber._accepted,
    ev.DecisionRejected: EventDescriber._rejected,
    ev.ExerciseEnded: EventDescriber._ended,
}


_PARAM_TEXT: dict[str, Callable[[EventDescriber, Any], str]] = {
    **dict.fromkeys(("by", "body", "to", "commander", "actor", "from_body", "to_body"),
                    lambda d, v: ("、" if d.lang == "zh" else ", ").join(d.body(b) for b in v)
                    if isinstance(v, list | tuple) else d.body(v)),
    "lead": lambda d, v: d.body(v) if isinstance(v, str) else ("、" if d.lang == "zh" else ", ").join(map(d.body, v)),
    "obligation": EventDescriber.obligation_name,
    "resource": EventDescriber.resource_name,
    "group": EventDescriber.group_name,
    "level": lambda d, v: d.level(int(v)),
    "action": EventDescriber.action_name,
    "color": EventDescriber.colour,
    "radius_m": lambda d, v: f"{v}\u00a0m",
    "channel": lambda d, v: term(CHANNEL_NAMES, v, d.lang),
    "briefing": lambda d, v: ("、" if d.lang == "zh" else ", ").join(term(BRIEFING_ITEM_NAMES, i, d.lang) for i in v),
    "figures": lambda d, v: d.figures(v, zeros=True),
    "text": lambda d, v: d.note(v),
}
"""How `EventDescriber.params` names a decision parameter's value (others are shown as they are)."""


def _params(params: dict) -> str:
    shown = {k: v for k, v in params.items() if v not in (None, [], {}, "")}
    return " ".join(f"{k}={v}" for k, v in shown.items() if k != "figures")


@dataclasses.dataclass(frozen=True)
class Names:
    """What a scenario names beyond the plan's bodies, groups and levels, (Chinese, English) by id — and the
    English of each Chinese note a computer role records for an inject."""

    resources: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    roles: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    obligations: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    notes: dict[str, str] = dataclasses.field(default_factory=dict)
    titles: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)


def scenario_names(scenario: Scenario | None, obligations: Any = ()) -> Names:
    """The names a describer without ids needs: the scenario's resources, roles and inject notes, and the
    given obligations (the plan's and its layers')."""
    if scenario is None:
        return Names(obligations={o.id: (o.name.zh, o.name.en) for o in reversed(list(obligations))})
    notes = {x.text.zh: x.text.en for inj in scenario.msel for x in inj.expected}  # a note is one of these
    return Names(
        resources={r.id: (r.name.zh, r.name.en) for r in scenario.resources},
        roles={r.id: (r.name.zh, r.name.en) for r in scenario.roles},
        obligations={o.id: (o.name.zh, o.name.en) for o in reversed(list(obligations))},  # the plan's own first
        notes=notes,
        titles={scenario.id: (scenario.title.zh, scenario.title.en)},
    )


def describer_for(plan: Plan, scenario: Scenario | None, lang: Lang, ids: bool = True,
                  obligations: Any = ()) -> EventDescriber:
    """An EventDescriber that also knows the scenario's own action, resource and role names (and, without
    `ids`, the names of `obligations`)."""
    actions = {a.id: (a.name.zh, a.name.en) for a in scenario.actions} if scenario else {}
    names = scenario_names(scenario, obligations or plan.reporting.obligations)
    names.titles[plan.id] = (plan.document_number, plan.document_number)
    return EventDescriber(plan, lang, actions, ids=ids, names=names)


def timeline_lines(events: list[ev.DomainEvent], plan: Plan, lang: Lang, scenario: Scenario | None = None,
                   verbose: bool = False, markers: Sequence[Marker] = ()) -> list[str]:
    """The timeline as lines; without `verbose`, accepted-decision records are folded into their effects.

    `markers` (the facilitator's: discussion pauses, bookmarks, the end) go in by time, after the events of
    the same moment.
    """
    describer = describer_for(plan, scenario, lang)
    start = scenario.setting.start if scenario else None

    def stamp(t: int) -> str:
        return clock(t) + (f" {wall_clock(start, t)}" if start else "")

    lines: list[tuple[int, int, str]] = []
    for e in events:
        if not verbose and not in_short_timeline(e):
            continue
        lines.append((e.t, 0, f"{stamp(e.t)}  {describer.category(e):<8} {describer.describe(e)}"))
    lines += [(m.t, 1, f"{stamp(m.t)}  {CATEGORY:<8} {marker_text(m, lang)}") for m in markers]
    return [line for _t, _after, line in sorted(lines, key=lambda item: (item[0], item[1]))]


def in_short_timeline(e: ev.DomainEvent) -> bool:
    """Whether the short timeline shows this event: all but accepted decisions told by their effects (a note is
    shown as itself)."""
    if not isinstance(e, ev.DecisionAccepted):
        return True
    cls = DECISION_TYPES.get(e.decision)
    return cls is not None and cls.timeline_shows_decision
