"""What a sweep's dataset says, per scenario × variant × policy: score distribution, how often each reporting
obligation was missed (with a Wilson 95 % interval), how long until each response level and each handover.

Computed lazily from the Parquet file with polars, so a summary reads only the columns it needs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import polars as pl

Z95 = 1.959963984540054
"""The two-sided 95 % quantile of the standard normal distribution."""

GROUP_KEYS = ("scenario", "variant", "policy")
QUANTILES = (0.05, 0.5, 0.95)


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion: (low, high); (0, 1) when n is 0."""
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Spread:
    """Mean and quantiles of a measure over the runs where it happened (`n` of them)."""

    n: int
    mean: float | None
    p5: float | None
    p50: float | None
    p95: float | None


@dataclass(frozen=True)
class MissRate:
    """How often an obligation was late or missed among the runs in which its deadline came due."""

    rule: str
    due: int
    misses: int
    late: int
    missed: int
    rate: float | None
    low: float
    high: float
    late_p95: float | None
    """95th percentile of lateness in minutes among the late runs."""


@dataclass(frozen=True)
class GroupSummary:
    scenario: str
    variant: str
    policy: str
    runs: int
    score: Spread
    conclusions: dict[str, int]
    obligations: tuple[MissRate, ...]
    levels: dict[int, Spread]
    """Minutes from the accident until that response level (or a higher one); n = runs that reached it."""
    handovers: dict[str, Spread]
    params: dict[str, str | None]


def _spread(frame: pl.DataFrame, column: str) -> Spread:
    values = frame.get_column(column).drop_nulls()
    if values.len() == 0:
        return Spread(0, None, None, None, None)
    qs = [values.quantile(q, interpolation="linear") for q in QUANTILES]
    return Spread(values.len(), round(float(values.mean()), 3), *(round(float(q), 3) for q in qs))


def summarise(parquet: Path) -> list[GroupSummary]:
    """One summary per (scenario, variant, policy), in dataset order."""
    lazy = pl.scan_parquet(parquet)
    names = lazy.collect_schema().names()
    rules = [n.removeprefix("ob.").removesuffix(".status") for n in names if n.startswith("ob.") and n.endswith(".status")]
    levels = sorted(int(n.split("_")[2]) for n in names if n.startswith("t_level_"))
    handovers = [n.removeprefix("handover.").removesuffix("_min") for n in names if n.startswith("handover.")]
    params = [n for n in names if n.startswith("param.")]
    keys = lazy.select(GROUP_KEYS).unique(maintain_order=True).collect()
    out = []
    for scenario, variant, policy in keys.iter_rows():
        frame = lazy.filter((pl.col("scenario") == scenario) & (pl.col("variant") == variant)
                            & (pl.col("policy") == policy)).collect()
        first = frame.row(0, named=True)
        out.append(GroupSummary(
            scenario, variant, policy, frame.height, _spread(frame, "score"),
            {str(k): int(v) for k, v in frame.get_column("conclusion").value_counts(sort=True).iter_rows()},
            tuple(_miss_rate(frame, rule) for rule in rules),
            {lv: _spread(frame, f"t_level_{lv}_min") for lv in levels},
            {h: _spread(frame, f"handover.{h}_min") for h in handovers},
            {p.removeprefix("param."): first[p] for p in params},
        ))
    return out


def _miss_rate(frame: pl.DataFrame, rule: str) -> MissRate:
    status = frame.get_column(f"ob.{rule}.status")
    late = int((status == "late").sum())
    missed = int((status == "missed").sum())
    due = late + missed + int((status == "met").sum())
    low, high = wilson(late + missed, due)
    lateness = frame.filter(pl.col(f"ob.{rule}.status") == "late").get_column(f"ob.{rule}.late_min")
    p95 = lateness.quantile(0.95, interpolation="linear") if lateness.len() else None
    return MissRate(rule, due, late + missed, late, missed, round((late + missed) / due, 4) if due else None,
                    round(low, 4), round(high, 4), round(float(p95), 3) if p95 is not None else None)


def worst_runs(parquet: Path, worst: int) -> pl.DataFrame:
    """The `worst` runs by score (lowest first; ties by dataset order), with what identifies them."""
    lazy = pl.scan_parquet(parquet).with_row_index("row")
    keep = ["row", "scenario", "variant", "policy", "seed", "score"]
    return lazy.select(keep).sort(["score", "row"]).head(worst).collect()


@dataclass(frozen=True)
class Histogram:
    """Counts of the overall score in equal bins; `edges` has one more entry than `counts`."""

    edges: tuple[float, ...]
    counts: tuple[int, ...]


def score_histograms(parquet: Path, bins: int = 40) -> list[Histogram]:
    """One histogram per group (dataset order), all on the same bins."""
    lazy = pl.scan_parquet(parquet)
    bounds = lazy.select(pl.col("score").min().alias("low"), pl.col("score").max().alias("high")).collect().row(0)
    low, high = (float(bounds[0]), float(bounds[1])) if bounds[0] is not None else (0.0, 100.0)
    if high - low < 1.0:
        low, high = low - 0.5, high + 0.5
    width = (high - low) / bins
    edges = tuple(round(low + i * width, 4) for i in range(bins + 1))
    keys = lazy.select(GROUP_KEYS).unique(maintain_order=True).collect()
    out = []
    for scenario, variant, policy in keys.iter_rows():
        binned = (lazy.filter((pl.col("scenario") == scenario) & (pl.col("variant") == variant)
                              & (pl.col("policy") == policy))
                  .select(((pl.col("score") - low) / width).floor().clip(0, bins - 1).cast(pl.Int64).alias("bin"))
                  .group_by("bin").len().collect())
        counts = dict(binned.iter_rows())
        out.append(Histogram(edges, tuple(int(counts.get(i, 0)) for i in range(bins))))
    return out
