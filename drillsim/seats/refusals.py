"""Why the host refuses a seat's request: each reason in the English words the host records (the exercise
log keeps them as the outcome's detail), with its fields. A seat reads a recorded detail back (`parse`) to
say it in its reader's language."""

from __future__ import annotations

import re

REFUSALS: dict[str, str] = {
    "ended": "the exercise has ended",
    "revoked": "this seat's code was revoked",
    "unsigned": "the request is not signed with this seat's code",
    "payload": "a request's payload is a mapping",
    "kind": "unknown request kind {kind}",
    "controls": "only the facilitator's seat controls the exercise",
    "observes": "only the evaluator's and the facilitator's seats write observations",
    "area": "an observation's area is one of {areas}",
    "decides": "the {role} seat does not decide",
    "decision": "not a valid decision: {error}",
    "actor": "a {role} seat decides only for its role's bodies, not {actor}",
    "control": "unknown control {action}",
    "speed": "a speed is one of {speeds}",
    "inject_role": "an inject goes to a role of the scenario",
    "inject_text": "an inject has a text",
    "steer": "steer is one of {steers}, with the inject's id",
    "revoke": "name the role whose codes to revoke (not the facilitator's own)",
    "text": "{field} is a text of 1 to {length} characters",
    "no_seat": "{role} is not a seat of this exercise: a human-played role or one of {seats}",
}
"""Reason → the host's English words; `{field}`s are filled in as the request gave them."""

_FIELD = re.compile(r"\\\{(\w+)\\\}")
_PATTERNS = {reason: re.compile(_FIELD.sub(r"(?P<\1>.*?)", re.escape(words)), re.DOTALL)
             for reason, words in REFUSALS.items()}


class Refused(ValueError):
    """A request the host will not apply; the message says why (recorded as the outcome's detail)."""

    def __init__(self, reason: str, **fields: object) -> None:
        super().__init__(REFUSALS[reason].format(**fields))
        self.reason = reason


def parse(detail: str) -> tuple[str, dict[str, str]] | None:
    """The reason and fields of a refusal the host recorded, or None for another text (the engine's)."""
    for reason, pattern in _PATTERNS.items():
        match = pattern.fullmatch(detail)
        if match:
            return reason, match.groupdict()
    return None
