"""Commands over stored exercises: exercises, show, timeline, resume, verify, fork, diff, export, import."""

from __future__ import annotations

import json
import re
import sys
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Iterator
from uuid import UUID

import typer

from drillsim.cli.app import LangOption, app, fail, lang_of, user_errors, write_output
from drillsim.model.base import parse_duration
from drillsim.render.timeline import clock

if TYPE_CHECKING:
    from drillsim.workspace import Workspace

StoreOption = typer.Option(None, "--store", help="Store URL: sqlite:///path.sqlite or postgresql://user:pw@host/db "
                                                 "(default: $DRILLSIM_STORE, else a SQLite file in your data folder).")
def parse_clock(text: str) -> int:
    """'01:30' (hours:minutes), '90min', '1h' or '45' (minutes) as milliseconds; '-00:20' or '-20min' before
    the accident (a warning phase)."""
    value = text.strip()
    if value.startswith("-") and not value[1:].lstrip().startswith("-"):
        return -parse_clock(value[1:])
    value = value.lstrip("+")
    if clock := re.fullmatch(r"(\d+):(\d+)", value, re.ASCII):
        value = f"{clock[1]}h{clock[2]}min"  # parse_duration bounds it
    elif value.isdecimal():
        value += "min"
    try:
        return parse_duration(value)
    except ValueError:
        raise typer.BadParameter(f"expected a time such as 01:30, 90min or 2h, got {text!r}") from None


@contextmanager
def opened(url: str | None, connections: int | None = None) -> Iterator[Workspace]:
    """The workspace on the store at `url` (or the default), with connection problems turned into clear errors;
    `connections`: how many PostgreSQL connections to keep (default: the pool's)."""
    from drillsim.workspace import PersistenceError, StoreUnavailable, Workspace

    workspace = Workspace(url, connections)
    try:
        workspace.open()
    except StoreUnavailable as error:
        raise fail(str(error)) from None
    try:
        yield workspace
    except PersistenceError as error:  # the server went away, the disk failed, …: committed work is kept
        message = workspace.redact((str(error).strip().splitlines() or [type(error).__name__])[0][:200])
        raise fail(f"lost the store {workspace.where} ({message}); everything committed before is kept "
                   "(`drillsim exercises` lists it, `drillsim resume ID` carries on)") from None
    finally:
        with suppress(Exception):  # closing a store whose server is gone may fail too
            workspace.close()


def resolve(workspace: Workspace, ref: str) -> UUID:
    """The exercise `ref` names (a full id or a unique prefix); an unknown one is a clear error."""
    from drillsim.workspace import ExerciseNotFound

    if not ref.strip():
        raise fail("give an exercise id (`drillsim exercises` lists them)")
    try:
        return workspace.resolve(ref)
    except ExerciseNotFound as error:
        raise fail(str(error)) from None


