"""What both report formats show, computed once: overview facts, the timeline's events, strengths and the
corrective-action table. The formats only lay it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from drillsim.engine import events as ev
from drillsim.glossary import AREA_NAMES, END_REASON_NAMES, term
from drillsim.i18n import Lang
from drillsim.loading.scenarios import LoadedScenario
from drillsim.render.markers import Marker, marker_text
from drillsim.render.timeline import EventDescriber, clock, describer_for
from drillsim.reports.i18n import ACTIONS, label, pick
from drillsim.scoring.api import ScoreCard
from drillsim.scoring.findings import Finding
from drillsim.scoring.parameters import AREAS, DUE_DAYS

KEY_KINDS = frozenset({
    "accident_occurred", "figures_changed", "level_justified", "response_activated", "response_terminated",
    "command_established", "command_handed_over", "official_arrived", "working_group_activated",
    "working_groups_selected", "support_requested", "response_judged_necessary", "guidance_team_sent",
    "obligation_missed", "information_released", "rescuers_threatened", "rescuers_safe", "rescue_suspended",
    "rescue_resumed", "hazard_contained", "termination_conditions_met", "inject_delivered", "exercise_ended",
    "decision_rejected", "note_recorded",
})
"""Event kinds always shown in the report's timeline (besides every event cited as evidence)."""


