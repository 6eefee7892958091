"""The project's bilingual vocabulary: one Chinese and one English name for every term that more than one
place shows — figures, verdicts, finding grades, ratings, capability areas, accident grades, response levels,
warning colours and the timeline's event categories.

The timeline, the terminal app, the reports and the rejection texts all name these things from here, so a
verdict reads the same on the score card as in the report. `term(TABLE, key, lang)` looks one up.
"""

from __future__ import annotations

from collections.abc import Mapping

from drillsim.i18n import Lang, pick
from drillsim.model.base import Text
from drillsim.model.figures import Figure


def _terms(pairs: Mapping[str, tuple[str, str]]) -> dict[str, Text]:
    return {key: Text(zh=zh, en=en) for key, (zh, en) in pairs.items()}


FIGURE_NAMES: dict[Figure, Text] = _terms({  # type: ignore[assignment]  # keys are the figures, in their order
    "deaths": ("死亡", "deaths"),
    "serious_injuries": ("重伤", "serious injuries"),
    "minor_injuries": ("轻伤", "minor injuries"),
    "trapped": ("被困", "trapped"),
    "missing": ("失联", "missing"),
    "endangered": ("涉险", "endangered"),
    "rescued": ("获救", "rescued"),
    "direct_loss_cny": ("直接经济损失", "direct loss CNY"),
    "hazard_extent": ("灾害范围", "hazard extent"),
})
"""Each figure of `drillsim.model.figures.FIGURES`."""

VERDICT_NAMES: dict[str, Text] = _terms({
    "met": ("符合", "met"),
    "late": ("超时", "late"),
    "missed": ("未做", "missed"),
    "incomplete": ("不完整", "incomplete"),
    "false_report": ("谎报/瞒报", "false report"),
    "wrong_authority": ("越权", "wrong authority"),
    "wrong_body": ("主体错误", "wrong body"),
    "wrong_lead": ("牵头单位错误", "wrong lead"),
    "premature": ("条件未满足", "premature"),
    "unauthorised": ("未经授权", "unauthorised"),
    "resumed_under_threat": ("威胁未除即恢复", "resumed under threat"),
    "people_at_risk": ("仍有遇险人员", "people still at risk"),
    "pending": ("时限未到", "pending"),
    "optional": ("可选", "optional"),
    "not_triggered": ("未触发", "not triggered"),
    "not_played": ("无人扮演", "not played"),
    "not_informed": ("未获报告", "not informed"),
    "not_delivered": ("注入未发出", "not delivered"),
    "not_assessable": ("无法评判", "not assessable"),
    "covered": ("另行计分", "scored elsewhere"),
    "waived": ("评估人豁免", "waived"),
    "avoidable_harm": ("可避免的后果", "avoidable harm"),
    "not_ended": ("响应未结束", "not ended"),
    "unreported": ("演练结束仍未报告", "never reported"),
    "inactive": ("未作决策", "no decision taken"),
    "capped": ("结论封顶", "capped"),
    "no_reference": ("无参照演练", "no reference run"),
})
"""Every verdict a finding can carry (the scoring rules give them; an evaluator may waive one)."""

SEVERITY_NAMES: dict[str, Text] = _terms({
    "不足项": ("不足项", "deficiency (不足项)"),
    "整改项": ("整改项", "rectification (整改项)"),
    "改进项": ("改进项", "improvement (改进项)"),
})
"""The grades of a finding that costs points (AQ/T 9009), keyed by their Chinese name as stored."""

RATING_NAMES: dict[str, Text] = _terms({
    "P": ("P 完全胜任", "P — performed without challenges"),
    "S": ("S 基本胜任", "S — performed with some challenges"),
    "M": ("M 存在较大问题", "M — performed with major challenges"),
    "U": ("U 未能完成", "U — unable to be performed"),
})
"""Capability-area ratings (HSEEP P/S/M/U)."""

AREA_NAMES: dict[str, Text] = _terms({
    "warning_reporting": ("预警与信息报告", "Warning and reporting"),
    "mobilisation": ("应急启动与动员", "Mobilisation"),
    "command": ("指挥与协调", "Command and coordination"),
    "assessment": ("事态研判", "Situation assessment"),
    "response_actions": ("应急处置行动", "Response actions"),
    "resources": ("资源调配", "Resources"),
    "information": ("信息发布", "Information release"),
    "protection": ("防护与通报", "Protection"),
    "termination": ("应急结束", "Termination"),
    "outcome": ("演练效果（后果）", "Outcome"),
})
"""Capability areas (after the tabletop evaluation areas of AQ/T 9009), as `scoring.parameters.AREAS`."""

