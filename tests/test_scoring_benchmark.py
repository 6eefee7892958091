"""The benchmark's exercise is valid and scores quickly (the benchmark itself: benchmarks/bench_scoring.py)."""

from __future__ import annotations

import importlib.util
import time

from drillsim.engine import events as ev
from drillsim.scoring import score_exercise
from tests.test_scoring_support import MINI_MINE, REPO, events, loaded


def _bench():
    spec = importlib.util.spec_from_file_location("bench_scoring", REPO / "benchmarks" / "bench_scoring.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_20000_event_exercise_is_valid_and_scored_under_a_second():
    sc = loaded(MINI_MINE)
    exercise = _bench().build_exercise(sc, 20_000)
    assert len(exercise) == 20_000
    assert [e.seq for e in exercise] == list(range(20_000))
    assert all(a.t <= b.t for a, b in zip(exercise, exercise[1:]))
    assert isinstance(exercise[0], ev.ExerciseStarted) and isinstance(exercise[-1], ev.ExerciseEnded)
    baseline = list(events(MINI_MINE, "plan", 1))
    best = min(_timed(sc, exercise, baseline) for _ in range(3))
    card = score_exercise(sc, exercise, baseline=baseline)
    assert card.procedure == 100.0
    # The loss grew by CNY 10,000 a minute for days: avoidable harm against the reference, capped at 合格.
    assert {f.id for f in card.losing()} == {"harm:direct_loss_cny", "cap:satisfactory"}
    assert best < 1.0, f"scoring 20,000 events took {best:.2f} s"


def _timed(sc, exercise, baseline) -> float:
    t0 = time.perf_counter()
    score_exercise(sc, exercise, baseline=baseline)
    return time.perf_counter() - t0
