"""Reporting obligations: met, late by how much, or missed; content complete; figures true to what the
reporter knew (谎报 / 瞒报). One finding per started obligation instance; rules that never started are
listed without cost. 迟报、漏报、谎报、瞒报 are prohibited alike (Ordos 四(一)5, Decree 493 Art. 4), so each is a
不足项; missing content is a 整改项."""

from __future__ import annotations

from dataclasses import dataclass

from drillsim.model.plan import Obligation
from drillsim.rules.obligations import EffectiveObligation
from drillsim.scoring.context import Ctx
from drillsim.scoring.findings import Detail, Finding, at, evidence, fmt_ms, judged, late_extent
from drillsim.scoring.parameters import DEFICIENCY, RECTIFICATION, SEVERITY_FACTOR, UNREPORTED_AT
from drillsim.scoring.trace import Instance

_STARTS = {
    "accident_occurred": ("事故发生", "the accident"),
    "report_received": ("上一环节报告送达", "receipt of the previous report"),
    "level_activated": ("相应级别响应启动", "activation of the response level"),
    "grade_reached": ("事故达到相应等级", "the accident reaching the grade"),
    "situation_changed": ("首报后伤亡情况变化", "a casualty change after the first report"),
    "response_terminated": ("应急响应结束", "the end of the response"),
}


@dataclass(frozen=True)
class _Part:
    verdict: str
    severity: str | None
    extent: float
    zh: str
    en: str


def obligation_findings(ctx: Ctx) -> list[Finding]:
    """Every effective obligation of the plan and its layers, judged instance by instance."""
    by_rule: dict[str, list[Instance]] = {}
    for inst in ctx.trace.instances.values():
        by_rule.setdefault(inst.started.rule, []).append(inst)
    found: list[Finding] = []
    for rule_id, eo in ctx.index.obligations.items():
        instances = by_rule.get(rule_id, [])
        if not instances:
            found.append(_not_started(ctx, eo))
        for inst in instances:
            found.append(_instance(ctx, eo, inst, len(instances)))
    return found


def _area(ob: Obligation) -> str:
    return "protection" if ob.kind == "notification" else "warning_reporting"


def _weight(ctx: Ctx, ob: Obligation) -> float:
    w = ctx.params.weights
    if ob.kind == "initial" and ctx.index.rank(ob.from_) == 0:
        return w.report_initial_enterprise
    return {"initial": w.report_initial, "follow_up": w.report_follow_up,
            "notification": w.report_notification, "final": w.report_final}[ob.kind]


def _not_started(ctx: Ctx, eo: EffectiveObligation) -> Finding:
    ob = eo.obligation
    rule = ctx.rule(ob.cite, ob.modality)
    if not ctx.played(ob.from_):
        verdict = "not_played"
        detail = Detail(f"{ctx.zh(ob.from_)}不在本次演练的角色中，该义务未启动。",
                        f"{ctx.en(ob.from_)} is played by no role, so the obligation never started.")
    else:
        zh, en = _STARTS.get(ob.starts_on.kind, (ob.starts_on.kind, ob.starts_on.kind))
        verdict = "optional" if ob.modality == "may" else "not_triggered"
        detail = Detail(f"时钟始于{zh}，本次演练中未发生，不计分。",
                        f"Its clock starts on {en}, which did not happen in this exercise; not scored.")
    return judged(f"obligation:{eo.id}", _area(ob), rule, verdict, detail, owner=ob.from_)


def _instance(ctx: Ctx, eo: EffectiveObligation, inst: Instance, count: int) -> Finding:
    ob = eo.obligation
    start = inst.started
    parts = [_timeliness(ctx, ob, inst)]
    first = inst.reports[0].event if inst.reports else None
    if first is not None and ob.content:
        missing = [c for c in ob.content if c not in first.content]
        if missing:
            parts.append(_Part("incomplete", RECTIFICATION, len(missing) / len(ob.content),
                               f"内容缺少: {'、'.join(missing)}。", f"Content lacks: {', '.join(missing)}."))
    false = [r for r in inst.reports if r.wrong]
    if false:
        parts.append(_accuracy(false))
    primary = max(parts, key=lambda p: SEVERITY_FACTOR.get(p.severity or "", 0.0) * min(1.0, p.extent))
    total = sum(SEVERITY_FACTOR.get(p.severity or "", 0.0) * min(1.0, p.extent) for p in parts)
    factor = SEVERITY_FACTOR.get(primary.severity or "", 1.0)
    rule = ctx.rule(ob.cite, ob.modality)
    if primary.verdict == "false_report" and _prohibited(ctx, eo) is not None:
        rule = ctx.rule(_prohibited(ctx, eo), "must")  # type: ignore[arg-type]
    if ob.modality == "may":
        parts = [_Part("optional", None, 0.0, "“可以”条款，不要求报告，不计分。" + ("已报告。" if first else ""),
                       "A 'may' clause: not required, not scored." + (" A report was made." if first else ""))]
        primary = parts[0]
    shown = [p for p in parts if p.severity] or parts[:1]
    detail = Detail(" ".join(p.zh for p in shown), " ".join(p.en for p in shown))
    shown_reports = [r.event for r in inst.reports if r.wrong or r.event is first]
    return judged(
        f"obligation:{start.obligation}", _area(ob), rule, primary.verdict, detail,
        evidence(start, *shown_reports, inst.met, inst.missed),
        weight=_weight(ctx, ob) / count, extent=min(1.0, total / factor) if factor else 0.0,
        severity=primary.severity, owner=ob.from_, done_t=inst.met.t if inst.met else None,
        due_t=start.deadline_t,
    )


