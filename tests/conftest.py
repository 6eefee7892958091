"""Shared fixtures: the repository's paths and the shipped plans, loaded once."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from drillsim.catalog import layers_dir, plans_dir
from drillsim.loading import LoadedPlan, load_plan

REPO = Path(__file__).resolve().parent.parent

# validated plans and scenarios are cached in a folder of this run, not in the user's cache (subprocesses too)
_CACHE = tempfile.mkdtemp(prefix="drillsim-test-cache-")
os.environ.setdefault("DRILLSIM_CACHE_DIR", _CACHE)


def pytest_unconfigure(config) -> None:  # noqa: ANN001
    shutil.rmtree(_CACHE, ignore_errors=True)
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


@pytest.fixture(scope="session")
def pg_cluster():
    """A real PostgreSQL server for the store tests (skipped, or failed when DRILLSIM_REQUIRE_PG=1, if absent)."""
    import os

    from tests.pg_cluster import NoPostgres, start_cluster

    try:
        cluster = start_cluster()
    except NoPostgres as error:
        if os.environ.get("DRILLSIM_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL is required here: {error}")
        pytest.skip(str(error))
    yield cluster
    cluster.stop()


_DATABASES = iter(range(1, 10_000))


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path) -> str:
    """A fresh, empty store of each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"drillsim_test_{next(_DATABASES)}")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch) -> None:
    """Imports write carried scenario content under the user's data folder, the app its settings under the
    configuration folder: keep the tests' out of $HOME."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))  # settings: each test its own
