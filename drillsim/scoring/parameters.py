"""The scoring method as named values: capability areas and their weights, severity factors, the time
allowances where the plans say only "immediately", the rating thresholds and the 0-100 conversion.

Every value here is ours, not a plan's, unless its comment cites a clause; docs/scoring.md explains them
and every report prints them. Change them here, never inline in a rule.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from drillsim.model.figures import CASUALTY_FIGURES

MINUTE = 60_000

AREAS: tuple[str, ...] = (
    "warning_reporting",
    "mobilisation",
    "command",
    "assessment",
    "response_actions",
    "resources",
    "information",
    "protection",
    "termination",
    "outcome",
)
"""Capability areas, after the tabletop evaluation areas of AQ/T 9009, and the exercise's outcome (演练效果:
harm against the reference run, inaction, caps); their names are in `drillsim.glossary.AREA_NAMES`."""

OUTCOME = "outcome"
"""The area whose findings deduct their loss in points from the procedure score instead of being averaged."""

AREA_WEIGHTS: dict[str, int] = {
    "warning_reporting": 30,
    "mobilisation": 15,
    "command": 15,
    "assessment": 5,
    "response_actions": 10,
    "resources": 5,
    "information": 5,
    "protection": 10,
    "termination": 5,
    "outcome": 0,
}
"""Share of each procedure area in the procedure score (sums to 100). Areas with nothing to evaluate drop out
and the others are scaled up to 100. `outcome` has no share: its findings are deductions (see HARM)."""

UNREPORTED_AT = 0.5
"""Ours (ASSUMPTION): a report never made in an exercise that ended after this share of its allowed time had
passed is `unreported` — a 不足项 like 漏报 (Ordos 四(一)5), extent = the share used — not `pending`: waiting
out the clock is not rewarded."""

DEFICIENCY = "不足项"
RECTIFICATION = "整改项"
IMPROVEMENT = "改进项"
SEVERITIES: tuple[str, ...] = (DEFICIENCY, RECTIFICATION, IMPROVEMENT)

SEVERITY_FACTOR: dict[str, float] = {DEFICIENCY: 1.0, RECTIFICATION: 0.6, IMPROVEMENT: 0.3}
"""Share of a finding's weight lost at full extent, by grade (AQ/T 9009 不足项 / 整改项 / 改进项)."""

UNSCORED: frozenset[str] = frozenset(
    {"pending", "optional", "not_triggered", "not_played", "not_informed", "not_delivered", "not_assessable",
     "covered", "no_reference"}
)
"""Verdicts on rules that did not apply (or are scored elsewhere): they neither cost nor count."""

COMPLIANT: frozenset[str] = UNSCORED | {"met", "waived"}
"""Verdicts that never cost points."""

DEFAULT_SEVERITY: dict[str, str] = {
    "missed": DEFICIENCY,
    "false_report": DEFICIENCY,
    "wrong_authority": DEFICIENCY,
    "premature": DEFICIENCY,
    "unauthorised": DEFICIENCY,
    "resumed_under_threat": DEFICIENCY,
    "people_at_risk": DEFICIENCY,
    "avoidable_harm": DEFICIENCY,
    "inactive": DEFICIENCY,
    "not_ended": RECTIFICATION,
    "unreported": DEFICIENCY,
    "late": RECTIFICATION,
    "incomplete": RECTIFICATION,
    "wrong_lead": RECTIFICATION,
    "wrong_body": RECTIFICATION,
}
"""The grade a verdict gets unless a rule says otherwise (an evaluator's override may change it)."""

RATING_THRESHOLDS: tuple[tuple[str, float], ...] = (("P", 90.0), ("S", 75.0), ("M", 50.0), ("U", 0.0))
"""Area rating from the area's percentage: P ≥ 90, S ≥ 75, M ≥ 50, else U. An area holding a 不足项 is rated
M at best."""

