"""A readable rendering of a plan for plan owners: every rule with its modality and its clause."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.glossary import FIGURE_NAMES, MODALITY_NAMES, term
from drillsim.i18n import Lang, pick
from drillsim.model.base import Citation, format_duration
from drillsim.model.plan import (
    CapacityExceededTrigger,
    CrossJurisdictionTrigger,
    ExternalLayer,
    GradeTrigger,
    HigherAuthorityTrigger,
    PeopleAtRiskTrigger,
    Plan,
    Rule,
    Trigger,
)
from drillsim.rules.obligations import effective_obligations

_LABELS: dict[str, tuple[str, str]] = {
    "sources": ("来源", "Sources"),
    "parameters": ("参数(原文未规定的取值)", "Parameters (values the text leaves open)"),
    "assumption": ("假设", "assumption"),
    "tiers": ("层级", "Jurisdiction tiers"),
    "grades": ("事故分级", "Accident grades"),
    "levels": ("应急响应", "Response levels"),
    "reporting": ("信息报告", "Reporting obligations"),
    "warnings": ("预警", "Warnings"),
    "initial": ("先期处置", "Initial response"),
    "command": ("现场指挥", "Field command"),
    "groups": ("工作组", "Working groups"),
    "suspension": ("暂停救援", "Rescue suspension"),
    "termination": ("应急结束", "Termination"),
    "release": ("信息发布", "Information release"),
    "inherits": ("继承", "Inherits"),
    "serious": ("重伤(含急性工业中毒)", "serious injuries (incl. acute poisoning)"),
    "loss": ("直接经济损失(元)", "direct loss (CNY)"),
    "or_more": ("以上", "or more"),
    "activated_by": ("启动", "activated by"),
    "commander": ("指挥", "commander"),
    "when": ("条件", "when"),
    "requires_groups": ("工作组", "working groups"),
    "within": ("时限", "within"),
    "content": ("内容", "content"),
    "skip": ("可越级", "may skip levels"),
    "external": ("外部规定", "external rule"),
    "briefing": ("交接内容", "briefing"),
    "lead": ("牵头", "lead"),
    "members": ("成员", "members"),
    "conditions": ("条件", "conditions"),
    "confirmed_by": ("确认", "confirmed by"),
    "by_activator": ("谁启动谁终止", "whoever activated terminates"),
    "decided_by": ("决定", "decided by"),
    "report_to": ("报告", "report to"),
    "released_by": ("发布", "released by"),
    "issued_by": ("发布", "issued by"),
    "from_grade": ("起始等级", "from grade"),
    "from_level": ("或响应级别达到", "or from response level"),
    "guidance": ("现场工作指导组", "guidance team"),
    "instead_of_takeover": ("不接管现场指挥", "does not take over field command"),
    "selection": ("选择设置工作组", "choosing the working groups"),
    "support": ("请求支援", "Support requests"),
    "at_level": ("响应级别", "at level"),
}


class PlanRenderer:
    """Renders one plan (with its inherited layers) as plain text in one language."""

    def __init__(self, plan: Plan, layers: tuple[ExternalLayer, ...], lang: Lang) -> None:
        self.plan = plan
        self.layers = layers
        self.lang = lang
        self._bodies = {b.id: b for b in plan.bodies}
        self._tiers = {t.id: t for t in plan.tiers}
        self._grades = {g.id: g for g in plan.grades}

    def label(self, key: str) -> str:
        zh, en = _LABELS[key]
        return zh if self.lang == "zh" else en

    def body(self, body_id: str) -> str:
        body = self._bodies.get(body_id)
        return pick(body.name, self.lang) if body else body_id

    def cite(self, cite: Citation) -> str:
        return f"[{cite.src} {cite.at}]"

    def cited(self, rule: Rule) -> str:
        """A rule's citation, followed by the assumption it rests on when it reads more than the clause says."""
        if rule.assumption is None:
            return self.cite(rule.cite)
        return f"{self.cite(rule.cite)} ({self.label('assumption')}: {pick(rule.assumption, self.lang)})"

    def modal(self, rule: Rule) -> str:
        return term(MODALITY_NAMES, rule.modality, self.lang)

    def trigger(self, trigger: Trigger) -> str:
        zh = self.lang == "zh"
        if isinstance(trigger, GradeTrigger):
            return pick(self._grades[trigger.grade].name, self.lang) if trigger.grade in self._grades else trigger.grade
        if isinstance(trigger, PeopleAtRiskTrigger):
            upper = f"-{trigger.max}" if trigger.max is not None else ("以上" if zh else "+")
            return f"涉险/被困/失联 {trigger.min}{upper} 人" if zh else f"{trigger.min}{upper} endangered/trapped/missing"
        if isinstance(trigger, CapacityExceededTrigger):
            tier = pick(self._tiers[trigger.tier].name, self.lang) if trigger.tier in self._tiers else trigger.tier
            return f"超出{tier}处置能力" if zh else f"exceeds {tier} capacity"
        if isinstance(trigger, CrossJurisdictionTrigger):
            return f"跨区域/领域({trigger.scope})" if zh else f"crosses {trigger.scope}"
        if isinstance(trigger, HigherAuthorityTrigger):
            return f"{self.body(trigger.body)}认为需要" if zh else f"{self.body(trigger.body)} decides"
        return repr(trigger)

    def lines(self) -> Iterator[str]:
        """The rendering, line by line."""
        p, lang = self.plan, self.lang
        title = pick(p.title, lang)
        yield title
        yield "=" * min(80, len(title) * (2 if lang == "zh" else 1))
        yield f"{p.id} · {p.document_number} · {p.issued} · {pick(p.region, lang)}"
        if p.inherits:
            yield f"{self.label('inherits')}: {', '.join(p.inherits)}"
        yield from self._section("sources")
        for s in p.sources:
            where = f" ({s.seed} {s.lines or ''})".rstrip() if s.seed else f" ({self.label('external')})"
            yield f"  {s.id}: {s.title}{' ' + s.document_number if s.document_number else ''}{where}"
        yield from self._parameters()
        yield from self._section("tiers")
        for t in sorted(p.tiers, key=lambda t: (t.track, t.rank)):
            yield f"  {t.rank} {pick(t.name, lang)} ({t.id}, {t.track})"
        yield from self._grades_table()
        yield from self._levels()
        yield from self._reporting()
        yield from self._warnings()
        yield from self._section("initial")
        for a in p.initial_response:
            yield f"  - [{self.modal(a)}] {self.body(a.by)}: {pick(a.text, lang)} {self.cite(a.cite)}"
        yield from self._command()
        yield from self._groups()
        yield from self._closing()

    def _section(self, key: str) -> Iterator[str]:
        yield ""
        yield f"## {self.label(key)}"

    def _parameters(self) -> Iterator[str]:
        own = {q.id for q in self.plan.parameters}
        params = list(self.plan.parameters) + [q for layer in self.layers for q in layer.parameters if q.id not in own]
        if not params:
            return
        yield from self._section("parameters")
        for q in params:
            value = format_duration(q.duration) if q.duration is not None else f"{q.number} {q.unit or ''}".strip()
            flag = f" ({self.label('assumption')})" if q.assumption else ""
            yield f"  {q.id} = {value}{flag}: {pick(q.name, self.lang)} — {pick(q.why, self.lang)}"

    def _grades_table(self) -> Iterator[str]:
        yield from self._section("grades")
        more = self.label("or_more")
        for g in sorted(self.plan.grades, key=lambda g: g.rank):
            b = g.at_least
            parts = []
            if b.deaths:
                parts.append(f"{term(FIGURE_NAMES, 'deaths', self.lang)} ≥ {b.deaths}")
            if b.serious_injuries:
                parts.append(f"{self.label('serious')} ≥ {b.serious_injuries}")
            if b.direct_loss_cny:
                parts.append(f"{self.label('loss')} ≥ {b.direct_loss_cny:,}")
            criteria = (" / ".join(parts) + f" ({more})") if parts else "—"
            yield f"  {pick(g.name, self.lang)} ({g.id}): {criteria} {self.cite(g.cite)}"
        c = self.plan.counting
        yield f"  {c.cite.zh} {self.cite(c.cite)}"

    def _levels(self) -> Iterator[str]:
        yield from self._section("levels")
        for lv in sorted(self.plan.response_levels, key=lambda lv: lv.level):
            yield f"  {pick(lv.name, self.lang)} (level {lv.level}) {self.cite(lv.cite)}"
            yield f"    {self.label('when')}: {' | '.join(self.trigger(t) for t in lv.triggers)}"
            yield f"    {self.label('activated_by')}: {self.body(lv.activated_by)}; {self.label('commander')}: {self.body(lv.commander)}"
            if lv.working_groups:
                yield f"    {self.label('requires_groups')}: {', '.join(lv.working_groups)}"
            for a in lv.actions:
                yield f"    - [{self.modal(a)}] {self.body(a.by)}: {pick(a.text, self.lang)} {self.cite(a.cite)}"

    def _reporting(self) -> Iterator[str]:
        yield from self._section("reporting")
        for eo in effective_obligations(self.plan, self.layers):
            o = eo.obligation
            origin = f" ({self.label('external')}: {eo.layer})" if eo.layer else ""
            to = ", ".join(self.body(b) for b in o.to)
            yield f"  {o.id}: {pick(o.name, self.lang)}{origin}"
            deadline = format_duration(eo.deadline_ms) + (f" ({eo.deadline_param})" if eo.deadline_param else "")
            yield f"    [{self.modal(o)}] {self.body(o.from_)} → {to}; {o.channel}; {self.label('within')} {deadline} {self.cited(o)}"
            extras = []
            if o.content:
                extras.append(f"{self.label('content')}: {', '.join(o.content)}")
            if o.may_skip_levels:
                extras.append(self.label("skip"))
            if o.min_grade:
                extras.append(f"{self.label('from_grade')}: {o.min_grade}")
            if o.min_level:
                extras.append(f"{self.label('from_level')}: {o.min_level}")
            if extras:
                yield f"    {'; '.join(extras)}"
        if self.plan.reporting.prohibited:
            pr = self.plan.reporting.prohibited
            yield f"  ✗ {pr.cite.zh} {self.cite(pr.cite)}"

    def _warnings(self) -> Iterator[str]:
        yield from self._section("warnings")
        w = self.plan.warnings
        for lvl in sorted(w.levels, key=lambda x: x.level):
            yield f"  {pick(lvl.name, self.lang)}: {lvl.expected_grade}; {self.label('issued_by')} {self.body(lvl.issued_by)} {self.cite(lvl.cite)}"
        if w.lifted_by_issuer:
            yield f"  {w.lifted_by_issuer.cite.zh} {self.cite(w.lifted_by_issuer.cite)}"
        if w.enterprise_warning:
            e = w.enterprise_warning
            yield f"  - [{self.modal(e)}] {self.body(e.by)}: {pick(e.text, self.lang)} {self.cite(e.cite)}"

    def _command(self) -> Iterator[str]:
        yield from self._section("command")
        fc = self.plan.field_command
        for e in fc.establishment:
            yield f"  - [{self.modal(e)}] {self.body(e.by)}: {pick(e.text, self.lang)} {self.cite(e.cite)}"
        for h in fc.handovers:
            level = f" (level {h.level})" if h.level else ""
            yield f"  ⇒ {self.body(h.from_)} → {self.body(h.to)}{level}: {self.label('briefing')} {', '.join(h.briefing)} {self.cited(h)}"
        for g in fc.guidance_teams:
            keeps = f"; {self.label('instead_of_takeover')}" if g.instead_of_takeover else ""
            yield (f"  ☞ [{self.modal(g)}] {self.body(g.sent_by)}: {self.label('guidance')} {pick(g.name, self.lang)} "
                   f"({g.id}){keeps} {self.cited(g)}")
        for r in fc.siting:
            yield f"  ⌖ {r.cite.zh} {self.cite(r.cite)}"
        if fc.no_blind_rescue:
            yield f"  ✗ {fc.no_blind_rescue.cite.zh} {self.cite(fc.no_blind_rescue.cite)}"

    def _groups(self) -> Iterator[str]:
        if not self.plan.working_groups:
            return
        yield from self._section("groups")
        for g in self.plan.working_groups:
            levels = f" (level {', '.join(map(str, g.levels))})" if g.levels else ""
            yield f"  {pick(g.name, self.lang)} ({g.id}){levels} {self.cite(g.cite)}"
            yield f"    {self.label('lead')}: {', '.join(self.body(b) for b in g.lead)}"
            if g.members:
                yield f"    {self.label('members')}: {', '.join(self.body(b) for b in g.members)}"
            yield f"    {pick(g.duties, self.lang)}"
        sel = self.plan.working_group_selection
        if sel is not None:
            yield f"  [{self.modal(sel)}] {self.label('selection')}: {pick(sel.text, self.lang)} {self.cited(sel)}"

    def _closing(self) -> Iterator[str]:
        p = self.plan
        if p.support_requests:
            yield from self._section("support")
            for r in p.support_requests:
                froms, tos = (", ".join(self.body(b) for b in bodies) for bodies in (r.from_, r.to))
                yield f"  [{self.modal(r)}] {froms} → {tos} ({r.id}) {self.cited(r)}"
        yield from self._section("suspension")
        s = p.suspension
        yield f"  [{self.modal(s)}] {pick(s.condition, self.lang)}; {self.label('decided_by')} {self.body(s.decided_by)} {self.cite(s.cite)}"
        if s.report_to:
            yield f"    {self.label('report_to')}: {', '.join(self.body(b) for b in s.report_to)}"
        yield from self._section("termination")
        t = p.termination
        yield f"  {self.label('conditions')}: {', '.join(t.conditions)}; {self.label('confirmed_by')} {self.body(t.confirmed_by)} {self.cite(t.cite)}"
        if t.by_activating_body:
            yield f"  {self.label('by_activator')}"
        yield from self._section("release")
        r = p.information_release
        yield f"  {self.label('released_by')}: {', '.join(self.body(b) for b in r.released_by)} {self.cite(r.cite)}"
        for by in r.by_level:
            levels = ", ".join(map(str, by.levels))
            yield (f"    {self.label('at_level')} {levels}: {', '.join(self.body(b) for b in by.released_by)} "
                   f"{self.cited(by)}")


def render_plan(plan: Plan, layers: tuple[ExternalLayer, ...], lang: Lang) -> str:
    """The whole plan as readable text."""
    return "\n".join(PlanRenderer(plan, layers, lang).lines()) + "\n"
