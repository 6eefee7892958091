"""Words for what an author wrote and what the schema wanted: found values, expected types, quick fixes."""

from __future__ import annotations

import re

from drillsim.model.base import DATE_PATTERN, ID_PATTERN

__all__ = ["format_value", "pattern_phrase", "type_phrase", "type_hint", "id_fix", "quoted"]

_PATTERNS = {
    ID_PATTERN: "an id (lower-case letters, digits, _ and -, starting with a letter)",
    DATE_PATTERN: "a date written YYYY-MM-DD",
}
_TYPES = {
    "int_type": "an integer",
    "float_type": "a number",
    "finite_number": "a finite number",
    "string_type": "text",
    "bool_type": "true or false",
    "tuple_type": "a list",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def format_value(value: object, limit: int = 60) -> str:
    """A short, YAML-minded rendering of a found value: 'text', 5, true, null, a mapping, a list."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true (a boolean)" if value else "false (a boolean)"
    if isinstance(value, dict):
        keys = ", ".join(str(k) for k in list(value)[:5])
        return f"a mapping with keys {keys}" if value else "an empty mapping"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} item{'s' if len(value) > 1 else ''}" if value else "an empty list"
    text = repr(value)
    if len(text) <= limit:
        return text
    return text[: limit - 4] + ("...'" if isinstance(value, str) else "...")


def pattern_phrase(pattern: str) -> str:
    """What text matching a schema pattern looks like, in words where the pattern is a known one."""
    return _PATTERNS.get(pattern, f"text matching {pattern}")


def type_phrase(kind: str) -> str | None:
    """The expected type of a pydantic '*_type' error, in words; None for kinds without one."""
    return _TYPES.get(kind)


def type_hint(kind: str, value: object) -> str | None:
    """How to write `value` so that it has the type a '*_type' error of `kind` asked for."""
    if kind in ("int_type", "float_type") and isinstance(value, str) and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", value):
        return f"remove the quotes: write {value.strip()}"
    if kind in ("int_type", "float_type") and isinstance(value, bool):
        return "true and false are booleans, not numbers"
    if kind == "string_type" and isinstance(value, (int, float, bool)):
        return "put the value in quotes if you mean text"
    if kind in ("tuple_type", "list_type") and isinstance(value, str):
        return f"write a list: [{value}]"
    return None


def id_fix(pattern: str, value: object) -> str | None:
    """'try ...' with `value` turned into a valid id, when `pattern` is the id pattern and that works."""
    if pattern != ID_PATTERN or not isinstance(value, str):
        return None
    fixed = re.sub(r"[^a-z0-9_-]+", "_", value.strip().lower()).strip("_-")
    return f"try {fixed!r}" if re.match(ID_PATTERN, fixed) else None


def quoted(text: str) -> list[str]:
    """The 'single-quoted' words in a pydantic context string, in order."""
    return re.findall(r"'([^']*)'", text)
