"""`drillsim sweep`: what-if settings, one scored row per run that agrees with the full score card, the same
dataset whatever runs it (in process, N local workers, a real Dask LocalCluster), statistics, CLI, report."""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from drillsim.cli import app
from drillsim.rules.plan_index import PlanIndex
from drillsim.engine.runner import play
from drillsim.loading.scenarios import load_scenario
from drillsim.scoring.api import score_exercise
from drillsim.sweep.api import run_sweep
from drillsim.sweep.executors import DaskCluster, InProcess, LocalPool
from drillsim.sweep.grid import combinations, parse_seeds
from drillsim.sweep.params import Setting, SettingError, parse_settings
from drillsim.sweep.stats import summarise, wilson
from drillsim.sweep.variants import make_variant
from tests.conftest import MINI_MINE

runner = CliRunner()
AXES = [("deadline.unit_head_written", ["45min", "2h"])]
POLICIES = ["plan", "late-reporter", "concealer"]


@pytest.fixture(scope="module")
def mine():
    return load_scenario(MINI_MINE)


# --- settings -------------------------------------------------------------------------------------------


def test_settings_split_values_and_repeat_params() -> None:
    axes = parse_settings(["deadline.a=45min,1h", "delay.x={dist: uniform, low: 1min, high: 2min}", "deadline.a=2h"])
    assert axes == [("deadline.a", ["45min", "1h", "2h"]), ("delay.x", ["{dist: uniform, low: 1min, high: 2min}"])]
    assert [tuple(s.text for s in c) for c in combinations([("a", ["1", "2"]), ("b", ["3"])])] == [("a=1", "b=3"),
                                                                                                  ("a=2", "b=3")]
    with pytest.raises(SettingError, match="PARAM=VALUE"):
        parse_settings(["deadline.a"])


def test_a_variant_changes_the_files_and_loads_through_the_checks(mine, tmp_path: Path) -> None:
    v = make_variant(mine, [Setting("deadline.unit_head_written", "45min"), Setting("delay.enterprise", "x2"),
                            Setting("allowance.activation", "45min")], tmp_path)
    index = PlanIndex.build(v.loaded.plan, v.loaded.scenario)
    assert index.obligations["unit_head_written"].deadline_ms == 45 * 60_000
    before = next(r for r in mine.scenario.roles if r.id == "enterprise").decision_delay
    after = next(r for r in v.loaded.scenario.roles if r.id == "enterprise").decision_delay
    assert (after.low, after.mode, after.high) == (2 * before.low, 2 * before.mode, 2 * before.high)
    assert v.scoring.allowances.activation == 45 * 60_000
    assert v.loaded.path.parent.parent == tmp_path  # written out: stored runs replay from these files


@pytest.mark.parametrize(("setting", "words"), [
    (Setting("deadline.unit_head_writen", "45min"), "did you mean 'unit_head_written'"),
    (Setting("delay.enterprise", "soon"), "expected a non-negative duration"),
    (Setting("speed.enterprise", "1"), "unknown parameter kind 'speed'"),
    (Setting("threshold.larger.injuries", "3"), "criterion is one of"),
    (Setting("scenario.setting.weather.wind_force", "strong"), "expected an integer"),
])
def test_a_bad_setting_is_one_clear_error(mine, tmp_path: Path, setting: Setting, words: str) -> None:
    with pytest.raises(SettingError, match=words) as caught:
        make_variant(mine, [setting], tmp_path)
    assert "\n" not in str(caught.value) and setting.text in str(caught.value)


def test_seeds() -> None:
    assert parse_seeds("1..3,7,2") == (1, 2, 3, 7)
    assert parse_seeds("5..8,1..6") == (1, 2, 3, 4, 5, 6, 7, 8)
    for bad in ("3..1", "a", "1..", "-1", "0..99999999999", "0..600000,700000..1300000"):
        with pytest.raises(SettingError):
            parse_seeds(bad)