@dataclass
class ReportModel:
    """A score card with the scenario and events, ready to lay out in one language."""

    card: ScoreCard
    loaded: LoadedScenario
    events: list[ev.DomainEvent]
    lang: Lang
    markers: list[Marker] = field(default_factory=list)
    """The facilitator's marks (discussion pauses, bookmarks, participants, the end), shown in the timeline."""
    participants: dict[str, str] = field(default_factory=dict)
    """Who played which role (role id → name)."""
    describer: EventDescriber = field(init=False)

    def __post_init__(self) -> None:
        self.describer = describer_for(self.loaded.plan.definition, self.loaded.scenario, self.lang)
        self.seqs = {e.seq for e in self.events}

    def lab(self, key: str) -> str:
        return label(key, self.lang)

    def body(self, body_id: str | None) -> str:
        return self.describer.body(body_id) if body_id else "—"

    def area(self, area: str) -> str:
        return term(AREA_NAMES, area, self.lang)

    def text(self, finding: Finding) -> str:
        return finding.detail.zh if self.lang == "zh" else finding.detail.en

    @staticmethod
    def clock(t: int | None) -> str:
        return clock(t) if t is not None else "—"

    def wall(self, t: int) -> str:
        start = datetime.fromisoformat(self.loaded.scenario.setting.start)
        return (start + timedelta(milliseconds=t)).strftime("%m-%d %H:%M")

    def exercise_date(self) -> datetime:
        return datetime.fromisoformat(self.card.meta.start_clock or self.loaded.scenario.setting.start)

    def overview(self) -> list[tuple[str, str]]:
        sc, plan, meta = self.loaded.scenario, self.loaded.plan.definition, self.card.meta
        pair = (lambda t: t.zh if self.lang == "zh" else t.en)
        roles = ", ".join(f"{r.id} ({self.lab(meta.roles.get(r.id, 'computer'))}"
                          + (f": {self.participants[r.id]}" if self.participants.get(r.id) else "") + ")"
                          for r in sc.roles)
        ended = term(END_REASON_NAMES, meta.ended, self.lang) if meta.ended else "—"
        return [
            (self.lab("scenario"), f"{pair(sc.title)} ({sc.id})"),
            (self.lab("plan"), f"{pair(plan.title)} {plan.document_number}"),
            (self.lab("enterprise"), pair(sc.setting.enterprise.name)),
            (self.lab("location"), pair(sc.setting.location)),
            (self.lab("start"), sc.setting.start),
            (self.lab("policy"), meta.policy),
            (self.lab("seed"), str(meta.seed)),
            (self.lab("roles"), roles),
            (self.lab("end"), f"{self.clock(meta.end_t)} ({ended})"),
            (self.lab("events"), str(meta.events)),
            (self.lab("overall"), f"{self.card.overall:.1f} / 100"),
            (self.lab("procedure"), f"{self.card.procedure:.1f}"),
            (self.lab("conclusion"), self.conclusion()),
            (self.lab("baseline"), f"{self.card.baseline.overall:.1f}"),
        ]

    def conclusion(self) -> str:
        """The conclusion, and the cap that held it down if one did: `良好（结论封顶为良好…，因为存在不足项）`."""
        zh, en = self.card.conclusion
        cap = self.card.cap
        named = zh if self.lang == "zh" else en
        return named if cap is None else (f"{named}（{cap.note('zh')}）" if self.lang == "zh" else f"{named} ({cap.note('en')})")

    def evidence_seqs(self) -> set[int]:
        return {s for f in self.card.findings for s, _ in f.evidence}

    def timeline(self) -> list[ev.DomainEvent]:
        """Key events and every event cited as evidence, in stream order."""
        cited = self.evidence_seqs()
        return [e for e in self.events if e.kind in KEY_KINDS or e.seq in cited]

    def timeline_rows(self) -> list[tuple[str, int, str]]:
        """(id, t, text) of each timeline line: events as `e<seq>`, the facilitator's markers as `m<n>` after
        the events of the same moment."""
        rows = [(f"e{e.seq}", e.t, 0, self.describe(e)) for e in self.timeline()]
        rows += [(f"m{n}", mark.t, 1, marker_text(mark, self.lang)) for n, mark in enumerate(self.markers, 1)]
        return [(ident, t, text) for ident, t, _after, text in sorted(rows, key=lambda row: (row[1], row[2]))]

    def describe(self, e: ev.DomainEvent) -> str:
        return self.describer.describe(e)

    def losing(self) -> list[Finding]:
        return sorted((f for f in self.card.findings if f.points_lost > 0),
                      key=lambda f: (-f.points_lost, f.id))

    def corrective_actions(self) -> list[dict[str, str]]:
        """One row per finding that cost points: issue, action, owner, due date, grade."""
        rows = []
        for n, f in enumerate(self.losing(), start=1):
            days = DUE_DAYS.get(f.severity or "", 90)
            due = (self.exercise_date() + timedelta(days=days)).strftime("%Y-%m-%d")
            rows.append({
                "no": str(n), "id": f.id, "area": self.area(f.area), "severity": f.severity or "",
                "issue": self.text(f), "action": pick(ACTIONS.get(f.verdict), self.lang, ""),
                "owner": self.body(f.owner), "due": due, "points": f"{f.points_lost:.2f}",
            })
        return rows

    def strengths(self) -> list[str]:
        """Areas rated P and what went fully to plan."""
        out = []
        for a in AREA_NAMES:
            if self.card.ratings.get(a) != "P":
                continue
            met = [f for f in self.card.findings if f.area == a and f.verdict == "met"]
            if met:
                out.append(f"{self.area(a)}: {len(met)} 项检查全部符合。" if self.lang == "zh"
                           else f"{self.area(a)}: all {len(met)} checks met.")
        reports = [f for f in self.card.findings if f.id.startswith("obligation:") and f.weight > 0]
        if reports and all(f.verdict == "met" for f in reports):
            out.append(f"全部 {len(reports)} 项报告义务均按时、如实、完整报告。" if self.lang == "zh"
                       else f"All {len(reports)} reporting obligations were met in time, truthfully and completely.")
        return out

    def findings_by_area(self) -> list[tuple[str, list[Finding]]]:
        """Each area's findings, those that cost points first (largest first), then in plan order."""
        return [(a, sorted((f for f in self.card.findings if f.area == a), key=lambda f: -f.points_lost))
                for a in AREA_NAMES]
