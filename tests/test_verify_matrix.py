"""`verify` passes for every shipped scenario × 3 seeds × every policy (stored on SQLite, re-simulated)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drillsim.catalog import scenario_paths
from drillsim.engine.policies import POLICIES
from drillsim.loading.scenarios import load_scenario
from drillsim.session.live import LiveSession
from drillsim.session.replay import verify
from drillsim.store.application import ExerciseStore

SEEDS = (1, 2, 3)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> ExerciseStore:
    return ExerciseStore.open(f"sqlite:///{tmp_path_factory.mktemp('verify') / 'matrix.sqlite'}")


@pytest.mark.parametrize("path", scenario_paths(), ids=lambda p: p.stem)
@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_verify_every_scenario_seed_and_policy(store: ExerciseStore, path: Path, policy: str) -> None:
    loaded = load_scenario(path)
    for seed in SEEDS:
        session = LiveSession.start(store, loaded, seed, policy)
        session.run()
        report = verify(store, session.id)
        assert report.identical, (path.stem, seed, policy, report.divergence)
        assert report.events == len(session.events) > 10


def test_the_matrix_covers_the_library() -> None:
    assert len(scenario_paths()) >= 5 and len(POLICIES) >= 4
