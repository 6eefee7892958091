"""Sweep throughput, every figure a ratio measured in one run:

1. engine: whole exercises per second on one core against engine 4 (commit 3fcf2d2, checked out with
   `git worktree add --detach /tmp/engine4 3fcf2d2`), the two measured alternately in subprocesses on the same
   scenario and seeds (target ≥ 1.3×);
2. scoring inside a sweep (reference run played and evaluated once per seed) against scoring each run on its
   own (`score_exercise`, which re-plays the reference every time);
3. worker start-up: unpickling the job against parsing the YAML files;
4. parallel efficiency of the local pool on all cores against one worker, alternately (target ≥ 0.9);
5. peak memory of the sweeping process for a small and a ten times larger sweep (flat in the number of runs).

Usage: .venv/bin/python benchmarks/bench_sweep.py [--engine-only] [--old /tmp/engine4] [--seeds N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, machine

SCENARIO = REPO / "scenarios" / "ordos-coal-mine.yaml"
POLICIES = ("plan", "late-reporter")

ENGINE_CHILD = """
import json, os, sys, time
core = int(sys.argv[3])
os.sched_setaffinity(0, {core})
from drillsim.engine.runner import play
from drillsim.loading.scenarios import load_scenario
loaded = load_scenario(sys.argv[1])
seeds = range(int(sys.argv[2]))
policies = sys.argv[4].split(",")
for p in policies:
    play(loaded.plan, loaded.scenario, 10_000, p)
start = time.process_time()
events = 0
for seed in seeds:
    for p in policies:
        events += len(play(loaded.plan, loaded.scenario, seed, p).events)
cpu = time.process_time() - start
print(json.dumps({"rate": len(seeds) * len(policies) / cpu, "events": events}))
"""

MEMORY_CHILD = """
import json, resource, sys
from pathlib import Path
from drillsim.loading.scenarios import load_scenario
from drillsim.sweep.api import run_sweep
from drillsim.sweep.executors import LocalPool
loaded = load_scenario(sys.argv[1])
result = run_sweep([loaded], [], ["plan", "late-reporter"], range(int(sys.argv[2])), Path(sys.argv[3]),
                   LocalPool(int(sys.argv[4])))
