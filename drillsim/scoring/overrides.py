"""Evaluator overrides and observations. The store keeps them as events with author and reason; scoring
applies them on top of the computed findings, never by editing them in place."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from drillsim.scoring.findings import Finding
from drillsim.scoring.parameters import AREAS, COMPLIANT, DEFAULT_SEVERITY, RECTIFICATION, SEVERITIES


@dataclass(frozen=True)
class Override:
    """An evaluator changes a finding's verdict or grade, or an area's rating, and says why."""

    finding_id: str
    author: str
    reason: str
    verdict: str | None = None
    severity: str | None = None
    rating_area: str | None = None
    rating: str | None = None


@dataclass(frozen=True)
class Observation:
    """A note an evaluator records at a simulation time, optionally about one capability area."""

    author: str
    text: str
    t: int
    area: str | None = None


def override_dict(o: Override, applied: bool, note: str = "") -> dict[str, Any]:
    return {**dataclasses.asdict(o), "applied": applied, "note": note}


def observation_dict(o: Observation) -> dict[str, Any]:
    return dataclasses.asdict(o)


def apply_to_findings(
    findings: Sequence[Finding], overrides: Sequence[Override]
) -> tuple[tuple[Finding, ...], list[dict[str, Any]]]:
    """Findings with the finding overrides applied in order, and a record of each override."""
    by_id = {f.id: i for i, f in enumerate(findings)}
    result = list(findings)
    records: list[dict[str, Any]] = []
    for o in overrides:
        if o.verdict is None and o.severity is None:
            records.append(override_dict(o, applied=o.rating_area is not None, note="rating only"))
            continue
        i = by_id.get(o.finding_id)
        if i is None:
            records.append(override_dict(o, applied=False, note=f"no finding {o.finding_id!r}"))
            continue
        if o.severity is not None and o.severity not in SEVERITIES:
            records.append(override_dict(o, applied=False, note=f"severity must be one of {', '.join(SEVERITIES)}"))
            continue
        if o.verdict is None and result[i].compliant:
            records.append(override_dict(o, applied=False, note="the finding is compliant; give a verdict too"))
            continue
        result[i] = _changed(result[i], o)
        records.append(override_dict(o, applied=True))
    return tuple(result), records


def _changed(f: Finding, o: Override) -> Finding:
    verdict = o.verdict or f.verdict
    before = {"verdict": f.verdict, "severity": f.severity}
    if verdict in COMPLIANT:
        severity = None
        verdict = "waived" if verdict != "met" and f.weight else verdict
    else:
        severity = o.severity or (f.severity if f.verdict == verdict or f.severity else None) \
            or DEFAULT_SEVERITY.get(verdict, RECTIFICATION)
    extent = f.extent if not f.compliant else 1.0
    return dataclasses.replace(
        f, verdict=verdict, severity=severity, extent=extent,
        override={"author": o.author, "reason": o.reason, "before": before},
    )


def rating_overrides(
    ratings: dict[str, str | None], overrides: Sequence[Override], records: list[dict[str, Any]]
) -> dict[str, str | None]:
    """Ratings with the evaluators' rating overrides (the computed percentage stays as it was)."""
    result = dict(ratings)
    for o, rec in zip(overrides, records):
        if o.rating_area is None:
            continue
        if o.rating_area not in AREAS or o.rating not in ("P", "S", "M", "U"):
            rec["applied"], rec["note"] = False, "rating_area must be an area and rating one of P, S, M, U"
            continue
        result[o.rating_area] = o.rating
        rec["applied"] = True
    return result
