"""Engine throughput: whole headless Ordos exercises per second, and SimPy events per second next to a bare
SimPy loop measured in the same run (targets: ≥ 50 exercises/s on one core; event rate ≥ 1/4 of the bare loop)."""

from __future__ import annotations

import time

import simpy

from common import REPO, machine, pin_to_one_core

from drillsim.engine.runner import play
from drillsim.loading.scenarios import load_scenario

SEEDS = 100


def bare_simpy_rate(n: int = 200_000) -> float:
    """Events per second of a plain SimPy process doing nothing but timeouts."""
    env = simpy.Environment()

    def ticker(env: simpy.Environment):  # noqa: ANN202
        for _ in range(n):
            yield env.timeout(1)

    env.process(ticker(env))
    start = time.perf_counter()
    env.run()
    return n / (time.perf_counter() - start)


def shaped_simpy_rate(n_processes: int = 20_000) -> float:
    """Events per second of bare SimPy shaped like the engine: short-lived processes started with random delays,
    tens of them pending at once, each doing one timeout (no model logic at all)."""
    import random

    env = simpy.Environment()
    rng = random.Random(1)

    def delayed(env: simpy.Environment, delay: int):  # noqa: ANN202
        yield env.timeout(delay)

    def spawner(env: simpy.Environment):  # noqa: ANN202
        for _ in range(n_processes):
            env.process(delayed(env, rng.randint(60_000, 1_200_000)))
            yield env.timeout(rng.randint(1, 60_000))

    env.process(spawner(env))
    start = time.perf_counter()
    env.run()
    elapsed = time.perf_counter() - start
    return next(env._eid) / elapsed  # noqa: SLF001


def main() -> None:
    pin_to_one_core()
    loaded = load_scenario(REPO / "scenarios" / "ordos-coal-mine.yaml")
    play(loaded.plan, loaded.scenario, 0)  # warm up
    bare = max(bare_simpy_rate() for _ in range(3))
    start = time.perf_counter()
    simpy_events = domain_events = 0
    for seed in range(SEEDS):
        exercise = play(loaded.plan, loaded.scenario, seed, "plan", sink=lambda e: None)
        simpy_events += next(exercise.env._eid)  # how many events SimPy scheduled  # noqa: SLF001
        domain_events += len(exercise.events)
    elapsed = time.perf_counter() - start
    bare_after = max(bare_simpy_rate() for _ in range(3))
    bare_rate = (bare + bare_after) / 2
    shaped = max(shaped_simpy_rate() for _ in range(3))
    engine_rate = simpy_events / elapsed
    print(f"machine: {machine()} (pinned to one core)")
    print(f"ordos-coal-mine, plan policy, {SEEDS} seeds, in-memory sink")
    print(f"  whole exercises per second: {SEEDS / elapsed:8.1f}   (target ≥ 50)")
    print(f"  domain events per exercise: {domain_events / SEEDS:8.0f}")
    print(f"  SimPy events per exercise:  {simpy_events / SEEDS:8.0f}")
    print(f"  engine SimPy events/s:      {engine_rate:8.0f}")
    print(f"  bare SimPy loop events/s:   {bare_rate:8.0f}")
    print(f"  ratio engine / bare:        {engine_rate / bare_rate:8.3f}   (target ≥ 0.25)")
    print(f"  engine-shaped bare SimPy/s: {shaped:8.0f}   (processes started with random delays, no logic)")
    print(f"  ratio engine / shaped:      {engine_rate / shaped:8.3f}")


if __name__ == "__main__":
    main()
