"""Run and score the exercises of one seed under every policy of a sweep: the engine and the scoring rules,
no store. The reference run (the `plan` policy, same seed and variant) is played and evaluated once per seed
and serves every policy — and is itself the `plan` policy's run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from drillsim.engine import events as ev
from drillsim.rules.plan_index import PlanIndex
from drillsim.engine.runner import play
from drillsim.engine.state import ExerciseState
from drillsim.model.figures import PEOPLE_AT_RISK
from drillsim.scoring.api import evaluate, trace_outcome
from drillsim.scoring.baseline import deviations
from drillsim.scoring.parameters import AREAS, conclusion
from drillsim.scoring.ratings import Rated, rate
from drillsim.sweep.columns import HARM_FIGURES, Columns
from drillsim.sweep.variants import Variant

MINUTE = 60_000
REFERENCE_POLICY = "plan"

Row = tuple[Any, ...]

_STATUS_ORDER = {"missed": 0, "late": 1, "pending": 2, "optional": 3, "met": 4}


@dataclass(frozen=True)
class Group:
    """One variant prepared for running: its plan index and the values of the dataset's fixed columns."""

    variant: Variant
    index: PlanIndex
    axis_values: tuple[str | None, ...]


def prepare(variant: Variant, axes: Sequence[str]) -> Group:
    values = {s.param: s.value for s in variant.settings}
    loaded = variant.loaded
    return Group(variant, PlanIndex.build(loaded.plan, loaded.scenario), tuple(values.get(a) for a in axes))


def run_seed(group: Group, policies: Sequence[str], seed: int, columns: Columns) -> list[Row]:
    """One row per policy (in the given order) for this seed."""
    loaded, params = group.variant.loaded, group.variant.scoring
    reference_run = play(loaded.plan, loaded.scenario, seed, REFERENCE_POLICY)
    outcome = trace_outcome(group.index, reference_run.events)
    reference = rate(evaluate(loaded, reference_run.events, params, group.index, outcome))
    rows = []
    for policy in policies:
        if policy == REFERENCE_POLICY:
            run, rated = reference_run, reference
        else:
            run = play(loaded.plan, loaded.scenario, seed, policy)
            rated = rate(evaluate(loaded, run.events, params, group.index, outcome))
        found = deviations(rated.findings, reference.findings)
        rows.append(row_of(group, policy, seed, run.events, run.state, rated, reference, len(found), columns))
    return rows


def row_of(group: Group, policy: str, seed: int, events: Sequence[ev.DomainEvent], state: ExerciseState,
           rated: Rated, reference: Rated, deviation_count: int, columns: Columns) -> Row:
    """The dataset row of one scored run, in column order."""
    loaded = group.variant.loaded
    values: dict[str, Any] = {
        "scenario": loaded.scenario.id, "plan": loaded.plan.definition.id, "variant": group.variant.label,
        "policy": policy, "seed": seed, "score": rated.overall, "conclusion": conclusion(rated.overall)[1],
        "baseline_score": reference.overall, "deviations": deviation_count,
        "grade": _highest_grade(events, group.index), "level_max": min((lv for _, lv, _ in state.level_history),
                                                                       default=None),
        "command_established_min": _minutes(state.command_history[0][0]) if state.command_history else None,
        "events": len(events), "end_min": _minutes(events[-1].t), "ended": state.ended,
        "peak_people_at_risk": _peak_at_risk(events),
    }
    values.update({f"param.{a}": v for a, v in zip(columns.axes, group.axis_values)})
    values.update({f"rating.{a}": rated.ratings.get(a) for a in AREAS})
    for level in columns.levels:
        reached = [t for t, lv, _ in state.level_history if lv <= level]
        values[f"t_level_{level}_min"] = _minutes(min(reached)) if reached else None
    handed = [e for e in events if isinstance(e, ev.CommandHandedOver)]
    for h in group.index.handovers:
        t = next((e.t for e in handed if e.to_body == h.to), None)
        values[f"handover.{h.id}_min"] = _minutes(t) if t is not None else None
    _obligations(values, state, group.index)
    for figure in HARM_FIGURES:
        values[figure] = state.figures.get(figure, 0)
    return tuple(values.get(name) for name in columns.names)


def _obligations(values: dict[str, Any], state: ExerciseState, index: PlanIndex) -> None:
    by_rule: dict[str, list] = {}
    for status in state.obligations.values():
        by_rule.setdefault(status.rule, []).append(status)
    late = missed = 0
    for rule in index.obligations:
        instances = by_rule.get(rule, [])
        late += sum(1 for o in instances if o.status == "late")
        missed += sum(1 for o in instances if o.status == "missed")
        values[f"ob.{rule}.status"] = rule_status([o.status for o in instances])
        values[f"ob.{rule}.instances"] = len(instances)
        lateness = [o.late_by for o in instances if o.status in ("met", "late")]
        values[f"ob.{rule}.late_min"] = _minutes(max(lateness)) if lateness else None
        first = instances[0] if instances else None
        values[f"ob.{rule}.done_min"] = _minutes(first.met_t) if first is not None and first.met_t is not None else None
    values["reports_late"], values["reports_missed"] = late, missed


def rule_status(statuses: Sequence[str]) -> str:
    """The worst outcome over a rule's instances: missed, late, pending, optional, met; none: not_started."""
    if not statuses:
        return "not_started"
    return min(statuses, key=lambda s: _STATUS_ORDER.get(s, 2))


def _highest_grade(events: Sequence[ev.DomainEvent], index: PlanIndex) -> str | None:
    rank = {g.id: g.rank for g in index.loaded.definition.grades}
    grades = [e.grade for e in events if isinstance(e, ev.GradeChanged)]
    return min(grades, key=lambda g: rank.get(g, 99)) if grades else None


def _peak_at_risk(events: Sequence[ev.DomainEvent]) -> int:
    figures: dict[str, int] = {}
    peak = 0
    for e in events:
        if isinstance(e, (ev.AccidentOccurred, ev.FiguresChanged)):
            figures.update(e.figures)
            peak = max(peak, sum(figures.get(k, 0) for k in PEOPLE_AT_RISK))
    return peak


def _minutes(ms: int) -> float:
    return round(ms / MINUTE, 3)
