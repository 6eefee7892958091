"""The score card: what scoring hands to the reports, the CLI and the terminal app, as typed fields.

`ScoreCard.to_dict()` is the JSON form (`drillsim score --json`), a stable contract.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from drillsim.scoring.baseline import Deviation
from drillsim.scoring.findings import Finding
from drillsim.scoring.overrides import Observation, OverrideRecord
from drillsim.scoring.parameters import ScoringParameters, conclusion, conversion_table


@dataclass(frozen=True)
class RunFacts:
    """What was scored: which scenario and plan, seed and policy, who played, how long and how it ended."""

    scenario: str
    plan: str
    seed: int
    policy: str
    start_clock: str | None
    roles: dict[str, str]
    """Role id → `human` or `computer`."""
    events: int
    end_t: int
    ended: str | None
    """Why the exercise ended (`terminated`, `time_limit`), None while it is open."""


@dataclass(frozen=True)
class ReferenceScore:
    """The scores of the reference run (the `plan` policy, same seed)."""

    overall: float
    ratings: dict[str, str | None]
    area_percent: dict[str, float | None]


@dataclass(frozen=True)
class ScoreCard:
    """The evaluation of one exercise: findings with evidence, area ratings, the overall score, and how the
    team departed from the reference run."""

    overall: float
    procedure: float
    """The procedure areas' score before outcome deductions and caps (overall ≤ procedure)."""
    ratings: dict[str, str | None]
    area_percent: dict[str, float | None]
    findings: tuple[Finding, ...]
    deviations: tuple[Deviation, ...]
    observations: tuple[Observation, ...]
    overrides: tuple[OverrideRecord, ...]
    meta: RunFacts
    baseline: ReferenceScore
    parameters: ScoringParameters

    @property
    def conclusion(self) -> tuple[str, str]:
        return conclusion(self.overall)

    @property
    def conversion(self) -> dict[str, Any]:
        """The documented score conversion the card was computed with (JSON-native)."""
        return conversion_table()

    def finding(self, finding_id: str) -> Finding | None:
        return next((f for f in self.findings if f.id == finding_id), None)

    def losing(self) -> tuple[Finding, ...]:
        """Findings that cost points."""
        return tuple(f for f in self.findings if f.points_lost > 0)

    def to_dict(self) -> dict[str, Any]:
        zh, en = self.conclusion
        return {
            "overall": self.overall,
            "procedure": self.procedure,
            "conclusion": {"zh": zh, "en": en},
            "ratings": dict(self.ratings),
            "area_percent": dict(self.area_percent),
            "findings": [f.to_dict() for f in self.findings],
            "deviations": [d.to_dict() for d in self.deviations],
            "observations": [dataclasses.asdict(o) for o in self.observations],
            "overrides": [o.to_dict() for o in self.overrides],
            "conversion": self.conversion,
            "meta": dataclasses.asdict(self.meta),
            "baseline": dataclasses.asdict(self.baseline),
            "parameters": json.loads(json.dumps(dataclasses.asdict(self.parameters))),
        }
