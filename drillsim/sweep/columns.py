"""The columns of a sweep's dataset, fixed before the first run: one row per run, the same columns for every
row (plans that lack an obligation, a level or a handover leave it empty)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from drillsim.model.figures import FIGURES
from drillsim.scoring.parameters import AREAS

HARM_FIGURES = tuple(f for f in FIGURES if f != "hazard_extent")
"""The final figures of the accident, as the dataset's harm columns."""

OBLIGATION_STATUSES = ("met", "late", "missed", "pending", "optional", "not_started")
"""A rule's outcome over its instances, worst first after `met`: see `rule_status`."""

STR, INT, FLOAT = "str", "int", "float"


@dataclass(frozen=True)
class Columns:
    """Column names and kinds in dataset order, and the plan facts rows are laid out by."""

    names: tuple[str, ...]
    kinds: tuple[str, ...]
    axes: tuple[str, ...]
    """The `--set` parameters, each a `param.<PARAM>` column."""
    obligations: tuple[str, ...]
    levels: tuple[int, ...]
    handovers: tuple[str, ...]

    def index(self, name: str) -> int:
        return self.names.index(name)


def obligation_columns(rule: str) -> tuple[str, str, str, str]:
    """status, minutes late (0 in time), minutes from the accident to the first report, instances started."""
    return f"ob.{rule}.status", f"ob.{rule}.late_min", f"ob.{rule}.done_min", f"ob.{rule}.instances"


def level_column(level: int) -> str:
    """Minutes from the accident until a response of this level or a higher one is active."""
    return f"t_level_{level}_min"


def handover_column(handover: str) -> str:
    return f"handover.{handover}_min"


def build_columns(axes: Sequence[str], obligations: Sequence[str], levels: Sequence[int],
                  handovers: Sequence[str]) -> Columns:
    """Every column of a sweep over plans with these obligations, levels and handovers."""
    spec: list[tuple[str, str]] = [("scenario", STR), ("plan", STR), ("variant", STR)]
    spec += [(f"param.{a}", STR) for a in axes]
    spec += [("policy", STR), ("seed", INT), ("score", FLOAT), ("conclusion", STR), ("baseline_score", FLOAT),
             ("deviations", INT)]
    spec += [(f"rating.{a}", STR) for a in AREAS]
    spec += [("grade", STR), ("level_max", INT)]
    spec += [(level_column(lv), FLOAT) for lv in sorted(levels)]
    spec += [("command_established_min", FLOAT)]
    spec += [(handover_column(h), FLOAT) for h in handovers]
    spec += [("reports_late", INT), ("reports_missed", INT)]
    for rule in obligations:
        status, late, done, count = obligation_columns(rule)
        spec += [(status, STR), (late, FLOAT), (done, FLOAT), (count, INT)]
    spec += [(f, INT) for f in HARM_FIGURES]
    spec += [("peak_people_at_risk", INT), ("events", INT), ("end_min", FLOAT), ("ended", STR)]
    names, kinds = zip(*spec)
    return Columns(tuple(names), tuple(kinds), tuple(axes), tuple(obligations), tuple(sorted(levels)),
                   tuple(handovers))
