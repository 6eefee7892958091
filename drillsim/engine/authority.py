"""Who may do what, in which state. A check returns the reason a decision is rejected, or None."""

from __future__ import annotations

from functools import singledispatch

from drillsim.engine import decisions as d
from drillsim.engine.plan_index import PlanIndex
from drillsim.engine.state import ExerciseState


class Context:
    """What a check can see: the plan index, the state and whether the termination conditions hold."""

    def __init__(self, index: PlanIndex, state: ExerciseState) -> None:
        self.index = index
        self.state = state

    def name(self, body: str) -> str:
        b = self.index.bodies.get(body)
        return f"{body} ({b.name.en})" if b else body

    def informed(self, body: str) -> bool:
        """A body knows of the accident: it is at the enterprise, or someone in its role received a report."""
        if self.index.rank(body) == 0:
            return True
        role = self.index.role(body)
        return any(self.index.role(b) == role for b in self.state.informed_t) if role else body in self.state.informed_t


def obligation_instance(state: ExerciseState, obligation: str) -> str | None:
    """The started instance a report on `obligation` refers to: the id itself, or the newest `id#n` instance."""
    return state.latest_instance.get(obligation)


def check(decision: d.Decision, ctx: Context) -> str | None:
    """The reason this decision is rejected, or None when it is allowed."""
    state, index = ctx.state, ctx.index
    if state.ended:
        return "the exercise has ended"
    if decision.actor not in index.bodies:
        return f"unknown body {decision.actor!r}: the actor must be a body of plan {index.loaded.plan.id}"
    if state.terminated_by and state.level is None and not isinstance(decision, d.Note):
        return "the response has been terminated"
    return _check(decision, ctx)


@singledispatch
def _check(decision: d.Decision, ctx: Context) -> str | None:
    return None


@_check.register
def _(dec: d.Report, ctx: Context) -> str | None:
    eo = ctx.index.obligations.get(dec.obligation)
    if eo is None:
        return f"unknown obligation {dec.obligation!r}"
    if dec.actor != eo.obligation.from_:
        return f"obligation {dec.obligation} is {ctx.name(eo.obligation.from_)}'s to fulfil, not {ctx.name(dec.actor)}'s"
    if obligation_instance(ctx.state, dec.obligation) is None:
        return f"obligation {dec.obligation} has not started yet (it starts on {eo.obligation.starts_on.kind})"
    return None


@_check.register
def _(dec: d.TakeAction, ctx: Context) -> str | None:
    action = next((a for a in ctx.index.scenario.actions if a.id == dec.action), None)
    if action is None:
        known = ", ".join(a.id for a in ctx.index.scenario.actions) or "none"
        return f"the scenario has no action {dec.action!r} (actions: {known})"
    if dec.actor not in action.by:
        return f"{dec.action} is taken by {', '.join(action.by)}, not {ctx.name(dec.actor)}"
    return None


def _activation(level: int, actor: str, ctx: Context) -> str | None:
    lv = ctx.index.levels.get(level)
    if lv is None:
        return f"the plan has no response level {level}"
    if actor != lv.activated_by:
        return f"level {level} is activated by {ctx.name(lv.activated_by)}, not {ctx.name(actor)}"
    if not ctx.informed(actor):
        return f"{ctx.name(actor)} has not been informed of the accident yet"
    return None


@_check.register
def _(dec: d.ActivateResponse, ctx: Context) -> str | None:
    current = ctx.state.level
    if current is not None and dec.level >= current:
        return f"level {current} is already active; activate only a higher level, or adjust the response"
    return _activation(dec.level, dec.actor, ctx)


@_check.register
def _(dec: d.AdjustResponse, ctx: Context) -> str | None:
    current = ctx.state.level
    if current is None:
        return "no response level is active; activate one first"
    if dec.level == current:
        return f"level {current} is already active"
    if dec.level > current:  # de-escalation: whoever activated decides
        if dec.actor != ctx.state.level_by:
            return f"only {ctx.name(ctx.state.level_by or '')}, who activated level {current}, may lower it"
        return None
    return _activation(dec.level, dec.actor, ctx)


@_check.register
def _(dec: d.EstablishCommand, ctx: Context) -> str | None:
    allowed = {e.by for e in ctx.index.loaded.plan.field_command.establishment}
    if dec.actor not in allowed:
        return f"field command is established by {', '.join(sorted(allowed))}, not {ctx.name(dec.actor)}"
    if ctx.state.commander is not None:
        return f"field command is already held by {ctx.name(ctx.state.commander)}"
    return None