@app.command("exercises")
@user_errors
def list_exercises(store_url: str | None = StoreOption,
                   as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """List stored exercises with their scenario, date and status."""
    with opened(store_url) as workspace:
        rows = workspace.exercises()
    if as_json:
        typer.echo(json.dumps([{
            "id": str(r.id), "short_id": r.short_id, "scenario": r.scenario_id, "plan": r.plan_id, "seed": r.seed,
            "policy": r.policy, "scenario_time": r.created.isoformat(), "created_at": r.created_at,
            "status": r.status, "parent": r.parent_id, "label": r.label} for r in rows], ensure_ascii=False, indent=1))
        return
    if not rows:
        typer.echo("No exercises yet. Start one with `drillsim run ordos-coal-mine`.")
        return
    typer.echo(f"{'id':<9}{'scenario':<30}{'created (UTC)':<22}{'seed':>6}  {'policy':<14}{'status':<22}parent")
    for r in rows:
        parent = r.parent_id[:8] if r.parent_id else ""
        created = r.created_at.replace("T", " ")[:19] if r.created_at else "-"
        typer.echo(f"{r.short_id:<9}{r.scenario_id:<30}{created:<22}{r.seed:>6}  {r.policy:<14}{r.status:<22}{parent}")


@app.command("show")
@user_errors
def show(ref: str = typer.Argument(..., help="Exercise id (a unique prefix is enough)."),
         at: str | None = typer.Option(None, "--at", help="Simulation time to show, e.g. 01:30 (default: latest)."),
         as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
         store_url: str | None = StoreOption, lang: str | None = LangOption) -> None:
    """The state of an exercise at any simulation time: grade, level, commander, groups, obligations, casualties."""
    from drillsim.render.state_text import render_state, state_dict

    chosen = lang_of(lang)
    with opened(store_url) as workspace:
        ident = resolve(workspace, ref)
        state = workspace.state_at(ident, parse_clock(at) if at is not None else None)
        loaded = workspace.scenario_of(ident)
    t = parse_clock(at) if at is not None else state.t
    if as_json:
        typer.echo(json.dumps(state_dict(state, t), ensure_ascii=False, indent=1))
        return
    typer.echo(render_state(state, t, loaded, chosen))


@app.command("timeline")
@user_errors
def timeline(ref: str = typer.Argument(..., help="Exercise id (a unique prefix is enough)."),
             verbose: bool = typer.Option(False, "--verbose", "-v", help="Also list accepted-decision records."),
             store_url: str | None = StoreOption, lang: str | None = LangOption) -> None:
    """The readable timeline of a stored exercise."""
    from drillsim.render.timeline import timeline_lines

    with opened(store_url) as workspace:
        replay = workspace.replay(resolve(workspace, ref))
        loaded, markers = replay.loaded, replay.markers()
    for line in timeline_lines(replay.events, loaded.plan.definition, lang_of(lang), loaded.scenario, verbose,
                               markers):
        typer.echo(line)


@app.command("resume")
@user_errors
def resume(ref: str = typer.Argument(..., help="Exercise id (a unique prefix is enough)."),
           until: str | None = typer.Option(None, "--until", help="Stop at this simulation time (default: the end)."),
           store_url: str | None = StoreOption) -> None:
    """Carry on an interrupted exercise headless from its last commit."""
    from drillsim.workspace import ResumeError

    with opened(store_url) as workspace:
        ident = resolve(workspace, ref)
        try:
            session = workspace.resume(ident)
        except ResumeError as error:
            raise fail(str(error)) from None
        typer.echo(f"resuming {ident.hex[:8]} at {clock(session.snapshot().now)}", err=True)
        snap = session.run(until=parse_clock(until) if until else None)
        typer.echo(f"{ident.hex[:8]} now at {clock(snap.now)}" + (f", ended ({snap.state.ended})" if snap.ended else ""))


@app.command("verify")
@user_errors
def verify_command(ref: str = typer.Argument(..., help="Exercise id (a unique prefix is enough)."),
                   scenario: Path | None = typer.Option(None, "--scenario", help="Scenario file to use instead of "
                                                        "the recorded one (e.g. after moving the checkout)."),
                   store_url: str | None = StoreOption) -> None:
    """Re-simulate from the stored seed and decisions; report identical, or the first divergence (exit 1)."""
    with opened(store_url) as workspace:
        report = workspace.verify(resolve(workspace, ref), scenario)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if report.problems:
        typer.echo(f"{report.exercise.hex[:8]}: DAMAGED — the stored log was altered or broken:")
        for problem in report.problems:
            typer.echo(f"  {problem}")
        raise typer.Exit(1)
    if report.identical:
        typer.echo(f"{report.exercise.hex[:8]}: identical — {report.events} events re-simulated from seed and decisions")
        return
    div = report.divergence
    typer.echo(f"{report.exercise.hex[:8]}: DIVERGES at event #{div.index}")
    typer.echo(f"  stored:      {json.dumps(div.stored, ensure_ascii=False)}")
    typer.echo(f"  re-simulated: {json.dumps(div.replayed, ensure_ascii=False)}")
    raise typer.Exit(1)


@app.command("fork")
@user_errors
def fork_command(ref: str = typer.Argument(..., help="Exercise id (a unique prefix is enough)."),
                 at_decision: int = typer.Option(..., "--at-decision", help="Decision number (#N in the timeline)."),
                 replace: str | None = typer.Option(None, "--replace", help="The decision instead, as JSON, e.g. "
                                                    '\'{"type": "hand_over_command", "actor": "enterprise", '
                                                    '"to": "county_field_hq"}\'.'),
                 drop: bool = typer.Option(False, "--drop", help="Leave the decision out."),
                 store_url: str | None = StoreOption) -> None:
    """A what-if exercise: the same seed and decisions, with one decision replaced or dropped."""
    from drillsim.workspace import ForkError, ValidationError, parse_decision

    if (replace is None) == (not drop):
        raise fail("give exactly one of --replace JSON or --drop")
    replacement = None
    if replace is not None:
        try:
            replacement = parse_decision(json.loads(replace))
        except json.JSONDecodeError as error:
            raise fail(f"--replace is not JSON: {error.msg}") from None
        except ValidationError as error:
            raise fail("--replace is not a valid decision:\n" + "\n".join(
                f"  {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())) from None
    with opened(store_url) as workspace:
        try:
            session = workspace.fork(resolve(workspace, ref), at_decision, replacement)
        except ForkError as error:
            raise fail(str(error)) from None
        snap = session.snapshot()
        typer.echo(f"fork {session.id.hex[:8]} of {ref} created; now at {clock(snap.now)}"
                   + (f", ended ({snap.state.ended})" if snap.ended else ""))
        typer.echo(f"compare them with: drillsim diff {ref} {session.id.hex[:8]}")


@app.command("diff")
@user_errors
def diff_command(a: str = typer.Argument(..., help="First exercise id."),
                 b: str = typer.Argument(..., help="Second exercise id."),
                 as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
                 store_url: str | None = StoreOption) -> None:
    """Compare the outcomes of two exercises."""
    with opened(store_url) as workspace:
        result = workspace.compare(resolve(workspace, a), resolve(workspace, b))
    rows = result.rows()
    if as_json:
        typer.echo(json.dumps({"a": str(result.a.id), "b": str(result.b.id), "first_divergence": result.first_divergence,
                               "differences": [{"what": w, "a": x, "b": y} for w, x, y in rows]},
                              ensure_ascii=False, indent=1, default=list))
        return
    if result.first_divergence is None:
        typer.echo("identical event streams")
        return
    typer.echo(f"event streams part at event #{result.first_divergence}")
    width = max((len(w) for w, _, _ in rows), default=10)
    for what, x, y in rows:
        typer.echo(f"  {what:<{width}}  A: {_short(x)}")
        typer.echo(f"  {'':<{width}}  B: {_short(y)}")


def _short(value: object) -> str:
    if isinstance(value, list) and value and isinstance(value[0], tuple):
        return " → ".join(f"{x[1]}@{clock(x[0])}" for x in value)
    if isinstance(value, int) and value > 100_000:
        return clock(value)
    return str(value)


@app.command("export")
@user_errors
def export_command(ref: str = typer.Argument(..., help="Exercise id (a unique prefix is enough)."),
                   fmt: str = typer.Option("jsonl", "--format", help="jsonl (complete, re-importable) or csv (events)."),
                   output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
                   store_url: str | None = StoreOption, lang: str | None = LangOption) -> None:
    """Export an exercise: the full log as JSON lines, or its events as CSV."""
    if fmt not in ("jsonl", "csv"):
        raise fail("--format must be jsonl or csv")
    with opened(store_url) as workspace:
        text = workspace.export(resolve(workspace, ref), fmt, lang_of(lang))  # type: ignore[arg-type]
    if output is None:
        sys.stdout.write(text)
    else:
        write_output(output, text)


@app.command("import")
@user_errors
def import_command(path: Path = typer.Argument(..., help="A JSON-lines export (drillsim export --format jsonl)."),
                   new_id: bool = typer.Option(False, "--new-id", help="Import a copy when the id is already stored."),
                   scenario: Path | None = typer.Option(None, "--scenario", help="The scenario file the exercise ran, "
                                                        "for exports that carry no scenario content."),
                   allow_unverified: bool = typer.Option(False, "--allow-unverified", help="Store an export that "
                                                         "differs from a re-simulation, marked as unverified."),
                   store_url: str | None = StoreOption) -> None:
    """Import an exported exercise, after checking it against a re-simulation from its seed and inputs."""
    from drillsim.loading.input_files import InputFileError, open_regular_file
    from drillsim.loading.scenarios import load_scenario
    from drillsim.workspace import MAX_EXPORT_BYTES, ContentError, ExportFileError

    loaded = load_scenario(scenario) if scenario is not None else None
    try:
        lines = open_regular_file(path, MAX_EXPORT_BYTES)
    except InputFileError as error:
        raise fail(f"{path}: {error}") from None
    with opened(store_url) as workspace, lines:
        try:
            result = workspace.import_export(lines, new_id, loaded, allow_unverified)
        except ExportFileError as error:
            raise fail(error.located(str(path))) from None
        except (ContentError, OSError) as error:
            raise fail(f"{path}: {error}") from None
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(f"imported {result.id.hex[:8]}" + ("" if result.verified else " (unverified)"))
