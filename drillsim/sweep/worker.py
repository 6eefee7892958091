"""What runs inside a worker process (local pool or Dask): the job is installed once per process from its
pickle, then each task plays its seeds and returns their rows."""

from __future__ import annotations

import pickle
from dataclasses import dataclass

from drillsim.sweep.grid import SweepJob, Task
from drillsim.sweep.run_one import Group, Row, prepare, run_seed


@dataclass(frozen=True)
class TaskResult:
    """The rows of one task, one list per policy (in the job's policy order)."""

    group: int
    chunk: int
    rows: tuple[list[Row], ...]


_INSTALLED: dict[str, tuple[SweepJob, list[Group]]] = {}
"""Jobs this process has unpickled, by key (a Dask worker may serve several sweeps)."""


def install(payload: bytes) -> str:
    """Unpickle a job and prepare its variants; returns the job's key."""
    job: SweepJob = pickle.loads(payload)
    if job.key not in _INSTALLED:
        _INSTALLED.clear()  # one sweep at a time per process: memory stays flat
        _INSTALLED[job.key] = (job, [prepare(v, job.columns.axes) for v in job.groups])
    return job.key


def run_task(key: str, task: Task) -> TaskResult:
    """Play and score every seed of the task under every policy of the installed job."""
    job, groups = _INSTALLED[key]
    rows: tuple[list[Row], ...] = tuple([] for _ in job.policies)
    for seed in task.seeds:
        for i, row in enumerate(run_seed(groups[task.group], job.policies, seed, job.columns)):
            rows[i].append(row)
    return TaskResult(task.group, task.chunk, rows)


def run_task_with(payload: bytes, key: str, task: Task) -> TaskResult:
    """A task for a Dask worker: install the job on first use (the payload is scattered to every worker once)."""
    if key not in _INSTALLED:
        install(payload)
    return run_task(key, task)