CONVERSION: tuple[tuple[float, str, str], ...] = (
    (90.0, "优秀", "excellent"),
    (80.0, "良好", "good"),
    (60.0, "合格", "satisfactory"),
    (0.0, "不合格", "unsatisfactory"),
)
"""Overall score bands and the conclusion each converts to (after GB/T 46792's score-to-conclusion idea)."""

@dataclass(frozen=True)
class HarmMeasure:
    """How one kind of harm is compared with the reference run and what more of it costs."""

    measure: str
    """`final` (the figure when the exercise ended) or `peak` (the highest it reached)."""
    severity: str
    points_per_unit: float
    """Points deducted per unit above the reference (and above the tolerance)."""
    max_points: float
    cap: str = "satisfactory"
    """The best conclusion (en) an exercise with this avoidable harm can reach."""
    unit: int = 1
    tolerance: int = 0
    """Differences up to this many units are not harm (continuous indices, not people)."""


HARM: dict[str, HarmMeasure | None] = {
    "deaths": HarmMeasure("final", DEFICIENCY, 15.0, 45.0),
    "serious_injuries": HarmMeasure("final", DEFICIENCY, 4.0, 20.0),
    "trapped": HarmMeasure("final", DEFICIENCY, 6.0, 24.0),
    "missing": HarmMeasure("final", DEFICIENCY, 6.0, 24.0),
    "endangered": HarmMeasure("peak", DEFICIENCY, 0.2, 15.0),
    "minor_injuries": HarmMeasure("final", RECTIFICATION, 1.0, 10.0),
    "hazard_extent": HarmMeasure("peak", RECTIFICATION, 1.0, 15.0, tolerance=5),
    "direct_loss_cny": HarmMeasure("final", RECTIFICATION, 1.0, 10.0, unit=100_000, tolerance=5),
    "rescued": None,
}
"""Every figure of `model.figures.FIGURES`, and whether more of it than in the reference run (the `plan`
policy, same seed) is harm (`None`: not harm). Ours (ASSUMPTION): the plans make preventing the accident's
growth a duty — "防止事故危害扩大和次生、衍生灾害" (000:L384; Ordos 四(二)1) — but do not weigh it. Harm to people is a
不足项, a larger fire or plume or a higher loss a 整改项; any of them keeps the conclusion at 合格 at best (an
avoidable death can never be 优秀 or 良好). `endangered` at its peak counts people exposed; the hazard index
(0-100) and the loss (per CNY 100,000) tolerate 5 units of difference as noise."""

HARM_GRADE = HarmMeasure("final", DEFICIENCY, 15.0, 45.0)
"""A higher accident grade than the reference (一般 → 较大 ...), per grade step."""

HARM_BOUNDARY = HarmMeasure("final", DEFICIENCY, 10.0, 20.0)
"""A crossing into another jurisdiction (SituationFlagged.cross_jurisdiction) the reference did not have,
per scope: a plume or fire that crossed a boundary."""

CAPS: dict[str, str] = {
    "deficiency": "good",
    "inaction": "unsatisfactory",
}
"""Ours (ASSUMPTION, after AQ/T 9009's 不足项: a problem that keeps the organisation from protecting the public
and must be corrected before the next drill): an exercise holding an unwaived 不足项 is 良好 at best; one
where the people at the table took no decision is 不合格 at best. Harm caps are in HARM."""

DUE_DAYS: dict[str, int] = {DEFICIENCY: 30, RECTIFICATION: 60, IMPROVEMENT: 90}
"""Corrective actions fall due this many days after the exercise date, by grade."""


