"""The exercise state at one moment, as text (drillsim show) or as JSON-native data."""

from __future__ import annotations

from typing import Any

from drillsim.engine.state import ExerciseState
from drillsim.glossary import GRADE_NAMES, OBLIGATION_STATUS_NAMES, term
from drillsim.i18n import Lang
from drillsim.loading.scenarios import LoadedScenario
from drillsim.render.timeline import EventDescriber, clock, wall_clock



def state_dict(state: ExerciseState, t: int) -> dict[str, Any]:
    """The state as JSON-native data."""
    return {
        "t": t,
        "clock": clock(t),
        "grade": GRADE_NAMES[state.grade].zh if state.grade in GRADE_NAMES else None,
        "grade_id": state.grade,
        "response_level": state.level,
        "activated_by": state.level_by,
        "justified_level": state.justified_level,
        "commander": state.commander,
        "working_groups": {g: list(lead) for g, lead in state.groups.items()},
        "obligations": [
            {"id": o.id, "from": o.from_body, "to": list(o.to), "status": o.status,
             "deadline_t": o.deadline_t, "met_t": o.met_t, "late_by": o.late_by}
            for o in state.obligations.values()
        ],
        "figures": dict(state.figures),
        "warnings": dict(state.warnings),
        "rescue_suspended": state.suspended,
        "ended": state.ended,
    }


def render_state(state: ExerciseState, t: int, loaded: LoadedScenario, lang: Lang) -> str:
    """A readable page: situation, response, command, groups, obligations."""
    zh = lang == "zh"
    d = EventDescriber(loaded.plan.definition, lang)
    figures = d.figures(state.figures) or "-"
    grade = d.grade_name(state.grade)
    lines = [
        f"{loaded.scenario.title.zh if zh else loaded.scenario.title.en} — {clock(t)} "
        f"({wall_clock(loaded.scenario.setting.start, t)})",
        f"{'伤亡与损失' if zh else 'Casualties and loss'}: {figures}",
        f"{'事故等级' if zh else 'Accident grade'}: {grade}",
        f"{'应急响应' if zh else 'Response level'}: {d.level(state.level)}"
        + (f" ({'启动' if zh else 'by'} {d.body(state.level_by)})" if state.level_by else ""),
        f"{'现场指挥' if zh else 'Field command'}: {d.body(state.commander) if state.commander else '-'}",
    ]
    if state.suspended:
        lines.append("救援已暂停" if zh else "Rescue SUSPENDED")
    if state.warnings:
        lines.append(f"{'预警' if zh else 'Warnings'}: {', '.join(d.colour(c) for c in state.warnings)}")
    lines.append(f"{'工作组' if zh else 'Working groups'} ({len(state.groups)}):")
    for group, lead in state.groups.items():
        name = d.group_name(group)
        lines.append(f"  {name} — {', '.join(d.body(b) for b in lead)}")
    lines.append(f"{'报告义务' if zh else 'Reporting obligations'} ({len(state.obligations)}):")
    for o in state.obligations.values():
        status = term(OBLIGATION_STATUS_NAMES, o.status, lang)
        if o.status == "pending":
            left = o.deadline_t - t
            status += f" ({'剩余' if zh else 'due in'} {clock(max(0, left))})" if left >= 0 else ""
        lines.append(f"  [{status}] {o.id}: {d.body(o.from_body)} → {', '.join(d.body(b) for b in o.to)}"
                     f" ({'时限' if zh else 'due'} {clock(o.deadline_t)})")
    if state.ended:
        lines.append(f"{'演练已结束' if zh else 'Exercise ended'}: {state.ended}")
    return "\n".join(lines)
