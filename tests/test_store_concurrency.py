"""Several real `drillsim` processes on one store at once: every run is kept, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys

from drillsim.engine import events as ev
from drillsim.session.replay import verify
from drillsim.store.application import ExerciseStore
from tests.conftest import REPO

RUNS = 4


def _drillsim(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "drillsim", *args], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_same_seed_runs_at_once_are_separate_exercises(store_url: str) -> None:
    """Four `drillsim run ordos-coal-mine --seed 555` started together: four exercises, all of them verify."""
    processes = [_drillsim("run", "ordos-coal-mine", "--seed", "555", "--json", "--store", store_url)
                 for _ in range(RUNS)]
    results = [(p.returncode, *p.communicate(timeout=300)) for p in processes]
    results = [(p.returncode, out, err) for p, (_, out, err) in zip(processes, results)]
    failures = [err for code, _, err in results if code != 0]
    assert not failures, failures[0]
    ids = {json.loads(out)["exercise_id"] for _, out, _ in results}
    assert len(ids) == RUNS
    store = ExerciseStore.open(store_url)
    try:
        listed = {str(s.id) for s in store.summaries()}
        assert listed == ids
        streams = set()
        for ident in store.summaries():
            assert verify(store, ident.id).identical
            streams.add(json.dumps([ev.to_dict(e) for e in store.domain_events(ident.id)]))
        assert len(streams) == 1  # same seed, same story
    finally:
        store.close()


def test_concurrent_opens_of_a_new_postgres_database(pg_cluster) -> None:
    """Six processes opening one new database at once: the tables are created once, no open fails."""
    for round_ in range(2):
        url = pg_cluster.create_database(f"drillsim_concurrent_open_{round_}")
        code = f"from drillsim.store.application import ExerciseStore; ExerciseStore.open({url!r}).close()"
        processes = [subprocess.Popen([sys.executable, "-c", code], cwd=REPO, stderr=subprocess.PIPE, text=True)
                     for _ in range(6)]
        errors = [err for p in processes if (err := p.communicate(timeout=120)[1]) and p.returncode != 0]
        assert not errors, errors[0]
