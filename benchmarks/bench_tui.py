"""Terminal-app responsiveness, measured on the real app running headless (`App.run_test`):

- one clock tick at 600× (the timer's 100 ms of wall time = 60 s of simulation): advance the Ordos drill,
  commit to SQLite, fold, and update every panel, until the screen is redrawn — target p95 ≤ 20 ms;
- a key press until the screen shows its effect (pause/resume, speed, single step, focus the decision form,
  move through the replay, move through the library) — target p95 ≤ 50 ms;
- start-up, from launching a fresh Python process to the library screen listing the scenarios and the
  stored exercises — target ≤ 1.5 s.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from common import REPO, machine

TICK_MS = 60_000
"""Simulated time per tick at 600× (the timer fires every 100 ms)."""
STARTUP_RUNS = 5
PAST_EXERCISES = 20


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"p50 {pct(ms, 0.5):6.2f} ms   p95 {pct(ms, 0.95):6.2f} ms   max {max(ms):6.2f} ms   (n={len(ms)})"


# --- ticks and keys ----------------------------------------------------------------------------------

CHARS = {"space": " ", "right_square_bracket": "]", "left_square_bracket": "["}


async def press(app, key: str, condition, timeout: float = 5.0) -> float:  # noqa: ANN001
    """Seconds from a key event entering the app until `condition()` holds and the frame is drawn.

    Polls every 0.5 ms in the event loop's own sleep, so worker threads are not starved of the GIL."""
    from textual import events

    start = time.perf_counter()
    app.post_message(events.Key(key, CHARS.get(key, key if len(key) == 1 else None)))
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"key {key!r}: the screen did not change within {timeout}s")
        await asyncio.sleep(0.0005)
    app.screen._on_timer_update()  # draw the frame now, as the screen's refresh timer would
    return time.perf_counter() - start


