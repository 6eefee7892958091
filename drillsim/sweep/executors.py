"""Where a sweep's tasks run: in this process, in a pool of local worker processes, or on a Dask cluster.
Each yields task results as they finish; the dataset writer puts them back in row order."""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Protocol

from drillsim.sweep.grid import SweepJob, Task
from drillsim.sweep.worker import TaskResult, install, run_task, run_task_with

AHEAD = 3
"""Tasks handed out per worker before results come back: enough to keep every worker busy, few enough that
finished rows do not pile up in memory (they go to disk as each task returns)."""


class Executor(Protocol):
    def run(self, job: SweepJob, tasks: Sequence[Task]) -> Iterator[TaskResult]: ...


def local_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class InProcess:
    """Runs every task here, one after the other (one worker, no start-up)."""

    def run(self, job: SweepJob, tasks: Sequence[Task]) -> Iterator[TaskResult]:
        key = install(job.payload())
        for task in tasks:
            yield run_task(key, task)


class LocalPool:
    """Worker processes on this machine, each given the pickled job once when it starts."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or local_cores()

    def run(self, job: SweepJob, tasks: Sequence[Task]) -> Iterator[TaskResult]:
        if self.workers <= 1:
            yield from InProcess().run(job, tasks)
            return
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        queue = iter(tasks)
        window = AHEAD * self.workers
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=install,
                                 initargs=(job.payload(),)) as pool:
            pending = {pool.submit(run_task, job.key, t) for t in itertools.islice(queue, window)}
            try:
                while pending:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    pending |= {pool.submit(run_task, job.key, t) for t in itertools.islice(queue, len(done))}
                    for future in done:
                        yield future.result()
            finally:
                for future in pending:
                    future.cancel()


class DaskCluster:
    """A Dask distributed scheduler (`tcp://host:8786`) or a `distributed.Client` already connected.

    Needs the optional extra `drillsim[cluster]` here and drillsim installed on every worker.
    """

    def __init__(self, address: object) -> None:
        self.address = address

    def run(self, job: SweepJob, tasks: Sequence[Task]) -> Iterator[TaskResult]:
        try:
            from distributed import Client, as_completed as dask_completed
        except ImportError:
            raise RuntimeError("--cluster needs Dask: pip install 'drillsim[cluster]'") from None
        own = not isinstance(self.address, Client)
        client = Client(self.address) if own else self.address
        try:
            [payload] = client.scatter([job.payload()], broadcast=True)
            queue = iter(tasks)
            window = AHEAD * max(1, len(client.scheduler_info()["workers"]))
            running = dask_completed([client.submit(run_task_with, payload, job.key, t, pure=False)
                                      for t in itertools.islice(queue, window)], with_results=True)
            try:
                for _, result in running:
                    for t in itertools.islice(queue, 1):
                        running.add(client.submit(run_task_with, payload, job.key, t, pure=False))
                    yield result
            finally:
                running.clear()
        finally:
            if own:
                client.close()
