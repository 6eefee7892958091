"""Where a line of mixed Chinese and English may break, and a Rich `Text` that wraps by that rule.

Rich wraps at spaces only and folds a run without spaces (most Chinese) at whatever cell the width falls on,
so a line may start with "，" or "）" and a figure may be torn from its name. The rule here, in one place:

- Latin words, numbers and anything joined by a no-break space (U+00A0) stay whole; a space is a break.
- A break may fall before or after any CJK character (Han, kana, hangul, CJK punctuation)…
- …except before a closing or trailing mark (`NO_START`: ，。、）」』】！？：；… and their ASCII kin) and
  after an opening mark (`NO_END`: （「『【《 …): 禁则 (kinsoku), the mark moves with its neighbour.
- A piece wider than the whole line is folded by cells, as Rich does.
"""

from __future__ import annotations

import re
import unicodedata
from rich.cells import cell_len, chop_cells
from rich.console import Console, Group, JustifyMethod, OverflowMethod
from rich.containers import Lines
from rich.text import Text

NO_START = frozenset("，。、．：；！？,.;:!?）」』】〕〉》”’)]}!?:;…‥・％%〗〙〛～ー々〃ゝゞヽヾ—")
"""No line may start with these: closing brackets, sentence and clause marks, the ellipsis, per cent."""
NO_END = frozenset("（「『【〔〈《“‘([{〖〘〚")
"""No line may end with these: opening brackets and quotes."""
NO_BREAK_SPACE = "\u00a0"
"""Joins two pieces that must stay on one line (a figure's name and its value, a number and its unit)."""


def is_wide_script(char: str) -> bool:
    """Han, kana, hangul, fullwidth forms and CJK punctuation: a break may fall on either side."""
    return unicodedata.east_asian_width(char) in "WF"


GLUED = re.compile(r"[^ \t\n，。、；：！？,;:!?（）()]*\u00a0[^ \t\n，。、；：！？,;:!?（）()]*")
"""A run without ordinary spaces or punctuation that holds a no-break space is one piece ("重伤\u00a05")."""


def pieces(text: str) -> list[tuple[int, int]]:
    """The text cut at every allowed break: `(start, end)` spans, each ending with the spaces after it."""
    glued = {i for m in GLUED.finditer(text) for i in range(m.start() + 1, m.end())}
    spans: list[tuple[int, int]] = []
    start = 0
    length = len(text)
    for index in range(1, length + 1):
        if index < length and (index in glued or not _may_break(text, index)):
            continue
        spans.append((start, index))
        start = index
    return [s for s in spans if s[0] < s[1]]


def _may_break(text: str, index: int) -> bool:
    """May a line break between `text[index - 1]` and `text[index]`?"""
    before, after = text[index - 1], text[index]
    if after in NO_START or before in NO_END or NO_BREAK_SPACE in (before, after):
        return False
    if after.isspace():
        return False  # spaces stay at the end of the piece before them
    if before.isspace():
        return True
    return is_wide_script(before) or is_wide_script(after)


def break_offsets(text: str, width: int) -> list[int]:
    """Character offsets to break `text` at so that every line fits `width` cells (trailing spaces may
    overhang; Rich trims them)."""
    width = max(1, width)
    breaks: list[int] = []
    used = 0
    for start, end in pieces(text):
        piece = text[start:end]
        visible = cell_len(piece.rstrip(" \t"))
        if used and used + visible > width:
            breaks.append(start)
            used = 0
        if visible > width:
            offset = start
            chunks = chop_cells(piece, width)
            for chunk in chunks[:-1]:
                offset += len(chunk)
                breaks.append(offset)
            used = cell_len(chunks[-1])
            continue
        used += cell_len(piece)
    return [b for b in breaks if 0 < b < len(text)]


def wrap_lines(text: str, width: int) -> list[str]:
    """`text` broken into lines of at most `width` cells by the rule above (each line's trailing spaces
    dropped); blank lines kept."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        bounds = [0, *break_offsets(paragraph, width), len(paragraph)]
        out.extend(paragraph[a:b].rstrip(" ") for a, b in zip(bounds, bounds[1:]))
    return out


def head(text: str, width: int) -> str:
    """The start of `text` in at most `width` cells, broken by the rule above, with "…" when it goes on
    (an inject named by the head of its text)."""
    whole = " ".join(text.split())
    if cell_len(whole) <= width:
        return whole
    return (wrap_lines(whole, max(1, width - 1)) or [""])[0].rstrip(" ，,、；;：:") + "…"


class Wrapped(Text):
    """A Rich `Text` that wraps by the rule above wherever it is drawn (a Static, a table cell, a log)."""

    def visualize(self) -> Group:
        """Textual's hook: without it a Static turns any `Text` into its own `Content`, which wraps (and
        measures its height) without the rule; inside a Rich `Group` the text keeps `wrap` below."""
        return Group(self)

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        if no_wrap or self.no_wrap or overflow == "ignore":
            return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size,
                                no_wrap=no_wrap)
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            new_lines = line.divide(break_offsets(line.plain, width))
            for part in new_lines:
                part.rstrip_end(width)
            wrap_justify = justify or self.justify
            if wrap_justify:
                new_lines.justify(console, width, justify=wrap_justify, overflow=overflow or self.overflow or "fold")
            for part in new_lines:
                part.truncate(width, overflow=overflow or self.overflow or "fold")
            lines.extend(new_lines)
        return lines


def wrapped(*parts: str | Text | tuple[str, str], style: str = "") -> Wrapped:
    """`Text.assemble` that wraps by the rule above."""
    return Wrapped.assemble(*parts, style=style)


def joined(*words: object) -> str:
    """Words joined by no-break spaces: they stay on one line ("死亡 0", "500 m")."""
    return NO_BREAK_SPACE.join(str(w) for w in words)
