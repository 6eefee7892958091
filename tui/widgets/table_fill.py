"""Refill a DataTable with columns sized from their content, measured here in terminal cells.

DataTable sizes auto-width columns later, when it is idle; a table refilled twice in quick succession (a
language switch, a highlight) could then keep the widths of the first fill. Measuring up front (CJK
characters count two cells) gives the same layout every time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable


def width_of(cell: Any) -> int:
    if isinstance(cell, Text):
        return max((cell_len(line) for line in cell.plain.splitlines()), default=0)
    return max((cell_len(line) for line in str(cell).splitlines()), default=0)


def refill(table: DataTable, columns: Sequence[tuple[str, str]], rows: Sequence[tuple[str | None, Sequence[Any]]],
           max_width: int = 120, min_widths: dict[str, int] | None = None,
           max_widths: dict[str, int] | None = None, row_height: int | None = 1) -> None:
    """Replace the table's columns and rows; `columns` are (key, label), `rows` are (key, cells). A column
    of `max_widths` is at most that wide; with `row_height` None a row is as tall as its wrapped cells."""
    widths = [max(width_of(label), (min_widths or {}).get(key, 0)) for key, label in columns]
    for _, cells in rows:
        for i, cell in enumerate(cells):
            widths[i] = max(widths[i], width_of(cell))
    table.clear(columns=True)
    for (key, label), width in zip(columns, widths):
        table.add_column(label, key=key, width=max(1, min(width, max_width, (max_widths or {}).get(key, max_width))))
    for key, cells in rows:
        table.add_row(*cells, key=key, height=row_height)
