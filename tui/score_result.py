"""A score card as the screens hold it: the scored exercise, or why there is none; and writing its report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

from drillsim.workspace import Replay, ScoredExercise, Workspace

if TYPE_CHECKING:
    from drillsim.workspace import ScoreCard


@dataclass(frozen=True)
class ScoreResult:
    """A score card, or why there is none."""

    card: ScoreCard | None
    error: str | None
    replay: Replay | None = None
    scored: ScoredExercise | None = None


def score_of(workspace: Workspace, ident: UUID) -> ScoreResult:
    """Score a stored exercise (blocks: call it from a worker); a failure becomes the reason shown."""
    try:
        scored = workspace.score(ident)
    except ImportError as error:  # its message names the missing module already
        return ScoreResult(None, str(error))
    except Exception as error:  # noqa: BLE001 - shown to the user, the app carries on
        return ScoreResult(None, f"{type(error).__name__}: {error}")
    return ScoreResult(scored.card, None, scored.replay, scored)


def one_line_error(error: Exception) -> str:
    """An error as one line a person can act on: `/path: Permission denied` for a file system error."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.filename}: {error.strerror}" if error.filename else error.strerror
    first = (str(error).strip().splitlines() or [""])[0]
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


def write_report(result: ScoreResult, fmt: str, lang: str, directory: Path) -> Path:
    """Write the evaluation report (Markdown or HTML) into `directory` and return its path."""
    assert result.scored is not None
    text = result.scored.report(fmt, lang)  # type: ignore[arg-type]
    path = directory / f"drillsim-report-{result.scored.replay.id.hex[:8]}-{lang}.{fmt}"
    path.write_text(text, encoding="utf-8")
    return path
