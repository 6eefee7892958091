"""Commands for evaluators: score, report, observe, override."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import typer

from drillsim.cli.app import LangOption, app, fail, lang_of, user_errors, write_output
from drillsim.cli.store_commands import StoreOption, opened, parse_clock, resolve
from drillsim.glossary import VERDICT_NAMES
from drillsim.scoring.parameters import AREAS, RATING_THRESHOLDS, SEVERITIES

# Closed sets as Literal types: typer lists the valid values in --help and in the error for any other value.
Area = Literal[AREAS]  # type: ignore[valid-type]
Rating = Literal[tuple(r for r, _ in RATING_THRESHOLDS)]  # type: ignore[valid-type]
Severity = Literal[SEVERITIES]  # type: ignore[valid-type]
Verdict = Literal[tuple(VERDICT_NAMES)]  # type: ignore[valid-type]


def _said(value: str, option: str) -> str:
    """`value` when it holds more than white space; else a one-line error naming `option`."""
    if not value.strip():
        raise fail(f"{option} must not be empty")
    return value


@app.command("score")
@user_errors
def score(ref: str = typer.Argument(..., help="Exercise id (a unique prefix is enough)."),
          as_json: bool = typer.Option(False, "--json", help="The full score card as JSON."),
          store_url: str | None = StoreOption, lang: str | None = LangOption) -> None:
    """Score an exercise against its plan: findings with evidence, ratings per area, 0-100 overall."""
    from drillsim.reports.summary import render_score_text

    with opened(store_url) as workspace:
        scored = workspace.score(resolve(workspace, ref))
    if as_json:
        typer.echo(json.dumps(scored.card.to_dict(), ensure_ascii=False, indent=1))
        return
    typer.echo(render_score_text(scored.card, lang_of(lang)))


@app.command("report")
@user_errors
def report(ref: str = typer.Argument(..., help="Exercise id (a unique prefix is enough)."),
           fmt: str = typer.Option("html", "--format", help="md or html (self-contained, readable offline)."),
           output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
           store_url: str | None = StoreOption, lang: str | None = LangOption) -> None:
    """The evaluation report (AQ/T 9009 shape): overview, timeline, findings, ratings, corrective actions."""
    if fmt not in ("md", "html"):
        raise fail("--format must be md or html")
    with opened(store_url) as workspace:
        scored = workspace.score(resolve(workspace, ref))
    text = scored.report(fmt, lang_of(lang))  # type: ignore[arg-type]
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_output(output, text)


@app.command("observe")
@user_errors
def observe(ref: str = typer.Argument(..., help="Exercise id (a unique prefix is enough)."),
            text: str = typer.Option(..., "--text", help="The observation."),
            author: str = typer.Option(..., "--author", help="Who observed it."),
            at: str = typer.Option("0", "--at", help="Simulation time it refers to, e.g. 01:30."),
            area: Area | None = typer.Option(None, "--area", help="Capability area."),
            store_url: str | None = StoreOption) -> None:
    """Record an evaluator's observation (stored as an event with its author; never edited)."""
    _said(text, "--text"), _said(author, "--author")
    with opened(store_url) as workspace:
        try:
            workspace.observe(resolve(workspace, ref), author, text, parse_clock(at), area)
        except ValueError as error:
            raise fail(f"--at: {error}") from None
    typer.echo("observation recorded")


@app.command("override")
@user_errors
def override(ref: str = typer.Argument(..., help="Exercise id (a unique prefix is enough)."),
             finding: str = typer.Argument(..., help="Finding id from `drillsim score` (or 'rating' for an area)."),
             author: str = typer.Option(..., "--author", help="Who overrides."),
             reason: str = typer.Option(..., "--reason", help="Why (required)."),
             verdict: Verdict | None = typer.Option(None, "--verdict", help="New verdict, e.g. met."),
             severity: Severity | None = typer.Option(None, "--severity", help="New grade of the finding."),
             rating_area: Area | None = typer.Option(None, "--area", help="Area whose rating to set."),
             rating: Rating | None = typer.Option(None, "--rating", help="The area's new rating."),
             store_url: str | None = StoreOption) -> None:
    """Override a finding's verdict or grade, or an area's rating, with a reason (stored as an event)."""
    if not reason.strip():
        raise fail("--reason must say why")
    _said(author, "--author"), _said(finding, "FINDING")
    if (rating_area is None) != (rating is None):
        raise fail("give --area and --rating together")
    if not any((verdict, severity, rating)):
        raise fail("give --verdict, --severity or --area with --rating")
    with opened(store_url) as workspace:
        workspace.override(resolve(workspace, ref), finding, author, reason, verdict=verdict, severity=severity,
                           rating_area=rating_area, rating=rating)
    typer.echo("override recorded")
