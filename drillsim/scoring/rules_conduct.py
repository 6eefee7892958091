"""Doing nothing is not satisfactory: a role played at the table that took no decision while the exercise
asked something of it (a report fell due, an inject reached it, the facts called for the level it activates,
its enterprise had the accident) is a finding with what it left undone as evidence. If nobody at the table
took any decision in a finished exercise, every role at the table gets the finding, asked or not, and the
exercise is 不合格 at best (parameters.CAPS["inaction"], ASSUMPTION: a tabletop
exercise evaluates the participants' decisions, AQ/T 9009; with none, nothing was demonstrated)."""

from __future__ import annotations

from drillsim.engine import events as ev
from drillsim.scoring.context import Ctx
from drillsim.scoring.findings import Detail, Finding, RuleRef, evidence, judged
from drillsim.scoring.parameters import CAPS, DEFICIENCY, OUTCOME

_SHOWN = 8


def inaction_findings(ctx: Ctx) -> list[Finding]:
    """One `inaction:<role>` finding per role at the table that took no accepted decision although asked."""
    humans = [r for r, who in ctx.trace.started.roles.items() if who == "human"]
    if not humans:
        return []
    acted = {ctx.trace.role_key(e.actor) for e in ctx.trace.of(ev.DecisionAccepted) if e.source != "computer"}
    cap = CAPS["inaction"] if not acted else CAPS["deficiency"]
    found = []
    for role in humans:
        if role in acted:
            continue
        asked = _asked(ctx, role)
        nobody = not acted and ctx.trace.ended is not None
        if not nobody and (not asked or (ctx.trace.ended is None and not _overdue(ctx, role))):
            continue
        undone = _undone(ctx, role)
        zh_list = "；".join(undone[0][:_SHOWN]) or "—"
        en_list = "; ".join(undone[1][:_SHOWN]) or "—"
        known = ctx.index.roles.get(role)
        zh_role, en_role = (known.name.zh, known.name.en) if known is not None else (role, role)
        head = (f"角色「{zh_role}」在演练中未作出任何决策，而演练对其提出了{len(asked)}项要求。未完成：{zh_list}。",
                f"Role “{en_role}” took no decision although the exercise asked {len(asked)} things of it. "
                f"Left undone: {en_list}.") if asked else (
                f"桌面上的各角色均未作出任何决策；角色「{zh_role}」未被要求行动，演练未检验其任何能力。",
                f"Nobody at the table took any decision; role “{en_role}” was asked nothing, so the exercise "
                f"demonstrated nothing of it.")
        found.append(judged(f"inaction:{role}", OUTCOME, _rule(ctx, role, asked), "inactive", Detail(*head),
                            evidence(*asked[:_SHOWN], ctx.trace.ended if nobody else None), severity=DEFICIENCY,
                            owner=ctx.index.roles[role].bodies[0] if role in ctx.index.roles else None, cap=cap))
    return found


def _bodies(ctx: Ctx, role: str) -> set[str]:
    r = ctx.index.roles.get(role)
    return set(r.bodies) if r is not None else set()


def _asked(ctx: Ctx, role: str) -> list[ev.DomainEvent]:
    """The events by which the exercise asked something of the role, in stream order."""
    bodies = _bodies(ctx, role)
    asked: list[ev.DomainEvent] = []
    if any(ctx.index.rank(b) == 0 for b in bodies):
        asked.extend(ctx.trace.of(ev.AccidentOccurred))
    asked.extend(e for e in ctx.trace.of(ev.ObligationStarted) if e.from_body in bodies and not e.optional)
    asked.extend(e for e in ctx.trace.of(ev.InjectDelivered) if e.to_role == role)
    asked.extend(e for e in ctx.trace.of(ev.LevelJustified) if e.activated_by in bodies)
    return sorted(asked, key=lambda e: e.seq)


def _overdue(ctx: Ctx, role: str) -> bool:
    bodies = _bodies(ctx, role)
    return any(e.from_body in bodies for e in ctx.trace.of(ev.ObligationStarted)
               if ctx.trace.instances[e.obligation].missed is not None)


def _undone(ctx: Ctx, role: str) -> tuple[list[str], list[str]]:
    """The role's reports not made in time and the injects it left unanswered, as short labels."""
    bodies = _bodies(ctx, role)
    zh, en = [], []
    for inst in ctx.trace.instances.values():
        s = inst.started
        if s.from_body in bodies and not s.optional and (inst.met is None or inst.met.late_by > 0):
            eo = ctx.index.obligations.get(s.rule)
            zh.append(f"报告“{eo.obligation.name.zh if eo else '—'}”")
            en.append(f"report {s.obligation}")
    for e in ctx.trace.of(ev.InjectDelivered):
        if e.to_role == role:
            zh.append(f"注入“{e.text_zh[:20]}{'…' if len(e.text_zh) > 20 else ''}”")
            en.append(f"inject {e.inject}")
    return zh, en


def _rule(ctx: Ctx, role: str, asked: list[ev.DomainEvent]) -> RuleRef:
    """The clause of the first thing asked: its reporting rule, its inject's clause, the level it activates,
    else the enterprise's initial response."""
    for e in asked:
        if isinstance(e, ev.ObligationStarted):
            eo = ctx.index.obligations.get(e.rule)
            if eo is not None:
                return ctx.rule(eo.obligation.cite, eo.obligation.modality)
        if isinstance(e, ev.InjectDelivered):
            inj = next((i for i in ctx.index.scenario.msel if i.id == e.inject), None)
            if inj is not None and inj.cite is not None:
                return ctx.rule(inj.cite, "must")
        if isinstance(e, ev.LevelJustified) and e.level in ctx.index.levels:
            lv = ctx.index.levels[e.level]
            return ctx.rule(lv.cite, lv.modality)
    action = ctx.initial_action(("立即",))
    return ctx.rule(action.cite, action.modality)
