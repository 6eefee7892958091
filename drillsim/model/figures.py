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

STATE_ORDER: tuple[Figure, ...] = (*CASUALTY_FIGURES, *(f for f in FIGURES if f not in CASUALTY_FIGURES))
"""The order an exercise's figures are held and printed in: casualties first."""

PEOPLE: tuple[Figure, ...] = (*PEOPLE_AT_RISK, "rescued", "deaths", "serious_injuries", "minor_injuries")
"""Every figure that counts people, people at risk first (as the situation board shows them)."""

ALWAYS_SHOWN: frozenset[Figure] = frozenset({"deaths", "trapped"})
"""Figures shown even when they are zero: 'nobody died, nobody is trapped' is news."""

Criterion = Literal["deaths", "serious_injuries", "direct_loss_cny"]
"""The figures a plan grades an accident by (死亡、重伤、直接经济损失)."""

GRADE_CRITERIA: tuple[Criterion, ...] = get_args(Criterion)
