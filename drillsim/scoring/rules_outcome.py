"""Outcomes weigh (AQ/T 9009 evaluates effects as well as procedure): harm the exercise's accident reached
beyond the reference run of the same seed — more deaths, injuries, people left trapped or exposed, a larger
fire or plume, a higher grade, a boundary crossed — is avoidable harm. Both runs face the same accident and the
same random draws, so the difference is what the decisions made of it. The plans' rule is the enterprise's
"防止事故危害扩大和次生、衍生灾害" (000:L384, Ordos 四(二)1)."""

from __future__ import annotations

import dataclasses

from drillsim.engine import events as ev
from drillsim.glossary import CROSSING_NAMES, FIGURE_NAMES, GRADE_NAMES, VERDICT_NAMES, term
from drillsim.model.figures import CASUALTY_FIGURES
from drillsim.scoring.context import Ctx
from drillsim.scoring.findings import Detail, Finding, RuleRef, at, evidence, judged
from drillsim.scoring.outcome import Outcome, outcome_of
from drillsim.scoring.parameters import HARM, HARM_BOUNDARY, HARM_GRADE, OUTCOME, HarmMeasure

_ESCALATION_WORDS = ("扩大", "次生")
_SHOWN_EVENTS = 6


def harm_findings(ctx: Ctx) -> list[Finding]:
    """One `harm:<what>` finding per kind of avoidable harm, or one `harm` finding saying there was none."""
    action = ctx.initial_action(_ESCALATION_WORDS)
    rule = ctx.rule(action.cite, "must")
    ref = ctx.reference
    if ref is None:
        return [judged("harm", OUTCOME, rule, "no_reference", Detail(
            "没有参照演练，无法比较后果。", "No reference run to compare the outcome with."), owner=action.by)]
    run = outcome_of(ctx.trace)
    found = [f for figure, m in HARM.items() if m is not None
             if (f := _figure(ctx, rule, action.by, figure, m, run, ref)) is not None]
    grade = _grade(ctx, rule, action.by, run, ref)
    if grade is not None:
        found.append(grade)
    found.extend(_crossings(ctx, rule, action.by, run, ref))
    if found:
        return found
    shown = _summary(run, ref)
    return [judged("harm", OUTCOME, rule, "met", Detail(
        f"后果不重于参照演练（同一随机种子按预案处置）：{shown[0]}。",
        f"No more harm than the reference run (same seed, played to the plan): {shown[1]}."),
        evidence(ctx.trace.ended), owner=action.by)]


def _value(o: Outcome, figure: str, m: HarmMeasure) -> int:
    return (o.peak if m.measure == "peak" else o.final).get(figure, 0)


def _figure(ctx: Ctx, rule: RuleRef, owner: str, figure: str, m: HarmMeasure, run: Outcome,
            ref: Outcome) -> Finding | None:
    mine, theirs = _value(run, figure, m), _value(ref, figure, m)
    units = (mine - theirs) / m.unit - m.tolerance
    if mine <= theirs or units <= 0:
        return None
    points = min(m.max_points, m.points_per_unit * units)
    rises = [(e, v) for e, v in run.rises.get(figure, ()) if v > theirs]
    changes = [e for e, _ in rises if isinstance(e, ev.FiguresChanged)]
    causes = sorted({e.cause for e in changes})
    causes_zh = list(dict.fromkeys(_short(e.note_zh) if e.note_zh else "事态发展" for e in changes))
    zh_name, en_name = term(FIGURE_NAMES, figure, "zh"), term(FIGURE_NAMES, figure, "en")
    which = ("峰值", "peak ") if m.measure == "peak" else ("最终", "final ")
    cause = (f"；增长来自：{'；'.join(causes_zh)}" if causes_zh else "",
             f"; it grew through {', '.join(causes)}" if causes else "")
    shown = [e for e, _ in rises][-_SHOWN_EVENTS:]
    if m.measure == "final":
        shown.append(ctx.trace.ended)
    return judged(f"harm:{figure}", OUTCOME, rule, "avoidable_harm", Detail(
        f"{zh_name}{which[0]}{mine}，参照演练为{theirs}（多{mine - theirs}）{cause[0]}。",
        f"{which[1]}{en_name} {mine} against {theirs} in the reference run ({mine - theirs} more){cause[1]}."),
        evidence(*shown), weight=points, severity=m.severity, owner=owner, cap=m.cap,
        done_t=rises[-1][0].t if rises else None)


