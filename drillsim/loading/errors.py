"""Problems found in data files, each pointing at a file, a line and the offending value.

An `Issue` is one problem; a `DataFileError` carries all the problems of one load and renders them as

    scenarios/plans/x.yaml:42:7: reporting.obligations[2].deadline: expected ..., found '-30min'
        42 |       deadline: -30min
           |       ^
           = did you mean ...?
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from drillsim.loading.plain_data import DataPath, format_path

__all__ = ["Issue", "DataFileError", "display_file", "MAX_SHOWN", "excerpt"]

QUOTE_WIDTH = 120
"""Most characters of a source line quoted under an issue: a 50 MB one-line file must not be quoted whole."""

MESSAGE_WIDTH = 600
"""Most characters of a message (which may quote a value from the file)."""

MAX_SHOWN = 100
"""Most issues rendered by one `DataFileError.render()`; the rest are counted."""


def excerpt(text: str, col: int, width: int = QUOTE_WIDTH) -> tuple[str, int]:
    """At most `width` characters of `text` around the 1-based `col`, marked with … where cut; and where
    `col` falls in the excerpt."""
    if len(text) <= width:
        return text, col
    start = max(0, min(col - 1 - width // 2, len(text) - width))
    cut = text[start:start + width]
    col -= start
    if start > 0:
        cut, col = "…" + cut, col + 1
    if start + width < len(text):
        cut += "…"
    return cut, col


@dataclass(frozen=True)
class Issue:
    """One problem in a data file. `line` and `col` are 1-based; 0 means the file as a whole."""

    file: str
    line: int
    col: int
    path: DataPath
    message: str
    source_line: str = ""
    hint: str | None = None

    def render(self) -> str:
        """`file:line:col: path: message`, then the line with a caret under the column, then the hint."""
        where = f"{self.file}:{self.line}:{self.col}" if self.line > 0 else self.file
        message = excerpt(self.message, 1, MESSAGE_WIDTH)[0]
        head = f"{where}: {excerpt(format_path(self.path), 1)[0]}: {message}" if self.path else f"{where}: {message}"
        out = [head]
        gutter = " " * len(str(self.line))
        if self.line > 0 and self.source_line:
            quoted, col = excerpt(self.source_line.expandtabs(1), self.col)
            out.append(f"    {self.line} | {quoted}")
            out.append(f"    {gutter} | {' ' * max(col - 1, 0)}^")
        if self.hint:
            out.append(f"    {gutter} = {excerpt(self.hint, 1, MESSAGE_WIDTH)[0]}")
        return "\n".join(out)


class DataFileError(Exception):
    """One or more problems in data files; `issues` holds them all, `render()` shows them."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues: list[Issue] = list(issues)
        super().__init__(self.render())

    def __reduce__(self) -> tuple[type[DataFileError], tuple[list[Issue]]]:
        return (DataFileError, (self.issues,))

    def render(self) -> str:
        """The issues (the first MAX_SHOWN), separated by blank lines, followed by a count when there are several."""
        text = "\n\n".join(issue.render() for issue in self.issues[:MAX_SHOWN])
        if len(self.issues) > MAX_SHOWN:
            text += f"\n\n… and {len(self.issues) - MAX_SHOWN} more"
        if len(self.issues) > 1:
            text += f"\n\n{len(self.issues)} problems"
        return text


def display_file(path: Path) -> str:
    """The path relative to the working directory when it lies below it, else as given."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
