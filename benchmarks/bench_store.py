"""Event-store figures on SQLite and PostgreSQL (each measured in one run, so ratios are comparable):

- a persisted headless run over the same run in memory (target ≤ 1.5 on SQLite);
- `show --at` on a 20,000-event exercise over a full fold of it (target ≤ 1/20);
- events written and read per second;
- peak memory of replaying the 20,000-event exercise (target ≤ 200 MB).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from common import REPO, best_of, machine

from drillsim.engine.decisions import Note
from drillsim.engine.runner import play
from drillsim.loading.scenarios import load_scenario
from drillsim.session.live import LiveSession
from drillsim.store.application import ExerciseStore

MIN = 60_000


def persisted_ratio(url: str, loaded, seeds: int = 20) -> tuple[float, float]:  # noqa: ANN001
    store = ExerciseStore.open(url)
    memory = best_of(lambda: [play(loaded.plan, loaded.scenario, s) for s in range(seeds)], repeat=3) / seeds
    # as `drillsim run` does it: the opening events go out with the run's commits
    persisted = best_of(lambda: [LiveSession.start(store, loaded, s, commit=False).run() for s in range(seeds)],
                        repeat=3) / seeds
    store.close()
    return memory, persisted


def build_big(url: str, loaded, notes: int = 10_000):  # noqa: ANN001, ANN201
    """An exercise of ≥ 20,000 events: the scenario plus a facilitator note every few simulated seconds."""
    store = ExerciseStore.open(url)
    session = LiveSession.start(store, loaded, seed=1, human_roles=["banner"])
    step = (loaded.scenario.duration - MIN) // notes
    start = time.perf_counter()
    for i in range(notes):
        session.advance_to((i + 1) * step)
        session.decide(Note(actor="county_government", text=f"记录 {i}"))
    session.run()
    elapsed = time.perf_counter() - start
    events = len(session.events)
    return store, session.id, events, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", help="PostgreSQL URL (default: start a throwaway cluster if possible)")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    loaded = load_scenario(REPO / "scenarios" / "ordos-coal-mine.yaml")
    tmp = Path(tempfile.mkdtemp())
    backends = [("SQLite", f"sqlite:///{tmp / 'bench.sqlite'}", f"sqlite:///{tmp / 'big.sqlite'}")]
    cluster = None
    if not args.no_postgres:
        if args.postgres:
            backends.append(("PostgreSQL", args.postgres, args.postgres))
        else:
            sys.path.insert(0, str(REPO))
            from tests.pg_cluster import NoPostgres, start_cluster

            try:
                cluster = start_cluster()
                backends.append(("PostgreSQL", cluster.create_database("bench_runs"), cluster.create_database("bench_big")))
            except NoPostgres as error:
                print(f"(PostgreSQL skipped: {error})")
    print(f"machine: {machine()}")
    try:
        for name, url, big_url in backends:
            memory, persisted = persisted_ratio(url, loaded)
            print(f"\n{name}")
            print(f"  Ordos run in memory:            {memory * 1000:8.1f} ms")
            print(f"  Ordos run persisted:            {persisted * 1000:8.1f} ms")
            print(f"  persisted / in memory:          {persisted / memory:8.2f}   (target ≤ 1.5 on SQLite)")
            store, ident, events, build_time = build_big(big_url, loaded)
            print(f"  big exercise: {events} events, {10_000} decisions committed one by one")
            print(f"  events written per second:      {events / build_time:8.0f}   (live, one commit per decision)")
            gc.collect()
            read = best_of(lambda: store.domain_events(ident), repeat=3)
            print(f"  events read per second:         {events / read:8.0f}")
            full = best_of(lambda: store.full_state(ident), repeat=3)
            end = store.log(ident).last_t
            at = best_of(lambda: [store.state_at(ident, t) for t in (end // 3, end // 2, end * 3 // 4)], repeat=3) / 3
            print(f"  full fold:                      {full * 1000:8.1f} ms")
            print(f"  show --at (from a checkpoint):  {at * 1000:8.1f} ms")
            print(f"  show --at / full fold:          {at / full:8.3f}   (target ≤ 0.05)")
            gc.collect()
            tracemalloc.start()
            store.full_state(ident)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"  peak memory replaying it:       {peak / 2**20:8.1f} MB   (target ≤ 200 MB)")
            store.close()
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
