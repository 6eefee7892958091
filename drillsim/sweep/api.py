"""Run a sweep: build the grid, run its tasks on an executor, stream the rows to the dataset, describe it."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from drillsim.loading.scenarios import LoadedScenario
from drillsim.sweep.dataset import DatasetWriter
from drillsim.sweep.executors import Executor, InProcess
from drillsim.sweep.grid import DEFAULT_CHUNK, SweepJob, make_job

Progress = Callable[[int, int], None]
"""Called with (runs done, runs in all) after each task."""


@dataclass(frozen=True)
class SweepResult:
    job: SweepJob
    parquet: Path
    csv: Path
    manifest: Path
    seconds: float
    """From the first task handed out to the dataset written."""
    running_seconds: float
    """From the first task handed out to the last result in (the parallel part)."""

    @property
    def runs(self) -> int:
        return self.job.runs


def variants_dir(stem: Path) -> Path:
    """Where the changed data files of a sweep's variants are written (stored worst runs replay from them)."""
    return stem.with_name(stem.name + ".variants")


def run_sweep(scenarios: Sequence[LoadedScenario], axes: Sequence[tuple[str, Sequence[str]]],
              policies: Sequence[str], seeds: Sequence[int], stem: Path, executor: Executor | None = None,
              progress: Progress | None = None, chunk: int = DEFAULT_CHUNK, describe: str = "") -> SweepResult:
    """Play and score every combination; write `<stem>.parquet`, `<stem>.csv` and `<stem>.json`."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    job = make_job(scenarios, axes, policies, seeds, variants_dir(stem), chunk)
    writer = DatasetWriter(stem, job.columns)
    tasks = job.tasks()
    runs_per_task = len(job.policies)
    started = time.perf_counter()
    done = 0
    for result in (executor or InProcess()).run(job, tasks):
        writer.add(result)
        done += sum(len(rows) for rows in result.rows)
        if progress is not None:
            progress(done, job.runs)
    running = time.perf_counter() - started
    parquet, csv = writer.finish()
    seconds = time.perf_counter() - started
    manifest = stem.with_suffix(".json")
    manifest.write_text(json.dumps({
        "scenarios": [s.scenario.id for s in scenarios],
        "policies": list(job.policies),
        "seeds": {"first": job.seeds[0] if job.seeds else None, "last": job.seeds[-1] if job.seeds else None,
                  "count": len(job.seeds)},
        "axes": {a: list(v) for a, v in axes},
        "runs": job.runs,
        "tasks": len(tasks),
        "runs_per_task": runs_per_task * job.chunk,
        "seconds": round(seconds, 3),
        "running_seconds": round(running, 3),
        "command": describe,
        "dataset": {"parquet": parquet.name, "csv": csv.name},
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return SweepResult(job, parquet, csv, manifest, seconds, running)
