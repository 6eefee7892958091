"""Score an exercise against its plan and scenario: the one entry point the store, CLI and reports use."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from drillsim.engine import events as ev
from drillsim.engine.plan_index import PlanIndex
from drillsim.loading.scenarios import LoadedScenario
from drillsim.scoring.baseline import baseline_events, deviations
from drillsim.scoring.context import Ctx
from drillsim.scoring.findings import Finding
from drillsim.scoring.overrides import Observation, Override, apply_to_findings, observation_dict, rating_overrides
from drillsim.scoring.parameters import DEFAULT_PARAMETERS, ScoringParameters, conclusion, conversion_table
from drillsim.scoring.ratings import rate
from drillsim.scoring.rules_command import establishment_findings, handover_findings
from drillsim.scoring.rules_levels import group_findings, level_findings
from drillsim.scoring.rules_msel import msel_findings
from drillsim.scoring.rules_operations import (
    initial_measure_findings,
    release_findings,
    suspension_findings,
    termination_findings,
)
from drillsim.scoring.rules_reporting import obligation_findings
from drillsim.scoring.trace import build_trace

RULES = (
    obligation_findings,
    level_findings,
    group_findings,
    establishment_findings,
    handover_findings,
    initial_measure_findings,
    suspension_findings,
    release_findings,
    termination_findings,
    msel_findings,
)
"""Every rule module, in the order findings are listed."""


@dataclass(frozen=True)
class ScoreCard:
    """The evaluation of one exercise: findings with evidence, area ratings, the overall score, and how the
    team departed from the reference run."""

    overall: float
    ratings: dict[str, str | None]
    area_percent: dict[str, float | None]
    findings: tuple[Finding, ...]
    deviations: tuple[dict[str, Any], ...]
    observations: tuple[dict[str, Any], ...]
    overrides: tuple[dict[str, Any], ...]
    conversion: dict[str, Any]
    meta: dict[str, Any]
    baseline: dict[str, Any]
    parameters: dict[str, Any]

    @property
    def conclusion(self) -> tuple[str, str]:
        return conclusion(self.overall)

    def finding(self, finding_id: str) -> Finding | None:
        return next((f for f in self.findings if f.id == finding_id), None)

    def losing(self) -> tuple[Finding, ...]:
        """Findings that cost points."""
        return tuple(f for f in self.findings if f.points_lost > 0)

    def to_dict(self) -> dict[str, Any]:
        zh, en = self.conclusion
        return {
            "overall": self.overall,
            "conclusion": {"zh": zh, "en": en},
            "ratings": dict(self.ratings),
            "area_percent": dict(self.area_percent),
            "findings": [f.to_dict() for f in self.findings],
            "deviations": [dict(d) for d in self.deviations],
            "observations": [dict(o) for o in self.observations],
            "overrides": [dict(o) for o in self.overrides],
            "conversion": self.conversion,
            "meta": dict(self.meta),
            "baseline": dict(self.baseline),
            "parameters": self.parameters,
        }


def evaluate(
    loaded: LoadedScenario, events: Sequence[ev.DomainEvent], params: ScoringParameters = DEFAULT_PARAMETERS,
    index: PlanIndex | None = None,
) -> list[Finding]:
    """All findings of an exercise, before overrides and points."""
    index = index or PlanIndex.build(loaded.plan, loaded.scenario)
    ctx = Ctx.make(build_trace(index, events, params.figures_checked), params)
    found = [f for rule in RULES for f in rule(ctx)]
    return _resolve_covered(found)


def _resolve_covered(found: list[Finding]) -> list[Finding]:
    """Point `covered_by` at a finding that exists (e.g. the nearest `level:` crossing)."""
    ids = {f.id for f in found}
    out = []
    for f in found:
        if f.covered_by is not None and f.covered_by not in ids:
            prefix = f.covered_by.split(":")[0] + ":"
            alt = next((i for i in ids if i.startswith(prefix)), None)
            f = dataclasses.replace(f, covered_by=alt)
        out.append(f)
    return out


def score_exercise(
    loaded: LoadedScenario,
    events: list[ev.DomainEvent],
    overrides: Sequence[Override] = (),
    observations: Sequence[Observation] = (),
    baseline: list[ev.DomainEvent] | None = None,
    params: ScoringParameters = DEFAULT_PARAMETERS,
) -> ScoreCard:
    """Score `events` against the plan and MSEL of `loaded`. Without `baseline`, the reference run is
    played now with the `plan` policy and the exercise's seed."""
    if not events or not isinstance(events[0], ev.ExerciseStarted):
        raise ValueError("an exercise's events start with exercise_started")
    start = events[0]
    if start.scenario != loaded.scenario.id or start.plan != loaded.plan.plan.id:
        raise ValueError(f"these events are of {start.scenario}/{start.plan}, not "
                         f"{loaded.scenario.id}/{loaded.plan.plan.id}")
    index = PlanIndex.build(loaded.plan, loaded.scenario)
    findings, records = apply_to_findings(evaluate(loaded, events, params, index), overrides)
    rated = rate(findings)
    ratings = rating_overrides(rated.ratings, overrides, records)
    reference = rate(evaluate(loaded, baseline if baseline is not None else baseline_events(loaded, events),
                              params, index))
    last = events[-1]
    return ScoreCard(
        overall=rated.overall,
        ratings=ratings,
        area_percent=rated.area_percent,
        findings=rated.findings,
        deviations=tuple(deviations(rated.findings, reference.findings)),
        observations=tuple(observation_dict(o) for o in sorted(observations, key=lambda o: o.t)),
        overrides=tuple(records),
        conversion=conversion_table(),
        meta={
            "scenario": loaded.scenario.id,
            "plan": loaded.plan.plan.id,
            "seed": start.seed,
            "policy": start.policy,
            "start_clock": start.start_clock,
            "roles": dict(start.roles),
            "events": len(events),
            "end_t": last.t,
            "ended": last.reason if isinstance(last, ev.ExerciseEnded) else None,
        },
        baseline={"overall": reference.overall, "ratings": reference.ratings, "area_percent": reference.area_percent},
        parameters=json.loads(json.dumps(dataclasses.asdict(params))),
    )
