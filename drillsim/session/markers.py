"""The facilitator's marks on a stored exercise, read from its log: discussion pauses (and the resume that
ends each), bookmarks, participants named, and why the facilitator ended it."""

from __future__ import annotations

from drillsim.render.markers import Marker
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.reading import ExerciseContents

BOOKMARK = "bookmark: "
"""Bookmarks are stored as facilitator notes starting with this."""
PARTICIPANT_SEPARATOR = "="
"""A `participant` facilitator action's value is `role=name` (role ids never hold it)."""


def participant_value(role: str, name: str) -> str:
    """The stored value of a `participant` facilitator action."""
    if not role or PARTICIPANT_SEPARATOR in role:
        raise ValueError(f"not a role id: {role!r}")
    return f"{role}{PARTICIPANT_SEPARATOR}{name.strip()}"


def parse_participant(value: str) -> tuple[str, str]:
    """(role, name) of a stored `participant` value."""
    role, _, name = value.partition(PARTICIPANT_SEPARATOR)
    return role, name


def markers_of(stored: ExerciseContents) -> list[Marker]:
    """Every mark in time order (a resume is a mark only when it ends a discussion pause)."""
    marks: list[Marker] = []
    discussing = False
    for record in stored.of_kind(ExerciseLog.FacilitatorActed):
        action, value = record.action, record.value
        if action == "discussion":
            marks.append(Marker(record.t, "discussion", value))
            discussing = True
        elif action == "resume" and discussing:
            marks.append(Marker(record.t, "resume", ""))
            discussing = False
        elif action == "note" and value.startswith(BOOKMARK):
            marks.append(Marker(record.t, "bookmark", value.removeprefix(BOOKMARK)))
        elif action == "participant":
            role, name = parse_participant(value)
            marks.append(Marker(record.t, "participant", f"{role}: {name}" if name else role))
    marks += [Marker(t, "end", str(payload.get("reason", ""))) for t, kind, payload in stored.inputs if kind == "end"]
    return sorted(marks, key=lambda m: m.t)
