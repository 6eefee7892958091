"""A facilitator's single step: the simulation runs to just past the next moment something is scheduled."""

from __future__ import annotations

from drillsim.engine.runner import play

MIN = 60_000


def test_a_step_after_a_stretch_of_running_reaches_the_next_scheduled_moment(mini_mine) -> None:
    ex = play(mini_mine.plan, mini_mine.scenario, 2, "plan", until=45 * MIN + 31_000)
    stopped = ex.now
    nxt = ex.next_event_time()
    assert nxt is not None and nxt > stopped  # not the stop event the run left behind at `now`
    ex.step()
    assert ex.now == nxt + 1


def test_steps_keep_moving_and_events_keep_coming(mini_mine) -> None:
    ex = play(mini_mine.plan, mini_mine.scenario, 2, "plan", until=10 * MIN)
    seen, times = len(ex.events), []
    for _ in range(20):
        ex.step()
        times.append(ex.now)
    assert times == sorted(set(times)) and times[0] > 10 * MIN  # an event due at 10 min itself comes first
    assert len(ex.events) > seen
