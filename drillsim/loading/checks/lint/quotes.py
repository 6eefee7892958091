"""Every citation's Chinese quote stands verbatim (white space aside) in the seed text of its source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drillsim.loading.checks.citations import citations
from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.context import LintContext

__all__ = ["check_quotes"]

_SPACE = re.compile(r"\s+")


def check_quotes(ctx: LintContext) -> Iterator[LintFinding]:
    """Quotes not found in their seed; nothing when the seeds folder is absent or a source has no seed."""
    if ctx.seeds is None:
        return
    seed_of = {s.id: s.seed for s in ctx.plan.sources}
    seed_of.update({s.id: s.seed for s in ctx.scenario.sources})
    texts: dict[str, str | None] = {}
    raw = ctx.scenario.model_dump(mode="python", by_alias=True)
    for path, cite in citations(raw):
        seed = seed_of.get(cite.get("src", ""))
        if not seed:
            continue
        if seed not in texts:
            file = ctx.seeds / seed
            texts[seed] = _SPACE.sub("", file.read_text(encoding="utf-8")) if file.is_file() else None
        text = texts[seed]
        if text is not None and _SPACE.sub("", str(cite.get("zh", ""))) not in text:
            yield LintFinding("quote-not-in-seed", "error", (*path, "zh"),
                              f"the quote is not verbatim in {seed} (white space aside): {_short(cite.get('zh', ''))}")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
