"""The lower layers' types and helpers an interface needs, re-exported so that it imports them from the
session API rather than from the engine, the store or the session internals."""

from __future__ import annotations

from eventsourcing.persistence import PersistenceError  # what a store that fails mid-command raises
from pydantic import ValidationError

from drillsim import decisions
from drillsim.decisions import Decision, Rejection, parse_decision
from drillsim.engine import events
from drillsim.engine.events import DomainEvent
from drillsim.engine.policies import POLICIES
from drillsim.engine.state import ExerciseState
from drillsim.loading.scenarios import LoadedScenario
from drillsim.model.figures import ALWAYS_SHOWN, FIGURES, PEOPLE
from drillsim.render.timeline import clock
from drillsim.scoring.card import ScoreCard
from drillsim.scoring.findings import Finding
from drillsim.scoring.parameters import UNSCORED
from drillsim.seats.codes import CodeError
from drillsim.seats.host import Host
from drillsim.seats.refusals import Refused, parse as parse_refusal
from drillsim.seats.seat import SeatClient
from drillsim.seats.view import EVALUATOR, FACILITATOR, ROOM, SPECIAL_SEATS, SeatOutcome, SeatView
from drillsim.session.compare import Comparison
from drillsim.session.content import ContentError
from drillsim.session.importing import MAX_EXPORT_BYTES, ExportFileError, ImportResult
from drillsim.session.live import ResumeError
from drillsim.session.replay import Divergence, ForkError, VerifyReport
from drillsim.store.application import ExerciseNotFound, ExerciseSummary
from drillsim.store.integrity import DamagedLog

__all__ = [
    "EVALUATOR", "FACILITATOR", "ROOM", "SPECIAL_SEATS", "CodeError", "Host", "Refused", "SeatClient",
    "SeatOutcome", "SeatView",
    "ALWAYS_SHOWN", "FIGURES", "MAX_EXPORT_BYTES", "PEOPLE", "POLICIES", "UNSCORED", "Comparison",
    "ContentError", "DamagedLog", "Decision", "Divergence", "DomainEvent", "ExerciseNotFound", "ExerciseState",
    "ExerciseSummary", "ExportFileError", "Finding", "ForkError", "ImportResult", "LoadedScenario",
    "PersistenceError", "Rejection", "ResumeError", "ScoreCard", "ValidationError", "VerifyReport", "clock",
    "decisions", "events", "parse_decision", "parse_refusal",
]
