"""Escalation path of every shipped scenario over many seeds, printed as markdown.

For each scenario (default: every `scenarios/*.yaml`) the exercise is played headless under one policy of
the computer-played roles (default `plan`) for seeds 1..N (default 100), and the events are summarised:

- how often each accident grade and each response level is reached, and when it is first reached
  (median and range over the runs that reach it, as +HH:MM after the accident);
- who activated each level;
- who held field command, how often, and when they took it;
- how the exercise ended (each level terminated by whom, or the time limit), and when;
- which conditional injects and secondary events happened, in how many runs;
- how many reporting obligations ended late or missed (a sanity check: 0 under `plan`).

    .venv/bin/python scripts/escalation_stats.py                   # all scenarios, 100 seeds, plan policy
    .venv/bin/python scripts/escalation_stats.py scenarios/cotton-picker-fire.yaml --seeds 20
    .venv/bin/python scripts/escalation_stats.py --policy late-reporter
    .venv/bin/python scripts/escalation_stats.py --write-into docs/scenarios.md   # refresh the tables there

Everything is deterministic: the same files and options print the same tables.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drillsim.engine import events as ev  # noqa: E402
from drillsim.engine.runner import play  # noqa: E402
from drillsim.loading import DataFileError  # noqa: E402
from drillsim.loading.scenarios import LoadedScenario, load_scenario  # noqa: E402

GRADE_ORDER = ("general", "larger", "major", "especially_major")
BEGIN = "<!-- BEGIN escalation-stats -->"
END = "<!-- END escalation-stats -->"


def hhmm(ms: float) -> str:
    """Milliseconds after the accident as +HH:MM, rounded to the minute."""
    minutes = int(round(ms / 60_000))
    return f"+{minutes // 60:02d}:{minutes % 60:02d}"


def spread(times: list[int]) -> tuple[str, str]:
    """Median and range of a list of times, formatted; dashes when empty."""
    if not times:
        return "-", "-"
    return hhmm(statistics.median(times)), f"{hhmm(min(times))} – {hhmm(max(times))}"


@dataclass
class Run:
    """What one run contributes: first times, actors, commanders, end."""

    grades: dict[str, int] = field(default_factory=dict)
    levels: dict[int, tuple[int, str]] = field(default_factory=dict)
    command: dict[str, int] = field(default_factory=dict)
    command_path: tuple[str, ...] = ()
    groups: int = 0
    ended: str = ""
    end_t: int = 0
    terminations: tuple[tuple[int, str], ...] = ()
    """(level, body) of every response ended, in order (each activating body ends its own level)."""
    late_or_missed: tuple[str, ...] = ()
    injects: frozenset[str] = frozenset()
    secondary: frozenset[str] = frozenset()


def summarise_run(events: list[ev.DomainEvent], secondary_ids: frozenset[str] = frozenset()) -> Run:
    run = Run()
    path: list[str] = []
    late: set[str] = set()
    injects: set[str] = set()
    secondary: set[str] = set()
    for e in events:
        if isinstance(e, ev.InjectDelivered):
            injects.add(e.inject)
        elif isinstance(e, (ev.FiguresChanged, ev.RescuersThreatened)) and e.cause in secondary_ids:
            secondary.add(e.cause)
        if isinstance(e, ev.GradeChanged):
            run.grades.setdefault(e.grade, e.t)
        elif isinstance(e, ev.ResponseActivated):
            run.levels.setdefault(e.level, (e.t, e.by))
        elif isinstance(e, ev.CommandEstablished):
            run.command.setdefault(e.commander, e.t)
            path.append(e.commander)
        elif isinstance(e, ev.CommandHandedOver):
            run.command.setdefault(e.to_body, e.t)
            path.append(e.to_body)
        elif isinstance(e, ev.WorkingGroupActivated):
            run.groups += 1
        elif isinstance(e, ev.ResponseTerminated):
            run.terminations += ((e.level, e.by),)
        elif isinstance(e, ev.ObligationMissed):
            late.add(e.obligation)
        elif isinstance(e, ev.ObligationMet) and e.late_by > 0:
            late.add(e.obligation)
        elif isinstance(e, ev.ExerciseEnded):
            run.ended, run.end_t = e.reason, e.t
    run.command_path = tuple(path)
    run.late_or_missed = tuple(sorted(late))
    run.injects = frozenset(injects)
    run.secondary = frozenset(secondary)
    return run


def scenario_table(loaded: LoadedScenario, seeds: range, policy: str) -> str:
    """The markdown section of one scenario."""
    sc, plan = loaded.scenario, loaded.plan.definition
    bodies = {b.id: b.name.en for b in plan.bodies}
    grade_names = {g.id: f"{g.name.zh} ({g.name.en})" for g in plan.grades}
    level_names = {lv.level: f"{lv.name.zh} ({lv.name.en})" for lv in plan.response_levels}
    secondary_ids = frozenset(s.id for s in sc.dynamics.secondary)
    runs = [summarise_run(play(loaded.plan, sc, seed, policy).events, secondary_ids) for seed in seeds]
    n = len(runs)

    def who(body: str) -> str:
        return f"`{body}` ({bodies.get(body, body)})"

    out = [f"### {sc.title.en}", "", f"`{sc.id}` · plan `{plan.id}` · policy `{policy}` · "
           f"seeds {seeds.start}–{seeds.stop - 1} ({n} runs)", ""]

    out += ["| accident grade | runs reaching it | first reached, median | range |", "|---|---:|---:|---:|"]
    for grade in GRADE_ORDER:
        times = [r.grades[grade] for r in runs if grade in r.grades]
        if times:
            med, rng = spread(times)
            out.append(f"| {grade_names.get(grade, grade)} | {len(times)}/{n} | {med} | {rng} |")
    out.append("")

    out += ["| response level | runs reaching it | first activated, median | range | activated by |",
            "|---|---:|---:|---:|---|"]
    levels = sorted({lv for r in runs for lv in r.levels}, reverse=True)
    for level in levels:
        hits = [r.levels[level] for r in runs if level in r.levels]
        med, rng = spread([t for t, _ in hits])
        by = Counter(b for _, b in hits)
        actors = ", ".join(f"{who(b)} {c}" for b, c in sorted(by.items()))
        out.append(f"| {level_names.get(level, level)} | {len(hits)}/{n} | {med} | {rng} | {actors} |")
    never = sum(1 for r in runs if not r.levels)
    if never:
        out.append(f"| no level activated | {never}/{n} | | | |")
    out.append("")

    out += ["| field command held by | runs | took command, median | range |", "|---|---:|---:|---:|"]
    holders: list[str] = []
    for r in runs:
        holders += [b for b in r.command_path if b not in holders]
    for body in holders:
        times = [r.command[body] for r in runs if body in r.command]
        med, rng = spread(times)
        out.append(f"| {who(body)} | {len(times)}/{n} | {med} | {rng} |")
    out.append("")
    paths = Counter(" → ".join(r.command_path) or "(none)" for r in runs)
    out.append("Command path: " + "; ".join(f"{p} ({c}/{n})" for p, c in paths.most_common()) + ".")
    out.append("")

    endings = Counter((r.ended, r.terminations) for r in runs)
    parts = []
    for (reason, ends), count in sorted(endings.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        chain = ", then ".join(f"level {lv} by {who(by)}" for lv, by in ends)
        what = reason.replace("_", " ") + (f" ({'terminated ' if reason != 'terminated' else ''}{chain})" if chain else "")
        med, rng = spread([r.end_t for r in runs if (r.ended, r.terminations) == (reason, ends)])
        parts.append(f"{what}: {count}/{n}, at {med} (range {rng})")
    out.append("End: " + "; ".join(parts) + ".")
    groups = [r.groups for r in runs]
    out.append(f"Working groups activated per run: median {statistics.median(groups):g} "
               f"(range {min(groups)}–{max(groups)}).")
    conditional = [inj.id for inj in sc.msel if inj.when is not None]
    if conditional:
        hits = ", ".join(f"`{i}` {sum(1 for r in runs if i in r.injects)}/{n}" for i in conditional)
        out.append(f"Conditional injects delivered: {hits}.")
    if sc.dynamics.secondary:
        hits = ", ".join(f"`{s.id}` {sum(1 for r in runs if s.id in r.secondary)}/{n}" for s in sc.dynamics.secondary)
        out.append(f"Secondary events: {hits}.")
    bad = Counter(o.split("#")[0] for r in runs for o in r.late_or_missed)
    if bad:
        listed = ", ".join(f"`{o}` {c}" for o, c in sorted(bad.items()))
        out.append(f"Obligations late or missed: {listed} (runs with any: "
                   f"{sum(1 for r in runs if r.late_or_missed)}/{n}).")
    else:
        out.append("Obligations late or missed: none.")
    out.append("")
    return "\n".join(out)


def _section(path: Path, seeds: range, policy: str) -> str:
    """A scenario's section, or a note when the file does not load (it is reported on stderr)."""
    try:
        loaded = load_scenario(path)
    except DataFileError as error:
        print(error.render(), file=sys.stderr)
        return f"### {path.stem}\n\n`{path.name}` does not validate; no statistics.\n"
    return scenario_table(loaded, seeds, policy)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="scenario files (default: scenarios/*.yaml)")
    parser.add_argument("--seeds", type=int, default=100, help="number of seeds (default 100)")
    parser.add_argument("--first-seed", type=int, default=1, help="first seed (default 1)")
    parser.add_argument("--policy", default="plan", help="policy of the computer-played roles (default plan)")
    parser.add_argument("--write-into", type=Path, metavar="MARKDOWN",
                        help=f"replace the text between {BEGIN!r} and {END!r} in this file instead of printing")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "scenarios").glob("*.yaml"))
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    text = "\n".join(_section(path, seeds, args.policy) for path in paths)
    if args.write_into is None:
        print(text)
        return 0
    doc = args.write_into.read_text(encoding="utf-8")
    if BEGIN not in doc or END not in doc:
        print(f"{args.write_into}: no {BEGIN} ... {END} markers", file=sys.stderr)
        return 2
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    command = "scripts/escalation_stats.py" + (f" --policy {args.policy}" if args.policy != "plan" else "") + (
        f" --seeds {args.seeds}" if args.seeds != 100 else "")
    generated = f"{BEGIN}\n<!-- generated by `{command} --write-into {args.write_into}`; do not edit -->\n\n{text}\n{END}"
    args.write_into.write_text(head + generated + tail, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
