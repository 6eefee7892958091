"""SHA-256 digests of engine event streams, to prove a refactoring left behaviour unchanged.

Plays every shipped scenario under every policy for a range of seeds, plus human-played runs fed the
computer's own decisions and a set of deliberately wrong ones (rejections), and runs whose enterprise is at
the table and silent, and prints one digest per run and a digest of all of them. Compare the output before and after a change:

    python scripts/stream_digests.py > before.txt   # on the old code
    python scripts/stream_digests.py > after.txt    # on the new code
    diff before.txt after.txt                       # nothing: same event streams

It uses only the engine's public entry points, found by name so it runs across the refactoring.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _find(candidates: list[tuple[str, str]]):  # noqa: ANN202 - locates an entry point that may have moved
    for module, name in candidates:
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
    raise SystemExit(f"none of {candidates} found")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=12)
    args = parser.parse_args()
    play = _find([("drillsim.engine.runner", "play"), ("drillsim.engine", "play")])
    to_dict = _find([("drillsim.engine.events", "to_dict")])
    parse_decision = _find([("drillsim.engine.decisions", "parse_decision"), ("drillsim.decisions", "parse_decision")])
    policies = sorted(_find([("drillsim.engine.policies", "POLICIES")]))
    load_scenario = _find([("drillsim.loading.scenarios", "load_scenario")])
    scenario_paths = _find([("drillsim.catalog", "scenario_paths")])

    def digest(events) -> str:  # noqa: ANN001
        h = hashlib.sha256()
        for e in events:
            h.update(json.dumps(to_dict(e), sort_keys=True, ensure_ascii=False).encode())
            h.update(b"\n")
        return h.hexdigest()

    total = hashlib.sha256()
    paths = list(scenario_paths()) + sorted((REPO / "tests" / "data" / "scenarios").glob("*.yaml"))
    for path in paths:
        try:
            loaded = load_scenario(path)
        except Exception as exc:  # noqa: BLE001 - test data may include deliberately broken files
            print(f"{path.stem} unloadable {type(exc).__name__}")
            continue
        plan, scenario = loaded.plan, loaded.scenario
        for policy in policies:
            for seed in range(1, args.seeds + 1):
                exercise = play(plan, scenario, seed, policy)
                line = f"{path.stem} {policy} {seed} {digest(exercise.events)}"
                print(line)
                total.update(line.encode())
        # Human-played: every role at the table, fed the plan run's decisions, plus wrong ones.
        roles = [r.id for r in scenario.roles]
        for seed in (1, 2, 3):
            source = play(plan, scenario, seed, "plan")
            decisions = []
            for e in source.events:
                if type(e).__name__ == "DecisionAccepted":
                    decisions.append((e.t, parse_decision({"type": e.decision, "actor": e.actor,
                                                           "rationale": e.rationale, **e.params})))
            wrong = []
            for t, d in decisions[::3]:
                # the same decision by another body, and the same decision again later: rejections
                other = next((b for b in _bodies(plan) if b != d.actor), d.actor)
                wrong.append((t + 1000, d.model_copy(update={"actor": other})))
                wrong.append((t + 60_000, d))
            exercise = play(plan, scenario, seed, "plan", decisions + wrong, human_roles=roles)
            line = f"{path.stem} human {seed} {digest(exercise.events)}"
            print(line)
            total.update(line.encode())
            # The same, with the judgement decisions (engine 5) each clause of the plan allows, at fixed times.
            judged = [(t, parse_decision(data)) for t, data in _judgements(plan)]
            exercise = play(plan, scenario, seed, "plan", decisions + wrong + judged, human_roles=roles)
            line = f"{path.stem} human-judged {seed} {digest(exercise.events)}"
            print(line)
            total.update(line.encode())
            # The enterprise's role at the table, silent (engine 6): what the computer's governments do on no news.
            silent = [r.id for r in scenario.roles if "enterprise" in r.bodies]
            if silent:
                exercise = play(plan, scenario, seed, "plan", human_roles=silent)
                line = f"{path.stem} silent {seed} {digest(exercise.events)}"
                print(line)
                total.update(line.encode())
    print(f"ALL {total.hexdigest()}")


def _judgements(plan) -> list[tuple[int, dict]]:  # noqa: ANN001
    """Judging levels necessary, declaring capacity exceeded, asking for support, sending guidance teams and
    selecting working groups, as the plan's clauses allow (some rejected for want of information or authority)."""
    inner = getattr(plan, "definition", None) or plan
    minute = 60_000
    out: list[tuple[int, dict]] = []
    for lv in sorted(getattr(inner, "response_levels", ()), key=lambda lv: -lv.level):
        for trigger in lv.triggers:
            if trigger.kind == "decided_by":
                out.append((40 * minute, {"type": "judge_response_needed", "actor": trigger.body, "level": lv.level}))
            elif trigger.kind == "capacity_exceeded":
                heads = [x.activated_by for x in inner.response_levels if x.led_by_tier == trigger.tier]
                out += [(50 * minute, {"type": "declare_capacity_exceeded", "actor": head}) for head in heads[:1]]
        groups = list(lv.working_groups)
        if len(groups) > 1:
            out.append((100 * minute, {"type": "select_working_groups", "actor": lv.commander, "groups": groups[:-1]}))
    for rule in getattr(inner, "support_requests", ()):
        out.append((60 * minute, {"type": "request_support", "actor": rule.from_[0], "to": rule.to[-1]}))
    for team in getattr(getattr(inner, "field_command", None), "guidance_teams", ()):
        out.append((70 * minute, {"type": "send_guidance_team", "actor": team.sent_by, "team": team.id}))
    return out


def _bodies(plan) -> list[str]:  # noqa: ANN001
    inner = getattr(plan, "definition", None) or getattr(plan, "plan", plan)
    return sorted(b.id for b in inner.bodies)


if __name__ == "__main__":
    main()
