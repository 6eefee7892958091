"""Response levels: each time the facts justify a higher level, the body entitled to activate it must do
so soon after it learns figures that justify it; and the working groups each active level requires.

The clock of an activation starts when the activating body's knowledge (the reports its role received)
justifies the level, not when the truth does: a body cannot act on what it was never told. A delay caused
upstream (迟报, 瞒报) is scored on the report, and the activation finding says so at no cost. A body whose
news moves beyond its own authority (the city learns the level is now the region's) passes the duty on.
"""

from __future__ import annotations

from dataclasses import dataclass

from drillsim.engine import events as ev
from drillsim.scoring.context import Ctx
from drillsim.scoring.findings import Detail, Finding, at, evidence, fmt_ms, judged, late_extent
from drillsim.scoring.trace import KnownLevel


def level_findings(ctx: Ctx) -> list[Finding]:
    """One finding per escalation of the justified level (the first is mobilisation, later ones assessment)."""
    found: list[Finding] = []
    highest: int | None = None
    for e in ctx.trace.of(ev.LevelJustified):
        if e.level is None or (highest is not None and e.level >= highest):
            continue
        highest = e.level
        found.append(_crossing(ctx, e, "mobilisation" if len(found) == 0 else "assessment"))
    return found


@dataclass(frozen=True)
class _Episode:
    """A role holds the duty to activate: its knowledge justifies a level ≤ the crossing that it may activate.
    The duty ends when its knowledge moves beyond its authority (a higher level, another activator)."""

    role: str
    start: KnownLevel
    end: KnownLevel | None


def _episodes(ctx: Ctx, level: int) -> list[_Episode]:
    holding: dict[str, KnownLevel] = {}
    out: list[_Episode] = []
    for k in ctx.trace.known_levels:
        duty = k.level is not None and k.level <= level and \
            ctx.trace.role_key(ctx.index.levels[k.level].activated_by) == k.role
        if duty and k.role not in holding:
            holding[k.role] = k
        elif not duty and k.role in holding:
            out.append(_Episode(k.role, holding.pop(k.role), k))
    out.extend(_Episode(role, k, None) for role, k in holding.items())
    return sorted(out, key=lambda e: e.start.event.seq)


def _duty(ctx: Ctx, level: int, act: ev.ResponseActivated | None) -> tuple[KnownLevel | None, bool]:
    """The duty episode that decides the verdict: the first one whose holder sat on it past the allowance
    (True), else the first one (False). None when no entitled body was ever told enough."""
    allowance = ctx.params.allowances.activation
    episodes = _episodes(ctx, level)
    for ep in episodes:
        deadline = ep.start.t + allowance
        if act is not None and act.t <= deadline:
            continue
        if ep.end is not None and ep.end.t <= deadline and (act is None or act.t > ep.end.t):
            continue  # its knowledge moved beyond its authority in time: the duty passed on
        return ep.start, True
    return (episodes[0].start if episodes else None), False


def _crossing(ctx: Ctx, justified: ev.LevelJustified, area: str) -> Finding:
    level = justified.level or 0
    lv = ctx.index.levels[level]
    rule = ctx.rule(lv.cite, lv.modality)
    allowance = ctx.params.allowances.activation
    act = next((a for a in ctx.trace.of(ev.ResponseActivated) if a.level <= level), None)
    duty, breached = _duty(ctx, level, act)
    fid = f"level:{level}"
    weight = ctx.params.weights.activation
    grade = _grade_at(ctx, justified)
    facts = (f"{at(justified.t)}实际情况（{grade.name.zh if grade else '—'}）已达{lv.name.zh}条件。",
             f"At {at(justified.t)} the facts ({grade.name.en if grade else '—'}) justified {lv.name.en}.")
    if not ctx.played(lv.activated_by) and act is None:
        return judged(fid, area, rule, "not_played", Detail(
            facts[0] + f"启动主体{ctx.zh(lv.activated_by)}不在本次演练中，不计分。",
            facts[1] + f" {ctx.en(lv.activated_by)}, who activates it, is not played; not scored."),
            evidence(justified), owner=lv.activated_by)
    if act is not None and act.by != ctx.index.levels[act.level].activated_by:
        right = ctx.index.levels[act.level].activated_by
        return judged(fid, area, rule, "wrong_authority", Detail(
            facts[0] + f"{at(act.t)}由{ctx.zh(act.by)}启动，应由{ctx.zh(right)}启动。",
            facts[1] + f" {ctx.en(act.by)} activated it at {at(act.t)}; {ctx.en(right)} should have."),
            evidence(justified, act), weight=weight, owner=right, done_t=act.t)
    if duty is None:
        if act is not None:
            return _met(ctx, fid, area, rule, justified, None, act, facts)
        return judged(fid, area, rule, "not_informed", Detail(
            facts[0] + "有权启动的机构始终未获得足以启动的报告数字；原因见相关报告发现项，此处不计分。",
            facts[1] + " No body entitled to activate it was ever told figures that justify it; the cause is "
                       "scored on the reports, not here."),
            evidence(justified), owner=lv.activated_by)
    deadline = duty.t + allowance
    owner = ctx.index.levels[duty.level or level].activated_by
    if act is not None and not breached:
        return _met(ctx, fid, area, rule, justified, duty, act, facts)
    if act is not None:
        late = act.t - deadline
        return judged(fid, area, rule, "late", Detail(
            facts[0] + f"{ctx.zh(owner)}于{at(duty.t)}获知，{at(act.t)}才启动（超出{fmt_ms(allowance)}时限{fmt_ms(late)}）。",
            facts[1] + f" {ctx.en(owner)} knew at {at(duty.t)} but activated only at {at(act.t)}, "
                       f"{fmt_ms(late)} beyond the {fmt_ms(allowance)} allowed."),
            evidence(justified, duty.event, act), weight=weight, extent=late_extent(late, allowance),
            owner=owner, done_t=act.t, due_t=deadline)
    if deadline >= ctx.trace.end_t:
        return judged(fid, area, rule, "pending", Detail(
            facts[0] + "演练结束时启动时限尚未届满。", facts[1] + " The time allowed had not run out when the exercise ended."),
            evidence(justified, duty.event), owner=owner, due_t=deadline)
    return judged(fid, area, rule, "missed", Detail(
        facts[0] + f"{ctx.zh(owner)}于{at(duty.t)}获知，但始终未启动相应响应。",
        facts[1] + f" {ctx.en(owner)} knew at {at(duty.t)} but never activated it."),
        evidence(justified, duty.event), weight=weight, owner=owner, due_t=deadline)


