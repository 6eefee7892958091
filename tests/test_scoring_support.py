"""Helpers shared by the scoring and report tests (no tests here): scenarios, cached runs, and independent
recomputations of what each flawed policy breaks, straight from the events."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from drillsim.engine import events as ev
from drillsim.rules.plan_index import PlanIndex
from drillsim.engine.runner import play
from drillsim.engine.state import ExerciseState, fold
from drillsim.loading.scenarios import LoadedScenario, load_scenario
from drillsim.scoring import ScoreCard, score_exercise

REPO = Path(__file__).resolve().parent.parent
MINI_MINE = REPO / "tests" / "data" / "scenarios" / "mini-mine.yaml"
SCENARIO_FILES = sorted((REPO / "scenarios").glob("*.yaml"))
"""Every shipped scenario: new files in scenarios/ are picked up automatically."""
ALL_SCENARIOS = [*SCENARIO_FILES, MINI_MINE]
CHECKED = ("deaths", "serious_injuries", "trapped", "missing", "endangered", "direct_loss_cny")


@lru_cache(maxsize=None)
def loaded(path: Path) -> LoadedScenario:
    return load_scenario(path)


@lru_cache(maxsize=None)
def events(path: Path, policy: str, seed: int) -> tuple[ev.DomainEvent, ...]:
    sc = loaded(path)
    return tuple(play(sc.plan, sc.scenario, seed, policy).events)


@lru_cache(maxsize=None)
def card(path: Path, policy: str, seed: int) -> ScoreCard:
    """A score card against the reference run of the same seed (itself, for the plan policy)."""
    return score_exercise(loaded(path), list(events(path, policy, seed)),
                          baseline=list(events(path, "plan", seed)))


def index(path: Path) -> PlanIndex:
    sc = loaded(path)
    return PlanIndex.build(sc.plan, sc.scenario)


def losing_ids(c: ScoreCard) -> set[str]:
    return {f.id for f in c.losing()}


def procedure_losing_ids(c: ScoreCard) -> set[str]:
    """Losing findings of the procedure areas: without the outcome area's harm, inaction and caps, which
    follow from them and are tested on their own (tests/test_scoring_judgement.py)."""
    return {f.id for f in c.losing() if f.area != "outcome"}


def plan_noise(path: Path, seeds: range) -> set[str]:
    """Findings the `plan` policy itself loses on in these seeds: engine or scenario problems (reported),
    excluded from the exactness checks of the flawed policies on that scenario."""
    return {i for s in seeds for i in losing_ids(card(path, "plan", s))}


def late_enterprise_reports(path: Path, evs: tuple[ev.DomainEvent, ...]) -> set[str]:
    """Obligation instances the enterprise (tier rank 0) met late or never met, from the final state."""
    ix = index(path)
    state = fold(evs)
    return {f"obligation:{o.id}" for o in state.obligations.values()
            if ix.rank(o.from_body) == 0 and o.status in ("late", "missed")
            and ix.obligations[o.rule].obligation.modality != "may"}


def concealed_enterprise_reports(path: Path, evs: tuple[ev.DomainEvent, ...]) -> set[str]:
    """Obligation instances on which an enterprise body reported figures differing from the truth."""
    ix = index(path)
    state = ExerciseState()
    found: set[str] = set()
    for e in evs:
        if isinstance(e, ev.ReportSubmitted) and ix.rank(e.by) == 0:
            if any(e.figures.get(k, 0) != state.figures.get(k, 0) for k in CHECKED):
                found.add(f"obligation:{e.obligation}")
        state.apply(e)
    return found


def enterprise_handovers_broken(path: Path, evs: tuple[ev.DomainEvent, ...], allowance: int) -> set[str]:
    """Handover rules due while the enterprise held command and not done within the allowance. As in the
    engine, an arriving body takes the rule from the commander to it, else any rule to it."""
    ix = index(path)
    state = ExerciseState()
    due: dict[str, tuple[int, str, str]] = {}
    for e in evs:
        if isinstance(e, ev.OfficialArrived) and state.commander and ix.rank(state.commander) == 0 \
                and ix.rank(e.body) > 0:
            rule = next((h for h in ix.handovers if h.from_ == state.commander and h.to == e.body), None) \
                or next((h for h in ix.handovers if h.to == e.body), None)
            if rule is not None:
                due.setdefault(rule.id, (e.t, state.commander, e.body))
        state.apply(e)
    handed = [e for e in evs if isinstance(e, ev.CommandHandedOver)]
    return {f"handover:{rid}" for rid, (t, frm, to) in due.items()
            if not any(h.from_body == frm and h.to_body == to and t <= h.t <= t + allowance for h in handed)}
