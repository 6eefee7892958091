"""Each stored checkpoint must be the projection of the events before it.

A checkpoint is derived data that `show --at` trusts. The chain finds a checkpoint edited behind drillsim's
back; this check also finds one that is wrong but correctly chained (a forger who recomputed the chain, or a
bug that wrote a bad delta).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from drillsim.engine import events as ev
from drillsim.engine.state import ExerciseState, state_to_dict
from drillsim.store.checkpoints import CheckpointError, restore


def checkpoint_problems(checkpoints: Sequence[Any], events: Sequence[ev.DomainEvent]) -> list[str]:
    """One line for each checkpoint record (CheckpointRecorded or the older Checkpointed) that differs from the
    fold of `events` up to its `seq`, naming the record and the first field that differs."""
    by_version = {c.originator_version: c for c in checkpoints}
    problems: list[str] = []
    state, applied = ExerciseState(), 0
    for record in sorted(checkpoints, key=lambda c: c.seq):
        while applied < len(events) and applied <= record.seq:
            state.apply(events[applied])
            applied += 1
        name = f"checkpoint record v{record.originator_version} (after event #{record.seq})"
        try:
            restored = restore(record.originator_version, by_version.__getitem__)
        except (CheckpointError, KeyError) as error:
            problems.append(f"{name} cannot be restored ({str(error)[:200]})")
            continue
        if applied != record.seq + 1:
            problems.append(f"{name} names an event the log does not have")
        elif restored != state:
            have, want = state_to_dict(restored), state_to_dict(state)
            field = next((k for k in want if have.get(k) != want.get(k)), "?")
            problems.append(f"{name} does not match the events before it ({field} differs)")
    return problems
