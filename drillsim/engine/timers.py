"""Delayed actions on the SimPy environment, each one event with a callback instead of a SimPy process.

A process costs three SimPy events (its start, its timeout, its end), a generator and a resume per step; a
delayed call here costs one event. To keep event streams identical to the process-based engine, each call's
event is created where SimPy would have run a new process's body up to its first `yield`: in one urgent event
at the current time, which starts every action requested since, in the order they were requested.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simpy import Environment
from simpy.events import NORMAL, URGENT, Event


class _Due(Event):
    """A triggered event that calls `func(*args)` when the environment processes it."""

    def __init__(self, env: Environment, delay: int, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.env = env
        self.callbacks = [_call]
        self._ok = True
        self._value = None
        self.func, self.args = func, args
        env.schedule(self, NORMAL, delay)

    def again(self, delay: int) -> None:
        """Schedule this same call once more, `delay` ms from now (for an action that repeats itself: from
        inside its own call, exactly where a process looping on `yield env.timeout(delay)` would)."""
        self.callbacks = [_call]
        self.env.schedule(self, NORMAL, delay)


def _call(event: _Due) -> None:
    event.func(*event.args)


class Timers:
    """Start actions as SimPy would start processes, and wait without a process."""

    __slots__ = ("env", "_starting")

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._starting: list[tuple[int | None, Callable[..., Any], tuple[Any, ...]]] = []

    def _request(self, item: tuple[int | None, Callable[..., Any], tuple[Any, ...]]) -> None:
        if not self._starting:
            event = Event(self.env)
            event._ok = True  # noqa: SLF001 - a triggered event, as simpy.events.Initialize makes one
            event._value = None  # noqa: SLF001
            event.callbacks.append(self._begin)  # type: ignore[union-attr]
            self.env.schedule(event, URGENT)
        self._starting.append(item)

    def start(self, begin: Callable[..., Any], *args: Any) -> None:
        """Call `begin(*args)` where the body of a process started now would run up to its first `yield`."""
        self._request((None, begin, args))

    def after(self, delay: int, func: Callable[..., Any], *args: Any) -> None:
        """Like starting a process that waits `delay` ms and then calls `func(*args)`."""
        self._request((delay, func, args))

    def wait(self, delay: int, func: Callable[..., Any], *args: Any) -> _Due:
        """Like `yield env.timeout(delay)` inside a running process, then `func(*args)`."""
        return _Due(self.env, delay, func, args)

    def _begin(self, _event: Event) -> None:
        starting, self._starting = self._starting, []
        env = self.env
        for delay, func, args in starting:
            if delay is None:
                func(*args)
            else:
                _Due(env, delay, func, args)
