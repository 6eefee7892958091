"""Building blocks shared by the plan and scenario data models.

Every data model is frozen and forbids unknown keys. Scalars are strict (no "5" for 5, no 1 for True)
so that a mistake in a data file is an error, not a silent coercion.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    StrictStr,
    WithJsonSchema,
)
from pydantic.types import Strict

__all__ = [
    "Frozen",
    "Text",
    "Citation",
    "Modality",
    "Duration",
    "Id",
    "ID_PATTERN",
    "DATE_PATTERN",
    "NUMBER_LIMIT",
    "MAX_DURATION_MS",
    "StrictBool",
    "StrictFloat",
    "StrictInt",
    "StrictStr",
    "parse_duration",
    "format_duration",
    "SignedDuration",
    "parse_signed_duration",
    "format_signed_duration",
]


NUMBER_LIMIT = 10**16
"""Every number in a data file lies strictly between -NUMBER_LIMIT and NUMBER_LIMIT (CNY 10¹⁶ is far beyond any
accident): a 41-digit number is a slip of the keyboard, and one that overflows wherever the number goes next."""

StrictInt = Annotated[int, Strict(), Field(gt=-NUMBER_LIMIT, lt=NUMBER_LIMIT)]
"""An integer written as one (not "5", not true), of a plausible size. Exclusive bounds, so that a field's own
ge/le add to them instead of replacing them."""

StrictFloat = Annotated[float, Strict(), Field(gt=-NUMBER_LIMIT, lt=NUMBER_LIMIT, allow_inf_nan=False)]
"""A finite number (no .nan, no .inf) of a plausible size."""


class Frozen(BaseModel):
    """Base of every data-file model: immutable, no unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


ID_PATTERN = r"^[a-z][a-z0-9_]*(-[a-z0-9_]+)*$"
"""What an id looks like; loading matches on this exact text to explain a mismatch in words."""

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
"""A calendar date written YYYY-MM-DD; loading explains a mismatch in words, as for ids."""

Id = Annotated[
    StrictStr,
    Field(pattern=ID_PATTERN, description="lower-case identifier: letters, digits, _ and -"),
]

Modality = Literal["must", "must_when_necessary", "may"]
"""How binding a rule is: 必须/应当 (must), 必要时 (must when necessary), 可以 (may)."""


class Text(Frozen):
    """A piece of text in Chinese and English."""

    zh: StrictStr = Field(min_length=1)
    en: StrictStr = Field(min_length=1)


class Citation(Frozen):
    """Where a rule comes from: a source, a place in it, a verbatim Chinese quote and an English gloss."""

    src: Id = Field(description="id of an entry under `sources`")
    at: StrictStr = Field(min_length=1, description="line (L372) or section (四(一)1) in the source")
    zh: StrictStr = Field(min_length=1, description="verbatim quote from the source")
    en: StrictStr = Field(min_length=1, description="English gloss of the quote")


_DURATION_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)?\s*(?:ms|s|min|h|d)\s*)+$")
_PART_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)")
MINUTE = 60_000
"""A minute in the milliseconds of simulation time."""

_UNIT_MS = {"ms": 1, "s": 1_000, "min": MINUTE, "h": 3_600_000, "d": 86_400_000}
MAX_DURATION_MS = 3650 * _UNIT_MS["d"]
"""Longest duration accepted (ten years): exercises last hours, report deadlines at most weeks."""


def parse_duration(value: object) -> int:
    """Turn '30min', '1h', '2h40min', '90s' or '2d' into integer milliseconds; anything else is an error."""
    if not isinstance(value, str):
        raise ValueError(f"expected a duration with a unit such as '30min' or '2h', found {value!r}")
    if _DURATION_RE.match(value) is None:
        raise ValueError(
            f"expected a non-negative duration with a unit (ms, s, min, h, d) such as '30min' or '2h40min', "
            f"found {value!r}"
        )
    ms = sum(float(number) * _UNIT_MS[unit] for number, unit in _PART_RE.findall(value))
    if ms > MAX_DURATION_MS:
        raise ValueError(f"duration {value!r} is longer than {format_duration(MAX_DURATION_MS)}")
    if ms != int(ms):
        raise ValueError(f"duration {value!r} is not a whole number of milliseconds")
    return int(ms)


def format_duration(ms: int) -> str:
    """Render milliseconds in the largest unit that divides them exactly ('1h', '30min', '1500ms')."""
    for unit in ("d", "h", "min", "s"):
        if ms and ms % _UNIT_MS[unit] == 0:
            return f"{ms // _UNIT_MS[unit]}{unit}"
    return f"{ms}ms"


Duration = Annotated[
    int,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema({"type": "string", "pattern": _DURATION_RE.pattern, "examples": ["30min", "1h", "2h"]}),
]
"""A duration written with a unit in data files, held as integer milliseconds."""


def parse_signed_duration(value: object) -> int:
    """A duration that may lie before the accident: '-20min' is 20 minutes before it, '30min' after."""
    expected = f"expected a duration such as '30min', or '-20min' before the accident, found {value!r}"
    if not isinstance(value, str):
        raise ValueError(expected)
    try:
        return -parse_duration(value.strip()[1:]) if value.strip().startswith("-") else parse_duration(value)
    except ValueError:
        raise ValueError(expected) from None


def format_signed_duration(ms: int) -> str:
    """Render a signed duration: '-20min' before the accident, '30min' after."""
    return f"-{format_duration(-ms)}" if ms < 0 else format_duration(ms)


SignedDuration = Annotated[
    int,
    BeforeValidator(parse_signed_duration),
    PlainSerializer(format_signed_duration, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\s*-?" + _DURATION_RE.pattern[1:],
                    "examples": ["30min", "-20min", "-16h40min"]}),
]
"""A time relative to the accident (t = 0), written with a unit; negative before it (the warning phase)."""
