"""The MSEL as a facilitator steers it: each inject of the scenario with its time or condition, and whether it
is still to come, held, edited or delivered — folded from the exercise's events, so live and replay agree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from drillsim.engine import events as ev
from drillsim.model.scenario import Scenario


@dataclass(frozen=True)
class MselEntry:
    """One MSEL inject as it stands."""

    id: str
    to_role: str
    at: int | None
    """When it falls due (ms), or None for an inject that waits for a condition."""
    status: str
    """upcoming, held or delivered."""
    text_zh: str
    text_en: str
    edited: bool
    delivered_t: int | None = None

    @property
    def upcoming(self) -> bool:
        return self.status != "delivered"


def msel_entries(scenario: Scenario, events: Iterable[ev.DomainEvent]) -> list[MselEntry]:
    """Every inject of the scenario's MSEL, the ones still to come first (timed by time, then conditional ones),
    then the delivered ones by delivery time."""
    held: set[str] = set()
    edits: dict[str, tuple[str, str]] = {}
    delivered: dict[str, int] = {}
    for e in events:
        if isinstance(e, ev.InjectHeld):
            held.add(e.inject)
        elif isinstance(e, ev.InjectReleased):
            held.discard(e.inject)
        elif isinstance(e, ev.InjectEdited):
            edits[e.inject] = (e.text_zh, e.text_en)
        elif isinstance(e, ev.InjectDelivered):
            delivered.setdefault(e.inject, e.t)
    entries = []
    for inj in scenario.msel:
        zh, en = edits.get(inj.id, (inj.text.zh, inj.text.en))
        status = "delivered" if inj.id in delivered else "held" if inj.id in held else "upcoming"
        entries.append(MselEntry(inj.id, inj.to, inj.at, status, zh, en, inj.id in edits, delivered.get(inj.id)))
    never = 1 << 62
    return sorted(entries, key=lambda m: (not m.upcoming, m.delivered_t or 0, never if m.at is None else m.at))
