"""The score card: what scoring hands to the reports, the CLI and the terminal app, as typed fields.

`ScoreCard.to_dict()` is the JSON form (`drillsim score --json`), a stable contract.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from drillsim.glossary import CAP_NOTE, CAP_REASON_NAMES, term
from drillsim.i18n import Lang, pick
from drillsim.scoring.baseline import Deviation
from drillsim.scoring.findings import Finding
from drillsim.scoring.overrides import Observation, OverrideRecord
from drillsim.scoring.parameters import OUTCOME, ScoringParameters, band_ceiling, conclusion, conversion_table
from drillsim.scoring.ratings import cap_of


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
class Cap:
    """A cap that held the overall score below what the points give: the conclusion it allows at best, the
    highest score of that conclusion, and why (deficiency | harm | inaction, in that order)."""

    conclusion: tuple[str, str]
    ceiling: float
    reasons: tuple[str, ...]
    causes: tuple[str, ...]
    """The ids of the findings that set it."""

    def note(self, lang: Lang) -> str:
        """`capped at good (89.9 at best) because a deficiency (不足项) stands`, in `lang`."""
        sep = "；" if lang == "zh" else "; "
        return pick(CAP_NOTE, lang).format(
            conclusion=self.conclusion[0] if lang == "zh" else self.conclusion[1], ceiling=f"{self.ceiling:g}",
            reasons=sep.join(term(CAP_REASON_NAMES, r, lang) for r in self.reasons))


def cap_reason(f: Finding) -> str:
    """Why a finding caps the conclusion: the table took no decision, harm was avoidable, or a 不足项 stands."""
    if f.id.startswith("inaction"):
        return "inaction"
    return "harm" if f.area == OUTCOME else "deficiency"


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

    @property
    def cap(self) -> Cap | None:
        """The cap that held the overall score down, None when the points alone gave the conclusion."""
        held = next((f for f in self.findings if f.verdict == "capped" and f.cap and f.points_lost > 0), None)
        if held is None:
            return None
        ceiling = band_ceiling(held.cap)
        causes = [f for f in self.findings
                  if f is not held and (c := cap_of(f)) is not None and band_ceiling(c) == ceiling]
        found = {cap_reason(f) for f in causes}
        return Cap(conclusion(ceiling), ceiling, tuple(r for r in CAP_REASON_NAMES if r in found),
                   tuple(f.id for f in causes))

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