def _timeliness(ctx: Ctx, ob: Obligation, inst: Instance) -> _Part:
    start = inst.started
    allowed = start.deadline_t - start.t
    if inst.met is not None and inst.met.late_by == 0:
        took = inst.met.t - start.t
        return _Part("met", None, 0.0, f"按时报告（用时{fmt_ms(took)}，时限{fmt_ms(allowed)}）。",
                     f"Reported in time ({fmt_ms(took)} of the {fmt_ms(allowed)} allowed).")
    if inst.met is not None:
        late = inst.met.late_by
        return _Part("late", DEFICIENCY, late_extent(late, allowed),
                     f"迟报{fmt_ms(late)}（时限{at(start.deadline_t)}，报告于{at(inst.met.t)}）。",
                     f"Reported {fmt_ms(late)} late (due {at(start.deadline_t)}, reported {at(inst.met.t)}).")
    stopped = ctx.trace.ended
    used = (stopped.t - start.t) / max(allowed, 1) if stopped is not None else 0.0
    if inst.missed is None and start.deadline_t >= ctx.trace.end_t and used >= UNREPORTED_AT:
        return _Part("unreported", DEFICIENCY, min(1.0, used),
                     f"演练于{at(stopped.t)}结束时仍未报告（时限{at(start.deadline_t)}，已用去{used:.0%}）。",
                     f"Never reported: the exercise ended at {at(stopped.t)} with {used:.0%} of the time allowed "
                     f"(due {at(start.deadline_t)}) used up.")
    if inst.missed is None and start.deadline_t >= ctx.trace.end_t:
        return _Part("pending", None, 0.0, f"演练结束时时限（{at(start.deadline_t)}）尚未届满，不计为漏报。",
                     f"Its deadline ({at(start.deadline_t)}) had not passed when the exercise ended; not missed.")
    return _Part("missed", DEFICIENCY, 1.0, f"时限{at(start.deadline_t)}前未报告（漏报）。",
                 f"No report by the deadline {at(start.deadline_t)} (omitted).")


def _accuracy(false: list) -> _Part:
    under = any(rep < known for r in false for rep, known in r.wrong.values())
    label = "瞒报" if under else "谎报"
    items = [(f, rep, known) for r in false for f, (rep, known) in r.wrong.items()]
    seen: dict[str, tuple[int, int]] = {}
    for f, rep, known in items:
        seen.setdefault(f, (rep, known))
    zh = "、".join(f"{f}报{rep}实{known}" for f, (rep, known) in seen.items())
    en = ", ".join(f"{f} {rep} reported vs {known} known" for f, (rep, known) in seen.items())
    return _Part("false_report", DEFICIENCY, 1.0,
                 f"{label}: {len(false)}份报告的数字与报告人当时掌握的情况不符（{zh}）。",
                 f"{label} ({'concealed' if under else 'false'} figures): {len(false)} report(s) differ from what "
                 f"the reporter knew at the time ({en}).")


def _prohibited(ctx: Ctx, eo: EffectiveObligation):  # noqa: ANN202 - Citation | None
    """The 迟报、漏报、谎报、瞒报 prohibition of the layer or plan the obligation belongs to."""
    loaded = ctx.index.loaded
    if eo.layer is not None:
        layer = next((la for la in loaded.layers if la.id == eo.layer), None)
        if layer is not None and layer.reporting.prohibited is not None:
            return layer.reporting.prohibited.cite
    prohibited = loaded.definition.reporting.prohibited
    return prohibited.cite if prohibited is not None else None
