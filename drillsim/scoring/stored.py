"""Scoring a stored exercise: its events, its evaluators' overrides and observations, its scenario."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from drillsim.engine import events as ev
from drillsim.loading.scenarios import LoadedScenario
from drillsim.scoring.api import ScoreCard, score_exercise
from drillsim.scoring.overrides import Observation, Override
from drillsim.session.workspace import Replay


@dataclass(frozen=True)
class ScoredExercise:
    """A stored exercise with its score card."""

    card: ScoreCard
    loaded: LoadedScenario
    events: list[ev.DomainEvent]


def evaluator_input(replay: Replay) -> tuple[list[Override], list[Observation]]:
    """The overrides and observations recorded for an exercise, as scoring takes them."""
    overrides = [
        Override(r.finding_id, r.author, r.reason, **{k: v for k, v in r.changes.items()
                                                       if k in ("verdict", "severity", "rating_area", "rating")})
        for r in replay.overrides()
    ]
    observations = [Observation(r.author, r.text, r.t, r.area) for r in replay.observations()]
    return overrides, observations


def score_stored(replay: Replay) -> ScoredExercise:
    """Score a stored exercise against its plan, with the evaluators' overrides applied."""
    overrides, observations = evaluator_input(replay)
    card = score_exercise(replay.loaded, replay.events, overrides, observations)
    return ScoredExercise(card, replay.loaded, replay.events)
