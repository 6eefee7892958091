"""`drillsim lint`: does a valid scenario play as its author means it to?

Loading (drillsim/loading/checks/scenario.py) already proves that the file is well formed and that its
ids resolve. The linter looks at the scenario *with its plan* and asks what validity cannot:

- every objective is served by injects with expected actions (an objective is scored through them);
- every plan obligation the scenario sets off can be observed: its reporter and recipients are played,
  and each `report_received` chain continues to the end;
- no inject waits for something that cannot happen: a conditional inject's condition refers to figures
  the dynamics can reach, levels the plan has and that can be activated, decisions someone can make,
  obligations that start and injects that are delivered (a static over-approximation of the dynamics);
- references the loader does not check resolve (scenario actions, decision targets, warning colours);
- warnings: a rescue effect's resource that nobody can dispatch, an official who is no handover target
  or never travels, an expected action the plan's authorities would reject (e.g. `activate_response` by
  a body that does not activate that level), an unauthorised information release, a quote that is not
  in its seed.

Every finding has a code, a severity and the data path of the offending node, so the CLI can print
`file:line:col` through `YamlDocument.issue`.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from drillsim.loading.checks.citations import citations
from drillsim.loading.errors import Issue
from drillsim.loading.plain_data import DataPath
from drillsim.loading.plans import LoadedPlan
from drillsim.loading.scenarios import LoadedScenario, load_scenario
from drillsim.loading.suggestions import suggest
from drillsim.loading.yaml_source import YamlDocument, read_yaml
from drillsim.model.figures import CASUALTY_FIGURES, GRADE_CRITERIA, PEOPLE_AT_RISK, STATE_ORDER
from drillsim.model.plan import (
    AccidentOccurred,
    CapacityExceededTrigger,
    CrossJurisdictionTrigger,
    GradeReached,
    GradeTrigger,
    LevelActivated,
    Obligation,
    PeopleAtRiskTrigger,
    ReportReceived,
    ResponseLevel,
    ResponseTerminatedStart,
    SituationChanged,
)
from drillsim.model.scenario import (
    AfterCondition,
    AllOf,
    AnyOf,
    Condition,
    DecisionCondition,
    ExpectedAction,
    FigureChanges,
    FigureCondition,
    Inject,
    InjectCondition,
    LevelCondition,
    NotCondition,
    ObligationCondition,
    Scenario,
)
from drillsim.rules.obligations import effective_obligations

__all__ = ["CODES", "Finding", "LintResult", "lint_scenario", "lint_path", "seeds_dir"]

Severity = Literal["error", "warning"]

CODES: dict[str, str] = {
    "objective-unused": "an objective no inject serves",
    "objective-unscored": "an objective whose injects expect no action, so nothing scores it",
    "inject-no-objective": "an inject whose expected actions serve no objective",
    "inject-no-expected": "an inject that names objectives but expects no action",
    "inject-unreachable": "an inject that can never be delivered",
    "condition-unreachable": "a part of a condition that can never hold",
    "obligation-unobserved": "an obligation the scenario sets off whose reporter no role plays",
    "recipient-unplayed": "a recipient of an obligation the scenario sets off that no role plays",
    "expected-unplayed": "an expected action by a body no role plays",
    "expected-no-target": "an expected action without the target a computer role needs to carry it out",
    "expected-unauthorised": "an expected action the plan's authorities would reject",
    "expected-never-starts": "an expected report on an obligation this scenario never starts",
    "expected-duplicate": "an expected action that an earlier one of the same inject already satisfies",
    "release-unauthorised": "an expected information release by a body the plan does not authorise",
    "level-unactivatable": "a response level the scenario can justify whose activating body no role plays",
    "groups-unactivated": "a level requiring working groups whose commander no role plays",
    "termination-unreachable": "the plan's termination conditions can never all hold",
    "action-duplicate": "two scenario actions with one id",
    "action-undefined-body": "a scenario action taken by a body the plan does not define",
    "action-unplayed": "a scenario action no role can take",
    "undefined-reference": "a target (action, obligation, group, resource, level, colour) that does not exist",
    "rescue-resource-uncontrolled": "a resource a rescue effect needs that nobody can dispatch",
    "resource-uncontrolled": "a resource nobody can dispatch",
    "official-not-handover-target": "an official to whom no plan handover passes command",
    "official-never-travels": "an official whose tier leads no level the scenario can reach",
    "official-unplayed": "an official whose body no role plays, so nobody commands after the handover",
    "quote-not-in-seed": "a citation whose Chinese quote is not verbatim in its seed",
}
"""Finding codes and what they mean (also shown by `drillsim lint --codes`)."""

_TARGET_NEEDED = {
    "report": "an obligation id",
    "take_action": "a scenario action id",
    "activate_response": "a level number such as \"3\"",
    "adjust_response": "a level number such as \"3\"",
    "hand_over_command": "the body that takes command",
    "activate_working_group": "a working-group id",
    "dispatch_resource": "a resource id",
    "issue_warning": "a warning colour",
    "lift_warning": "a warning colour",
}


@dataclass(frozen=True)
class Finding:
    """One lint finding: a code (see CODES), how serious, where (data path), what, and a hint."""

    code: str
    severity: Severity
    path: DataPath
    message: str
    hint: str | None = None

    def issue(self, doc: YamlDocument) -> Issue:
        return doc.issue(self.path, f"{self.severity}[{self.code}]: {self.message}", self.hint)


@dataclass(frozen=True)
class LintResult:
    """The findings of one scenario file, each also as a positioned Issue."""

    path: Path
    findings: tuple[Finding, ...]
    issues: tuple[Issue, ...]

    @property
    def clean(self) -> bool:
        return not self.findings


def seeds_dir() -> Path | None:
    """Where the source texts live: $DRILLSIM_SEEDS, else `shared/seeds` beside the repository; None if absent."""
    override = os.environ.get("DRILLSIM_SEEDS")
    if override:
        return Path(override) if Path(override).is_dir() else None
    from drillsim.catalog import data_root

    candidate = data_root().resolve().parent.parent / "shared" / "seeds"
    return candidate if candidate.is_dir() else None


def lint_path(path: Path, plans_dir: Path | None = None, seeds: Path | None = None) -> LintResult:
    """Load (raises DataFileError when the file is invalid) and lint one scenario file."""
    loaded = load_scenario(Path(path), plans_dir)
    doc = read_yaml(Path(path))
    findings = tuple(lint_scenario(loaded, seeds if seeds is not None else seeds_dir()))
    issues = tuple(f.issue(doc) for f in findings)
    order = sorted(range(len(findings)), key=lambda i: (issues[i].line, issues[i].col, findings[i].code))
    return LintResult(Path(path), tuple(findings[i] for i in order), tuple(issues[i] for i in order))


def lint_scenario(loaded: LoadedScenario, seeds: Path | None = None) -> list[Finding]:
    """Every lint finding of a loaded (valid) scenario."""
    return _Linter(loaded.scenario, loaded.plan, seeds).run()


# --- static reachability ----------------------------------------------------------------------------


@dataclass
class _Reach:
    """What the dynamics can possibly produce: bounds of every figure, flags, grades, levels."""

    lo: dict[str, float] = field(default_factory=dict)
    hi: dict[str, float] = field(default_factory=dict)
    cross: set[str] = field(default_factory=set)
    capacity: set[str] = field(default_factory=set)
    best_grade_rank: int = 4
    justified: set[int] = field(default_factory=set)
    casualties_change: bool = False

    def par(self) -> tuple[float, float]:
        return sum(self.lo[f] for f in PEOPLE_AT_RISK), sum(self.hi[f] for f in PEOPLE_AT_RISK)


def _changes(sc: Scenario) -> Iterator[FigureChanges]:
    for ch in sc.dynamics.changes:
        yield ch.change
    for s in sc.dynamics.secondary:
        yield s.change
    for inj in sc.msel:
        if inj.change is not None:
            yield inj.change
    for action in sc.actions:
        if action.change is not None:
            yield action.change


def _reach(sc: Scenario, plan: LoadedPlan) -> _Reach:
    r = _Reach()
    init = sc.initial
    changes = list(_changes(sc))
    for fig in STATE_ORDER:
        v0 = float(getattr(init, fig, 0))
        sets = [float(c.set[fig]) for c in changes if fig in c.set]
        adds = [float(c.add[fig]) for c in changes if fig in c.add]
        hi = max([v0, *sets])
        lo = min([v0, *sets])
        decreases = any(a < 0 for a in adds)
        for g in sc.dynamics.growth:
            if g.figure != fig:
                continue
            if g.amount > 0:
                hi = math.inf if g.cap is None else max(hi, float(g.cap))
            elif g.amount < 0:
                decreases = True
        hi += sum(a for a in adds if a > 0)
        if any(e.from_figure == fig for e in sc.dynamics.rescue):
            decreases = True
        r.lo[fig] = 0.0 if decreases else lo
        r.hi[fig] = hi
    for e in sc.dynamics.rescue:  # people moved by rescue can add up to everyone who could be moved
        r.hi[e.to_figure] = r.hi[e.to_figure] + r.hi[e.from_figure]
    r.cross = set(init.cross_jurisdiction) | {x for c in changes for x in c.cross_jurisdiction}
    r.capacity = set(init.capacity_exceeded) | {x for c in changes for x in c.capacity_exceeded}
    r.casualties_change = any(
        f in c.set or f in c.add for c in changes for f in CASUALTY_FIGURES
    ) or any(g.figure in CASUALTY_FIGURES for g in sc.dynamics.growth) or any(
        e.from_figure in CASUALTY_FIGURES or e.to_figure in CASUALTY_FIGURES for e in sc.dynamics.rescue
    )
    for grade in sorted(plan.plan.grades, key=lambda g: g.rank):
        bounds = grade.at_least
        if any(getattr(bounds, c) is not None and r.hi[c] >= getattr(bounds, c) for c in GRADE_CRITERIA):
            r.best_grade_rank = grade.rank
            break
    lo_par, hi_par = r.par()
    grade_rank = {g.id: g.rank for g in plan.plan.grades}
    for lv in plan.plan.response_levels:
        for t in lv.triggers:
            if isinstance(t, GradeTrigger) and grade_rank[t.grade] >= r.best_grade_rank:
                r.justified.add(lv.level)
            elif isinstance(t, PeopleAtRiskTrigger):
                top = math.inf if t.max is None else t.max
                if t.min <= hi_par and lo_par <= top:
                    r.justified.add(lv.level)
            elif isinstance(t, CapacityExceededTrigger) and t.tier in r.capacity:
                r.justified.add(lv.level)
            elif isinstance(t, CrossJurisdictionTrigger) and t.scope in r.cross:
                r.justified.add(lv.level)
            # decided_by triggers: the engine never sets them; a level reached only that way is not justified
    return r


# --- the linter ---------------------------------------------------------------------------------------


class _Linter:
    def __init__(self, sc: Scenario, plan: LoadedPlan, seeds: Path | None) -> None:
        self.sc = sc
        self.loaded = plan
        self.plan = plan.plan
        self.seeds = seeds
        self.findings: list[Finding] = []
        self.bodies = {b.id: b for b in self.plan.bodies}
        self.tier_rank = {t.id: t.rank for t in self.plan.tiers}
        self.levels = {lv.level: lv for lv in self.plan.response_levels}
        self.groups = {g.id: g for g in self.plan.working_groups}
        self.obligations: dict[str, Obligation] = {}
        for eo in effective_obligations(self.plan, plan.layers):
            self.obligations[eo.id] = eo.obligation  # same id twice: the later (the plan's own) wins, as in the engine
        self.role_of = {b: r.id for r in sc.roles for b in r.bodies}
        self.human = {r.id for r in sc.roles if r.played_by == "human"}
        self.actions = {a.id: a for a in sc.actions}
        self.resources = {r.id: r for r in sc.resources}
        self.injects = {i.id: (n, i) for n, i in enumerate(sc.msel)}
        self.colours = {w.id: w for w in self.plan.warnings.levels}
        fc = self.plan.field_command
        self.commanders = {e.by for e in fc.establishment} | {h.to for h in fc.handovers} | {h.from_ for h in fc.handovers}
        self.reach = _reach(sc, plan)
        self.active_levels = self._active_levels()
        self.applies = self._applying_obligations()
        self._inject_memo: dict[str, bool] = {}

    # helpers ------------------------------------------------------------------------------------------

    def add(self, code: str, severity: Severity, path: DataPath, message: str, hint: str | None = None) -> None:
        self.findings.append(Finding(code, severity, path, message, hint))

    def played(self, body: str) -> bool:
        return body in self.role_of

    def same_role(self, a: str, b: str) -> bool:
        return a in self.role_of and self.role_of.get(a) == self.role_of.get(b)

    def rank(self, body: str) -> int:
        b = self.bodies.get(body)
        return self.tier_rank.get(b.tier, 0) if b else 0

    def name(self, body: str) -> str:
        b = self.bodies.get(body)
        return f"{body} ({b.name.en})" if b else repr(body)

    def _active_levels(self) -> set[int]:
        """Levels that can become active: justified by reachable facts, or expected of / open to a player."""
        out: set[int] = set()
        for level, lv in self.levels.items():
            if not self.played(lv.activated_by):
                continue
            if level in self.reach.justified or self.role_of[lv.activated_by] in self.human:
                out.add(level)
        for inj in self.sc.msel:
            for exp in inj.expected:
                if exp.decision in ("activate_response", "adjust_response") and exp.target and exp.target.isdigit():
                    lv = self.levels.get(int(exp.target))
                    if lv is not None and exp.by == lv.activated_by and self.played(exp.by):
                        out.add(lv.level)
        return out

    def _scope_tiers(self) -> set[str]:
        tiers = {p.tier for p in self.sc.setting.jurisdiction}
        tiers |= {self.levels[lv].led_by_tier for lv in self.active_levels}
        return tiers

    def _applying_obligations(self) -> dict[str, Obligation]:
        """Obligations the scenario sets off (their start can happen and their reporter takes part)."""
        grade_rank = {g.id: g.rank for g in self.plan.grades}
        scope = self._scope_tiers()
        terminable = bool(self.active_levels)
        applies: dict[str, Obligation] = {}

        def in_scope(body: str, received: set[str]) -> bool:
            b = self.bodies.get(body)
            return self.played(body) or self.rank(body) == 0 or (b is not None and b.tier in scope) or body in received

        # bodies that can hold field command: the enterprise's own command and the officials who travel
        top = max((self.tier_rank.get(self.levels[lv].led_by_tier, 0) for lv in self.active_levels), default=0)
        commanders = {e.by for e in self.plan.field_command.establishment if e.when == "accident_occurred"}
        commanders |= {o.body for o in self.sc.officials if 0 < self.rank(o.body) <= top and self.played(o.body)}
        changed = True
        while changed:
            changed = False
            received = {b for o in applies.values() for b in o.to}
            initial_reporters = {o.from_ for o in applies.values() if not isinstance(o.starts_on, SituationChanged)}
            for oid, ob in self.obligations.items():
                if oid in applies:
                    continue
                if self._grade_never_reached(ob, grade_rank):
                    continue
                start = ob.starts_on
                if isinstance(start, AccidentOccurred):
                    ok = in_scope(ob.from_, received)
                elif isinstance(start, ReportReceived):
                    ok = start.obligation in applies and in_scope(ob.from_, received)
                elif isinstance(start, LevelActivated):
                    ok = start.level in self.active_levels and in_scope(ob.from_, received)
                elif isinstance(start, GradeReached):
                    ok = grade_rank[start.grade] >= self.reach.best_grade_rank and in_scope(ob.from_, received)
                elif isinstance(start, ResponseTerminatedStart):
                    ok = terminable and in_scope(ob.from_, received)
                elif isinstance(start, SituationChanged):
                    # the engine opens follow-ups for a body that has already reported or holds field command
                    ok = self.reach.casualties_change and (ob.from_ in initial_reporters or ob.from_ in commanders)
                else:  # pragma: no cover - a new start kind
                    ok = False
                if ok:
                    applies[oid] = ob
                    changed = True
        return applies

    # checks -------------------------------------------------------------------------------------------

    def run(self) -> list[Finding]:
        self.check_objectives()
        self.check_actions()
        self.check_injects()
        self.check_obligations()
        self.check_levels()
        self.check_termination()
        self.check_resources()
        self.check_officials()
        self.check_quotes()
        return self.findings

    def check_objectives(self) -> None:
        served: dict[str, list[Inject]] = {o.id: [] for o in self.sc.objectives}
        for n, inj in enumerate(self.sc.msel):
            for obj in inj.objectives:
                served.setdefault(obj, []).append(inj)
            if inj.expected and not inj.objectives:
                self.add("inject-no-objective", "warning", ("msel", n, "expected"),
                         f"inject {inj.id!r} expects {len(inj.expected)} action(s) but serves no objective, "
                         "so they count towards no objective's score", "add `objectives: [...]` to the inject")
            if inj.objectives and not inj.expected:
                self.add("inject-no-expected", "warning", ("msel", n, "objectives"),
                         f"inject {inj.id!r} serves {', '.join(inj.objectives)} but expects no action, "
                         "so it adds nothing to their score")
        for n, obj in enumerate(self.sc.objectives):
            injects = served.get(obj.id, [])
            if not injects:
                self.add("objective-unused", "error", ("objectives", n, "id"),
                         f"objective {obj.id!r} is served by no inject: nothing in the exercise tests or scores it",
                         "list it under `objectives:` of the injects that exercise it")
            elif not any(inj.expected for inj in injects):
                names = ", ".join(inj.id for inj in injects)
                self.add("objective-unscored", "error", ("objectives", n, "id"),
                         f"objective {obj.id!r} is served only by injects that expect no action ({names}): "
                         "an objective is scored through the expected actions of its injects")

    def check_actions(self) -> None:
        seen: dict[str, int] = {}
        for n, action in enumerate(self.sc.actions):
            if action.id in seen:
                self.add("action-duplicate", "error", ("actions", n, "id"),
                         f"scenario action {action.id!r} is already defined at actions[{seen[action.id]}]")
            seen.setdefault(action.id, n)
            for k, body in enumerate(action.by):
                if body not in self.bodies:
                    self.add("action-undefined-body", "error", ("actions", n, "by", k),
                             f"undefined body {body!r}: none under the plan's bodies has this id",
                             suggest(body, self.bodies))
            if not any(self.played(b) for b in action.by if b in self.bodies):
                self.add("action-unplayed", "warning", ("actions", n, "by"),
                         f"no role plays any of {', '.join(action.by)}, so nobody can take action {action.id!r}")

    # injects and conditions ---------------------------------------------------------------------------

    def check_injects(self) -> None:
        for n, inj in enumerate(self.sc.msel):
            base: DataPath = ("msel", n)
            if inj.at is not None and inj.at >= self.sc.duration:
                self.add("inject-unreachable", "error", (*base, "at"),
                         f"inject {inj.id!r} is due at or after the end of the exercise ({self.sc.duration // 60_000} min)")
            if inj.when is not None:
                reasons = list(self.unreachable(inj.when, (*base, "when"), {inj.id}))
                if reasons:
                    self.add("inject-unreachable", "error", (*base, "when"),
                             f"inject {inj.id!r} can never be delivered: its condition cannot hold")
                    for path, why in reasons:
                        self.add("condition-unreachable", "error", path, why)
            for k, exp in enumerate(inj.expected):
                self.check_expected(exp, (*base, "expected", k))
        self.check_duplicates()

    def check_duplicates(self) -> None:
        """Within one inject, a second expectation of the same decision by the same body (and the same target,
        or none) is satisfied by the first: a computer role never acts on it and it adds nothing."""
        for n, inj in enumerate(self.sc.msel):
            for k, exp in enumerate(inj.expected):
                earlier = next((j for j, e in enumerate(inj.expected[:k]) if e.decision == exp.decision
                                and e.by == exp.by and (exp.target is None or e.target == exp.target)), None)
                if earlier is not None:
                    what = f"{exp.decision} by {exp.by}" + (f" on {exp.target}" if exp.target else "")
                    self.add("expected-duplicate", "warning", ("msel", n, "expected", k),
                             f"expected[{earlier}] of this inject already expects {what}: whatever satisfies that "
                             "satisfies this one too, so it is never acted on separately",
                             "give it a distinct target (e.g. a scenario action) or another body")

    def inject_reachable(self, inject_id: str, visiting: set[str]) -> bool:
        if inject_id in self._inject_memo:
            return self._inject_memo[inject_id]
        if inject_id not in self.injects or inject_id in visiting:
            return inject_id in visiting  # a cycle: assume reachable (it is reported on its own inject)
        _, inj = self.injects[inject_id]
        ok = inj.at is None or inj.at < self.sc.duration
        if ok and inj.when is not None:
            ok = not any(True for _ in self.unreachable(inj.when, (), visiting | {inject_id}))
        self._inject_memo[inject_id] = ok
        return ok

    def unreachable(self, cond: Condition, path: DataPath, visiting: set[str]) -> Iterator[tuple[DataPath, str]]:
        """(path, reason) for every part that makes the condition impossible; nothing when it can hold."""
        r = self.reach
        if isinstance(cond, AllOf):
            for k, part in enumerate(cond.of):
                yield from self.unreachable(part, (*path, "of", k), visiting)
        elif isinstance(cond, AnyOf):
            parts = [list(self.unreachable(part, (*path, "of", k), visiting)) for k, part in enumerate(cond.of)]
            if all(parts):
                for reasons in parts:
                    yield from reasons
        elif isinstance(cond, NotCondition):
            return
        elif isinstance(cond, FigureCondition):
            lo, hi = r.lo[cond.figure], r.hi[cond.figure]
            if cond.at_least is not None and cond.at_most is not None and cond.at_least > cond.at_most:
                yield path, f"{cond.figure} cannot be at least {cond.at_least} and at most {cond.at_most}"
            elif cond.at_least is not None and hi < cond.at_least:
                yield path, (f"{cond.figure} never reaches {cond.at_least}: the initial situation and the dynamics "
                             f"(changes, growth, rescue, secondary events, inject and action changes) take it to "
                             f"{_num(hi)} at most")
            elif cond.at_most is not None and lo > cond.at_most:
                yield path, f"{cond.figure} never falls to {cond.at_most}: it stays at {_num(lo)} or more"
        elif isinstance(cond, LevelCondition):
            yield from self._level_condition(cond, path)
        elif isinstance(cond, DecisionCondition):
            if cond.made:
                why = self._decision_possible(cond)
                if why:
                    yield path, why
        elif isinstance(cond, ObligationCondition):
            if cond.obligation in self.obligations and cond.obligation not in self.applies:
                yield path, (f"obligation {cond.obligation!r} never starts in this scenario "
                             f"({self._why_not_started(cond.obligation)})")
        elif isinstance(cond, InjectCondition):
            if cond.inject not in self.injects:
                yield path, f"undefined inject {cond.inject!r}"
            elif not self.inject_reachable(cond.inject, visiting):
                yield path, f"inject {cond.inject!r} is never delivered"
        elif isinstance(cond, AfterCondition):
            if cond.time >= self.sc.duration:
                yield path, f"the exercise ends after {self.sc.duration // 60_000} min, before this time"

    def _level_condition(self, cond: LevelCondition, path: DataPath) -> Iterator[tuple[DataPath, str]]:
        known = sorted(self.levels)
        for key in ("at_least", "at_most"):
            value = getattr(cond, key)
            if value is not None and value not in self.levels:
                yield (*path, key), f"the plan has no response level {value} (levels: {', '.join(map(str, known))})"
                return
        active = self.active_levels
        wants_active = cond.active is True or cond.at_least is not None
        if wants_active and not active:
            yield path, "no response level can become active in this scenario"
            return
        if cond.at_least is not None and not any(lv <= cond.at_least for lv in active):
            best = min(active)
            yield path, (f"no level as high as {cond.at_least} can become active: the highest the scenario can "
                         f"justify and activate is {best}")
        elif cond.active is True and cond.at_most is not None and not any(lv >= cond.at_most for lv in active):
            yield path, f"no level as low as {cond.at_most} can become active"

    def _decision_possible(self, cond: DecisionCondition) -> str | None:
        if cond.by is not None and cond.by in self.bodies and not self.played(cond.by):
            return f"{self.name(cond.by)} is played by no role, so it never makes this decision"
        if cond.target is None:
            return None
        bad = self._target_problem(cond.decision, cond.target)
        if bad:
            return bad
        if cond.decision == "report" and cond.target not in self.applies:
            return f"obligation {cond.target!r} never starts in this scenario ({self._why_not_started(cond.target)})"
        if cond.by is not None:
            return self._authority(cond.decision, cond.by, cond.target)
        return None

    # expected actions ---------------------------------------------------------------------------------

    def check_expected(self, exp: ExpectedAction, path: DataPath) -> None:
        if exp.by in self.bodies and not self.played(exp.by):
            self.add("expected-unplayed", "error", (*path, "by"),
                     f"{self.name(exp.by)} is played by no role: nobody can carry out this {exp.decision}",
                     "add the body to the `bodies` of the role that should act")
        if exp.target is None:
            if exp.decision in _TARGET_NEEDED:
                self.add("expected-no-target", "error", path,
                         f"expected {exp.decision} has no target: computer roles need {_TARGET_NEEDED[exp.decision]}")
        else:
            bad = self._target_problem(exp.decision, exp.target)
            if bad:
                self.add("undefined-reference", "error", (*path, "target"), bad, self._target_hint(exp.decision, exp.target))
                return
        if exp.decision == "release_information":
            release = self.plan.information_release.released_by
            if exp.by not in release and not any(self.same_role(exp.by, b) for b in release):
                self.add("release-unauthorised", "warning", (*path, "by"),
                         f"{self.name(exp.by)} is not authorised to release information "
                         f"(the plan authorises {', '.join(release)}): the release would be recorded as unauthorised")
            return
        if exp.decision == "report" and exp.target in self.obligations and exp.target not in self.applies:
            self.add("expected-never-starts", "error", (*path, "target"),
                     f"obligation {exp.target!r} never starts in this scenario ({self._why_not_started(exp.target)}), "
                     "so this report can never be made")
            return
        why = self._authority(exp.decision, exp.by, exp.target)
        if why:
            self.add("expected-unauthorised", "warning", (*path, "by"), why)

    def _target_problem(self, decision: str, target: str) -> str | None:
        """A message when a decision's target names nothing of the right kind."""
        if decision == "take_action" and target not in self.actions:
            return f"undefined scenario action {target!r}: none under `actions` has this id"
        if decision == "report" and target not in self.obligations:
            return f"undefined obligation {target!r}"
        if decision == "activate_working_group" and target not in self.groups:
            return f"undefined working group {target!r}"
        if decision == "dispatch_resource" and target not in self.resources:
            return f"undefined resource {target!r}"
        if decision == "hand_over_command" and target not in self.bodies:
            return f"undefined body {target!r}"
        if decision in ("activate_response", "adjust_response", "terminate") and target is not None:
            if not (target.isdigit() and int(target) in self.levels):
                return f"the plan has no response level {target!r} (levels: {', '.join(map(str, sorted(self.levels)))})"
        if decision in ("issue_warning", "lift_warning") and target not in self.colours:
            return f"the plan has no {target!r} warning (colours: {', '.join(self.colours)})"
        return None

    def _target_hint(self, decision: str, target: str) -> str | None:
        pool: Iterable[str] = {
            "take_action": self.actions, "report": self.obligations, "activate_working_group": self.groups,
            "dispatch_resource": self.resources, "hand_over_command": self.bodies,
            "issue_warning": self.colours, "lift_warning": self.colours,
        }.get(decision, ())
        return suggest(target, pool)

    def _authority(self, decision: str, by: str, target: str | None) -> str | None:
        """Why the plan's authorities would reject `by` taking this decision, or None."""
        if by not in self.bodies:
            return None
        if decision == "report" and target in self.obligations:
            ob = self.obligations[target]
            if by != ob.from_:
                return f"obligation {target} is reported by {self.name(ob.from_)}, not {self.name(by)}"
        elif decision == "take_action" and target in self.actions:
            if by not in self.actions[target].by:
                return f"action {target} is taken by {', '.join(self.actions[target].by)}, not {self.name(by)}"
        elif decision in ("activate_response", "adjust_response") and target and target.isdigit():
            lv = self.levels.get(int(target))
            if lv is not None and by != lv.activated_by:
                return f"level {lv.level} is activated by {self.name(lv.activated_by)}, not {self.name(by)}"
        elif decision == "terminate":
            activators = {self.levels[lv].activated_by for lv in self.active_levels}
            if by not in activators:
                known = ", ".join(sorted(activators)) or "nobody"
                return (f"whoever activated the response terminates it (谁启动谁终止): {self.name(by)} activates "
                        f"no level this scenario can reach (activators: {known})")
        elif decision == "establish_command":
            allowed = {e.by for e in self.plan.field_command.establishment}
            if by not in allowed:
                return f"field command is established by {', '.join(sorted(allowed))}, not {self.name(by)}"
        elif decision == "hand_over_command" and target:
            handovers = [h for h in self.plan.field_command.handovers if h.to == target]
            if not handovers:
                return f"the plan foresees no handover to {self.name(target)}"
            if by not in {h.from_ for h in handovers}:
                froms = ", ".join(sorted({h.from_ for h in handovers}))
                return f"command passes to {target} from {froms}, not from {self.name(by)}"
        elif decision == "activate_working_group" and target in self.groups:
            if by not in self.commanders and not any(
                self.bodies[by].tier == self.levels[lv].led_by_tier
                or by in (self.levels[lv].activated_by, self.levels[lv].commander)
                for lv in self.active_levels
            ):
                return (f"working groups are activated by the HQ of the tier that leads the response, its commander "
                        f"or the field commander; {self.name(by)} is none of these at any level this scenario reaches")
        elif decision == "dispatch_resource" and target in self.resources:
            ctrl = self.resources[target].controlled_by
            if by != ctrl and not self.same_role(by, ctrl):
                return f"{target} is dispatched by {self.name(ctrl)}, not {self.name(by)}"
        elif decision in ("evacuate", "set_cordon"):
            if self.rank(by) != 0 and not any(self.same_role(by, c) or by == c for c in self.commanders):
                return (f"on-scene measures are ordered by the enterprise or the field command; "
                        f"{self.name(by)} never holds field command")
        elif decision in ("suspend_rescue", "resume_rescue"):
            if not any(self.same_role(by, c) or by == c for c in self.commanders):
                return f"only the field command can {decision.replace('_', ' ')}; {self.name(by)} never holds it"
        elif decision in ("issue_warning", "lift_warning") and target in self.colours:
            issuer = self.colours[target].issued_by
            if by != issuer and not self.same_role(by, issuer):
                return f"a {target} warning is issued and lifted by {self.name(issuer)}, not {self.name(by)}"
        return None

    # obligations, levels, termination -----------------------------------------------------------------

    def _grade_never_reached(self, ob, grade_rank: dict[str, int]) -> bool:  # noqa: ANN001 - Obligation
        """A grade-gated rule whose grade the figures never reach (and whose min_level no level reaches)."""
        if ob.min_grade is None or grade_rank[ob.min_grade] >= self.reach.best_grade_rank:
            return False
        return ob.min_level is None or not any(lv <= ob.min_level for lv in self.active_levels)

    def _why_not_started(self, oid: str) -> str:
        ob = self.obligations[oid]
        grade_rank = {g.id: g.rank for g in self.plan.grades}
        start = ob.starts_on
        if self._grade_never_reached(ob, grade_rank):
            return f"it applies from grade {ob.min_grade}, which the figures never reach"
        if isinstance(start, ReportReceived) and start.obligation not in self.applies:
            return f"it starts when {start.obligation} is reported, which never starts"
        if isinstance(start, LevelActivated) and start.level not in self.active_levels:
            return f"it starts when level {start.level} is activated, which cannot happen"
        if isinstance(start, SituationChanged):
            if not self.reach.casualties_change:
                return "it starts when casualties change, and they never do"
            return f"it is a follow-up, and {ob.from_} makes no first report and never holds field command"
        if not self.played(ob.from_):
            return f"its reporter {ob.from_} takes no part: no role plays it"
        return "its start never happens"

    def check_obligations(self) -> None:
        for oid, ob in self.applies.items():
            if ob.modality == "may":
                continue
            path = self._obligation_path()
            if not self.played(ob.from_):
                self.add("obligation-unobserved", "error", path,
                         f"obligation {oid} ({ob.name.en}) applies in this scenario but its reporter "
                         f"{self.name(ob.from_)} is played by no role: it never starts and nobody can be scored on it",
                         f"add {ob.from_} to a role")
                continue
            for body in ob.to:
                if not self.played(body):
                    self.add("recipient-unplayed", "warning", path,
                             f"obligation {oid} ({ob.name.en}) reports to {self.name(body)}, which no role plays: "
                             "the report reaches nobody who reacts, and any chain from it stops there",
                             f"add {body} to a role (an outside party can sit in a control-cell role)")

    def _obligation_path(self) -> DataPath:
        return ("roles",)

    def check_levels(self) -> None:
        for level in sorted(self.reach.justified):
            lv: ResponseLevel = self.levels[level]
            if not self.played(lv.activated_by):
                self.add("level-unactivatable", "error", ("roles",),
                         f"the scenario can justify level {level}, but {self.name(lv.activated_by)}, who activates it, "
                         "is played by no role", f"add {lv.activated_by} to a role")
        for level in sorted(self.active_levels):
            lv = self.levels[level]
            groups = list(lv.working_groups) + [g.id for g in self.groups.values() if level in g.levels
                                               and g.id not in lv.working_groups]
            if groups and not self.played(lv.commander):
                self.add("groups-unactivated", "warning", ("roles",),
                         f"level {level} requires {len(groups)} working group(s), but its commander "
                         f"{self.name(lv.commander)} is played by no role, so nobody activates them",
                         f"add {lv.commander} to a role")

    def check_termination(self) -> None:
        if not self.active_levels:
            return
        dyn = self.sc.dynamics
        wanted = self.plan.termination.conditions
        if "endangered_rescued" in wanted:
            lo, _ = self.reach.par()
            if lo > 0:
                self.add("termination-unreachable", "warning", ("dynamics",),
                         f"the plan ends the response only when nobody is endangered, trapped or missing, but in this "
                         f"scenario at least {_num(lo)} always are: no rescue effect, change or growth brings them to 0")
        for key, wanted_name in (("contained_when", "scene_controlled"), ("environment_ok_when", "environment_ok")):
            cond = getattr(dyn, key)
            if cond is None or wanted_name not in wanted:
                continue
            reasons = list(self.unreachable(cond, ("dynamics", key), set()))
            if reasons:
                self.add("termination-unreachable", "warning", ("dynamics", key),
                         f"`{key}` can never hold, so the termination condition {wanted_name} is never met")
                for path, why in reasons:
                    self.add("condition-unreachable", "warning", path, why)

    # resources and officials ----------------------------------------------------------------------------

    def check_resources(self) -> None:
        needed = {e.resource for e in self.sc.dynamics.rescue}
        for n, res in enumerate(self.sc.resources):
            if res.dispatched_at_start or self.played(res.controlled_by) or res.controlled_by not in self.bodies:
                continue
            if res.id in needed:
                self.add("rescue-resource-uncontrolled", "warning", ("resources", n, "controlled_by"),
                         f"a rescue effect needs {res.id!r}, but {self.name(res.controlled_by)}, who dispatches it, "
                         "is played by no role and it is not dispatched at the start: the rescue never happens",
                         "add the body to a role, or set `dispatched_at_start: true`")
            else:
                self.add("resource-uncontrolled", "warning", ("resources", n, "controlled_by"),
                         f"{res.id!r} is dispatched by {self.name(res.controlled_by)}, which no role plays: "
                         "it never leaves its base")

    def check_officials(self) -> None:
        targets = {h.to for h in self.plan.field_command.handovers}
        led_ranks = [self.tier_rank.get(self.levels[lv].led_by_tier, 0) for lv in self.active_levels]
        top = max(led_ranks, default=0)
        for n, off in enumerate(self.sc.officials):
            path: DataPath = ("officials", n, "body")
            if off.body not in self.bodies:
                continue
            if off.body not in targets:
                self.add("official-not-handover-target", "warning", path,
                         f"{self.name(off.body)} travels to the scene, but no handover of the plan passes command to "
                         f"it, so its arrival changes nothing (handover targets: {', '.join(sorted(targets))})",
                         suggest(off.body, targets))
            rank = self.rank(off.body)
            if rank == 0 or rank > top:
                self.add("official-never-travels", "warning", path,
                         f"officials travel when a level led by their tier or a higher one is activated; "
                         f"{self.name(off.body)} never does here (highest leading tier rank reachable: {top})")
            if not self.played(off.body):
                self.add("official-unplayed", "warning", path,
                         f"{self.name(off.body)} takes command on arrival but no role plays it: after the handover "
                         "nobody commands (suspension, termination and on-scene measures stall)")

    # quotes ------------------------------------------------------------------------------------------------

    def check_quotes(self) -> None:
        if self.seeds is None:
            return
        seed_of = {s.id: s.seed for s in self.plan.sources}
        seed_of.update({s.id: s.seed for s in self.sc.sources})
        texts: dict[str, str | None] = {}
        raw = self.sc.model_dump(mode="python", by_alias=True)
        for path, cite in citations(raw):
            seed = seed_of.get(cite.get("src", ""))
            if not seed:
                continue
            if seed not in texts:
                file = self.seeds / seed
                texts[seed] = _SPACE.sub("", file.read_text(encoding="utf-8")) if file.is_file() else None
            text = texts[seed]
            if text is not None and _SPACE.sub("", str(cite.get("zh", ""))) not in text:
                self.add("quote-not-in-seed", "error", (*path, "zh"),
                         f"the quote is not verbatim in {seed} (white space aside): {_short(cite.get('zh', ''))}")


_SPACE = re.compile(r"\s+")


def _num(value: float) -> str:
    return "no limit" if value == math.inf else f"{int(value):,}"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
