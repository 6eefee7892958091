"""Determinism: the same inputs give the same event stream, however the run is cut into steps."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drillsim import decisions as d
from drillsim.engine import events as ev
from drillsim.engine.runner import play
from drillsim.engine.simulation import Simulation
from tests.conftest import MINI_MINE

MIN = 60_000
HORIZON = 8 * 60 * MIN

_loaded = None


def loaded():
    global _loaded
    if _loaded is None:
        from drillsim.loading.scenarios import load_scenario

        _loaded = load_scenario(MINI_MINE)
    return _loaded


def decision_strategy() -> st.SearchStrategy[d.Decision]:
    ls = loaded()
    bodies = st.sampled_from([b.id for b in ls.plan.definition.bodies][:40] + ["enterprise", "unit_head", "county_government"])
    obligations = st.sampled_from(sorted({o.id for o in ls.plan.definition.reporting.obligations}))
    groups = st.sampled_from([g.id for g in ls.plan.definition.working_groups])
    levels = st.integers(1, 4)
    colors = st.sampled_from(["red", "orange", "yellow", "blue"])
    return st.one_of(
        st.builds(d.Report, actor=bodies, obligation=obligations),
        st.builds(d.ActivateResponse, actor=bodies, level=levels),
        st.builds(d.AdjustResponse, actor=bodies, level=levels),
        st.builds(d.EstablishCommand, actor=bodies),
        st.builds(d.HandOverCommand, actor=bodies, to=bodies, briefing=st.just(("situation",))),
        st.builds(d.ActivateWorkingGroup, actor=bodies, group=groups),
        st.builds(d.DispatchResource, actor=bodies, resource=st.sampled_from(["brigade", "own_team"])),
        st.builds(d.IssueWarning, actor=bodies, color=colors),
        st.builds(d.LiftWarning, actor=bodies, color=colors),
        st.builds(d.SuspendRescue, actor=bodies),
        st.builds(d.ResumeRescue, actor=bodies),
        st.builds(d.Terminate, actor=bodies),
        st.builds(d.Note, actor=bodies, text=st.text(min_size=1, max_size=10)),
        st.builds(d.ReleaseInformation, actor=bodies, text=st.just("通报")),
    )


def stream(exercise: Simulation) -> list[dict]:
    return [ev.to_dict(e) for e in exercise.events]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    policy=st.sampled_from(["plan", "late-reporter", "no-handover", "concealer"]),
    timed=st.lists(st.tuples(st.integers(0, HORIZON), st.deferred(decision_strategy)), max_size=12),
    cuts=st.lists(st.integers(1, HORIZON + 60 * MIN), max_size=25),
)
def test_chunked_run_equals_unchunked(seed: int, policy: str, timed: list, cuts: list[int]) -> None:
    ls = loaded()
    whole = play(ls.plan, ls.scenario, seed, policy, decisions=timed)

    chunked = Simulation(ls.plan, ls.scenario, seed, policy)
    steps = sorted([(t, 0, i) for i, (t, _) in enumerate(timed)] + [(c, 1, -1) for c in cuts],
                   key=lambda s: (s[0], s[1] if s[2] < 0 else 0, s[2]))
    for t, _, i in steps:
        chunked.advance_to(t)
        if i >= 0 and not chunked.ended:
            chunked.decide(timed[i][1])
    chunked.run()
    assert stream(chunked) == stream(whole)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), policy=st.sampled_from(["plan", "late-reporter", "no-handover", "concealer"]))
def test_same_seed_same_exercise(seed: int, policy: str) -> None:
    ls = loaded()
    assert stream(play(ls.plan, ls.scenario, seed, policy)) == stream(play(ls.plan, ls.scenario, seed, policy))


def test_different_seeds_differ() -> None:
    ls = loaded()
    assert stream(play(ls.plan, ls.scenario, 1)) != stream(play(ls.plan, ls.scenario, 2))