print(json.dumps({"runs": result.runs, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def child(code: str, tree: Path, *args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True,
                         cwd=tempfile.gettempdir())
    return json.loads(out.stdout.strip().splitlines()[-1])


def engine_ratio(old: Path, seeds: int, rounds: int) -> None:
    core = sorted(os.sched_getaffinity(0))[0]
    new_rates, old_rates = [], []
    for _ in range(rounds):
        old_rates.append(child(ENGINE_CHILD, old, str(SCENARIO), str(seeds), str(core), ",".join(POLICIES))["rate"])
        new_rates.append(child(ENGINE_CHILD, REPO, str(SCENARIO), str(seeds), str(core), ",".join(POLICIES))["rate"])
    print(f"1. engine, {SCENARIO.stem}, {seeds} seeds × {'+'.join(POLICIES)}, one core, CPU time, {rounds} rounds "
          f"alternating")
    print(f"   engine 4 ({old}):  best {max(old_rates):7.1f} exercises/s   all {[round(r, 1) for r in old_rates]}")
    print(f"   this tree:           best {max(new_rates):7.1f} exercises/s   all {[round(r, 1) for r in new_rates]}")
    per_round = sorted(n / o for n, o in zip(new_rates, old_rates))
    print(f"   ratio (best/best):   {max(new_rates) / max(old_rates):7.2f}   (target ≥ 1.3); per round "
          f"{[round(r, 2) for r in per_round]}, median {per_round[len(per_round) // 2]:.2f}")


def scoring_ratio(loaded, seeds: int) -> None:  # noqa: ANN001
    from drillsim.engine.runner import play
    from drillsim.scoring.api import score_exercise
    from drillsim.sweep.columns import build_columns
    from drillsim.sweep.run_one import prepare, run_seed
    from drillsim.sweep.variants import Variant
    from drillsim.scoring.parameters import DEFAULT_PARAMETERS

    group = prepare(Variant(loaded, (), DEFAULT_PARAMETERS), ())
    columns = build_columns((), list(group.index.obligations), sorted(group.index.levels),
                            [h.id for h in group.index.handovers])
    start = time.process_time()
    for seed in range(seeds):
        run_seed(group, POLICIES, seed, columns)
    swept = time.process_time() - start
    start = time.process_time()
    for seed in range(seeds):
        for policy in POLICIES:
            score_exercise(loaded, play(loaded.plan, loaded.scenario, seed, policy).events)
    alone = time.process_time() - start
    runs = seeds * len(POLICIES)
    print(f"2. play + score, {runs} runs ({'+'.join(POLICIES)}), CPU time")
    print(f"   in a sweep (reference once per seed): {runs / swept:7.1f} runs/s")
    print(f"   one by one (score_exercise):          {runs / alone:7.1f} runs/s")
    print(f"   ratio:                                {alone / swept:7.2f}")


def startup(loaded) -> None:  # noqa: ANN001
    import pickle

    from drillsim.loading.scenarios import load_scenario
    from drillsim.sweep.api import variants_dir
    from drillsim.sweep.grid import make_job
    from drillsim.sweep.worker import install

    with tempfile.TemporaryDirectory() as tmp:
        job = make_job([loaded], [], POLICIES, range(10), variants_dir(Path(tmp) / "s"))
        payload = job.payload()
        start = time.perf_counter()
        for _ in range(5):
            load_scenario(SCENARIO)
        yaml_s = (time.perf_counter() - start) / 5
        start = time.perf_counter()
        for _ in range(5):
            pickle.loads(payload)
            install(payload)
        install_s = (time.perf_counter() - start) / 5
    print(f"3. worker start-up: job payload {len(payload) / 1024:.0f} KiB")
    print(f"   parse + check the YAML files:  {1000 * yaml_s:7.1f} ms")
    print(f"   unpickle + prepare the job:    {1000 * install_s:7.1f} ms   (ratio {install_s / yaml_s:.3f})")


def parallel(loaded, seeds: int, rounds: int) -> None:  # noqa: ANN001
    from drillsim.sweep.api import run_sweep
    from drillsim.sweep.executors import LocalPool, local_cores

    cores = local_cores()
    one, many, one_cpu, many_cpu = [], [], [], []

    def cpu() -> float:
        return sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                   for f in ("ru_utime", "ru_stime"))

    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            for workers, results, cpus in ((1, one, one_cpu), (cores, many, many_cpu)):
                before = cpu()
                results.append(run_sweep([loaded], [], POLICIES, range(seeds), Path(tmp) / f"{workers}-{r}",
                                         LocalPool(workers)))
                cpus.append(cpu() - before)
    one_s, many_s = [r.running_seconds for r in one], [r.running_seconds for r in many]
    runs = seeds * len(POLICIES)
    speedup = min(one_s) / min(many_s)
    print(f"4. local pool, {runs} runs, wall clock of the running part (dataset joined after), {rounds} rounds "
          f"alternating, load average now {os.getloadavg()[0]:.1f}")
    print(f"   1 worker:  best {min(one_s):6.1f} s ({runs / min(one_s):6.1f} runs/s)   all "
          f"{[round(x, 1) for x in one_s]}")
    print(f"   {cores} workers: best {min(many_s):6.1f} s ({runs / min(many_s):6.1f} runs/s)   all "
          f"{[round(x, 1) for x in many_s]}")
    print(f"   speed-up {speedup:.2f}, parallel efficiency {speedup / cores:.2f}   (target ≥ 0.9); whole sweep incl. "
          f"joining the dataset: {min(r.seconds for r in one):.1f} s vs {min(r.seconds for r in many):.1f} s")
    print(f"   CPU seconds for the same sweep: 1 worker {min(one_cpu):.1f}, {cores} workers {min(many_cpu):.1f} "
          f"(CPU efficiency {min(one_cpu) / min(many_cpu):.2f}: what parallel running costs in extra work, whatever "
          f"else the machine runs)")


def memory(small: int) -> None:
    from drillsim.sweep.executors import local_cores

    with tempfile.TemporaryDirectory() as tmp:
        for workers in (1, local_cores()):
            a, b = (child(MEMORY_CHILD, REPO, str(SCENARIO), str(n), str(Path(tmp) / f"m{n}-{workers}"), str(workers))
                    for n in (small, 10 * small))
            print(f"5. peak RSS, {workers} worker(s): sweeping process {a['peak_kb'] / 1024:.1f} MiB for {a['runs']} "
                  f"runs, {b['peak_kb'] / 1024:.1f} MiB for {b['runs']} (ratio {b['peak_kb'] / a['peak_kb']:.2f}); "
                  f"largest worker {a['children_kb'] / 1024:.1f} / {b['children_kb'] / 1024:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", type=Path, default=Path("/tmp/engine4"))
    parser.add_argument("--seeds", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--engine-only", action="store_true")
    args = parser.parse_args()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f}")
    if (args.old / "drillsim").is_dir():
        engine_ratio(args.old, args.seeds, args.rounds)
    else:
        print(f"1. engine: skipped, no engine-4 checkout at {args.old} (git worktree add --detach {args.old} 3fcf2d2)")
    if args.engine_only:
        return
    from drillsim.loading.scenarios import load_scenario

    loaded = load_scenario(SCENARIO)
    scoring_ratio(loaded, max(10, args.seeds // 4))
    startup(loaded)
    parallel(loaded, args.seeds, args.rounds)
    memory(max(20, args.seeds // 2))


if __name__ == "__main__":
    main()
