"""The session API: the one door the `drillsim` command and the terminal app go through.

An interface imports from this package only (plus `drillsim.i18n` and the `drillsim.render` helpers): a
`Workspace` opens the store and hands out `LiveExercise` and `Replay` handles, and the engine's
words an interface needs (events, decisions, states, rejections, policies, clock formatting, errors) are
re-exported here. It sits above scoring and reports, below the interfaces. A new operation is a method on
`Workspace` (or on a handle) that takes the lock and calls one function of a lower layer.
"""

from drillsim.workspace.api import Played, StoreUnavailable, Workspace
from drillsim.workspace.live import LiveExercise, Snapshot
from drillsim.workspace.replay import Bookmark, Replay, ScoredExercise
from drillsim.workspace.settings import last_export_dir, remember_export_dir
from drillsim.workspace.vocabulary import (
    EVALUATOR,
    FACILITATOR,
    ROOM,
    SPECIAL_SEATS,
    CodeError,
    Host,
    Refused,
    SeatClient,
    SeatOutcome,
    SeatView,
    ALWAYS_SHOWN,
    FIGURES,
    MAX_EXPORT_BYTES,
    PEOPLE,
    POLICIES,
    UNSCORED,
    Comparison,
    ContentError,
    DamagedLog,
    Decision,
    Divergence,
    DomainEvent,
    ExerciseNotFound,
    ExerciseState,
    ExerciseSummary,
    ExportFileError,
    Finding,
    ForkError,
    ImportResult,
    LoadedScenario,
    PersistenceError,
    Rejection,
    ResumeError,
    ScoreCard,
    ValidationError,
    VerifyReport,
    clock,
    decisions,
    events,
    parse_decision,
    parse_refusal,
)

__all__ = [
    "EVALUATOR", "FACILITATOR", "ROOM", "SPECIAL_SEATS", "CodeError", "Host", "Refused", "SeatClient",
    "SeatOutcome", "SeatView",
    "ALWAYS_SHOWN", "FIGURES", "MAX_EXPORT_BYTES", "PEOPLE", "POLICIES", "UNSCORED", "Bookmark", "Comparison",
    "ContentError", "DamagedLog", "Decision", "Divergence", "DomainEvent", "ExerciseNotFound", "ExerciseState",
    "ExerciseSummary", "ExportFileError", "Finding", "ForkError", "ImportResult", "LiveExercise",
    "LoadedScenario", "PersistenceError", "Played", "Rejection", "Replay", "ResumeError", "ScoreCard",
    "ScoredExercise", "Snapshot", "StoreUnavailable", "ValidationError", "VerifyReport", "Workspace", "clock",
    "decisions", "events", "last_export_dir", "parse_decision", "parse_refusal", "remember_export_dir",
]
