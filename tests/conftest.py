"""Shared fixtures: the repository's paths and the shipped plans, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from drillsim.catalog import layers_dir, plans_dir
from drillsim.loading import LoadedPlan, load_plan

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def ordos() -> LoadedPlan:
    return load_plan(plans_dir() / "ordos-2024.yaml", layers_dir())


@pytest.fixture(scope="session")
def xinjiang() -> LoadedPlan:
    return load_plan(plans_dir() / "xinjiang-2024.yaml", layers_dir())


MINI_MINE = REPO / "tests" / "data" / "scenarios" / "mini-mine.yaml"


@pytest.fixture(scope="session")
def mini_mine():
    """The small Ordos mine scenario used by the engine tests, with its plan."""
    from drillsim.loading.scenarios import load_scenario

    return load_scenario(MINI_MINE)
