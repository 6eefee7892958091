"""The facilitator's marks on an exercise's timeline — discussion pauses and their reasons, bookmarks, who
plays which role, why it was ended — as one readable line each, beside the domain events' lines."""

from __future__ import annotations

from dataclasses import dataclass

from drillsim.glossary import MARKER_NAMES, term
from drillsim.i18n import Lang


@dataclass(frozen=True)
class Marker:
    """One mark at simulation time `t`: `kind` is discussion, resume, bookmark, end or participant."""

    t: int
    kind: str
    text: str


CATEGORY = "marker"
"""The timeline category every marker is filed under (the same in both languages, like the events')."""


def marker_text(marker: Marker, lang: Lang) -> str:
    """'discussion pause: why' / '讨论暂停: 原因' (a kind without text is its name alone)."""
    name = term(MARKER_NAMES, marker.kind, lang)
    return f"{name}: {marker.text}" if marker.text else name


def participants_text(participants: dict[str, str], role_name: dict[str, str] | None = None) -> str:
    """'role: name, role: name' in role order as given (empty when nobody is named)."""
    names = role_name or {}
    return ", ".join(f"{names.get(role, role)}: {name}" for role, name in participants.items() if name)