async def _drive(store_url: str) -> dict[str, list[float]]:
    from tests.tui.helpers import SIZE, run_to, settle, start_drill, until
    from tui.app import make_app
    from tui.screens.replay import ReplayScreen
    from tui.widgets.live.decision_panel import DecisionPanel

    results: dict[str, list[float]] = {"tick": [], "key": []}
    keys: dict[str, list[float]] = {}
    app = make_app(store_url, "en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        library = app.screen
        await until(pilot, lambda: len(library.loaded) == len(library.files))

        # library: move through the scenarios (preview redrawn)
        library.query_one("#scenarios").focus()
        await settle(pilot)
        preview = library.query_one("#preview")
        for i in range(20):
            before = preview.content
            keys.setdefault("library ↓↑", []).append(
                await press(app, "down" if i % 8 < 4 else "up", lambda: preview.content is not before))
            await settle(pilot)

        live = await start_drill(pilot, {"region"})  # a person plays the region; the computer the rest
        done = asyncio.Event()
        take = live._take

        def timed_take(snap):  # noqa: ANN001, ANN202
            take(snap)
            done.set()

        live._take = timed_take  # type: ignore[method-assign]

        # ticks at 600×, the whole drill long (the path the Textual timer takes: advance_to → worker → panels)
        while not live.snapshot.ended:
            done.clear()
            start = time.perf_counter()
            live.advance_to(live.snapshot.now + TICK_MS)
            await done.wait()
            app.screen._on_timer_update()  # draw the frame now, as the screen's refresh timer would
            results["tick"].append(time.perf_counter() - start)
            if live.snapshot.now == 45 * TICK_MS:
                await _live_keys(pilot, live, done, keys, DecisionPanel)
        await settle(pilot)

        # replay: move through events, jump ten minutes
        app.open_replay(live.session.id, 60)
        await until(pilot, lambda: isinstance(app.screen, ReplayScreen) and app.screen.state is not None)
        replay = app.screen
        await settle(pilot)
        for i in range(40):
            key = ("down", "right_square_bracket", "up", "left_square_bracket")[i % 4]
            target = replay.seq
            keys.setdefault("replay ↓ ↑ [ ]", []).append(await press(
                app, key, lambda: replay.seq != target and replay.state.seq == replay.events[replay.seq].seq))
            await settle(pilot)
    for name, values in keys.items():
        results["key"].extend(values)
        results[f"key: {name}"] = values
    return results


async def _live_keys(pilot, live, done, keys, panel_cls) -> None:  # noqa: ANN001
    """Keys on the live console, measured at +00:45."""
    from tests.tui.helpers import settle

    app = pilot.app
    live.query_one("#obligations").focus()
    await settle(pilot)
    for _ in range(20):
        paused = live.paused
        keys.setdefault("live space (run/pause)", []).append(
            await press(app, "space", lambda: live.paused != paused))
        await settle(pilot)
    if not live.paused:
        await pilot.press("space")
    for i in range(20):
        speed = 10 if i % 2 else 60
        keys.setdefault("live 2/3 (speed)", []).append(
            await press(app, "2" if i % 2 else "3", lambda: live.speed == speed))
        await settle(pilot)
    if not live.paused:
        await pilot.press("space")
    await settle(pilot)
    for _ in range(15):
        done.clear()
        keys.setdefault("live s (single step)", []).append(await press(app, "s", done.is_set))
        await settle(pilot)
    form_type = live.query_one(panel_cls).forms()[0].query_one("#f-type")
    for _ in range(10):
        live.query_one("#obligations").focus()
        await settle(pilot)
        keys.setdefault("live d (decision form)", []).append(await press(app, "d", lambda: app.focused is form_type))
    live.query_one("#obligations").focus()


# --- start-up ----------------------------------------------------------------------------------------

CHILD = textwrap.dedent("""
    import asyncio, sys, time
    sys.path.insert(0, {repo!r})
    from tui.app import make_app

    async def main():
        app = make_app({store!r}, "en")
        async with app.run_test(size=(140, 45)) as pilot:
            library = app.screen
            while not library.files:
                await asyncio.sleep(0.002)
            app.screen._on_timer_update()  # the frame with the list drawn
            listed = time.perf_counter()
            while len(library.loaded) < len(library.files):
                await asyncio.sleep(0.01)
            print(listed, time.perf_counter(), len(library.exercises))
    asyncio.run(main())
""")


def startup(store_url: str) -> tuple[list[float], list[float], int]:
    listed, loaded, exercises = [], [], 0
    script = CHILD.format(repo=str(REPO), store=store_url)
    for _ in range(STARTUP_RUNS):
        start = time.perf_counter()  # CLOCK_MONOTONIC: comparable with the child's perf_counter on Linux
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
        a, b, n = out.stdout.split()
        listed.append(float(a) - start)
        loaded.append(float(b) - start)
        exercises = int(n)
    return listed, loaded, exercises


def seed_store(store_url: str, count: int) -> None:
    from drillsim.workspace import Workspace

    workspace = Workspace(store_url)
    loaded = workspace.load_scenario("ordos-coal-mine")
    for seed in range(count):
        workspace.start(loaded, seed, "plan", [], []).run()
    workspace.close()


def main() -> None:
    print(f"Terminal app (benchmarks/bench_tui.py) — {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        results = asyncio.run(_drive(f"sqlite:///{tmp}/bench.db"))
        print(f"one clock tick at 600× (60 s simulated, Ordos, whole drill): {summary(results['tick'])}  target p95 ≤ 20 ms")
        print(f"key press → screen updated, all keys:                       {summary(results['key'])}  target p95 ≤ 50 ms")
        for name, values in results.items():
            if name.startswith("key: "):
                print(f"    {name[5:]:<28} {summary(values)}")
        empty = f"sqlite:///{Path(tmp)}/empty.db"
        listed, loaded, _ = startup(empty)
        print(f"start-up to the library (empty store):     median {statistics.median(listed):.2f} s, "
              f"max {max(listed):.2f} s  target ≤ 1.5 s; every scenario validated: median "
              f"{statistics.median(loaded):.2f} s")
        full = f"sqlite:///{Path(tmp)}/full.db"
        seed_store(full, PAST_EXERCISES)
        listed, loaded, n = startup(full)
        print(f"start-up to the library ({n} past exercises): median {statistics.median(listed):.2f} s, "
              f"max {max(listed):.2f} s  target ≤ 1.5 s; every scenario validated: median "
              f"{statistics.median(loaded):.2f} s")


if __name__ == "__main__":
    main()
