"""Every decision type, in the order the decision form offers them, and the union that parses any of them.

To add a decision type, write one module beside this one (see `base.DecisionBase` for what its class says,
including its `position` in the form): it is found here by itself, scenario files may name it, and
`tests/test_decisions.py` checks that it says everything.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter

from drillsim.decisions.base import KNOWN_CODES, REGISTRY, DecisionBase

_NOT_TYPES = {"base", "registry"}
for _module in sorted(info.name for info in pkgutil.iter_modules([str(Path(__file__).parent)])):
    if _module not in _NOT_TYPES:  # every other module of the package holds one decision type
        importlib.import_module(f"drillsim.decisions.{_module}")

ORDER: tuple[type[DecisionBase], ...] = tuple(sorted(REGISTRY.values(), key=lambda cls: cls.position))
"""Every decision type, in the order the decision form offers them (their `position`)."""
assert len({cls.position for cls in ORDER}) == len(ORDER), "two decision types share a position"

DECISION_TYPES: dict[str, type[DecisionBase]] = {cls.model_fields["type"].default: cls for cls in ORDER}
"""Decision type name → its class, in the order the decision form offers them."""

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