def test_too_many_combinations_is_refused_before_anything_runs() -> None:
    with pytest.raises(SettingError, match="combinations"):
        combinations([(f"deadline.x{i}", ["1h", "2h"]) for i in range(11)])


# --- rows -----------------------------------------------------------------------------------------------


def test_each_row_agrees_with_the_full_score_card(mine, tmp_path: Path) -> None:
    result = run_sweep([mine], [], POLICIES, [1, 2, 3], tmp_path / "s")
    df = pl.read_parquet(result.parquet)
    assert df.height == 9 and df.get_column("policy").to_list() == ["plan"] * 3 + ["late-reporter"] * 3 + ["concealer"] * 3
    for row in df.iter_rows(named=True):
        run = play(mine.plan, mine.scenario, row["seed"], row["policy"])
        card = score_exercise(mine, run.events)
        assert row["score"] == card.overall and row["baseline_score"] == card.baseline.overall
        assert row["deviations"] == len(card.deviations)
        assert row["events"] == len(run.events) and row["ended"] == run.state.ended
        assert [row[f"rating.{a}"] for a in card.ratings] == list(card.ratings.values())
        written = [o for o in run.state.obligations.values() if o.rule == "unit_head_phone"]
        assert row["ob.unit_head_phone.status"] == written[0].status
        assert row["ob.unit_head_phone.late_min"] == round(written[0].late_by / 60_000, 3)
        levels = [t for t, lv, _ in run.state.level_history if lv <= 4]
        assert row["t_level_4_min"] == (round(min(levels) / 60_000, 3) if levels else None)
        assert row["deaths"] == run.state.figures["deaths"]
    late = df.filter(pl.col("policy") == "late-reporter")
    assert set(late.get_column("ob.unit_head_phone.status")) == {"late"}
    assert (late.get_column("score") < late.get_column("baseline_score")).all()


def test_allowance_settings_change_the_score_not_the_run(mine, tmp_path: Path) -> None:
    result = run_sweep([mine], [("allowance.activation", ["1min", "30min"])], ["late-reporter"], [1, 2], tmp_path / "a")
    df = pl.read_parquet(result.parquet)
    tight, usual = df.filter(pl.col("param.allowance.activation") == "1min"), df.filter(
        pl.col("param.allowance.activation") == "30min")
    assert tight.get_column("events").to_list() == usual.get_column("events").to_list()
    assert (tight.get_column("score") <= usual.get_column("score")).all()
    assert (tight.get_column("score") < usual.get_column("score")).any()


# --- the same dataset whatever runs it ------------------------------------------------------------------


def _sweep(mine, folder: Path, executor) -> tuple[bytes, pl.DataFrame]:
    result = run_sweep([mine], AXES, POLICIES, parse_seeds("1..5"), folder / "s", executor, chunk=2)
    return result.csv.read_bytes(), pl.read_parquet(result.parquet)


