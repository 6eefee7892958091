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

__all__ = ["Issue", "DataFileError", "display_file"]


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
        head = f"{where}: {format_path(self.path)}: {self.message}" if self.path else f"{where}: {self.message}"
        out = [head]
        gutter = " " * len(str(self.line))
        if self.line > 0 and self.source_line:
            out.append(f"    {self.line} | {self.source_line.expandtabs(1)}")
            out.append(f"    {gutter} | {' ' * max(self.col - 1, 0)}^")
        if self.hint:
            out.append(f"    {gutter} = {self.hint}")
        return "\n".join(out)


class DataFileError(Exception):
    """One or more problems in data files; `issues` holds them all, `render()` shows them."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues: list[Issue] = list(issues)
        super().__init__(self.render())

    def __reduce__(self) -> tuple[type[DataFileError], tuple[list[Issue]]]:
        return (DataFileError, (self.issues,))

    def render(self) -> str:
        """Every issue, separated by blank lines, followed by a count when there are several."""
        text = "\n\n".join(issue.render() for issue in self.issues)
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
