"""`drillsim sweep`: play and score many seeds × policies × what-if parameters; a dataset, a summary and a
report."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import typer

from drillsim.cli.app import LangOption, app, fail, lang_of, user_errors

SET_HELP = ("PARAM=VALUE[,VALUE…] what-if change, repeatable; several values are swept. PARAM: deadline.<obligation>, "
            "param.<parameter>, delay.<role>, travel.<official|resource>, threshold.<grade>.<criterion>, duration, "
            "allowance.<name>, plan.<path>, scenario.<path>. Distributions: 10min, 5min..20min, 2min..5min..20min, "
            "x1.5 (scaled).")


@app.command("sweep")
@user_errors
def sweep(
    scenarios: list[str] = typer.Argument(..., help="Scenario ids (e.g. ordos-coal-mine) or paths to scenario files."),
    seeds: str = typer.Option("1..100", "--seeds", help="Seeds: 1..10000, 7, or 1,5,9 (ranges include both ends)."),
    policy: list[str] = typer.Option(["plan"], "--policy", help="Policies, comma-separated or repeated: "
                                                                "plan, late-reporter, no-handover, concealer."),
    setting: list[str] = typer.Option([], "--set", help=SET_HELP),
    out: Path = typer.Option(Path("sweep"), "--out", "-o", help="Path stem of the outputs: STEM.parquet, STEM.csv, "
                                                                  "STEM.json, STEM.html."),
    workers: int | None = typer.Option(None, "--workers", "-j", help="Local worker processes (default: all cores)."),
    cluster: str | None = typer.Option(None, "--cluster", help="Run on a Dask scheduler, e.g. tcp://HOST:8786 "
                                                               "(needs drillsim[cluster])."),
    open_worst: int = typer.Option(0, "--open-worst", help="Store the K lowest-scoring runs as full exercises."),
    store_url: str | None = typer.Option(None, "--store", help="Store for --open-worst (default: as `drillsim run`)."),
    html: bool = typer.Option(True, "--html/--no-html", help="Write the HTML report STEM.html."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    lang: str | None = LangOption,
) -> None:
    """Run every combination of scenario × --set values × policy × seed, score every run, and write one row per
    run (Parquet and CSV), a summary with miss rates and time-to-level quantiles, and an HTML report.

    Example: drillsim sweep ordos-coal-mine --seeds 1..10000 --policy plan,late-reporter
    --set deadline.unit_head_written=45min,1h --set delay.enterprise=x1.5
    """
    from drillsim.catalog import find_scenario
    from drillsim.loading.scenarios import load_scenario
    from drillsim.sweep.api import run_sweep
    from drillsim.sweep.grid import parse_policies, parse_seeds
    from drillsim.sweep.params import SettingError, parse_settings

    chosen = lang_of(lang)
    if workers is not None and workers < 1:
        raise fail("--workers must be at least 1")
    if open_worst < 0:
        raise fail("--open-worst must be 0 or more")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise fail(f"cannot write into {out.parent}: {error.strerror or error}") from None
    try:
        seed_list = parse_seeds(seeds)
        policies = parse_policies(",".join(policy))
        axes = parse_settings(setting)
    except SettingError as error:
        raise fail(str(error)) from None
    loaded = [load_scenario(find_scenario(s)) for s in dict.fromkeys(scenarios)]
    executor = _executor(workers, cluster)
    progress, close = (None, lambda: None) if quiet else _progress_bar()
    try:
        result = run_sweep(loaded, axes, policies, seed_list, out, executor, progress,
                           describe=" ".join(["drillsim", *map(shlex.quote, sys.argv[1:])]))
    except SettingError as error:
        raise fail(str(error)) from None
    finally:
        close()
    _print_summary(result, chosen, html, open_worst, store_url)


def _executor(workers: int | None, cluster: str | None):  # noqa: ANN202 - Executor
    from drillsim.sweep.executors import DaskCluster, LocalPool

    if cluster is not None:
        if workers is not None:
            raise fail("--workers and --cluster exclude each other (the cluster has its own workers)")
        return DaskCluster(cluster)
    return LocalPool(workers)


def _progress_bar():  # noqa: ANN202 - (callback, close)
    """A rich progress bar on stderr with runs done, rate and time left."""
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:  # noqa: ANN001 - rich's Task
            speed = task.finished_speed or task.speed
            return Text("— runs/s" if speed is None else f"{speed:,.0f} runs/s")

    bar = Progress(TextColumn("sweep"), BarColumn(), MofNCompleteColumn(), Rate(), TimeElapsedColumn(),
                   TextColumn("ETA"), TimeRemainingColumn(), console=Console(stderr=True),
                   disable=not sys.stderr.isatty() and not os.environ.get("DRILLSIM_PROGRESS"))
    bar.start()
    task = bar.add_task("runs", total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return update, bar.stop


def _print_summary(result, lang, html: bool, open_worst: int, store_url: str | None) -> None:  # noqa: ANN001
    from rich.console import Console
    from rich.table import Table as RichTable

    from drillsim.sweep.listing import summary_tables
    from drillsim.sweep.stats import summarise
    from drillsim.sweep.tables import handover_table, label

    groups = summarise(result.parquet)
    console = Console(soft_wrap=False, width=max(100, Console().width))
    rate = result.runs / result.seconds if result.seconds else 0.0
    console.print(f"{result.runs} runs in {result.seconds:.1f} s ({rate:.1f} runs/s) → {result.parquet}, {result.csv}")
    tables = [*summary_tables(result.parquet, lang, groups).values(),
              (label("handover_title", lang), handover_table(groups, lang))]
    for title, table in tables:
        if not table.rows:
            continue
        shown = RichTable(title=title, title_justify="left")
        for header in table.headers:
            shown.add_column(header, overflow="fold")
        for row in table.rows:
            shown.add_row(*row)
        console.print(shown)
    if html:
        from drillsim.sweep.report import write_report

        path = write_report(result.parquet, groups, lang)
        console.print(f"report: {path}")
    if open_worst:
        from drillsim.cli.store_commands import opened

        with opened(store_url) as workspace:
            for stored in workspace.store_worst(result, open_worst):
                console.print(f"stored {stored.policy} seed {stored.seed} ({stored.score:.1f}): "
                              f"drillsim show {stored.exercise_id.hex[:8]}")
