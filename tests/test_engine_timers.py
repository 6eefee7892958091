"""engine.timers: delayed actions as one SimPy event each run in exactly the order the same actions run as
SimPy processes (start, timeout, end) — so the engine's streams stayed byte-identical when it switched."""

from __future__ import annotations

import simpy
from hypothesis import given, settings
from hypothesis import strategies as st

from drillsim.engine.timers import Timers

# A script: each step is (delay, children, then); an action, when it fires, logs itself, requests its children,
# and (unless `then` is None) waits `then` more in the same process and logs again.
Then = st.none() | st.integers(0, 3)
Script = st.recursive(st.tuples(st.integers(0, 3), st.just(()), Then),
                      lambda inner: st.tuples(st.integers(0, 3), st.lists(inner, max_size=4).map(tuple), Then),
                      max_leaves=40)


def with_processes(roots: list) -> list[tuple[int, str]]:
    env = simpy.Environment()
    log: list[tuple[int, str]] = []

    def action(name: str, delay: int, children: tuple, then: int | None):  # noqa: ANN202 - a SimPy process
        yield env.timeout(delay)
        log.append((int(env.now), name))
        for i, child in enumerate(children):
            env.process(action(f"{name}.{i}", *child))
        if then is not None:
            yield env.timeout(then)
            log.append((int(env.now), f"{name}/then"))

    for i, root in enumerate(roots):
        env.process(action(str(i), *root))
    env.run()
    return log


def with_timers(roots: list) -> list[tuple[int, str]]:
    env = simpy.Environment()
    timers = Timers(env)
    log: list[tuple[int, str]] = []

    def fire(name: str, children: tuple, then: int | None) -> None:
        log.append((int(env.now), name))
        for i, (d, c, t) in enumerate(children):
            timers.after(d, fire, f"{name}.{i}", c, t)
        if then is not None:
            timers.wait(then, lambda: log.append((int(env.now), f"{name}/then")))

    for i, (d, c, t) in enumerate(roots):
        timers.after(d, fire, str(i), c, t)
    env.run()
    return log


@settings(max_examples=300, deadline=None)
@given(st.lists(Script, min_size=1, max_size=6))
def test_timers_fire_in_the_order_processes_would(roots: list) -> None:
    assert with_timers(roots) == with_processes(roots)


def test_start_runs_where_a_process_body_would_run_before_its_first_yield() -> None:
    env = simpy.Environment()
    timers = Timers(env)
    log: list[str] = []

    def tick() -> None:
        log.append(f"tick@{env.now}")

    timers.start(lambda: log.append("started") or timers.wait(2, tick))
    timers.after(2, lambda: log.append(f"after@{env.now}"))
    log.append("requested")
    env.run()
    assert log == ["requested", "started", "tick@2", "after@2"]


@settings(max_examples=200, deadline=None)
@given(st.lists(Script, min_size=1, max_size=6), st.integers(1, 3))
def test_a_repeating_call_keeps_the_order_of_a_process_loop(roots: list, every: int) -> None:
    """A ticker (like the world's once-a-minute monitor) that starts one script per tick."""
    def processes() -> list[tuple[int, str]]:
        env = simpy.Environment()
        log: list[tuple[int, str]] = []

        def action(name: str, delay: int, children: tuple, then: int | None):  # noqa: ANN202
            yield env.timeout(delay)
            log.append((int(env.now), name))
            for i, child in enumerate(children):
                env.process(action(f"{name}.{i}", *child))

        def ticker():  # noqa: ANN202
            for i, root in enumerate(roots):
                yield env.timeout(every)
                log.append((int(env.now), f"tick{i}"))
                env.process(action(str(i), *root))

        env.process(ticker())
        env.run()
        return log

    def timers() -> list[tuple[int, str]]:
        env = simpy.Environment()
        t = Timers(env)
        log: list[tuple[int, str]] = []

        def fire(name: str, children: tuple, then: int | None) -> None:
            log.append((int(env.now), name))
            for i, (d, c, th) in enumerate(children):
                t.after(d, fire, f"{name}.{i}", c, th)

        def tick(i: int) -> None:
            log.append((int(env.now), f"tick{i}"))
            t.after(roots[i][0], fire, str(i), roots[i][1], roots[i][2])
            if i + 1 < len(roots):
                due.args = (i + 1,)
                due.again(every)

        due = None

        def begin() -> None:
            nonlocal due
            due = t.wait(every, tick, 0)

        t.start(begin)
        env.run()
        return log

    assert timers() == processes()
