"""What an accepted decision changes: the events it emits and the processes it starts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drillsim.engine import decisions as d
from drillsim.engine import events as ev
from drillsim.engine.authority import obligation_instance

if TYPE_CHECKING:
    from drillsim.engine.simulation import Simulation


def carry_out(sim: Simulation, dec: d.Decision) -> None:
    """Emit what the accepted decision does."""
    s, emit = sim.state, sim.emit
    if isinstance(dec, d.Report):
        _report(sim, dec)
    elif isinstance(dec, d.TakeAction):
        emit(ev.ActionTaken, by=dec.actor, action=dec.action)
        action = next(a for a in sim.scenario.actions if a.id == dec.action)
        if action.change is not None:
            sim.world.apply_change(action.change, dec.action)
    elif isinstance(dec, (d.ActivateResponse, d.AdjustResponse)):
        emit(ev.ResponseActivated, level=dec.level, by=dec.actor, previous=s.level)
    elif isinstance(dec, d.EstablishCommand):
        emit(ev.CommandEstablished, commander=dec.actor)
    elif isinstance(dec, d.HandOverCommand):
        _hand_over(sim, dec)
    elif isinstance(dec, d.ActivateWorkingGroup):
        emit(ev.WorkingGroupActivated, group=dec.group, by=dec.actor, lead=sim.index.groups[dec.group].lead)
    elif isinstance(dec, d.DispatchResource):
        sim.world.dispatch_resource(dec.resource, dec.actor)
    elif isinstance(dec, d.Evacuate):
        emit(ev.EvacuationOrdered, by=dec.actor, area=dec.area)
    elif isinstance(dec, d.SetCordon):
        emit(ev.CordonSet, by=dec.actor, radius_m=dec.radius_m)
    elif isinstance(dec, d.IssueWarning):
        emit(ev.WarningIssued, by=dec.actor, color=dec.color)
    elif isinstance(dec, d.LiftWarning):
        emit(ev.WarningLifted, by=dec.actor, color=dec.color)
    elif isinstance(dec, d.ReleaseInformation):
        release = sim.index.loaded.definition.information_release.released_by
        authorised = dec.actor in release or any(sim.index.same_role(dec.actor, b) for b in release)
        emit(ev.InformationReleased, by=dec.actor, text=dec.text, authorised=authorised)
    elif isinstance(dec, d.SuspendRescue):
        emit(ev.RescueSuspended, by=dec.actor, reason=dec.reason)
    elif isinstance(dec, d.ResumeRescue):
        emit(ev.RescueResumed, by=dec.actor)
    elif isinstance(dec, d.Terminate):
        emit(ev.ResponseTerminated, level=s.level or 0, by=dec.actor)
        if s.level is None:  # the last active response has ended
            emit(ev.ExerciseEnded, reason="terminated")
    elif isinstance(dec, d.Note):
        emit(ev.NoteRecorded, by=dec.actor, text=dec.text)


def _report(sim: Simulation, dec: d.Report) -> None:
    eo = sim.index.obligations[dec.obligation]
    ob = eo.obligation
    instance = obligation_instance(sim.state, dec.obligation) or dec.obligation
    status = sim.state.obligations[instance]
    figures = dec.figures if dec.figures is not None else sim.knowledge(dec.actor)
    content = dec.content if dec.content is not None else ob.content
    follow_up = status.status in ("met", "late")
    sim.emit(ev.ReportSubmitted, obligation=instance, by=dec.actor, to=ob.to, channel=dec.channel or ob.channel,
             figures=dict(sorted(figures.items())), content=tuple(content), follow_up=follow_up)
    if sim.roles.remember_report(dec.actor, dec.obligation, ob.to, figures):
        sim.clocks.reporters.add(dec.actor)
    if status.status in ("pending", "missed", "optional"):
        late_by = 0 if status.status == "optional" else max(0, int(sim.env.now) - status.deadline_t)
        sim.emit(ev.ObligationMet, obligation=instance, late_by=late_by)
    if not follow_up:
        sim.clocks.on_report(dec.obligation)


def _hand_over(sim: Simulation, dec: d.HandOverCommand) -> None:
    current = sim.state.commander or ""
    match = next((h for h in sim.index.handovers if h.from_ == current and h.to == dec.to), None)
    match = match or next(h for h in sim.index.handovers if h.to == dec.to)
    missing = tuple(item for item in match.briefing if item not in dec.briefing)
    sim.emit(ev.CommandHandedOver, from_body=current, to_body=dec.to, briefing=tuple(dec.briefing),
             missing_briefing=missing, lower_joins=match.lower_joins)
