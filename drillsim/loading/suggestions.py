"""'Did you mean ...?' hints: the close matches of a misspelt name, or the short list of allowed ones."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["suggest"]


def suggest(word: str, candidates: Iterable[str], *, listing: int = 8) -> str | None:
    """'did you mean ...?' from close matches, else the list of allowed names when it is short."""
    pool = sorted({c for c in candidates if isinstance(c, str)})
    scored = sorted(((difflib.SequenceMatcher(None, word, c).ratio(), c) for c in pool), reverse=True)
    close = [c for score, c in scored[:3] if score >= 0.6 and score >= scored[0][0] - 0.05]
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    if 0 < len(pool) <= listing:
        return "allowed: " + ", ".join(pool)
    return None
