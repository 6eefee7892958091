"""What the host records, in a seat reader's language: a seat's name, and the host's refusal of a request
(the host records why in English, `drillsim.seats.refusals`; the seat reads the reason and its fields back
and names them)."""

from __future__ import annotations

from drillsim.glossary import AREA_NAMES, term
from drillsim.workspace import SPECIAL_SEATS, parse_refusal

from tui.i18n import STRINGS, tr
from tui.view import View

KEYS = {"revoked": "seat.revoked"}
"""Reasons said by a string the seat also uses elsewhere (else `seat.refusal.<reason>`)."""


def refusal_text(detail: str, view: View) -> str:
    """`detail` as the host recorded it, said in the reader's language (another text, e.g. the engine's
    refusal of an input, as recorded)."""
    parsed = parse_refusal(detail)
    if parsed is None:
        return detail
    reason, fields = parsed
    key = KEYS.get(reason, f"seat.refusal.{reason}")
    if key not in STRINGS:
        return detail
    lang = view.lang
    named = dict(fields)
    if "role" in named:
        named["role"] = seat_name(named["role"].strip("'\""), view)
    if "actor" in named:
        named["actor"] = view.body(named["actor"].strip("'\""))
    if "field" in named and f"seat.field.{named['field']}" in STRINGS:
        named["field"] = tr(f"seat.field.{named['field']}", lang)
    if "areas" in named:
        named["areas"] = "、".join(term(AREA_NAMES, a, lang) for a in AREA_NAMES) if lang == "zh" else named["areas"]
    return tr(key, lang, **named)


def seat_name(role: str, view: View) -> str:
    """A seat's name: the scenario role's, or facilitator, evaluator, room in the reader's language."""
    return tr(f"seat.{role}", view.lang) if role in SPECIAL_SEATS else view.role(role)
