"""The decision types: one module each, holding everything drillsim knows about that decision.

Below the engine, scoring, loading and the interfaces, which all read them from here (see `base`)."""

from drillsim.decisions.activate_response import ActivateResponse
from drillsim.decisions.activate_working_group import ActivateWorkingGroup
from drillsim.decisions.adjust_response import AdjustResponse
from drillsim.decisions.base import Context, DecisionBase, Rejection
from drillsim.decisions.declare_capacity_exceeded import DeclareCapacityExceeded
from drillsim.decisions.dispatch_resource import DispatchResource
from drillsim.decisions.establish_command import EstablishCommand
from drillsim.decisions.evacuate import Evacuate
from drillsim.decisions.hand_over_command import HandOverCommand
from drillsim.decisions.issue_warning import IssueWarning
from drillsim.decisions.judge_response_needed import JudgeResponseNeeded
from drillsim.decisions.lift_warning import LiftWarning
from drillsim.decisions.note import Note
from drillsim.decisions.registry import (
    DECISION_ADAPTER,
    DECISION_TYPES,
    REJECTION_CODES,
    Decision,
    decision_dict,
    decision_target,
    parse_decision,
)
from drillsim.decisions.release_information import ReleaseInformation
from drillsim.decisions.report import Report, obligation_instance
from drillsim.decisions.request_support import RequestSupport
from drillsim.decisions.resume_rescue import ResumeRescue
from drillsim.decisions.select_working_groups import SelectWorkingGroups
from drillsim.decisions.send_guidance_team import SendGuidanceTeam
from drillsim.decisions.set_cordon import SetCordon
from drillsim.decisions.suspend_rescue import SuspendRescue
from drillsim.decisions.take_action import TakeAction
from drillsim.decisions.terminate import Terminate

__all__ = [
    "DECISION_ADAPTER", "DECISION_TYPES", "REJECTION_CODES", "ActivateResponse", "ActivateWorkingGroup",
    "AdjustResponse", "Context", "Decision", "DecisionBase", "DeclareCapacityExceeded", "DispatchResource", "EstablishCommand", "Evacuate",
    "HandOverCommand", "IssueWarning", "JudgeResponseNeeded", "LiftWarning", "Note", "Rejection", "ReleaseInformation", "Report",
    "RequestSupport", "ResumeRescue", "SelectWorkingGroups", "SendGuidanceTeam", "SetCordon", "SuspendRescue", "TakeAction", "Terminate", "decision_dict", "decision_target",
    "obligation_instance", "parse_decision",
]
