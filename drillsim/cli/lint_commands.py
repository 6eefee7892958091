"""`drillsim lint`: check that scenarios play as meant (objectives scored, obligations observable, injects reachable)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from drillsim.catalog import NotFound, find_scenario
from drillsim.cli.app import EXIT_INVALID, app
from drillsim.loading import DataFileError

EXIT_FINDINGS = 1
"""Exit status when a scenario is valid but has lint findings."""


@app.command("lint")
def lint(
    scenarios: list[str] = typer.Argument(None, help="Scenario ids (e.g. ordos-coal-mine) or paths to scenario files."),
    as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON."),
    codes: bool = typer.Option(False, "--codes", help="List the finding codes and exit."),
) -> None:
    """Lint scenarios beyond validity: exit 0 when clean, 1 with findings, 2 when a file is invalid."""
    from drillsim.loading.checks.lint import CODES, lint_path

    if codes:
        for code, meaning in CODES.items():
            typer.echo(f"{code:30} {meaning}")
        return
    if not scenarios:
        raise typer.BadParameter("name at least one scenario (id or path)", param_hint="SCENARIO")
    status = 0
    report: list[dict[str, object]] = []
    for ref in scenarios:
        try:
            path = find_scenario(ref)
            result = lint_path(path)
        except NotFound as error:
            typer.echo(f"drillsim: {error}", err=True)
            status = EXIT_INVALID
            report.append({"scenario": ref, "valid": False, "errors": [str(error)]})
            continue
        except DataFileError as error:
            typer.echo(error.render(), err=True)
            status = EXIT_INVALID
            report.append({"scenario": ref, "valid": False, "errors": [i.render() for i in error.issues]})
            continue
        if result.findings:
            status = max(status, EXIT_FINDINGS)
        report.append({
            "scenario": ref,
            "file": str(path),
            "valid": True,
            "findings": [
                {"code": f.code, "severity": f.severity, "line": i.line, "col": i.col, "path": list(f.path),
                 "message": f.message, "hint": f.hint}
                for f, i in zip(result.findings, result.issues)
            ],
        })
        if as_json:
            continue
        for issue in result.issues:
            typer.echo(issue.render())
            typer.echo("")
        if result.findings:
            errors = sum(1 for f in result.findings if f.severity == "error")
            warnings = len(result.findings) - errors
            typer.echo(f"{_display(path)}: {errors} error(s), {warnings} warning(s)")
        else:
            typer.echo(f"{_display(path)}: clean")
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=1))
    if status:
        raise typer.Exit(status)


def _display(path: Path) -> str:
    from drillsim.loading.errors import display_file

    return display_file(path)


__all__ = ["lint"]
