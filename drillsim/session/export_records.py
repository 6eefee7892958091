"""The records of a JSON-lines exercise export, as strict pydantic models.

An export is input from outside: every field has a type, a range and a length limit, so a value such as
`"t": "soon"` or a NaN is refused at import with its line and field, instead of being stored and breaking
`show`, `timeline` or `score` later.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from drillsim.model.base import ID_PATTERN

FORMAT = "drillsim-exercise"
FORMAT_VERSION = 2
"""1: provenance and records. 2: also the scenario, plan and layer content (SHA-256-checked) and an end record."""

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=100)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Short = Annotated[str, StringConstraints(max_length=500)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
Time = Annotated[int, Field(ge=-10 * 365 * 24 * 3_600_000, le=10 * 365 * 24 * 3_600_000)]
"""Simulation time in ms since the accident: at most ten years either side (negative in a warning phase)."""
MAX_ITEMS = 10_000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ContentFile(_Strict):
    """One data file carried in the export: its text and the SHA-256 of its UTF-8 bytes."""

    sha256: Sha256
    text: Annotated[str, StringConstraints(max_length=1 << 20)]


class Content(_Strict):
    scenario: ContentFile
    plan: ContentFile
    layers: Annotated[dict[Id, ContentFile], Field(max_length=50)]


class Head(_Strict):
    """The first line: the exercise's provenance."""

    record: Literal["exercise"]
    format: Literal["drillsim-exercise"]
    format_version: Annotated[int, Field(ge=1)]
    id: Annotated[str, StringConstraints(max_length=64)]
    scenario_id: Id
    plan_id: Id
    scenario_sha256: Sha256
    plan_sha256: Sha256
    layers_sha256: Annotated[dict[Id, Sha256], Field(max_length=50)]
    engine_version: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,6}$")]
    seed: Annotated[int, Field(ge=-(2**63), lt=2**63)]
    policy: Id
    human_roles: Annotated[list[Id], Field(max_length=100)]
    participants: Annotated[list[dict[Short, Short]], Field(max_length=500)]
    start_clock: Short
    parent_id: Annotated[str, StringConstraints(max_length=64)] | None
    fork: dict[str, Any] | None
    scenario_path: Annotated[str, StringConstraints(max_length=4096)]
    """Where the exporting machine had the scenario. Information only: an import never reads it."""
    label: Short
    created_at: Annotated[str, StringConstraints(max_length=64)] = ""
    content: Content | None = None

    @field_validator("id", "parent_id")
    @classmethod
    def _uuid(cls, value: str | None) -> str | None:
        if value is not None:
            UUID(value)
        return value

    @field_validator("start_clock")
    @classmethod
    def _clock(cls, value: str) -> str:
        if datetime.fromisoformat(value).tzinfo is None:
            raise ValueError("needs a time zone offset, e.g. 2025-03-14T02:10:00+08:00")
        return value


class StepRecord(_Strict):
    record: Literal["step"]
    t: Time
    events: Annotated[list[dict[str, Any]], Field(max_length=MAX_ITEMS)]


class InputRecord(_Strict):
    record: Literal["input"]
    t: Time
    kind: Literal["decision", "inject", "steer_inject", "end"]
    payload: dict[str, Any]


class FacilitatorRecord(_Strict):
    record: Literal["facilitator"]
    t: Time
    action: Literal["pause", "resume", "speed", "note", "discussion", "participant"]
    value: Text


class ObservationRecord(_Strict):
    record: Literal["observation"]
    author: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    text: Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
    t: Time
    area: Short | None = None
    recorded_at: Annotated[str, StringConstraints(max_length=64)] = ""


class OverrideRecord(_Strict):
    record: Literal["override"]
    finding_id: Short
    author: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    reason: Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
    changes: Annotated[dict[Short, Short | None], Field(max_length=50)]
    recorded_at: Annotated[str, StringConstraints(max_length=64)] = ""


class EndedRecord(_Strict):
    record: Literal["ended"]
    t: Time
    reason: Id


class EndOfExport(_Strict):
    """The last line of a version-2 export: how many records came before it and the SHA-256 of their lines."""

    record: Literal["end"]
    records: Annotated[int, Field(ge=1)]
    sha256: Sha256


Record = StepRecord | InputRecord | FacilitatorRecord | ObservationRecord | OverrideRecord | EndedRecord
RECORDS: dict[str, type[BaseModel]] = {
    "step": StepRecord, "input": InputRecord, "facilitator": FacilitatorRecord, "observation": ObservationRecord,
    "override": OverrideRecord, "ended": EndedRecord, "end": EndOfExport,
}


def first_error(error: ValidationError) -> str:
    """The first problem pydantic found, as `field: message` on one line."""
    issue = error.errors()[0]
    where = ".".join(str(part) for part in issue["loc"]) or "record"
    return f"{where}: {issue['msg']}"[:300]
