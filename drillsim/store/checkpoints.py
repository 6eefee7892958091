"""Checkpoints of the projection whose size does not grow with the exercise.

A checkpoint is a delta against the previous one: every scalar field of the state, the items appended to
each append-only list since then, and the changed entries of each dict. The state at a checkpoint is the
chain of deltas applied in order, from the empty state or from a full checkpoint (the format drillsim
wrote before deltas, which grew with the exercise: every note and decision in every checkpoint).

Reading a chain touches only checkpoint records, never the steps between them, so `show --at` stays a
small fraction of a full fold however long the exercise is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from drillsim.engine.state import ExerciseState, json_native, state_from_dict, state_to_dict
from drillsim.store.aggregate import ExerciseLog

DELTA_FORMAT = 1

_EMPTY = ExerciseState()
_DEFAULTS = {f.name: getattr(_EMPTY, f.name) for f in dataclasses.fields(ExerciseState)}
REPLACED_LISTS = frozenset({"level_stack"})
"""List fields that are not append-only (a stack pops and replaces its top): stored whole in every delta."""
APPEND_ONLY = tuple(n for n, v in _DEFAULTS.items() if isinstance(v, list) and n not in REPLACED_LISTS)
DICTS = tuple(n for n, v in _DEFAULTS.items() if isinstance(v, dict))
SCALARS = tuple(n for n, v in _DEFAULTS.items() if not isinstance(v, (list, dict)))
_MISSING = object()


class CheckpointError(ValueError):
    """A stored checkpoint chain that does not fit together (the store was altered or is damaged)."""


@dataclass(frozen=True)
class CheckpointBase:
    """What the next delta is taken against: the previous checkpoint's record version and its state in brief."""

    version: int
    """The log version of the checkpoint record; 0 for the empty state before the first checkpoint."""
    lengths: dict[str, int]
    dicts: dict[str, dict[str, Any]]

    @classmethod
    def of(cls, version: int, state: ExerciseState) -> CheckpointBase:
        return cls(version, {name: len(getattr(state, name)) for name in APPEND_ONLY},
                   {name: json_native(getattr(state, name)) for name in DICTS})


EMPTY_BASE = CheckpointBase.of(0, _EMPTY)


def state_delta(base: CheckpointBase, state: ExerciseState) -> dict[str, Any]:
    """The JSON-native delta that turns the state at `base` into `state`."""
    append: dict[str, list[Any]] = {}
    replace: dict[str, Any] = {name: json_native(getattr(state, name)) for name in REPLACED_LISTS}
    update: dict[str, dict[str, Any]] = {}
    for name in APPEND_ONLY:
        items, start = getattr(state, name), base.lengths[name]
        if len(items) < start:  # cannot happen while the fold only appends; stay exact if it ever does
            replace[name] = json_native(items)
        elif len(items) > start:
            append[name] = [start, json_native(items[start:])]
    for name in DICTS:
        before, now = base.dicts[name], json_native(getattr(state, name))
        if list(before) != list(now)[: len(before)]:  # a key went away or moved: the dict's order matters too
            replace[name] = now
            continue
        changes = {key: value for key, value in now.items() if before.get(key, _MISSING) != value}
        if changes:
            update[name] = changes
    return {"format": DELTA_FORMAT, "base": base.version, "scalars": {n: getattr(state, n) for n in SCALARS},
            "append": append, "replace": replace, "update": update}


def apply_delta(data: dict[str, Any], delta: dict[str, Any]) -> None:
    """Apply one delta to a state in `state_to_dict` form, checking that it fits."""
    if delta.get("format") != DELTA_FORMAT:
        raise CheckpointError(f"checkpoint format {delta.get('format')!r} is not one this drillsim reads")
    unknown = {*delta["scalars"], *delta["append"], *delta["replace"], *delta["update"]} - _DEFAULTS.keys()
    if unknown:
        raise CheckpointError(f"checkpoint names fields the state does not have: {sorted(unknown)[:5]}")
    data.update(delta["scalars"])
    for name, (start, items) in delta["append"].items():
        if len(data[name]) != start:
            raise CheckpointError(f"checkpoint appends to {name} at {start}, but it holds {len(data[name])} items")
        data[name].extend(items)
    data.update(delta["replace"])
    for name, changes in delta["update"].items():
        data[name].update(changes)


def restore(version: int, fetch: Callable[[int], Any]) -> ExerciseState:
    """The state at the checkpoint recorded at log version `version`.

    `fetch(v)` returns the stored checkpoint record at version v: a delta (`delta` attribute) or a full
    checkpoint of the older format (`state`). The chain is walked back to a full checkpoint or the start.
    """
    chain: list[dict[str, Any]] = []
    data: dict[str, Any] | None = None
    while version:
        record = fetch(version)
        delta = getattr(record, "delta", None)
        if delta is None:  # the older, full format; fields added since then keep their defaults
            data = {**state_to_dict(_EMPTY), **_copied(record.state)}
            break
        base = delta.get("base")
        if not isinstance(base, int) or not 0 <= base < version:
            raise CheckpointError(f"checkpoint v{version} names v{base!r} as its base")
        chain.append(delta)
        version = base
    if data is None:
        data = state_to_dict(_EMPTY)
    for delta in reversed(chain):
        apply_delta(data, delta)
    try:
        return state_from_dict(data)
    except (KeyError, TypeError, ValueError) as error:
        raise CheckpointError(f"checkpoint chain does not make a state ({error})") from None


def _copied(state: dict[str, Any]) -> dict[str, Any]:
    # the deltas applied on top extend and update these containers; leave the record's own data alone
    return {k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v) for k, v in state.items()}


class CheckpointWriter:
    """Writes one exercise's checkpoints as deltas, each against the one before."""

    def __init__(self, base: CheckpointBase = EMPTY_BASE) -> None:
        self.base = base

    @classmethod
    def after(cls, version: int, state: ExerciseState | None) -> CheckpointWriter:
        """A writer whose next delta follows the checkpoint at `version` holding `state` (0/None: the start)."""
        return cls(CheckpointBase.of(version, state) if version and state is not None else EMPTY_BASE)

    @property
    def version(self) -> int:
        """The log version of the checkpoint the next delta is taken against."""
        return self.base.version

    def write(self, log: ExerciseLog, state: ExerciseState) -> None:
        """Record a checkpoint of `state` on the log (saved with the log's next save)."""
        log.checkpoint(state.seq, state.t, state_delta(self.base, state))
        self.base = CheckpointBase.of(log.version, state)