def _grade_at(ctx: Ctx, justified: ev.LevelJustified):  # noqa: ANN202 - Grade | None
    """The accident grade in force when the level was justified."""
    changes = [g for g in ctx.trace.of(ev.GradeChanged) if g.seq <= justified.seq]
    if not changes:
        return None
    return next((g for g in ctx.index.loaded.definition.grades if g.id == changes[-1].grade), None)


def _met(ctx: Ctx, fid: str, area: str, rule, justified, duty, act, facts) -> Finding:  # noqa: ANN001
    since_facts = max(0, act.t - justified.t)
    lv = ctx.index.levels[act.level]
    zh = facts[0] + f"{ctx.zh(act.by)}于{at(act.t)}启动{lv.name.zh}（距实际情况{fmt_ms(since_facts)}"
    en = facts[1] + f" {ctx.en(act.by)} activated {lv.name.en} at {at(act.t)} ({fmt_ms(since_facts)} after the facts"
    if duty is not None and act.t >= duty.t:
        zh += f"，距获知{fmt_ms(act.t - duty.t)}"
        en += f", {fmt_ms(act.t - duty.t)} after it was told"
    return judged(fid, area, rule, "met", Detail(zh + "）。", en + ")."),
                  evidence(justified, duty.event if duty else None, act),
                  weight=ctx.params.weights.activation, owner=act.by, done_t=act.t)


def group_findings(ctx: Ctx) -> list[Finding]:
    """Every working group of the plan: required by an activated level → set up in time, with its plan lead."""
    first_required: dict[str, ev.ResponseActivated] = {}
    for act in ctx.trace.of(ev.ResponseActivated):
        if act.level in ctx.index.levels:
            for g in ctx.index.groups_for_level(act.level):
                first_required.setdefault(g, act)
    activated = {e.group: e for e in ctx.trace.of(ev.WorkingGroupActivated)}
    allowance = ctx.params.allowances.working_groups
    weight = ctx.params.weights.working_group
    found: list[Finding] = []
    for group in ctx.index.groups.values():
        fid, rule = f"group:{group.id}", ctx.rule(group.cite, group.modality)
        lead = group.lead[0]
        act, done = first_required.get(group.id), activated.get(group.id)
        if act is None:
            found.append(judged(fid, "mobilisation", rule, "not_triggered", Detail(
                f"{group.name.zh}：要求它的响应级别未启动，不计分。",
                f"{group.name.en}: no level requiring it was activated; not scored."),
                evidence(done), owner=lead, done_t=done.t if done else None))
            continue
        deadline = act.t + allowance
        name = (group.name.zh, group.name.en)
        if done is None:
            verdict = "pending" if deadline >= ctx.trace.end_t else "missed"
            found.append(judged(fid, "mobilisation", rule, verdict, Detail(
                f"{name[0]}：{at(act.t)}启动的响应要求设立，未设立。",
                f"{name[1]}: required by the response activated at {at(act.t)}, never set up."),
                evidence(act), weight=weight, severity="整改项", owner=lead, due_t=deadline))
        elif tuple(done.lead) != tuple(group.lead):
            found.append(judged(fid, "mobilisation", rule, "wrong_lead", Detail(
                f"{name[0]}牵头单位为{'、'.join(ctx.zh(b) for b in done.lead)}，预案规定{'、'.join(ctx.zh(b) for b in group.lead)}。",
                f"{name[1]} led by {', '.join(ctx.en(b) for b in done.lead)}; the plan names "
                f"{', '.join(ctx.en(b) for b in group.lead)}."),
                evidence(act, done), weight=weight, owner=lead, done_t=done.t, due_t=deadline))
        elif done.t > deadline:
            late = done.t - deadline
            found.append(judged(fid, "mobilisation", rule, "late", Detail(
                f"{name[0]}于{at(done.t)}设立，超出时限{fmt_ms(late)}。",
                f"{name[1]} set up at {at(done.t)}, {fmt_ms(late)} beyond the {fmt_ms(allowance)} allowed."),
                evidence(act, done), weight=weight, extent=late_extent(late, allowance), severity="改进项",
                owner=lead, done_t=done.t, due_t=deadline))
        else:
            found.append(judged(fid, "mobilisation", rule, "met", Detail(
                f"{name[0]}于{at(done.t)}设立（响应启动后{fmt_ms(max(0, done.t - act.t))}），牵头单位符合预案。",
                f"{name[1]} set up at {at(done.t)} ({fmt_ms(max(0, done.t - act.t))} after activation), "
                f"with the plan's lead."), evidence(act, done), weight=weight, owner=lead, done_t=done.t))
    return found
