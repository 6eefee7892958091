"""`--open-worst K`: the K lowest-scoring runs of a sweep played again and stored as full exercises, so they can
be replayed, scored and forked like any other. A variant's runs are stored against its written data files."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from drillsim.session.live import LiveSession
from drillsim.store.application import ExerciseStore
from drillsim.sweep.api import SweepResult
from drillsim.sweep.stats import worst_runs


@dataclass(frozen=True)
class StoredRun:
    scenario: str
    variant: str
    policy: str
    seed: int
    score: float
    exercise_id: UUID


def store_worst(store: ExerciseStore, result: SweepResult, k: int) -> list[StoredRun]:
    """Play the `k` worst runs again into `store` (lowest score first; ties in dataset order)."""
    variants = {(v.loaded.scenario.id, v.label): v for v in result.job.groups}
    stored = []
    for row in worst_runs(result.parquet, k).iter_rows(named=True):
        variant = variants[(row["scenario"], row["variant"])]
        label = f"sweep worst: {row['policy']} seed {row['seed']}" + (f" [{variant.label}]" if variant.label else "")
        session = LiveSession.start(store, variant.loaded, row["seed"], row["policy"], commit=False, label=label)
        session.run()
        stored.append(StoredRun(row["scenario"], row["variant"], row["policy"], row["seed"], row["score"], session.id))
    return stored
