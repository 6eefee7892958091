"""The command vocabulary: what a role can decide. Each decision names the acting body and may give a rationale."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Field, TypeAdapter

from drillsim.model.base import Frozen, StrictInt, StrictStr
from drillsim.model.plan import BriefingItem, Channel, ContentField
from drillsim.model.scenario import Figure


class _Decision(Frozen):
    actor: StrictStr = Field(description="body id of the plan that acts")
    rationale: StrictStr = ""

    def params(self) -> dict[str, Any]:
        """The decision's own parameters (without type, actor and rationale), JSON-native: what
        `model_dump(mode="json")` gives for these fields (tuples as lists), read without pydantic's serialiser."""
        names = _PARAM_FIELDS.get(type(self))
        if names is None:
            names = _PARAM_FIELDS[type(self)] = tuple(n for n in type(self).model_fields
                                                      if n not in ("type", "actor", "rationale"))
        return {name: _json_native(getattr(self, name)) for name in names}


_PARAM_FIELDS: dict[type, tuple[str, ...]] = {}


def _json_native(value: Any) -> Any:
    """Parameters are flat: tuples of strings, dicts of figures (str → int), scalars."""
    if type(value) is tuple:
        return list(value)
    if type(value) is dict:
        return dict(value)
    return value


class Report(_Decision):
    """Submit (or follow up) the report an obligation requires. Figures default to what the actor knows."""

    type: Literal["report"] = "report"
    obligation: StrictStr
    channel: Channel | None = None
    figures: dict[Figure, StrictInt] | None = None
    content: tuple[ContentField, ...] | None = None


class TakeAction(_Decision):
    """Take one of the scenario's own on-scene measures (its `actions:` list)."""

    type: Literal["take_action"] = "take_action"
    action: StrictStr


class ActivateResponse(_Decision):
    type: Literal["activate_response"] = "activate_response"
    level: StrictInt = Field(ge=1, le=4)


class AdjustResponse(_Decision):
    type: Literal["adjust_response"] = "adjust_response"
    level: StrictInt = Field(ge=1, le=4)


class EstablishCommand(_Decision):
    type: Literal["establish_command"] = "establish_command"


class HandOverCommand(_Decision):
    type: Literal["hand_over_command"] = "hand_over_command"
    to: StrictStr
    briefing: tuple[BriefingItem, ...] = ()


class ActivateWorkingGroup(_Decision):
    type: Literal["activate_working_group"] = "activate_working_group"
    group: StrictStr


class DispatchResource(_Decision):
    type: Literal["dispatch_resource"] = "dispatch_resource"
    resource: StrictStr


class Evacuate(_Decision):
    type: Literal["evacuate"] = "evacuate"
    area: StrictStr


class SetCordon(_Decision):
    type: Literal["set_cordon"] = "set_cordon"
    radius_m: StrictInt = Field(gt=0)


class IssueWarning(_Decision):
    type: Literal["issue_warning"] = "issue_warning"
    color: Literal["red", "orange", "yellow", "blue"]


class LiftWarning(_Decision):
    type: Literal["lift_warning"] = "lift_warning"
    color: Literal["red", "orange", "yellow", "blue"]


class ReleaseInformation(_Decision):
    type: Literal["release_information"] = "release_information"
    text: StrictStr = Field(min_length=1)


class SuspendRescue(_Decision):
    type: Literal["suspend_rescue"] = "suspend_rescue"
    reason: StrictStr = ""


class ResumeRescue(_Decision):
    type: Literal["resume_rescue"] = "resume_rescue"


class Terminate(_Decision):
    type: Literal["terminate"] = "terminate"


class Note(_Decision):
    type: Literal["note"] = "note"
    text: StrictStr = Field(min_length=1)


Decision = Annotated[
    Union[
        Report,
        TakeAction,
        ActivateResponse,
        AdjustResponse,
        EstablishCommand,
        HandOverCommand,
        ActivateWorkingGroup,
        DispatchResource,
        Evacuate,
        SetCordon,
        IssueWarning,
        LiftWarning,
        ReleaseInformation,
        SuspendRescue,
        ResumeRescue,
        Terminate,
        Note,
    ],
    Field(discriminator="type"),
]

DECISION_ADAPTER: TypeAdapter[Decision] = TypeAdapter(Decision)


def parse_decision(data: dict[str, Any]) -> Decision:
    """Validate a decision given as a dict (from the CLI, the TUI or a stored log)."""
    return DECISION_ADAPTER.validate_python(data)


def decision_dict(decision: Decision) -> dict[str, Any]:
    """The decision as a JSON-native dict that `parse_decision` reads back."""
    return decision.model_dump(mode="json")
