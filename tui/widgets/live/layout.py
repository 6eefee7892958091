"""The live console's panels, laid out once for the single-seat console and a seat's console alike: the row of
situation, command and working groups, and the column of deadlines over injects and the event log."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import TabbedContent, TabPane

from tui.widgets.live.command_structure import CommandStructure
from tui.widgets.live.event_log import EventLog
from tui.widgets.live.inject_feed import InjectFeed
from tui.widgets.live.obligations import ObligationsTable
from tui.widgets.live.situation_board import SituationBoard
from tui.widgets.live.working_groups import WorkingGroups


def situation_row() -> ComposeResult:
    """Situation board, command structure, working groups (call with `yield from` inside `compose`)."""
    with Horizontal(id="live-top"):
        yield SituationBoard(id="board")
        yield CommandStructure(id="command")
        yield WorkingGroups(id="groups")


def deadlines_and_feeds() -> ComposeResult:
    """Reporting deadlines over the tabs of injects and the event log (the tabs are labelled on mount)."""
    with Vertical(id="live-left"):
        yield ObligationsTable(id="obligations")
        with TabbedContent(id="feeds"):
            with TabPane("", id="tab-injects"):
                yield InjectFeed(id="injects")
            with TabPane("", id="tab-log"):
                yield EventLog(id="log")
