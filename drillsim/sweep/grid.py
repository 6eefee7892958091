"""The grid of a sweep: scenarios × combinations of `--set` values × policies × seeds, cut into tasks.

Rows are ordered by (scenario, variant, policy, seed) whatever order the tasks finish in: a task is a run of
consecutive seeds of one variant and carries its place in that order.
"""

from __future__ import annotations

import hashlib
import itertools
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from drillsim.engine.policies import POLICIES
from drillsim.loading.scenarios import LoadedScenario
from drillsim.rules.obligations import effective_obligations
from drillsim.sweep.columns import Columns, build_columns
from drillsim.sweep.params import Setting, SettingError
from drillsim.sweep.variants import Variant, make_variant

MAX_SEEDS = 1_000_000
MAX_VARIANTS = 1_000
"""Bounds on a sweep's grid, so a mistyped range or too many `--set` values fail at once with a message."""
DEFAULT_CHUNK = 25
"""Seeds per task: big enough that shipping a task costs little, small enough to balance the workers."""


def parse_seeds(text: str) -> tuple[int, ...]:
    """'1..10000', '7', '1,5,9' or '1..100,500..600' into sorted distinct seeds."""
    ranges: list[tuple[int, int]] = []
    for part in text.split(","):
        part = part.strip()
        low, sep, high = part.partition("..")
        try:
            a = int(low)
            b = int(high) if sep else a
        except ValueError:
            raise SettingError(f"--seeds {text[:80]!r}: expected N, N..M or a comma-separated list of them") from None
        if a < 0 or b < a:
            raise SettingError(f"--seeds {text[:80]!r}: {part[:40]!r} is not an ascending range of non-negative seeds")
        ranges.append((a, b))
    seeds: list[int] = []
    for a, b in sorted(ranges):
        start = max(a, seeds[-1] + 1) if seeds else a
        if len(seeds) + max(0, b + 1 - start) > MAX_SEEDS:
            raise SettingError(f"--seeds {text[:80]!r}: more than {MAX_SEEDS:,} seeds")
        seeds.extend(range(start, b + 1))
    return tuple(seeds)


def parse_policies(text: str) -> tuple[str, ...]:
    """'plan,late-reporter' into known policy names, each once, in the given order."""
    names = tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    unknown = [p for p in names if p not in POLICIES]
    if unknown or not names:
        raise SettingError(f"--policy {text!r}: unknown {', '.join(unknown) or 'empty'}; known: {', '.join(POLICIES)}")
    return names


def combinations(axes: Sequence[tuple[str, Sequence[str]]]) -> list[tuple[Setting, ...]]:
    """Every combination of the axes' values, the first axis varying slowest."""
    if not axes:
        return [()]
    count = 1
    for _, values in axes:
        count *= len(values)
    if count > MAX_VARIANTS:
        raise SettingError(f"--set: {count:,} combinations of values; at most {MAX_VARIANTS:,} per sweep")
    return [tuple(Setting(p, v) for p, v in zip((a for a, _ in axes), values))
            for values in itertools.product(*(vals for _, vals in axes))]


@dataclass(frozen=True)
class Task:
    """Consecutive seeds of one variant: `group` is the variant's place, `chunk` the seeds' place in it."""

    group: int
    chunk: int
    seeds: tuple[int, ...]


@dataclass(frozen=True)
class SweepJob:
    """Everything a worker needs, sent to each worker once."""

    groups: tuple[Variant, ...]
    policies: tuple[str, ...]
    seeds: tuple[int, ...]
    columns: Columns
    chunk: int = DEFAULT_CHUNK
    key: str = field(default="", compare=False)

    @property
    def runs(self) -> int:
        return len(self.groups) * len(self.policies) * len(self.seeds)

    def tasks(self) -> list[Task]:
        """The tasks in row order."""
        out = []
        for g in range(len(self.groups)):
            for c, start in enumerate(range(0, len(self.seeds), self.chunk)):
                out.append(Task(g, c, self.seeds[start:start + self.chunk]))
        return out

    def payload(self) -> bytes:
        """The job pickled once: workers unpickle loaded models instead of parsing YAML."""
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)


def make_job(scenarios: Sequence[LoadedScenario], axes: Sequence[tuple[str, Sequence[str]]], policies: Sequence[str],
             seeds: Sequence[int], variant_dir: Path, chunk: int = DEFAULT_CHUNK) -> SweepJob:
    """Build the variants (writing their files under `variant_dir`) and the dataset's columns."""
    groups = tuple(make_variant(base, combo, variant_dir) for base in scenarios for combo in combinations(axes))
    obligations: list[str] = []
    levels: set[int] = set()
    handovers: list[str] = []
    for v in groups:
        plan = v.loaded.plan
        obligations += [eo.id for eo in effective_obligations(plan.definition, plan.layers) if eo.id not in obligations]
        levels.update(lv.level for lv in plan.definition.response_levels)
        handovers += [h.id for h in plan.definition.field_command.handovers if h.id not in handovers]
    columns = build_columns([a for a, _ in axes], obligations, sorted(levels), handovers)
    job = SweepJob(groups, tuple(policies), tuple(seeds), columns, chunk)
    key = hashlib.sha256(job.payload()).hexdigest()[:16]
    return SweepJob(groups, tuple(policies), tuple(seeds), columns, chunk, key)
