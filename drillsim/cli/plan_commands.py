"""Commands about plans and data files: plans, plan show, validate, schema, classify."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Literal, get_args

import typer

from drillsim.catalog import find_plan, layers_dir, plan_paths
from drillsim.cli.app import EXIT_INVALID, LangOption, app, fail, lang_of, user_errors
from drillsim.glossary import GRADE_NAMES
from drillsim.i18n import pick
from drillsim.loading import LoadedPlan, load_plan, validate_file
from drillsim.loading.errors import MAX_SHOWN
from drillsim.loading.suggestions import suggest
from drillsim.model.base import NUMBER_LIMIT, format_duration
from drillsim.model.plan import CrossJurisdictionTrigger
from drillsim.rules.grading import IncidentFacts, classify
from drillsim.rules.obligations import applies_to, effective_obligations

CrossScope = Enum("CrossScope", {s: s for s in get_args(CrossJurisdictionTrigger.model_fields["scope"].annotation)},
                  type=str)
"""The --cross values: the scopes a plan's cross-jurisdiction triggers name (an Enum, so typer lists them)."""

plan_app = typer.Typer(help="Inspect one plan.", no_args_is_help=True)
app.add_typer(plan_app, name="plan")



def _load(ref: str) -> LoadedPlan:
    return load_plan(find_plan(ref), layers_dir())


@app.command("plans")
@user_errors
def list_plans(lang: str | None = LangOption) -> None:
    """List the shipped emergency plans."""
    chosen = lang_of(lang)
    for path in plan_paths():
        loaded = _load(str(path))
        p = loaded.definition
        typer.echo(f"{p.id:<16} {p.document_number:<20} {p.issued}  {pick(p.title, chosen)}")


@plan_app.command("show")
@user_errors
def show_plan(plan_id: str = typer.Argument(..., help="Plan id (see `drillsim plans`) or path to a plan file."),
              lang: str | None = LangOption) -> None:
    """Show a plan readably: grades, response levels, reporting, command, working groups, with citations."""
    from drillsim.render.plan_text import render_plan

    loaded = _load(plan_id)
    typer.echo(render_plan(loaded.definition, loaded.layers, lang_of(lang)), nl=False)


@app.command("validate")
def validate(paths: list[Path] = typer.Argument(..., help="Plan, layer or scenario files to check.")) -> None:
    """Validate data files; every problem is printed as file:line:col with what was expected."""
    problems = 0
    for path in paths:
        issues = validate_file(path)
        if issues:
            problems += len(issues)
            for issue in issues[:MAX_SHOWN]:
                typer.echo(issue.render(), err=True)
            if len(issues) > MAX_SHOWN:
                typer.echo(f"… and {len(issues) - MAX_SHOWN} more in {path}", err=True)
        else:
            typer.echo(f"{path}: ok")
    if problems:
        raise fail(f"{problems} problem(s) in {len(paths)} file(s)", EXIT_INVALID)


@app.command("schema")
def schema(kind: str = typer.Argument(..., help="plan, layer or scenario")) -> None:
    """Print the JSON Schema of a data file kind, for editor completion."""
    from drillsim.model.plan import ExternalLayer, Plan

    models: dict[str, type] = {"plan": Plan, "layer": ExternalLayer}
    try:
        from drillsim.model.scenario import Scenario

        models["scenario"] = Scenario
    except ImportError:  # the scenario model arrives with the engine
        pass
    model = models.get(kind)
    if model is None:
        raise fail(f"unknown schema {kind!r}; choose one of: {', '.join(models)}")
    if kind == "scenario":
        from drillsim.loading.scenarios import scenario_json_schema

        document = scenario_json_schema()
    else:
        document = model.model_json_schema(by_alias=True)
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))


