"""The figures that describe an accident, listed once; every other list of figures is one of the groups here.

Their Chinese and English names are in `drillsim.glossary.FIGURES`.
"""

from __future__ import annotations

from typing import Literal, get_args

Figure = Literal[
    "deaths",
    "serious_injuries",
    "minor_injuries",
    "trapped",
    "missing",
    "endangered",
    "rescued",
    "direct_loss_cny",
    "hazard_extent",
]
"""Numbers that describe the accident. trapped + missing + endangered = people at risk (Ordos 四(三))."""

FIGURES: tuple[Figure, ...] = get_args(Figure)
"""Every figure, in the order data files, datasets and forms list them."""

PEOPLE_AT_RISK: tuple[Figure, ...] = ("trapped", "missing", "endangered")
"""Endangered, trapped and missing people (涉险、被困、失联): the count response levels are triggered by."""

CASUALTY_FIGURES: tuple[Figure, ...] = ("deaths", "serious_injuries", *PEOPLE_AT_RISK)
"""Casualties including the missing (四(一)4): what a report must state and what 谎报/瞒报 is judged on."""

FOLLOW_UP_FIGURES: tuple[Figure, ...] = ("deaths", "serious_injuries", "missing")
"""Casualties any change of which calls for a follow-up report (续报): Decree 493 Art. 13 "伤亡人数发生变化的，应当
及时补报", with the missing counted as the plans count them (伤亡（含失踪）, 000:L372; Ordos 四(一)4)."""


def calls_for_follow_up(before: dict[str, int], changed: dict[str, int]) -> bool:
    """Whether a change of figures is news to follow up (续报): a casualty changed (`FOLLOW_UP_FIGURES`) or more
    people are trapped. People merely endangered, trapped people brought out and people rescued change the
    response, not the casualties (Decree 493 Art. 13): no follow-up on them alone. A grade that changes is news
    of its own (`engine.world.World.regrade`)."""
    if any(k in changed for k in FOLLOW_UP_FIGURES):
        return True
    return "trapped" in changed and changed["trapped"] > before.get("trapped", 0)


STATE_ORDER: tuple[Figure, ...] = (*CASUALTY_FIGURES, *(f for f in FIGURES if f not in CASUALTY_FIGURES))
"""The order an exercise's figures are held and printed in: casualties first."""

PEOPLE: tuple[Figure, ...] = (*PEOPLE_AT_RISK, "rescued", "deaths", "serious_injuries", "minor_injuries")
"""Every figure that counts people, people at risk first (as the situation board shows them)."""

ALWAYS_SHOWN: frozenset[Figure] = frozenset({"deaths", "trapped"})
"""Figures shown even when they are zero: 'nobody died, nobody is trapped' is news."""

Criterion = Literal["deaths", "serious_injuries", "direct_loss_cny"]
"""The figures a plan grades an accident by (死亡、重伤、直接经济损失)."""

GRADE_CRITERIA: tuple[Criterion, ...] = get_args(Criterion)
