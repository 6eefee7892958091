"""The sweep's dataset on disk: each task's rows go to a small Parquet part as they arrive (memory stays flat
in the number of runs); at the end the parts are joined in row order into `<name>.parquet` and `<name>.csv`."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from drillsim.sweep.columns import FLOAT, INT, Columns
from drillsim.sweep.run_one import Row
from drillsim.sweep.worker import TaskResult

_DTYPES = {INT: pl.Int64, FLOAT: pl.Float64}


def schema(columns: Columns) -> dict[str, pl.DataType]:
    """The polars schema of the dataset."""
    return {name: _DTYPES.get(kind, pl.String) for name, kind in zip(columns.names, columns.kinds)}


class DatasetWriter:
    """Writes parts under `<stem>.parts/`, then the finished dataset beside them."""

    def __init__(self, stem: Path, columns: Columns) -> None:
        self.stem = Path(stem)
        self.columns = columns
        self.schema = schema(columns)
        self.parts = self.stem.with_name(self.stem.name + ".parts")
        if self.parts.exists():
            shutil.rmtree(self.parts)
        self.parts.mkdir(parents=True)

    @property
    def parquet(self) -> Path:
        return self.stem.with_suffix(".parquet")

    @property
    def csv(self) -> Path:
        return self.stem.with_suffix(".csv")

    def add(self, result: TaskResult) -> None:
        """Store one task's rows (one part per policy), named so that sorting the names gives row order."""
        for policy, rows in enumerate(result.rows):
            if rows:
                name = f"g{result.group:05d}-p{policy:03d}-c{result.chunk:07d}.parquet"
                self.frame(rows).write_parquet(self.parts / name)

    def frame(self, rows: Sequence[Row]) -> pl.DataFrame:
        return pl.DataFrame(rows, schema=self.schema, orient="row")

    def finish(self) -> tuple[Path, Path]:
        """Join the parts in row order into the Parquet and CSV files; remove the parts."""
        files = sorted(self.parts.glob("*.parquet"))
        lazy = pl.scan_parquet(files, schema=self.schema) if files else self.frame([]).lazy()
        lazy.sink_parquet(self.parquet, maintain_order=True)
        pl.scan_parquet(self.parquet).sink_csv(self.csv, maintain_order=True)
        shutil.rmtree(self.parts)
        return self.parquet, self.csv
