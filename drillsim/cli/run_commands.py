"""`drillsim run`: play a whole exercise headless and print its timeline."""

from __future__ import annotations

import json
from typing import Literal

import typer

from drillsim.cli.app import LangOption, app, fail, lang_of, user_errors
from drillsim.model.base import parse_duration
from drillsim.render.timeline import clock, timeline_lines
from drillsim.workspace import POLICIES, Played, Workspace
from drillsim.workspace import events as ev


def parse_until(value: str | None) -> int | None:
    """'6h', '90min' or '45' (minutes) into milliseconds."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        text += "min"
    try:
        return parse_duration(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


@app.command("run")
@user_errors
def run(
    scenario: str = typer.Argument(..., help="Scenario id (e.g. ordos-coal-mine) or path to a scenario file."),
    seed: int = typer.Option(1, "--seed", help="Seed of the run; the same seed gives the same exercise."),
    policy: str = typer.Option("plan", "--policy", help=f"Behaviour of computer-played roles: {', '.join(POLICIES)}."),
    until: str | None = typer.Option(None, "--until", help="Stop at this simulation time (e.g. 6h, 90min)."),
    as_json: bool = typer.Option(False, "--json", help="Print the events and a summary as JSON."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also list every accepted decision record."),
    lang: str | None = LangOption,
    store_url: str | None = typer.Option(None, "--store", help="Where to keep the exercise (see `drillsim exercises`)."),
    no_store: bool = typer.Option(False, "--no-store", help="Run in memory only; nothing is saved."),
    human: list[str] = typer.Option([], "--human", help="A role played by people (its decisions are left to them)."),
) -> None:
    """Play a whole exercise headless and print a readable timeline and a summary.

    Unless --no-store is given the exercise is stored, committed in batches as it runs; its id is printed last.
    """
    if policy not in POLICIES:
        raise fail(f"unknown policy {policy!r}; choose one of: {', '.join(POLICIES)}")
    chosen = lang_of(lang)
    loaded = Workspace.load_scenario(scenario)
    roles = {r.id for r in loaded.scenario.roles}
    if unknown := [r for r in human if r not in roles]:
        raise fail(f"unknown role(s) {', '.join(unknown)}; roles of {loaded.scenario.id}: {', '.join(sorted(roles))}")
    if no_store:
        played = Workspace(store_url).play(loaded, seed, policy, human, parse_until(until), keep=False)
    else:
        from drillsim.cli.store_commands import opened

        with opened(store_url) as workspace:
            played = workspace.play(loaded, seed, policy, human, parse_until(until))
    stored_id = played.id
    if as_json:
        payload = {
            "scenario": loaded.scenario.id,
            "plan": loaded.plan.definition.id,
            "seed": seed,
            "policy": policy,
            "events": [ev.to_dict(e) for e in played.events],
            "summary": summary(played),
        }
        if stored_id is not None:
            payload["exercise_id"] = str(stored_id)
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    for line in timeline_lines(played.events, loaded.plan.definition, chosen, loaded.scenario, verbose):
        typer.echo(line)
    typer.echo("")
    typer.echo(render_summary(summary(played), chosen))
    if stored_id is not None:
        typer.echo(("演练编号" if chosen == "zh" else "Exercise") + f": {stored_id.hex[:8]}  "
                   f"(drillsim show {stored_id.hex[:8]} · timeline · verify · score)")


def summary(played: Played) -> dict[str, object]:
    """Key outcomes: levels, commanders, groups, obligations by status, end."""
    s = played.state
    counts: dict[str, int] = {}
    for status in s.obligations.values():
        counts[status.status] = counts.get(status.status, 0) + 1
    return {
        "ended": s.ended,
        "end_t": s.t,
        "levels": [{"t": t, "level": level, "by": by} for t, level, by in s.level_history],
        "commanders": [{"t": t, "body": body} for t, body in s.command_history],
        "working_groups": sorted(s.groups),
        "obligations": counts,
        "missed": sorted(o.id for o in s.obligations.values() if o.status in ("missed", "late")),
        "figures": dict(s.figures),
        "events": len(played.events),
    }


def render_summary(data: dict, lang: Literal["zh", "en"]) -> str:
    zh = lang == "zh"
    levels = " → ".join(f"{x['level']}@{clock(x['t'])}" for x in data["levels"]) or "-"
    command = " → ".join(f"{x['body']}@{clock(x['t'])}" for x in data["commanders"]) or "-"
    obligations = ", ".join(f"{k} {v}" for k, v in sorted(data["obligations"].items()))
    lines = [
        ("小结" if zh else "Summary") + f" ({data['events']} events, ended: {data['ended']} at {clock(data['end_t'])})",
        f"  {'响应级别' if zh else 'levels'}: {levels}",
        f"  {'指挥' if zh else 'command'}: {command}",
        f"  {'工作组' if zh else 'working groups'}: {len(data['working_groups'])}",
        f"  {'报告义务' if zh else 'obligations'}: {obligations}",
    ]
    if data["missed"]:
        lines.append(f"  {'迟报/漏报' if zh else 'late or missed'}: {', '.join(data['missed'])}")
    return "\n".join(lines)


__all__ = ["run", "summary"]