@dataclass(frozen=True)
class Allowances:
    """How long after its trigger an action counts as in time, where the plan gives no figure (ours)."""

    establish_command: int = 30 * MINUTE
    """Enterprise sets up its own field command after the accident (Ordos 四(五)2(1) "立即")."""
    initial_measures: int = 30 * MINUTE
    """Enterprise orders withdrawal and seals the danger zone after the accident (四(二)1 "立即")."""
    activation: int = 30 * MINUTE
    """Activating body raises the response after it learns figures that justify the level."""
    working_groups: int = 60 * MINUTE
    """Groups a level requires are set up after the level is activated."""
    handover: int = 30 * MINUTE
    """Lower commander hands over after the higher one arrives (四(五)2(3) "立即")."""
    suspension: int = 30 * MINUTE
    """Field command withdraws rescuers after they are threatened (四(四)2(5) "立即")."""
    termination: int = 60 * MINUTE
    """Activating body ends the response after the conditions hold; later is an improvement item."""


@dataclass(frozen=True)
class Weights:
    """Weight of each kind of finding inside its area (a finding loses weight × factor × extent)."""

    report_initial_enterprise: float = 6.0
    """The accident enterprise's first reports: every other clock starts from them."""
    report_initial: float = 3.0
    report_follow_up: float = 2.0
    report_notification: float = 2.0
    report_final: float = 2.0
    activation: float = 3.0
    working_group: float = 1.0
    establish_command: float = 3.0
    handover: float = 3.0
    briefing: float = 1.0
    initial_measure: float = 2.0
    suspension: float = 3.0
    release: float = 2.0
    termination: float = 3.0
    people_at_risk: float = 3.0
    msel: float = 1.0


@dataclass(frozen=True)
class ScoringParameters:
    """Everything the method depends on, printed in each report."""

    allowances: Allowances = field(default_factory=Allowances)
    weights: Weights = field(default_factory=Weights)
    figures_checked: tuple[str, ...] = (*CASUALTY_FIGURES, "direct_loss_cny")
    """Figures compared with what the reporter knew (四(一)4: casualties including the missing, direct loss)."""


DEFAULT_PARAMETERS = ScoringParameters()


def band_ceiling(en: str) -> float:
    """The highest score that still converts to the conclusion named `en` (e.g. 89.9 for `good`)."""
    floors = [floor for floor, _, name in CONVERSION]
    i = next(i for i, (_, _, name) in enumerate(CONVERSION) if name == en)
    return 100.0 if i == 0 else round(floors[i - 1] - 0.1, 1)


def conclusion(overall: float) -> tuple[str, str]:
    """The (zh, en) conclusion an overall score converts to."""
    for floor, zh, en in CONVERSION:
        if overall >= floor:
            return zh, en
    return CONVERSION[-1][1], CONVERSION[-1][2]


def conversion_table() -> dict:
    """The documented conversion, JSON-native, as printed in the card and the report."""
    return {
        "area_weights": dict(AREA_WEIGHTS),
        "severity_factor": dict(SEVERITY_FACTOR),
        "ratings": [{"rating": r, "min_percent": floor} for r, floor in RATING_THRESHOLDS],
        "deficiency_caps_rating_at": "M",
        "caps": {**{k: band_ceiling(v) for k, v in CAPS.items()},
                 **{f"harm:{k}": band_ceiling(h.cap) for k, h in HARM.items() if h is not None},
                 "harm:grade": band_ceiling(HARM_GRADE.cap), "harm:boundary": band_ceiling(HARM_BOUNDARY.cap)},
        "harm": {**{k: dataclasses.asdict(h) for k, h in HARM.items() if h is not None},
                 "grade": dataclasses.asdict(HARM_GRADE), "boundary": dataclasses.asdict(HARM_BOUNDARY)},
        "bands": [{"min": floor, "zh": zh, "en": en} for floor, zh, en in CONVERSION],
        "formula": {
            "finding": "points_lost = area_weight × weight × severity_factor × extent / Σ weights in area",
            "area_percent": "100 × (1 − Σ weight × severity_factor × extent / Σ weight)",
            "procedure": "Σ area_weight × area_percent / Σ area_weight over evaluated areas",
            "overall": "min(procedure − Σ outcome deductions, the lowest cap), at least 0",
        },
        "due_days": dict(DUE_DAYS),
    }
