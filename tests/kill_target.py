"""Run by test_kill: a live exercise with a person's decisions every three simulated minutes.

Prints `ID <uuid>` once, then `COMMITTED <minute>` after each decision has been committed.
"""

from __future__ import annotations

import sys

from drillsim.decisions import Note
from drillsim.loading.scenarios import load_scenario
from drillsim.session.live import LiveSession
from drillsim.store.application import ExerciseStore

MIN = 60_000


def main(url: str, scenario: str, seed: int) -> None:
    store = ExerciseStore.open(url)
    session = LiveSession.start(store, load_scenario(scenario), seed, human_roles=["enterprise"])
    sys.stdout.write(f"ID {session.id}\n")
    sys.stdout.flush()
    for minute in range(1, 12 * 60):
        session.advance_to(minute * MIN)
        if session.ended:
            break
        if minute % 3 == 0:
            session.decide(Note(actor="unit_head", text=f"minute {minute}"))
            sys.stdout.write(f"COMMITTED {minute}\n")  # one write: a kill cannot split the line
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
