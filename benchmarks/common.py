"""Shared helpers for the benchmarks: timing, the machine description, loading scenarios."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def machine() -> str:
    """One line describing where the numbers were measured."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def timings(func: Callable[[], object], repeat: int = 5) -> list[float]:
    """Wall-clock seconds of `repeat` calls of `func`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def best_of(func: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of `repeat` timings, in seconds (the least disturbed by a noisy machine)."""
    return min(timings(func, repeat))


def cpu_best_of(func: Callable[[], object], repeat: int = 3) -> float:
    """The least CPU time (user + system of this process) of `repeat` calls of `func`, in seconds.

    On a shared machine the wall clock measures the other processes too; CPU time much less so.
    """
    times = []
    for _ in range(repeat):
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
    return min(times)


def median_of(func: Callable[[], object], repeat: int = 5) -> float:
    return statistics.median(timings(func, repeat))


def pin_to_one_core() -> None:
    """Run on one core, as the targets are stated per core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