def _grade(ctx: Ctx, rule: RuleRef, owner: str, run: Outcome, ref: Outcome) -> Finding | None:
    if run.grade_rank is None or (ref.grade_rank is not None and run.grade_rank >= ref.grade_rank):
        return None
    steps = (ref.grade_rank or 5) - run.grade_rank
    changed = next((g for g in ctx.trace.of(ev.GradeChanged) if g.grade == run.grade), None)
    mine, theirs = term(GRADE_NAMES, run.grade, "zh"), term(GRADE_NAMES, ref.grade, "zh") if ref.grade else "—"
    mine_en, theirs_en = term(GRADE_NAMES, run.grade, "en"), term(GRADE_NAMES, ref.grade, "en") if ref.grade else "—"
    when = (f"（{at(changed.t)}）", f" (at {at(changed.t)})") if changed else ("", "")
    return judged("harm:grade", OUTCOME, rule, "avoidable_harm", Detail(
        f"事故升级为{mine}{when[0]}，参照演练为{theirs}。",
        f"The accident became {mine_en}{when[1]}; in the reference run it stayed {theirs_en}."),
        evidence(changed), weight=min(HARM_GRADE.max_points, HARM_GRADE.points_per_unit * steps),
        severity=HARM_GRADE.severity, owner=owner, cap=HARM_GRADE.cap, done_t=changed.t if changed else None)


def _crossings(ctx: Ctx, rule: RuleRef, owner: str, run: Outcome, ref: Outcome) -> list[Finding]:
    found = []
    for scope in run.crossings:
        if scope in ref.crossings:
            continue
        flag = next((e for e in ctx.trace.of(ev.SituationFlagged) if scope in e.cross_jurisdiction), None)
        when = (f"{at(flag.t)}", f"at {at(flag.t)}") if flag else ("", "")
        found.append(judged(f"harm:boundary:{scope}", OUTCOME, rule, "avoidable_harm", Detail(
            f"事故{when[0]}越过管辖边界（{term(CROSSING_NAMES, scope, 'zh')}），参照演练未越界。",
            f"The accident crossed a jurisdiction boundary ({term(CROSSING_NAMES, scope, 'en')}) {when[1]}; in the "
            f"reference run it did not."),
            evidence(flag), weight=HARM_BOUNDARY.points_per_unit, severity=HARM_BOUNDARY.severity, owner=owner,
            cap=HARM_BOUNDARY.cap, done_t=flag.t if flag else None))
    return found


def _summary(run: Outcome, ref: Outcome) -> tuple[str, str]:
    zh, en = [], []
    for figure in (f for f in CASUALTY_FIGURES if f != "endangered"):
        mine, theirs = run.final.get(figure, 0), ref.final.get(figure, 0)
        if mine or theirs:
            zh.append(f"{term(FIGURE_NAMES, figure, 'zh')} {mine}/{theirs}")
            en.append(f"{term(FIGURE_NAMES, figure, 'en')} {mine}/{theirs}")
    if run.grade:
        zh.append(f"等级 {term(GRADE_NAMES, run.grade, 'zh')}")
        en.append(f"grade {term(GRADE_NAMES, run.grade, 'en')}")
    return "、".join(zh) or "无伤亡", ", ".join(en) or "no casualties"


def _moment(f: Finding) -> int | None:
    """When a fault was committed: its deadline passing, else when it was (wrongly) done."""
    times = [t for t in (f.due_t, f.done_t) if t is not None]
    return min(times) if times else None


def _short(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def with_precursors(ctx: Ctx, found: list[Finding]) -> list[Finding]:
    """Each avoidable-harm finding names the departures from the plan that came before the harm began (the
    likely causes: a late report, a protective action not taken) and takes the first one's body as the owner
    of its corrective action."""
    faults = sorted(((m, f) for f in found if f.area != OUTCOME and f.loss > 0 and (m := _moment(f)) is not None),
                    key=lambda mf: mf[0])
    out = []
    for f in found:
        began = f.evidence[0][1] if f.verdict == "avoidable_harm" and f.evidence else None
        before = [g for m, g in faults if began is not None and m <= began]
        if not before:
            out.append(f)
            continue
        more = len(before) > _SHOWN_EVENTS
        ids = ", ".join(g.id for g in before[:_SHOWN_EVENTS]) + (" …" if more else "")
        zh = "；".join(f"{ctx.zh(g.owner)}{term(VERDICT_NAMES, g.verdict, 'zh')}" for g in before[:_SHOWN_EVENTS])
        out.append(dataclasses.replace(f, owner=before[0].owner, detail=Detail(
            f.detail.zh + f" 此前偏离预案：{zh}{'等' if more else ''}。",
            f.detail.en + f" Departures from the plan before it: {ids}.")))
    return out
