"""The session API (drillsim.workspace): one lock for every thread, a score that follows the evaluators'
input, clear errors, and a headless run that leaves the store alone when asked."""

from __future__ import annotations

import sys
import threading

import pytest

from drillsim.workspace import StoreUnavailable, Workspace, events, parse_decision

from tests.conftest import MINI_MINE

MINUTE = 60_000


def test_threads_sharing_a_workspace_leave_a_log_that_verifies(tmp_path) -> None:
    """A clock thread, a person deciding and a facilitator taking notes at once, as the app's workers do."""
    with Workspace(f"sqlite:///{tmp_path}/drills.sqlite") as workspace:
        live = workspace.start(workspace.load_scenario(MINI_MINE), 5, "plan", ["enterprise"])
        errors: list[BaseException] = []

        def guarded(work):  # noqa: ANN001, ANN202
            def run() -> None:
                try:
                    work()
                except BaseException as error:  # noqa: BLE001 - reported by the assertion below
                    errors.append(error)
            return threading.Thread(target=run)

        def clock() -> None:
            for minute in range(1, 121):
                live.advance_to(minute * MINUTE)

        def person() -> None:
            for n in range(40):
                live.decide(parse_decision({"type": "note", "actor": "unit_head", "text": f"note {n}"}))

        def facilitator() -> None:
            for n in range(40):
                live.facilitate("speed", str(n % 3 + 1))
                live.snapshot()

        threads = [guarded(clock), guarded(person), guarded(facilitator)]
        switch = sys.getswitchinterval()
        sys.setswitchinterval(1e-6)  # switch threads as often as possible, so that unguarded steps would interleave
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            sys.setswitchinterval(switch)
        assert errors == []
        snapshot = live.snapshot()
        live.close()
        assert snapshot.count == len(live.events)
        notes = [e for e in live.events if isinstance(e, events.DecisionAccepted) and e.decision == "note"]
        assert len(notes) == 40
        report = workspace.verify(live.id)
        assert report.identical, report.divergence
        assert report.events == snapshot.count


def test_every_handle_waits_for_the_workspace_lock(tmp_path) -> None:
    """Live and stored exercises share their workspace's one lock: nothing runs while another call holds it."""
    with Workspace(f"sqlite:///{tmp_path}/drills.sqlite") as workspace:
        live = workspace.start(workspace.load_scenario(MINI_MINE), 2)
        replay = workspace.replay(live.id)
        calls = [lambda: live.advance_to(30 * MINUTE), lambda: live.facilitate("pause"), replay.bookmarks,
                 lambda: replay.add_bookmark(0, "start"), workspace.exercises]
        for call in calls:
            done = threading.Event()
            worker = threading.Thread(target=lambda call=call: (call(), done.set()))
            with workspace.lock:
                worker.start()
                assert not done.wait(0.2), "ran while the workspace lock was held"
            assert done.wait(20)
            worker.join()


def test_a_bookmark_taken_while_live_does_not_break_the_live_exercise(tmp_path) -> None:
    """The app's path: pause the console, open the replay, bookmark, go back and play on."""
    with Workspace(f"sqlite:///{tmp_path}/drills.sqlite") as workspace:
        live = workspace.start(workspace.load_scenario(MINI_MINE), 4, "plan", ["enterprise"])
        live.advance_to(20 * MINUTE)
        live.facilitate("pause")
        workspace.replay(live.id).add_bookmark(10 * MINUTE, "first report")
        live.facilitate("resume")
        live.advance_to(90 * MINUTE)
        live.decide(parse_decision({"type": "note", "actor": "unit_head", "text": "after the bookmark"}))
        later = workspace.replay(live.id)
        later.observe("evaluator", "calm hand-over", 30 * MINUTE)
        live.close()
        assert [b.text for b in workspace.replay(live.id).bookmarks()] == ["first report"]
        assert workspace.verify(live.id).identical


def test_a_score_follows_an_override_added_after_it(tmp_path) -> None:
    with Workspace(f"sqlite:///{tmp_path}/drills.sqlite") as workspace:
        played = workspace.play(workspace.load_scenario(MINI_MINE), 1, "late-reporter")
        first = workspace.score(played.id)
        assert workspace.score(played.id) is first  # unchanged exercise: the cached card
        finding = next(f for f in first.card.findings if f.verdict != "met")
        workspace.replay(played.id).override(finding.id, "evaluator", "seen on the tape", verdict="met")
        second = workspace.score(played.id)
        assert second is not first
        assert next(f for f in second.card.findings if f.id == finding.id).verdict == "met"


def test_a_store_that_cannot_open_says_which_in_one_line(tmp_path) -> None:
    with pytest.raises(StoreUnavailable, match="unknown store URL mysql://db/drills"):
        Workspace("mysql://db/drills").open()
    with pytest.raises(StoreUnavailable, match=r"cannot open the store postgresql://drill:\*\*\*@127.0.0.1:9/x"):
        Workspace("postgresql://drill:secret@127.0.0.1:9/x").open()


def test_a_run_not_kept_leaves_the_store_alone(tmp_path) -> None:
    path = tmp_path / "never.sqlite"
    played = Workspace(f"sqlite:///{path}").play(Workspace.load_scenario(MINI_MINE), 3, keep=False)
    assert played.id is None and played.events and played.state.t > 0
    assert not path.exists()


def test_a_snapshot_copies_the_state_only_when_an_event_changed_it(tmp_path) -> None:
    """A clock tick without events answers with the copy it made before (the copy was half a tick's work)."""
    with Workspace(f"sqlite:///{tmp_path}/drills.sqlite") as workspace:
        live = workspace.start(workspace.load_scenario(MINI_MINE), 5, "plan", ["enterprise"])
        first = live.advance_to(MINUTE)
        quiet = live.advance_to(MINUTE + 1)
        assert quiet.count == first.count and quiet.now == MINUTE + 1
        assert quiet.state is first.state
        later = live.advance_to(60 * MINUTE)
        assert later.count > first.count and later.state is not first.state
        assert first.state.seq == first.count - 1 and later.state.seq == later.count - 1  # each as it stood
        live.close()