GRADE_NAMES: dict[str, Text] = _terms({
    "especially_major": ("特别重大", "especially major"),
    "major": ("重大", "major"),
    "larger": ("较大", "larger"),
    "general": ("一般", "general"),
})
"""Accident grades (Decree 493 Art. 3); a plan gives each its own full name, these are the short ones."""

COLOUR_NAMES: dict[str, Text] = _terms({
    "red": ("红色", "red"),
    "orange": ("橙色", "orange"),
    "yellow": ("黄色", "yellow"),
    "blue": ("蓝色", "blue"),
})

OBLIGATION_STATUS_NAMES: dict[str, Text] = _terms({
    "pending": ("待报", "pending"),
    "met": ("按时", "in time"),
    "late": ("迟报", "late"),
    "missed": ("超时未报", "missed"),
    "optional": ("可选", "optional"),
})
"""How a reporting obligation stands (engine.state.ObligationStatus.status): before its deadline, reported
in time, reported late, overdue and not reported, or optional (a 'may' rule)."""

CHANNEL_NAMES: dict[str, Text] = _terms({
    "phone": ("电话", "phone"),
    "written": ("书面", "written"),
    "any": ("任意", "any"),
})
"""How a report must be made (model.plan.Channel)."""

BRIEFING_ITEM_NAMES: dict[str, Text] = _terms({
    "situation": ("现场情况", "situation"),
    "progress": ("处置进展", "progress"),
    "risks": ("风险", "risks"),
    "key_factors": ("关键因素", "key factors"),
    "problems": ("存在问题", "problems"),
    "resources": ("资源", "resources"),
    "casualties": ("伤亡", "casualties"),
})
"""What a command handover briefs (model.plan.BriefingItem)."""

CROSSING_NAMES: dict[str, Text] = _terms({
    "prefectures": ("跨地（州、市）", "across prefectures"),
    "sectors": ("跨行业领域", "across sectors"),
    "local_bingtuan": ("跨地方与兵团", "across local and Bingtuan land"),
    "counties": ("跨县（旗区）", "across counties"),
})
"""Jurisdiction boundaries an accident may cross (model.plan.CrossJurisdictionTrigger.scope)."""

END_REASON_NAMES: dict[str, Text] = _terms({
    "terminated": ("应急结束", "response terminated"),
    "time_limit": ("到达演练时限", "time limit reached"),
    "facilitator": ("导调人员结束演练", "ended by the facilitator"),
})
"""Why an exercise ended (engine.events.ExerciseEnded.reason)."""

CAP_REASON_NAMES: dict[str, Text] = _terms({
    "deficiency": ("存在不足项", "a deficiency (不足项) stands"),
    "harm": ("造成了可避免的损害", "avoidable harm was done"),
    "inaction": ("参演人员未作任何决策", "nobody at the table decided"),
})
"""Why the overall conclusion is held below what the points would give (scoring.card.Cap.reasons)."""

CAP_NOTE = Text(zh="结论封顶为{conclusion}（最高{ceiling}分），因为{reasons}",
                en="capped at {conclusion} ({ceiling} at best) because {reasons}")
"""The sentence beside the conclusion when a cap held it down (scoring.card.Cap.note)."""

MISS_REASON_NAMES: dict[str, Text] = _terms({
    "wrong_target": ("对象不符", "wrong target"),
    "wrong_body": ("行动主体不符", "wrong body"),
    "before_inject": ("早于注入", "before the inject"),
})
"""Why an action does not meet an expected action of the MSEL (drillsim.decisions.base.MISS_REASONS)."""

MARKER_NAMES: dict[str, Text] = _terms({
    "discussion": ("讨论暂停", "discussion pause"),
    "resume": ("继续演练", "exercise resumed"),
    "bookmark": ("书签", "bookmark"),
    "end": ("结束原因", "reason for ending"),
    "participant": ("参演人员", "participant"),
})
"""What a facilitator marks on an exercise's timeline (drillsim.render.markers.Marker.kind)."""

