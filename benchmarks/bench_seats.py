"""Multi-seat figures on SQLite and PostgreSQL, with real processes (each backend measured in one run):

- decision at a seat → visible at the room view: a seat process sends a decision, the host process applies
  it, a room-view process sees it in its folded view; p50 / p95 / max over the decisions (targets: p95 ≤ 250
  ms on PostgreSQL, ≤ 500 ms on SQLite);
- the host's tick cost (wall and CPU per tick, the clock running at 60×) with 8 seats following, against the
  same host with no seat (the ratio is what the seats cost the host).

The host runs in this process (so its ticks can be timed); every seat is a process of its own, following
the store as `drillsim join` does (building its view after every change).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import REPO, machine

DECISIONS = 40
INTERVAL = 0.3
"""Seconds between two decisions of the deciding seat."""
SCENARIO = "ordos-coal-mine"
HUMANS = ["enterprise", "banner", "city", "region", "control"]
"""Every role played by people, so that only the deciding seat decides (computer roles would add decisions)."""


def seat_process(url: str, code: str, mode: str, out: Path, stop: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, __file__, "--seat", code, "--url", url, "--mode", mode, "--out", str(out),
                             "--stop", str(stop)], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})


def run_seat(url: str, code: str, mode: str, out: Path, stop: Path) -> None:
    """One seat: follow (building the view after every change); the room records when each decision shows;
    the decider sends DECISIONS notes and records when each was sent."""
    from drillsim.workspace import Workspace, parse_decision

    client = Workspace(url, connections=1).join(code)  # as `drillsim join` opens it
    client.view()
    out.with_suffix(".ready").write_text("ready")
    times: list[float] = []
    if mode == "decide":
        while not stop.with_suffix(".go").exists():  # every seat has joined
            time.sleep(0.05)
        for i in range(DECISIONS):
            decision = parse_decision({"type": "note", "actor": "unit_head", "text": f"bench {i}"})
            times.append(time.time())
            client.decide(decision)
            time.sleep(INTERVAL)
    else:
        seen = 0
        while not stop.exists():
            if client.refresh():
                view = client.view()
                if mode == "room":
                    now = time.time()
                    while seen < view.state.decisions:
                        seen += 1
                        times.append(now)
            client.wait(0.2)
    out.write_text(json.dumps(times))
    client.close()


def measure(url: str, folder: Path, seats: bool) -> dict[str, object]:
    """Host an exercise here; with `seats`, 8 seat processes follow it and one of them decides."""
    os.environ["DRILLSIM_HOST_KEYS"] = str(folder / "keys")
    from drillsim.workspace import Workspace

    workspace = Workspace(url)
    host = workspace.host(workspace.load_scenario(SCENARIO), 1, HUMANS, speed=60)
    host.paused = False
    stop = folder / f"stop-{seats}"
    processes, outputs = [], {}
    if seats:
        roles = [*HUMANS, "facilitator", "evaluator", "room"]  # 8 seats
        for role in roles:
            mode = "decide" if role == "enterprise" else "room" if role == "room" else "follow"
            outputs[role] = folder / f"{role}.json"
            processes.append(seat_process(url, host.codes[role], mode, outputs[role], stop))
        while not all(out.with_suffix(".ready").exists() for out in outputs.values()):
            host.tick()  # the seats' hellos
            time.sleep(0.1)
        stop.with_suffix(".go").write_text("go")
    ticks: list[tuple[float, float]] = []

    def timed_tick() -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        host.tick()
        ticks.append((time.perf_counter() - wall, time.thread_time() - cpu))

    host._last_wall = time.monotonic()
    deadline = time.monotonic() + (DECISIONS * INTERVAL + 6 if seats else 12)
    while time.monotonic() < deadline:
        timed_tick()
        host._requests.wait(0.1)
    stop.write_text("stop")
    for process in processes:
        process.wait(timeout=60)
    host.close()
    workspace.close()
    result: dict[str, object] = {
        "ticks": len(ticks),
        "tick_wall_ms": statistics.mean(t[0] for t in ticks) * 1000,
        "tick_cpu_ms": statistics.mean(t[1] for t in ticks) * 1000,
        "tick_p95_ms": statistics.quantiles([t[0] for t in ticks], n=20)[-1] * 1000,
    }
    if seats:
        sent = json.loads(outputs["enterprise"].read_text())
        shown = json.loads(outputs["room"].read_text())
        latencies = sorted((b - a) * 1000 for a, b in zip(sent, shown))
        assert len(sent) == len(shown) == DECISIONS, f"{len(sent)} decisions sent, {len(shown)} seen at the room view"
        if os.environ.get("BENCH_SEATS_VERBOSE"):
            print("latencies (ms, in order):", [round((b - a) * 1000) for a, b in zip(sent, shown)])
        result.update(decisions=len(latencies), p50=statistics.median(latencies),
                      p95=statistics.quantiles(latencies, n=20)[-1], max=latencies[-1])
    return result


def report(name: str, url: str, folder: Path) -> dict[str, object]:
    alone = measure(url, folder, seats=False)
    if url.startswith("sqlite"):
        url = url.replace("seats.sqlite", "seats-2.sqlite")
    with_seats = measure(url, folder, seats=True)
    print(f"{name}: decision → room view over {with_seats['decisions']} decisions: p50 {with_seats['p50']:.0f} ms, "
          f"p95 {with_seats['p95']:.0f} ms, max {with_seats['max']:.0f} ms")
    print(f"{name}: host tick, no seat: {alone['tick_wall_ms']:.2f} ms wall ({alone['tick_cpu_ms']:.2f} ms CPU, "
          f"p95 {alone['tick_p95_ms']:.2f} ms) over {alone['ticks']} ticks")
    print(f"{name}: host tick, 8 seats: {with_seats['tick_wall_ms']:.2f} ms wall ({with_seats['tick_cpu_ms']:.2f} ms "
          f"CPU, p95 {with_seats['tick_p95_ms']:.2f} ms) over {with_seats['ticks']} ticks; "
          f"8 seats / none (CPU): {with_seats['tick_cpu_ms'] / alone['tick_cpu_ms']:.2f}")
    return with_seats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seat"), parser.add_argument("--url"), parser.add_argument("--mode")
    parser.add_argument("--out"), parser.add_argument("--stop")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    if args.seat:
        run_seat(args.url, args.seat, args.mode, Path(args.out), Path(args.stop))
        return
    print(machine())
    folder = Path(tempfile.mkdtemp(prefix="bench-seats-"))
    if args.backend in ("sqlite", "both"):
        report("SQLite", f"sqlite:///{folder / 'seats.sqlite'}", folder)
    if args.backend in ("postgres", "both"):
        sys.path.insert(0, str(REPO))
        from tests.pg_cluster import NoPostgres, start_cluster

        try:
            cluster = start_cluster()
        except NoPostgres as error:
            print(f"PostgreSQL: skipped ({error})")
            return
        try:
            report("PostgreSQL", cluster.create_database("bench_seats"), folder)
        finally:
            cluster.stop()


if __name__ == "__main__":
    threading.current_thread().name = "bench"
    main()
