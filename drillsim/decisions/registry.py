"""Every decision type, in the order the decision form offers them, and the union that parses any of them.

To add a decision type, write one module beside this one (see `base.DecisionBase` for what its class says)
and import it here; `tests/test_decisions.py` checks that it says everything.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter

from drillsim.decisions.activate_response import ActivateResponse
from drillsim.decisions.activate_working_group import ActivateWorkingGroup
from drillsim.decisions.adjust_response import AdjustResponse
from drillsim.decisions.base import KNOWN_CODES, REGISTRY, DecisionBase
from drillsim.decisions.dispatch_resource import DispatchResource
from drillsim.decisions.establish_command import EstablishCommand
from drillsim.decisions.evacuate import Evacuate
from drillsim.decisions.hand_over_command import HandOverCommand
from drillsim.decisions.issue_warning import IssueWarning
from drillsim.decisions.lift_warning import LiftWarning
from drillsim.decisions.note import Note
from drillsim.decisions.release_information import ReleaseInformation
from drillsim.decisions.report import Report
from drillsim.decisions.resume_rescue import ResumeRescue
from drillsim.decisions.set_cordon import SetCordon
from drillsim.decisions.suspend_rescue import SuspendRescue
from drillsim.decisions.take_action import TakeAction
from drillsim.decisions.terminate import Terminate

ORDER = (Report, TakeAction, ActivateResponse, AdjustResponse, EstablishCommand, HandOverCommand,
         ActivateWorkingGroup, DispatchResource, Evacuate, SetCordon, IssueWarning, LiftWarning,
         ReleaseInformation, SuspendRescue, ResumeRescue, Terminate, Note)

DECISION_TYPES: dict[str, type[DecisionBase]] = {cls.model_fields["type"].default: cls for cls in ORDER}
"""Decision type name → its class, in the order the decision form offers them."""
assert set(DECISION_TYPES) == set(REGISTRY), "a registered decision type is missing from ORDER"

Decision = Annotated[Union[ORDER], Field(discriminator="type")]  # type: ignore[valid-type]
"""Any decision, told apart by its `type`."""

DECISION_ADAPTER: TypeAdapter[Any] = TypeAdapter(Decision)

REJECTION_CODES: tuple[str, ...] = tuple(sorted(KNOWN_CODES))
"""Every code a rejection can carry: stable names for programs and tests (texts may be reworded)."""


def parse_decision(data: dict[str, Any]) -> Any:
    """Validate a decision given as a dict (from the CLI, the TUI or a stored log)."""
    return DECISION_ADAPTER.validate_python(data)


def decision_dict(decision: DecisionBase) -> dict[str, Any]:
    """The decision as a JSON-native dict that `parse_decision` reads back."""
    return decision.model_dump(mode="json")


def decision_target(kind: str, params: dict[str, Any]) -> str:
    """The object of a decision (obligation, level, receiving body, group, ...) as a string, or ''."""
    cls = DECISION_TYPES.get(kind)
    key = cls.target_field if cls is not None else None
    return str(params[key]) if key is not None and key in params else ""
