"""Finding the sweeps in a folder by their manifests (`<stem>.json` beside `<stem>.parquet`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from drillsim.i18n import Lang
from drillsim.reports.tables import Table
from drillsim.sweep.stats import GroupSummary, summarise
from drillsim.sweep.tables import label, level_table, miss_table, overview_table


@dataclass(frozen=True)
class SweepListing:
    parquet: Path
    scenarios: tuple[str, ...]
    policies: tuple[str, ...]
    runs: int


def find_sweeps(folder: Path) -> list[SweepListing]:
    """The finished sweeps in `folder`, by name; unreadable manifests and other JSON files are skipped."""
    found = []
    for manifest in sorted(Path(folder).glob("*.json")):
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            parquet = manifest.with_name(data["dataset"]["parquet"])
            listing = SweepListing(parquet, tuple(data["scenarios"]), tuple(data["policies"]), int(data["runs"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if parquet.is_file():
            found.append(listing)
    return found


def summary_tables(parquet: Path, lang: Lang, groups: Sequence[GroupSummary] | None = None) -> dict[str, tuple[str, Table]]:
    """The summary the terminal and the app show: overview, obligations missed somewhere, time to level."""
    groups = summarise(parquet) if groups is None else groups
    return {
        "overview": (label("overview_title", lang), overview_table(groups, lang)),
        "misses": (label("miss_title", lang), miss_table(groups, lang, only_missed=True)),
        "levels": (label("level_title", lang), level_table(groups, lang)),
    }