NO_LEVEL = Text(zh="无", en="none")
"""The response level while none is active."""

_NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四"}


def level_term(level: int) -> Text:
    """The generic name of a response level, for a level the plan does not name: 三级响应 / level 3."""
    return Text(zh=f"{_NUMERALS.get(level, level)}级响应", en=f"level {level}")


EVENT_CATEGORIES: dict[str, str] = {
    "exercise_started": "start", "situation_flagged": "world", "situation_cleared": "world",
    "action_taken": "action",
    "accident_occurred": "world", "figures_changed": "world", "grade_changed": "grade",
    "level_justified": "grade", "obligation_started": "report", "report_submitted": "report",
    "obligation_met": "report", "obligation_missed": "MISSED", "response_activated": "level",
    "response_terminated": "level", "command_established": "command", "command_handed_over": "command",
    "official_dispatched": "move", "official_arrived": "move", "working_group_activated": "group",
    "working_groups_selected": "group", "support_requested": "move", "response_judged_necessary": "level",
    "guidance_team_sent": "command",
    "resource_dispatched": "move", "resource_arrived": "move", "evacuation_ordered": "action",
    "cordon_set": "action", "warning_issued": "warning", "warning_lifted": "warning",
    "information_released": "info", "rescuers_threatened": "world", "rescuers_safe": "world",
    "rescue_suspended": "action", "rescue_resumed": "action", "hazard_contained": "world",
    "termination_conditions_met": "world", "inject_delivered": "inject", "inject_held": "inject",
    "inject_released": "inject", "inject_advanced": "inject", "inject_edited": "inject", "decision_accepted": "decision",
    "decision_rejected": "REJECTED", "note_recorded": "note", "exercise_ended": "end",
}
"""The category each event kind is filed under in the timeline and the event log (the same short code in
both languages; capitals for what went wrong)."""


EVENT_CATEGORY_NAMES: dict[str, Text] = _terms({
    "start": ("开始", "start"), "world": ("态势", "world"), "action": ("处置", "action"),
    "grade": ("等级", "grade"), "report": ("报告", "report"), "MISSED": ("超时未报", "MISSED"),
    "level": ("响应", "level"), "command": ("指挥", "command"), "move": ("调度", "move"),
    "group": ("工作组", "group"), "warning": ("预警", "warning"), "info": ("信息发布", "info"),
    "inject": ("注入", "inject"), "decision": ("决策", "decision"), "REJECTED": ("驳回", "REJECTED"),
    "note": ("记录", "note"), "end": ("结束", "end"),
})
"""Each category of `EVENT_CATEGORIES` as the terminal app's event log names it to a reader of either
language (the CLI timeline prints the codes)."""

WIND_DIRECTION_NAMES: dict[str, Text] = _terms({
    "N": ("北", "N"), "NE": ("东北", "NE"), "E": ("东", "E"), "SE": ("东南", "SE"),
    "S": ("南", "S"), "SW": ("西南", "SW"), "W": ("西", "W"), "NW": ("西北", "NW"), "calm": ("静风", "calm"),
})
"""Where the wind blows from (model.scenario.Weather.wind_from): 风向 西北."""

POLICY_NAMES: dict[str, Text] = _terms({
    "plan": ("按预案", "plan"),
    "late-reporter": ("迟报", "late-reporter"),
    "no-handover": ("不移交指挥", "no-handover"),
    "concealer": ("瞒报", "concealer"),
})
"""How the computer plays its roles (engine.policies.POLICIES); English keeps the names the CLI takes."""

DECISION_SOURCE_NAMES: dict[str, Text] = _terms({
    "human": ("人员", "person"),
    "computer": ("计算机", "computer"),
    "facilitator": ("导调", "facilitator"),
})
"""Who took a decision (engine.events.DecisionAccepted.source)."""

MODALITY_NAMES: dict[str, Text] = _terms({
    "must": ("必须", "must"),
    "must_when_necessary": ("必要时", "when necessary"),
    "may": ("可以", "may"),
})
"""How strongly a plan rule binds (model.base.Modality)."""


def term(table: Mapping[str, Text], key: str, lang: Lang) -> str:
    """The term `key` of `table` in `lang`, or the key itself when the table lacks it (visible, not fatal)."""
    term = table.get(key)
    return key if term is None else pick(term, lang)
