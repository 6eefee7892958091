"""Score an exercise against its plan and scenario: the one entry point the store, CLI and reports use."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from drillsim.engine import events as ev
from drillsim.rules.plan_index import PlanIndex
from drillsim.loading.scenarios import LoadedScenario
from drillsim.scoring.baseline import baseline_events, deviations
from drillsim.scoring.card import ReferenceScore, RunFacts, ScoreCard
from drillsim.scoring.context import Ctx
from drillsim.scoring.findings import Finding
from drillsim.scoring.overrides import Observation, Override, apply_to_findings, rating_overrides
from drillsim.scoring.parameters import DEFAULT_PARAMETERS, ScoringParameters
from drillsim.scoring.ratings import rate
from drillsim.scoring.outcome import Outcome, outcome_of
from drillsim.scoring.rules_command import establishment_findings, handover_findings
from drillsim.scoring.rules_conduct import inaction_findings
from drillsim.scoring.rules_levels import group_findings, level_findings
from drillsim.scoring.rules_msel import msel_findings
from drillsim.scoring.rules_outcome import harm_findings, with_precursors
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
    harm_findings,
    inaction_findings,
)
"""Every rule module, in the order findings are listed."""


def evaluate(
    loaded: LoadedScenario, events: Sequence[ev.DomainEvent], params: ScoringParameters = DEFAULT_PARAMETERS,
    index: PlanIndex | None = None, reference: Sequence[ev.DomainEvent] | Outcome | None = None,
) -> list[Finding]:
    """All findings of an exercise, before overrides and points. `reference`: the events (or outcome) of the
    `plan` policy's run of the same seed, which harm is judged against; `events` itself when it is that run."""
    index = index or PlanIndex.build(loaded.plan, loaded.scenario)
    trace = build_trace(index, events, params.figures_checked)
    if reference is not None and not isinstance(reference, Outcome):
        reference = trace_outcome(index, reference) if reference is not events else outcome_of(trace)
    ctx = Ctx.make(trace, params, reference)
    found = [f for rule in RULES for f in rule(ctx)]
    return with_precursors(ctx, _resolve_covered(found))


def trace_outcome(index: PlanIndex, events: Sequence[ev.DomainEvent]) -> Outcome:
    """The outcome of a run (the reference run's, to judge harm against)."""
    return outcome_of(build_trace(index, events, ()))


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
    if start.scenario != loaded.scenario.id or start.plan != loaded.plan.definition.id:
        raise ValueError(f"these events are of {start.scenario}/{start.plan}, not "
                         f"{loaded.scenario.id}/{loaded.plan.definition.id}")
    index = PlanIndex.build(loaded.plan, loaded.scenario)
    ref_events = baseline if baseline is not None else baseline_events(loaded, events)
    findings, records = apply_to_findings(evaluate(loaded, events, params, index, ref_events), overrides)
    rated = rate(findings)
    ratings, records = rating_overrides(rated.ratings, records)
    reference = rate(evaluate(loaded, ref_events, params, index, ref_events))
    last = events[-1]
    return ScoreCard(
        overall=rated.overall,
        procedure=rated.procedure,
        ratings=ratings,
        area_percent=rated.area_percent,
        findings=rated.findings,
        deviations=tuple(deviations(rated.findings, reference.findings)),
        observations=tuple(sorted(observations, key=lambda o: o.t)),
        overrides=tuple(records),
        meta=RunFacts(
            scenario=loaded.scenario.id,
            plan=loaded.plan.definition.id,
            seed=start.seed,
            policy=start.policy,
            start_clock=start.start_clock,
            roles=dict(start.roles),
            events=len(events),
            end_t=last.t,
            ended=last.reason if isinstance(last, ev.ExerciseEnded) else None,
        ),
        baseline=ReferenceScore(reference.overall, reference.ratings, reference.area_percent),
        parameters=params,
    )
