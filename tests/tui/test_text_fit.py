"""Text fits its panel: nothing the facilitator must read hides behind a panel's edge or a scrollbar, and
Chinese lines break by the line-breaking rule (issue 14)."""

from __future__ import annotations

import re

import pytest

from tui.app import make_app
from tui.line_break import NO_END, NO_START
from tui.widgets.live.event_log import EventLog
from tui.widgets.live.inject_feed import InjectFeed

from tests.tui.helpers import run_to, settle, start_drill, until

SIZES = [(80, 24), (120, 40)]


def visible_lines(log) -> list[str]:
    """Each line of a log as the panel shows it: cut at the panel's content width."""
    width = log.scrollable_content_region.width
    return [line.crop(0, width).text.rstrip() for line in log.lines]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def assert_breaks_by_the_rule(lines: list[str]) -> None:
    for before, line in zip(lines, lines[1:]):
        if before and line:
            assert line[0] not in NO_START, f"line starts with {line[0]!r}: {before!r} / {line!r}"
            assert before[-1] not in NO_END, f"line ends with {before[-1]!r}: {before!r} / {line!r}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_inject_and_log_text_is_whole_within_its_panel(tmp_path, lang, size) -> None:
    app = make_app(f"sqlite:///{tmp_path}/drills.db", lang)
    async with app.run_test(size=size) as pilot:
        live = await start_drill(pilot, {"enterprise"})
        await run_to(pilot, live, 90 * 60_000)
        feed = live.query_one(InjectFeed)
        await until(pilot, lambda: feed.lines)
        delivered = [e for e in live.events if type(e).__name__ == "InjectDelivered"]
        shown = visible_lines(feed)
        text = delivered[0].text_en if lang == "en" else delivered[0].text_zh
        if lang == "en":
            assert " ".join(words(text)) in " ".join(words(" ".join(shown))), shown
        else:
            assert re.sub(r"\s", "", text) in "".join(shown).replace(" ", "").replace("\u00a0", ""), shown
        assert_breaks_by_the_rule(shown)
        live.query_one("#feeds").active = "tab-log"
        log = live.query_one(EventLog)
        await until(pilot, lambda: log.lines)
        await settle(pilot)
        assert [line.cell_length for line in log.lines] and max(
            line.cell_length for line in log.lines) <= log.scrollable_content_region.width
        assert_breaks_by_the_rule(visible_lines(log))