@_check.register
def _(dec: d.HandOverCommand, ctx: Context) -> str | None:
    state, index = ctx.state, ctx.index
    if state.commander is None:
        return "no field command has been established"
    if dec.actor != state.commander:
        return f"only the current commander, {ctx.name(state.commander)}, can hand over command"
    if not any(h.to == dec.to for h in index.handovers):
        return f"the plan foresees no handover to {ctx.name(dec.to)}"
    if index.rank(dec.to) <= index.rank(state.commander):
        return f"command passes upward only; {ctx.name(dec.to)} is not above {ctx.name(state.commander)}"
    if state.officials.get(dec.to) != "on_scene":
        return f"{ctx.name(dec.to)} has not arrived on scene"
    return None


@_check.register
def _(dec: d.ActivateWorkingGroup, ctx: Context) -> str | None:
    state, index = ctx.state, ctx.index
    if dec.group not in index.groups:
        return f"the plan has no working group {dec.group!r}"
    if state.level is None:
        return "no response level is active"
    if dec.group in state.groups:
        return f"working group {dec.group} is already active"
    lv = index.levels[state.level]
    if index.tier(dec.actor) != lv.led_by_tier and dec.actor not in (lv.activated_by, lv.commander, state.commander):
        return f"at level {state.level} working groups are activated by the {lv.led_by_tier} HQ, not {ctx.name(dec.actor)}"
    return None


@_check.register
def _(dec: d.DispatchResource, ctx: Context) -> str | None:
    res = ctx.index.resources.get(dec.resource)
    if res is None:
        return f"the scenario has no resource {dec.resource!r}"
    if dec.actor != res.controlled_by and not ctx.index.same_role(dec.actor, res.controlled_by):
        return f"{dec.resource} is dispatched by {ctx.name(res.controlled_by)}"
    if dec.resource in ctx.state.resources:
        return f"{dec.resource} is already {ctx.state.resources[dec.resource].replace('_', ' ')}"
    return None


def _on_scene_authority(actor: str, ctx: Context) -> str | None:
    commander = ctx.state.commander
    if ctx.index.rank(actor) == 0 or (commander and (actor == commander or ctx.index.same_role(actor, commander))):
        return None
    return f"on-scene measures are ordered by the field command ({ctx.name(commander or 'none')}) or the enterprise"


@_check.register
def _(dec: d.Evacuate, ctx: Context) -> str | None:
    return _on_scene_authority(dec.actor, ctx)


@_check.register
def _(dec: d.SetCordon, ctx: Context) -> str | None:
    return _on_scene_authority(dec.actor, ctx)


@_check.register
def _(dec: d.IssueWarning, ctx: Context) -> str | None:
    levels = {w.id: w for w in ctx.index.loaded.plan.warnings.levels}
    level = levels.get(dec.color)
    if level is None:
        return f"the plan has no {dec.color} warning"
    if dec.actor != level.issued_by and not ctx.index.same_role(dec.actor, level.issued_by):
        return f"a {dec.color} warning is issued by {ctx.name(level.issued_by)}"
    if dec.color in ctx.state.warnings:
        return f"a {dec.color} warning is already in force"
    return None


@_check.register
def _(dec: d.LiftWarning, ctx: Context) -> str | None:
    issuer = ctx.state.warnings.get(dec.color)
    if issuer is None:
        return f"no {dec.color} warning is in force"
    if dec.actor != issuer:
        return f"whoever issues a warning lifts it (谁发布谁解除): {ctx.name(issuer)}"
    return None


@_check.register
def _(dec: d.SuspendRescue, ctx: Context) -> str | None:
    if ctx.state.suspended:
        return "rescue is already suspended"
    return _commander_only(dec.actor, ctx)


@_check.register
def _(dec: d.ResumeRescue, ctx: Context) -> str | None:
    if not ctx.state.suspended:
        return "rescue is not suspended"
    if ctx.state.rescuers_threatened:
        return "rescuers are still threatened; resume once the threat has passed"
    return _commander_only(dec.actor, ctx)


def _commander_only(actor: str, ctx: Context) -> str | None:
    commander = ctx.state.commander
    if commander is None or not (actor == commander or ctx.index.same_role(actor, commander)):
        return f"only the field command ({ctx.name(commander or 'none')}) can do this"
    return None


@_check.register
def _(dec: d.Terminate, ctx: Context) -> str | None:
    state = ctx.state
    if state.level is None:
        return "no response level is active"
    if dec.actor != state.level_by:
        return (f"whoever activated a response terminates it (谁启动谁终止): level {state.level} is "
                f"{ctx.name(state.level_by or '')}'s to end")
    if not state.conditions_met:
        return "the termination conditions do not hold yet"
    return None
