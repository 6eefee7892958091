"""Event-store figures on SQLite and PostgreSQL (each measured in one run, so ratios are comparable):

- a persisted headless run over the same run in memory (target ≤ 1.5 on SQLite);
- `show --at` on a 20,000-event exercise over a full fold of it (target ≤ 1/20);
- events written and read per second;
- peak memory of replaying the 20,000-event exercise (target ≤ 200 MB);
- with `--linear`: the cost per event of writing, reading in full, scoring and `show --at` for exercises of
  2.5k, 5k, 10k, 20k and 40k events, and the 40k/2.5k ratio of those per-event costs (target: about 1,
  i.e. linear; the 40k-event exercise scored in under 1 s including the read), and the start-up time of
  `drillsim --help` and `drillsim plans` (targets: 0.3 s and about as fast).
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from uuid import UUID

from common import REPO, best_of, cpu_best_of, machine

from drillsim.decisions import Note
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
    """An exercise of ≥ 2 × `notes` events: the scenario plus a note by a person every few simulated seconds."""
    store = ExerciseStore.open(url)
    session = LiveSession.start(store, loaded, seed=1, human_roles=["banner"])
    step = (loaded.scenario.duration - MIN) // max(notes, 1)
    start = time.perf_counter()
    for i in range(notes):
        session.advance_to((i + 1) * step)
        session.decide(Note(actor="county_government", text=f"记录 {i}"))
    session.run()
    elapsed = time.perf_counter() - start
    events = len(session.events)
    return store, session.id, events, elapsed


LINEAR_SIZES = (2_500, 5_000, 10_000, 20_000, 40_000)


def linear_costs(tmp: Path, loaded, sizes: tuple[int, ...] = LINEAR_SIZES) -> None:  # noqa: ANN001
    """Per-event cost of each operation on exercises of growing length, and how it changes from the smallest."""
    from drillsim.workspace import Workspace

    def score_afresh(path: Path, ident: UUID) -> None:  # as `drillsim score` does: open, read, score
        with Workspace(f"sqlite:///{path}") as workspace:
            workspace.score(ident)

    probe, _, base_events, _ = build_big(f"sqlite:///{tmp / 'probe.sqlite'}", loaded, notes=0)
    probe.close()  # each note adds two events (the note and its acceptance) to the people-played run
    rows: dict[str, list[float]] = {"write": [], "full read": [], "full fold": [], "score": [], "show --at": []}
    counts, sizes_mb, checkpoint_mb = [], [], []
    for size in sizes:
        path = tmp / f"linear-{size}.sqlite"
        cpu_start = time.process_time()
        store, ident, events, _ = build_big(f"sqlite:///{path}", loaded, notes=(size - base_events) // 2)
        build_time = time.process_time() - cpu_start
        counts.append(events)
        sizes_mb.append(path.stat().st_size / 2**20)
        with sqlite3.connect(path) as db:
            checkpoint_mb.append(db.execute("SELECT coalesce(sum(length(state)), 0) FROM stored_events "
                                            "WHERE topic LIKE '%Checkpoint%'").fetchone()[0] / 2**20)
        rows["write"].append(build_time / events)
        store.close()
        gc.collect()
        # every read below opens the store afresh, as a command does
        rows["full read"].append(cpu_best_of(lambda: _reopened(path, lambda s: s.read(ident))) / events)
        rows["full fold"].append(cpu_best_of(lambda: _reopened(path, lambda s: s.full_state(ident))) / events)
        rows["score"].append(cpu_best_of(lambda: score_afresh(path, ident)) / events)
        end = _reopened(path, lambda s: s.log(ident).last_t)
        rows["show --at"].append(cpu_best_of(lambda: _reopened(path, lambda s: s.state_at(ident, end * 3 // 4)))
                                 / events)
    print("\nLinear cost (SQLite; µs of CPU per event, least of 3; one commit per person's input)")
    print(f"  {'events':>24}" + "".join(f"{n:>10,}" for n in counts) + f"{'40k/2.5k':>10}")
    print(f"  {'database size (MB)':>24}" + "".join(f"{mb:>10.1f}" for mb in sizes_mb))
    print(f"  {'of which checkpoints (MB)':>24}" + "".join(f"{mb:>10.2f}" for mb in checkpoint_mb))
    for name, costs in rows.items():
        print(f"  {name:>24}" + "".join(f"{c * 1e6:>10.1f}" for c in costs) + f"{costs[-1] / costs[0]:>10.2f}")
    ratios = [at / full for at, full in zip(rows["show --at"], rows["full fold"])]
    print(f"  {'show --at / full fold':>24}" + "".join(f"{r:>10.3f}" for r in ratios) + "   (target ≤ 0.05)")
    for name, costs in rows.items():
        print(f"  {name} of the {counts[-1]:,}-event exercise: {costs[-1] * counts[-1] * 1000:.0f} ms of CPU")


def startup(runs: int = 7) -> None:
    """Wall-clock and CPU time of `drillsim --help` and `drillsim plans` as new processes (median of `runs`)."""
    script = Path(sys.executable).parent / "drillsim"
    print("\nStart-up (new process; median wall / median CPU of user + system)")
    for label, args, env in (("drillsim --help", ["--help"], {}),
                             ("drillsim plans (cached plans)", ["plans"], {}),
                             ("drillsim plans (no cache)", ["plans"], {"DRILLSIM_CACHE_DIR": ""}),
                             ("drillsim run --help", ["run", "--help"], {})):
        walls, cpus = [], []
        subprocess.run([str(script), *args], capture_output=True, check=True)  # fills the cache
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([str(script), *args], capture_output=True, check=True, env={**os.environ, **env})
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        print(f"  {label:<32} {statistics.median(walls) * 1000:6.0f} ms wall  "
              f"{statistics.median(cpus) * 1000:6.0f} ms CPU")


def _reopened(path: Path, query):  # noqa: ANN001, ANN202
    store = ExerciseStore.open(f"sqlite:///{path}")
    try:
        return query(store)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--linear", action="store_true", help="only the linear-cost table (SQLite) and start-up")
    parser.add_argument("--sizes", type=lambda text: tuple(int(n) for n in text.split(",")), default=LINEAR_SIZES,
                        help="exercise lengths for --linear, comma-separated")
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
    if args.linear:
        startup()
        linear_costs(tmp, loaded, args.sizes)
        return
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
