"""The line-breaking rule: Latin words whole, Chinese broken between characters but never before ，。、）…
nor after （「…, and pieces joined by a no-break space kept on one line."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.console import Console

from tui.line_break import NO_END, NO_START, Wrapped, joined, wrap_lines

CHINESE = "事故企业：井下31203运输巷掘进工作面发生透水，初步清点有12人未升井（其中2人被困）。请立即启动应急响应、报告。"
ENGLISH = "At 02:40 the enterprise reports that two men did not get out of the heading face."


@pytest.mark.parametrize("width", range(6, 40))  # narrower than "困）。" folds
def test_chinese_lines_fit_and_keep_the_rule(width) -> None:
    lines = wrap_lines(CHINESE, width)
    assert "".join(lines) == CHINESE
    assert all(cell_len(line) <= width for line in lines)
    for before, line in zip(lines, lines[1:]):
        assert line[0] not in NO_START and before[-1] not in NO_END, (before, line)
    assert not any(line.startswith("31203"[1:]) for line in lines)  # the number is one piece


@pytest.mark.parametrize("width", range(10, 40))  # "enterprise" fits
def test_english_breaks_at_spaces_only(width) -> None:
    lines = wrap_lines(ENGLISH, width)
    assert " ".join(lines) == ENGLISH
    assert all(cell_len(line) <= width for line in lines)


def test_a_word_wider_than_the_line_is_folded() -> None:
    assert wrap_lines("inj-01-inrush", 5) == ["inj-0", "1-inr", "ush"]


def test_joined_pieces_stay_together() -> None:
    people = " · ".join(joined(name, value) for name, value in [("死亡", 0), ("重伤", 5), ("轻伤", 12)])
    lines = wrap_lines(people, 12)
    assert [line.replace("\u00a0", " ") for line in lines] == ["死亡 0 ·", "重伤 5 ·", "轻伤 12"]
    assert wrap_lines("cordon " + joined(500, "m") + " · evacuated", 12)[0] == "cordon 500\u00a0m"


def test_wrapped_text_renders_by_the_rule_in_rich() -> None:
    console = Console(width=10, color_system=None)
    rendered = console.render_lines(Wrapped("（一）事故企业（恒泰煤矿）报告："), pad=False)
    lines = ["".join(segment.text for segment in line) for line in rendered]
    assert lines == ["（一）事故", "企业（恒泰", "煤矿）报", "告："]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_boards_cordon_keeps_its_unit(lang) -> None:
    from types import SimpleNamespace

    from tui.widgets.live.situation_board import SituationBoard

    state = SimpleNamespace(suspended=False, rescuers_threatened=True, contained=False, cordon_m=500, evacuated=())
    flags = SituationBoard._flags(state, lang)
    for width in range(12, 30):
        lines = [line.replace("\u00a0", " ") for line in wrap_lines(flags.plain, width)]
        assert any("500 m" in line for line in lines), lines


@pytest.mark.parametrize("width", range(4, 30))
def test_a_head_fits_and_ends_with_an_ellipsis_when_cut(width) -> None:
    from tui.line_break import head

    for text in (CHINESE, ENGLISH):
        said = head(text, width)
        assert cell_len(said) <= width and said.endswith("…")
        assert text.startswith(said[:-1].rstrip()) and said[-2] not in "，："
    assert head(ENGLISH, 200) == ENGLISH and head("a\n b", 10) == "a b"


MSEL_TEXT = ("约40名被困人员家属聚集在矿门口，要求进矿。短视频平台流传“恒泰煤矿透水死亡20人”的视频，已有记者到达矿区；"
             "矿方宣传科长接受了一家自媒体的采访。")


@pytest.mark.parametrize("width", [21, 30, 37, 44, 50, 61, 72])
async def test_a_static_draws_wrapped_text_by_the_rule(width) -> None:
    """Textual turns a plain Rich Text given to a Static into its own Content, which wraps without the rule
    (a line of the MSEL dialog began with "。" at 72 columns); a Wrapped keeps ours, and the height fits."""
    from textual.app import App
    from textual.widgets import Static

    class Probe(App):
        CSS = f"Static {{ width: {width}; height: auto; }}"

        def compose(self):  # noqa: ANN202
            yield Static(Wrapped(MSEL_TEXT, overflow="ellipsis"))

    async with Probe().run_test(size=(width + 10, 20)) as pilot:
        await pilot.pause()
        static = pilot.app.query_one(Static)
        height = static.size.height
        lines = [strip.text.rstrip() for strip in static.render_lines(static.size.region)]
    assert lines == wrap_lines(MSEL_TEXT, width)
    assert not any(line[0] in NO_START for line in lines), lines
    assert height == len(lines)
