"""The domain events, where the engine and its callers have always found them (defined in `drillsim.model.events`,
below the decision types that emit and match them)."""

from drillsim.model.events import *  # noqa: F403 - the same classes, registry and codec
from drillsim.model.events import EVENT_TYPES, DomainEvent, event, from_dict, to_dict, upcast, upcaster  # noqa: F401