def test_dataset_is_identical_for_one_worker_n_workers_and_a_dask_local_cluster(mine, tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    csv, frame = _sweep(mine, tmp_path / "one", InProcess())
    assert frame.height == 2 * 3 * 5
    order = frame.select("param.deadline.unit_head_written", "policy", "seed").rows()
    assert order == [(d, p, s) for d in ("45min", "2h") for p in POLICIES for s in range(1, 6)]
    for workers in (2, 3):
        other_csv, other = _sweep(mine, tmp_path / f"pool{workers}", LocalPool(workers))
        assert other_csv == csv and other.equals(frame)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        dask_csv, dask_frame = _sweep(mine, tmp_path / "dask", DaskCluster(client))
        address_csv, _ = _sweep(mine, tmp_path / "address", DaskCluster(cluster.scheduler_address))
    assert dask_csv == csv and dask_frame.equals(frame) and address_csv == csv


# --- statistics -----------------------------------------------------------------------------------------


def test_wilson_interval_matches_published_values() -> None:
    low, high = wilson(0, 10)
    assert low == 0.0 and math.isclose(high, 0.2775, abs_tol=1e-4)
    low, high = wilson(5, 10)
    assert math.isclose(low, 0.2366, abs_tol=1e-4) and math.isclose(high, 0.7634, abs_tol=1e-4)
    low, high = wilson(81, 263)  # Newcombe (1998), example
    assert math.isclose(low, 0.2553, abs_tol=1e-4) and math.isclose(high, 0.3662, abs_tol=1e-4)
    assert wilson(0, 0) == (0.0, 1.0)


def test_summary_counts_misses_among_runs_where_the_deadline_came_due(mine, tmp_path: Path) -> None:
    result = run_sweep([mine], [], ["plan", "late-reporter"], parse_seeds("1..8"), tmp_path / "s")
    groups = {g.policy: g for g in summarise(result.parquet)}
    df = pl.read_parquet(result.parquet)
    late = next(m for m in groups["late-reporter"].obligations if m.rule == "unit_head_phone")
    assert (late.due, late.misses, late.rate) == (8, 8, 1.0) and late.low == round(wilson(8, 8)[0], 4)
    plan = next(m for m in groups["plan"].obligations if m.rule == "unit_head_phone")
    assert plan.misses == 0 and plan.high == round(wilson(0, 8)[1], 4)
    times = df.filter(pl.col("policy") == "plan").get_column("t_level_4_min").drop_nulls()
    spread = groups["plan"].levels[4]
    assert spread.n == times.len() and spread.mean == round(times.mean(), 3)
    assert spread.p95 == round(times.quantile(0.95, interpolation="linear"), 3)


# --- the command ----------------------------------------------------------------------------------------


def test_cli_sweep_writes_dataset_summary_report_and_stores_the_worst(tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'x.sqlite'}"
    out = tmp_path / "out" / "sw"
    result = runner.invoke(app, ["sweep", str(MINI_MINE), "--seeds", "1..4", "--policy", "plan,late-reporter",
                                 "--set", "deadline.unit_head_written=45min", "--workers", "2", "-o", str(out),
                                 "--open-worst", "1", "--store", store, "--lang", "en"])
    assert result.exit_code == 0, result.output
    for suffix in (".parquet", ".csv", ".json", ".html"):
        assert out.with_suffix(suffix).is_file()
    assert "Late or missed (Wilson 95 % CI)" in result.stdout and "unit_head_phone" in result.stdout
    assert "Minutes until each response level" in result.stdout
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    for chart in ("chart-score", "chart-compare", "chart-miss", "chart-levels"):
        assert f'id="{chart}"' in html
    assert "<script" not in html and "http" not in html.replace("http://www.w3.org/2000/svg", "")
    worst = pl.read_parquet(out.with_suffix(".parquet")).sort("score").row(0, named=True)
    ident = result.stdout.split("drillsim show ")[1].split()[0]
    verified = runner.invoke(app, ["verify", ident, "--store", store])
    assert verified.exit_code == 0 and "identical" in verified.stdout
    scored = runner.invoke(app, ["score", ident, "--json", "--store", store])
    assert f'"overall": {worst["score"]}' in scored.stdout


@pytest.mark.parametrize(("args", "words"), [
    (["--set", "deadline.nope=1h"], "no obligation 'nope'"),
    (["--seeds", "9..1"], "--seeds"),
    (["--policy", "plan,lazy"], "unknown lazy"),
    (["--workers", "0"], "--workers must be at least 1"),
    (["--workers", "2", "--cluster", "tcp://127.0.0.1:1"], "exclude each other"),
    (["--set", "delay.enterprise=1min..2min..3min..4min"], "a distribution is"),
])
def test_cli_sweep_rejects_bad_input_in_one_line(tmp_path: Path, args: list[str], words: str) -> None:
    result = runner.invoke(app, ["sweep", str(MINI_MINE), "--seeds", "1..2", "-o", str(tmp_path / "s"), *args])
    assert result.exit_code == 2
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