@app.command("classify")
@user_errors
def classify_command(
    plan: str = typer.Option(..., "--plan", help="Plan id or path."),
    deaths: int = typer.Option(0, "--deaths", min=0, max=NUMBER_LIMIT - 1, help="Deaths (死亡)."),
    serious_injuries: int = typer.Option(0, "--serious-injuries", min=0, max=NUMBER_LIMIT - 1,
                                         help="Serious injuries incl. acute poisoning."),
    loss_cny: int = typer.Option(0, "--loss-cny", min=0, max=NUMBER_LIMIT - 1, help="Direct economic loss in CNY."),
    trapped: int = typer.Option(0, "--trapped", min=0, max=NUMBER_LIMIT - 1,
                                help="Endangered, trapped or missing people (涉险、被困、失联)."),
    exceeds: list[str] = typer.Option([], "--exceeds-capacity", help="Tier whose capacity is exceeded (repeatable): "
                                                                     "a tier id of the plan."),
    cross: list[CrossScope] = typer.Option([], "--cross", help="Jurisdictions crossed (repeatable)."),
    decided: list[str] = typer.Option([], "--decided-by", help="Body that judges a response necessary (认为需要, "
                                                               "repeatable): a body id of the plan."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output (a stable contract)."),
    lang: str | None = LangOption,
) -> None:
    """Grade an accident and name the response level, who activates it, and the reports that start."""
    loaded = _load(plan)
    tiers = [t.id for t in loaded.definition.tiers]
    for tier in exceeds:
        if tier not in tiers:
            raise fail(f"unknown tier {tier!r} for --exceeds-capacity; the tiers of {loaded.definition.id} are: "
                       f"{', '.join(tiers)}" + (f" ({hint})" if (hint := suggest(tier, tiers, listing=0)) else ""))
    bodies = [b.id for b in loaded.definition.bodies]
    for body in decided:
        if body not in bodies:
            raise fail(f"unknown body {body!r} for --decided-by"
                       + (f" ({hint})" if (hint := suggest(body, bodies, listing=0)) else ""))
    figures = IncidentFacts(deaths, serious_injuries, loss_cny, trapped, frozenset(exceeds),
                            frozenset(c.value for c in cross), frozenset(decided))
    result = classification_dict(loaded, figures)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    typer.echo(render_classification(result, lang_of(lang)))


def classification_dict(loaded: LoadedPlan, figures: IncidentFacts) -> dict[str, object]:
    """The `classify --json` contract: plan, grade (Chinese name), response_level (1-4), activated_by, obligations."""
    plan = loaded.definition
    bodies = {b.id: b for b in plan.bodies}
    result = classify(plan, figures)
    level = result.level

    def named(body_id: str) -> dict[str, str]:
        body = bodies.get(body_id)
        return {"id": body_id, "zh": body.name.zh if body else body_id, "en": body.name.en if body else body_id}

    obligations = []
    for eo in effective_obligations(plan, loaded.layers):
        o = eo.obligation
        if not applies_to(o, result.grade.id, level.level if level else None):
            continue
        obligations.append({
            "id": o.id,
            "name": o.name.model_dump(),
            "from": named(o.from_),
            "to": [named(b) for b in o.to],
            "channel": o.channel,
            "kind": o.kind,
            "deadline": format_duration(eo.deadline_ms),
            "deadline_ms": eo.deadline_ms,
            "starts_on": o.starts_on.model_dump(),
            "modality": o.modality,
            "external": eo.layer is not None,
            "source": eo.layer or plan.id,
            "cite": o.cite.model_dump(),
        })
    return {
        "plan": plan.id,
        "grade": GRADE_NAMES[result.grade.id].zh,
        "grade_id": result.grade.id,
        "grade_en": result.grade.name.en,
        "response_level": level.level if level else None,
        "response_level_name": level.name.model_dump() if level else None,
        "activated_by": level.activated_by if level else None,
        "activated_by_name": named(level.activated_by) if level else None,
        "commander": named(level.commander) if level else None,
        "reasons": [t.model_dump() for t in result.reasons],
        "working_groups": list(level.working_groups) if level else [],
        "obligations": obligations,
        "figures": {
            "deaths": figures.deaths,
            "serious_injuries": figures.serious_injuries,
            "loss_cny": figures.direct_loss_cny,
            "trapped": figures.people_at_risk,
        },
    }


def render_classification(result: dict, lang: Literal["zh", "en"]) -> str:
    """Human-readable form of `classification_dict`."""
    zh = lang == "zh"
    lines = [
        f"{'预案' if zh else 'Plan'}: {result['plan']}",
        f"{'事故等级' if zh else 'Accident grade'}: {result['grade']} ({result['grade_en']})",
    ]
    if result["response_level"] is None:
        lines.append("未触发应急响应" if zh else "No response level applies")
    else:
        name = result["response_level_name"]["zh" if zh else "en"]
        lines.append(f"{'应急响应' if zh else 'Response level'}: {name} ({result['response_level']})")
        lines.append(f"{'启动' if zh else 'Activated by'}: {result['activated_by_name']['zh' if zh else 'en']}")
        lines.append(f"{'指挥' if zh else 'Commander'}: {result['commander']['zh' if zh else 'en']}")
        if result["working_groups"]:
            lines.append(f"{'工作组' if zh else 'Working groups'}: {', '.join(result['working_groups'])}")
    lines.append(f"{'信息报告义务' if zh else 'Reporting obligations'}:")
    for o in result["obligations"]:
        to = ", ".join(t["zh" if zh else "en"] for t in o["to"])
        ext = (" [外部: " if zh else " [external: ") + o["source"] + "]" if o["external"] else ""
        lines.append(f"  {o['from']['zh' if zh else 'en']} → {to}: {o['channel']} ≤ {o['deadline']}{ext}")
    return "\n".join(lines)
