"""Verify an exercise by re-simulating it, and fork it into a what-if exercise."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from drillsim.engine import events as ev
from drillsim.decisions import Decision, decision_dict
from drillsim.engine.runner import ENGINE_VERSION
from drillsim.loading.scenarios import LoadedScenario
from drillsim.session.checkpoint_check import checkpoint_problems
from drillsim.session.live import LiveSession, nothing_committed, resimulate, scenario_for
from drillsim.session.provenance import content_hashes
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseStore
from drillsim.store.chain import ChainReport
from drillsim.store.integrity import check_records


@dataclass(frozen=True)
class Divergence:
    """The first place where the stored log and the re-simulation disagree."""

    index: int
    stored: dict[str, Any] | None
    replayed: dict[str, Any] | None


@dataclass(frozen=True)
class VerifyReport:
    """What `drillsim verify` found: the stored records' chain, then the re-simulation."""

    exercise: UUID
    events: int
    identical: bool
    divergence: Divergence | None
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Damage to the stored records, each naming its record (empty: intact)."""
    chain: ChainReport | None = None


def verify(store: ExerciseStore, ident: UUID, loaded: LoadedScenario | None = None) -> VerifyReport:
    """Re-simulate from the stored seed and inputs and compare event by event with the stored log.

    `loaded` overrides where the scenario comes from (default: the recorded file, else the catalog).
    The stored records are checked first (chain, numbering, topics); a damaged log is not re-simulated.
    """
    chain = check_records(store, ident)
    if not chain.intact:
        return VerifyReport(ident, 0, False, None, [], chain.problems, chain)
    log = store.log(ident)
    loaded = loaded or scenario_for(log)
    warnings = []
    if chain.unchained:
        warnings.append(f"{chain.unchained} of {chain.records} records carry no chain (written by a drillsim "
                        "before the chain): edits to them cannot be detected")
    scenario_sha, plan_sha, layers_sha = content_hashes(loaded)
    if scenario_sha != log.scenario_sha256:
        warnings.append(f"the scenario file {loaded.path} has changed since the exercise (SHA-256 differs)")
    if plan_sha != log.plan_sha256 or layers_sha != log.layers_sha256:
        warnings.append(f"the plan {log.plan_id} (or a layer it inherits) has changed since the exercise")
    if log.engine_version != ENGINE_VERSION:
        warnings.append(f"recorded with engine version {log.engine_version}, verifying with {ENGINE_VERSION}")
    stored_events = store.domain_events(ident)
    stored = [ev.to_dict(e) for e in stored_events]
    until = None if log.status == "ended" else log.last_t
    replayed = [] if nothing_committed(log) else [
        ev.to_dict(e) for e in resimulate(loaded, log, store.inputs(ident), until).events]
    divergence = None
    for index in range(max(len(stored), len(replayed))):
        a = stored[index] if index < len(stored) else None
        b = replayed[index] if index < len(replayed) else None
        if a != b:
            divergence = Divergence(index, a, b)
            break
    problems = _end_problems(log, stored)
    if divergence is None:
        checkpoints = store.records(ident, (ExerciseLog.CheckpointRecorded, ExerciseLog.Checkpointed))
        problems += checkpoint_problems(checkpoints, stored_events)
    return VerifyReport(ident, len(stored), divergence is None and not problems, divergence, warnings, problems,
                        chain)


def _end_problems(log: Any, stored: list[dict[str, Any]]) -> list[str]:
    """The log's Ended record must agree with the simulation's own end event."""
    ended = next((e for e in reversed(stored) if e["type"] == "exercise_ended"), None)
    if ended is not None and log.status != "ended":
        return [f"the simulation ended ({ended['reason']}) at event #{ended['seq']} but the log has no Ended record "
                "(deleted)"]
    if ended is None and log.status == "ended":
        return [f"the log has an Ended record ({log.ended_reason}) but the simulation never ended"]
    if ended is not None and log.ended_reason != ended["reason"]:
        return [f"the Ended record gives the reason {log.ended_reason!r}, the simulation ended {ended['reason']!r}"]
    return []


class ForkError(ValueError):
    """A fork request that cannot be carried out."""


def fork(store: ExerciseStore, ident: UUID, at_decision: int, replacement: Decision | None) -> LiveSession:
    """A new exercise linked to its parent: decision number `at_decision` dropped or replaced, same seed.

    A person's decision is changed in the inputs; a computer role's decision is overridden in the engine.
    The fork then plays on as far as the parent had got (to its end if the parent had ended).
    """
    log = store.log(ident)
    loaded = scenario_for(log)
    decisions = {e.number: e for e in store.domain_events(ident)
                 if isinstance(e, (ev.DecisionAccepted, ev.DecisionRejected))}
    target = decisions.get(at_decision)
    if target is None:
        raise ForkError(f"exercise {ident.hex[:8]} has no decision #{at_decision} "
                        f"(decisions are numbered 0-{max(decisions) if decisions else -1})")
    inputs = store.inputs(ident)
    change = decision_dict(replacement) if replacement is not None else None
    fork_info: dict[str, Any] = {"parent": str(ident), "at_decision": at_decision,
                                 "change": "replace" if replacement is not None else "drop",
                                 "decision": change, "computer_overrides": {}}
    if target.source in ("human",):
        human = [i for i, (_, kind, _) in enumerate(inputs) if kind == "decision"]
        ordinal = [e.number for e in sorted(decisions.values(), key=lambda e: e.number)
                   if e.source == "human"].index(at_decision)
        position = human[ordinal]
        t = inputs[position][0]
        if replacement is None:
            inputs = inputs[:position] + inputs[position + 1:]
        else:
            inputs = inputs[:position] + [(t, "decision", {"decision": change})] + inputs[position + 1:]
    else:
        fork_info["computer_overrides"] = {str(at_decision): change}
        if parent_fork := (log.fork or {}).get("computer_overrides"):
            fork_info["computer_overrides"] = {**parent_fork, **fork_info["computer_overrides"]}
    session = LiveSession.start(store, loaded, log.seed, log.policy, log.human_roles, log.participants,
                                parent_id=str(ident), fork=fork_info, label=f"fork of {ident.hex[:8]} at #{at_decision}")
    for t, kind, payload in inputs:
        session.advance_to(t)
        if session.ended:
            break
        session.put(kind, payload)
    session.run(until=None if log.status == "ended" else log.last_t)
    return session
