"""Findings: one verdict on one rule, with the events that justify it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drillsim.engine import events as ev
from drillsim.model.base import Citation
from drillsim.render.timeline import clock
from drillsim.scoring.parameters import COMPLIANT, DEFAULT_SEVERITY, OUTCOME, SEVERITY_FACTOR, UNSCORED


@dataclass(frozen=True)
class RuleRef:
    """The clause a finding is judged by: source, place, verbatim Chinese quote, gloss, how binding."""

    source: str
    at: str
    zh: str
    en: str
    modality: str
    external: bool

    @classmethod
    def of(cls, cite: Citation, modality: str, external_sources: frozenset[str]) -> RuleRef:
        return cls(cite.src, cite.at, cite.zh, cite.en, modality, cite.src in external_sources)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "at": self.at, "zh": self.zh, "en": self.en,
                "modality": self.modality, "external": self.external}


@dataclass(frozen=True)
class Detail:
    """A sentence in both languages."""

    zh: str
    en: str


@dataclass(frozen=True)
class Amendment:
    """An evaluator's override on a finding: who, why, and the verdict and grade it had before."""

    author: str
    reason: str
    verdict_before: str
    severity_before: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"author": self.author, "reason": self.reason,
                "before": {"verdict": self.verdict_before, "severity": self.severity_before}}


@dataclass(frozen=True)
class Finding:
    """A verdict on one rule. `weight` × severity factor × `extent` is lost inside the area; the card turns
    that into `points_lost` on the 0-100 scale. In the `outcome` area `weight` × `extent` are points deducted
    from the procedure score directly."""

    id: str
    area: str
    rule: RuleRef
    verdict: str
    detail: Detail
    evidence: tuple[tuple[int, int], ...] = ()
    """(seq, t) of the events that justify the verdict."""
    weight: float = 0.0
    extent: float = 1.0
    severity: str | None = None
    owner: str | None = None
    """Body responsible for the rule (owner of a corrective action)."""
    done_t: int | None = None
    """When the rule was fulfilled (compared with the baseline)."""
    due_t: int | None = None
    covered_by: str | None = None
    points_lost: float = 0.0
    override: Amendment | None = None
    cap: str | None = None
    """The best conclusion (en: excellent, good, ...) the exercise can reach while this finding stands."""

    @property
    def compliant(self) -> bool:
        return self.verdict in COMPLIANT

    @property
    def loss(self) -> float:
        """Weight lost inside the area."""
        if self.compliant or self.severity is None or self.rule.modality == "may":
            return 0.0
        if self.area == OUTCOME:
            return self.weight * min(1.0, max(0.0, self.extent))
        return self.weight * SEVERITY_FACTOR[self.severity] * min(1.0, max(0.0, self.extent))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "area": self.area,
            "rule": self.rule.to_dict(),
            "verdict": self.verdict,
            "severity": self.severity,
            "points_lost": round(self.points_lost, 2),
            "detail": {"zh": self.detail.zh, "en": self.detail.en},
            "evidence": [{"seq": s, "t": t} for s, t in self.evidence],
            "weight": self.weight,
            "owner": self.owner,
            "done_t": self.done_t,
            "due_t": self.due_t,
            "covered_by": self.covered_by,
            "override": self.override.to_dict() if self.override else None,
            "cap": self.cap,
        }


def evidence(*items: ev.DomainEvent | None) -> tuple[tuple[int, int], ...]:
    """(seq, t) of the given events, without None and duplicates, in stream order."""
    seen = {e.seq: e.t for e in items if e is not None}
    return tuple(sorted(seen.items()))


def judged(
    id: str,
    area: str,
    rule: RuleRef,
    verdict: str,
    detail: Detail,
    evidence: tuple[tuple[int, int], ...] = (),
    weight: float = 0.0,
    extent: float = 1.0,
    severity: str | None = None,
    **extra: Any,
) -> Finding:
    """A finding whose severity defaults from its verdict (None when compliant); rules that did not apply
    carry no weight."""
    if verdict in UNSCORED:
        weight = 0.0
    if verdict in COMPLIANT:
        severity = None
    elif severity is None:
        severity = DEFAULT_SEVERITY.get(verdict)
    return Finding(id=id, area=area, rule=rule, verdict=verdict, detail=detail, evidence=evidence,
                   weight=weight, extent=extent, severity=severity, **extra)


def late_extent(late_by: int, allowed: int) -> float:
    """0.5 just past the deadline, rising to 1 when late by the whole allowed time again."""
    return min(1.0, 0.5 + 0.5 * late_by / max(allowed, 1))


def fmt_ms(ms: int) -> str:
    """A duration as '1h05' or '12min' or '40s'."""
    if ms < 60_000:
        return f"{ms // 1000}s"
    minutes = ms // 60_000
    hours, rest = divmod(minutes, 60)
    return f"{hours}h{rest:02d}" if hours else f"{minutes}min"


def at(t: int) -> str:
    """Simulation time as +HH:MM:SS (`drillsim.render.timeline.clock`)."""
    return clock(t)


__all__ = ["Amendment", "Detail", "Finding", "RuleRef", "at", "evidence", "fmt_ms", "judged", "late_extent"]
