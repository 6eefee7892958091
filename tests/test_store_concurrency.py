"""Several real `drillsim` processes on one store at once: every run is kept, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

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


def _pg_ctl(cluster, *args: str) -> None:  # noqa: ANN001
    from tests.pg_cluster import _as_user, _bin

    subprocess.run(_as_user([_bin("pg_ctl"), "-D", str(cluster.folder / "data"), *args]), check=True,
                   capture_output=True, timeout=120)


def _throwaway_cluster():  # noqa: ANN202 - a Cluster of tests/pg_cluster.py, stopped by the caller
    from tests.pg_cluster import NoPostgres, start_cluster

    try:
        return start_cluster()
    except NoPostgres as error:
        if os.environ.get("DRILLSIM_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL is required here: {error}")
        pytest.skip(str(error))


def _paused_mid_run(url: str, conninfo: str) -> subprocess.Popen:
    """A `drillsim run` stopped (SIGSTOP) after its exercise was created and before its run finished."""
    import psycopg

    for _attempt in range(8):
        run = _drillsim("run", "ordos-coal-mine", "--seed", "3", "--until", "24h", "--store", url)
        with psycopg.connect(conninfo, autocommit=True) as db:
            while run.poll() is None and not db.execute("SELECT 1 FROM drillsim_events LIMIT 1").fetchone():
                time.sleep(0.002)
            run.send_signal(signal.SIGSTOP)
            if run.poll() is None:
                return run
            run.communicate()  # it finished first: start again on an empty table
            db.execute("DELETE FROM drillsim_events")
    raise AssertionError("every run finished before it could be paused")


def test_a_server_killed_mid_run_is_a_clear_error_and_the_commits_are_kept() -> None:
    """The server dies while `drillsim run` is committing: one line of error, no traceback; after a restart the
    exercise is listed, what was committed verifies, and `drillsim resume` plays it to its end."""
    cluster = _throwaway_cluster()
    try:
        url = cluster.create_database("drillsim_killed")
        ExerciseStore.open(url).close()
        run = _paused_mid_run(url, f"host=127.0.0.1 port={cluster.port} user=postgres dbname=drillsim_killed")
        _pg_ctl(cluster, "-m", "immediate", "stop")
        run.send_signal(signal.SIGCONT)
        _, err = run.communicate(timeout=180)
        assert run.returncode == 2, err
        assert "Traceback" not in err and err.count("\n") == 1, err
        assert err.startswith("drillsim: lost the store postgresql://postgres@127.0.0.1:") and "committed" in err
        options = f"-p {cluster.port} -k {cluster.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        _pg_ctl(cluster, "-o", options, "-l", str(cluster.folder / "log"), "-w", "start")
        store = ExerciseStore.open(url)
        [summary] = store.summaries()
        assert summary.status == "open"
        assert verify(store, summary.id).identical
        store.close()
        resumed = _drillsim("resume", summary.id.hex[:8], "--store", url)
        out, err = resumed.communicate(timeout=180)
        assert resumed.returncode == 0 and "ended" in out, err
    finally:
        cluster.stop()
