"""Benchmark: score a 20,000-event exercise (target: under one second).

The exercise is a real `plan`-policy run of the mini-mine scenario whose response is kept open and
extended with valid follow-up traffic: every simulated minute the loss estimate grows and the unit head,
the banner and the city each file a truthful follow-up on their obligation, and the field HQ logs a note.
Events keep increasing `t` and are renumbered `seq` 0..n-1; the termination conditions, the termination
of every active level (top first) and the end follow the traffic. The loss that grew meanwhile is
avoidable harm against the reference run (scored, as it should be). The reference run is precomputed, as the store will pass it.

    .venv/bin/python benchmarks/bench_scoring.py [n_events]
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from pathlib import Path

from drillsim.engine import events as ev
from drillsim.engine.runner import play
from drillsim.engine.state import ExerciseState
from drillsim.loading.scenarios import LoadedScenario, load_scenario
from drillsim.scoring import score_exercise

REPO = Path(__file__).resolve().parent.parent
SCENARIO = REPO / "tests" / "data" / "scenarios" / "mini-mine.yaml"
TAIL = (ev.ResponseTerminated, ev.ExerciseEnded, ev.TerminationConditionsMet)
CHAIN = (
    ("unit_head_written", "unit_head", ("county_em_bureau", "county_regulator"), "written"),
    ("county_to_prefecture", "county_em_bureau", ("prefecture_em_bureau", "prefecture_regulator"), "any"),
    ("prefecture_to_region", "prefecture_em_bureau",
     ("prefecture_party_committee", "prefecture_government", "region_em_bureau"), "any"),
)
CONTENT = ("enterprise", "time", "place", "scene", "course", "casualties", "missing", "direct_loss")


def build_exercise(loaded: LoadedScenario, n_events: int = 20_000, seed: int = 1) -> list[ev.DomainEvent]:
    """A valid exercise of exactly `n_events` events built on a real run."""
    base = play(loaded.plan, loaded.scenario, seed, "plan").events
    body = [e for e in base if not isinstance(e, TAIL) and not (
        isinstance(e, ev.ObligationStarted) and e.obligation == "final_report")]
    out: list[ev.DomainEvent] = [dataclasses.replace(e, seq=i) for i, e in enumerate(body)]
    figures: dict[str, int] = {}
    for e in out:
        if isinstance(e, (ev.AccidentOccurred, ev.FiguresChanged)):
            figures.update(e.figures)
    t = out[-1].t
    state = ExerciseState()
    for e in out:
        state.apply(e)
    active = list(reversed(state.level_stack))  # top first: 谁启动谁终止 ends them one by one
    tail = 2 + len(active)
    while len(out) < n_events - tail:
        t += 60_000
        figures["direct_loss_cny"] = figures.get("direct_loss_cny", 0) + 10_000
        cycle: list[tuple[type, dict]] = [(ev.FiguresChanged, {"cause": "bench", "figures": {
            "direct_loss_cny": figures["direct_loss_cny"]}})]
        for obligation, by, to, channel in CHAIN:
            cycle.append((ev.ReportSubmitted, {"obligation": obligation, "by": by, "to": to, "channel": channel,
                                               "figures": dict(sorted(figures.items())), "content": CONTENT,
                                               "follow_up": True}))
        cycle.append((ev.NoteRecorded, {"by": "prefecture_field_hq", "text": "situation update"}))
        for cls, fields in cycle[: n_events - tail - len(out)]:
            out.append(cls(t=t, seq=len(out), **fields))
    conditions = loaded.plan.definition.termination.conditions
    out.append(ev.TerminationConditionsMet(t=t + 30_000, seq=len(out), conditions=conditions))
    for level, by in active:
        out.append(ev.ResponseTerminated(t=t + 60_000, seq=len(out), level=level, by=by))
    out.append(ev.ExerciseEnded(t=t + 60_000, seq=len(out), reason="terminated"))
    return out


def main(n_events: int = 20_000, repeats: int = 5) -> float:
    loaded = load_scenario(SCENARIO)
    started = time.perf_counter()
    events = build_exercise(loaded, n_events)
    built = time.perf_counter() - started
    baseline = list(play(loaded.plan, loaded.scenario, 1, "plan").events)
    times, card = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        card = score_exercise(loaded, events, baseline=baseline)
        times.append(time.perf_counter() - t0)
    best, median = min(times), statistics.median(times)
    assert card is not None
    print(f"exercise: {len(events)} events ({SCENARIO.name}, built in {built:.2f} s)")
    print(f"score_exercise: median {median * 1000:.0f} ms, best {best * 1000:.0f} ms over {repeats} runs "
          f"({len(events) / median:,.0f} events/s); {len(card.findings)} findings, overall {card.overall}")
    print("target < 1 s:", "OK" if median < 1.0 else "TOO SLOW")
    return median


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
