"""Multi-seat drills in one process: a real host and real seats on a real SQLite store (the process tests are
in test_seats_processes.py). What a seat sees comes from the knowledge rule; what it sends is checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from drillsim.decisions import parse_decision
from drillsim.engine import events as ev
from drillsim.engine.knowledge import role_knowledge
from drillsim.engine.state import fold
from drillsim.rules.plan_index import PlanIndex
from drillsim.seats.codes import CodeError, code_sha256, normalise, request_mac
from drillsim.seats.host import Host
from drillsim.seats.seat import SeatClient
from drillsim.session.live import LiveSession
from drillsim.session.replay import verify
from drillsim.store.application import ExerciseStore

HUMANS = ["enterprise", "banner", "city"]
REPORT = {"type": "report", "actor": "site_personnel", "obligation": "site_to_unit_head"}


@pytest.fixture(autouse=True)
def host_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRILLSIM_HOST_KEYS", str(tmp_path / "keys"))


@pytest.fixture()
def url(store_url: str) -> str:
    """A fresh SQLite file and a fresh PostgreSQL database, in turn."""
    return store_url


@pytest.fixture()
def host(url: str, mini_mine) -> Host:  # noqa: ANN001
    hosted = Host.start(ExerciseStore.open(url), mini_mine, 7, HUMANS)
    yield hosted
    hosted.close()


def seat(url: str, code: str) -> SeatClient:
    """A seat with a store of its own, as a separate process would have (one PostgreSQL connection, as
    `drillsim join` keeps)."""
    return SeatClient(ExerciseStore.open(url, connections=1), code)


def run_to(host: Host, t: int) -> None:
    host.intake()
    host.session.advance_to(t)


def test_every_seat_gets_its_own_code_and_the_store_keeps_only_its_hash(host: Host, url: str) -> None:
    assert set(host.codes) == {*HUMANS, "facilitator", "evaluator", "room"}
    assert len(set(host.codes.values())) == len(host.codes)
    assert all(len(code.replace("-", "")) == 32 for code in host.codes.values())  # 20 bytes, 160 bits
    assert not any(code.startswith("-") for code in host.codes.values())  # never read as an option
    issued = {r.role: r.code_sha256 for r in ExerciseStore.open(url).seats()}
    assert issued == {role: code_sha256(code) for role, code in host.codes.items()}
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        stored = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))  # the file and its WAL
        for code in host.codes.values():
            assert code.encode() not in stored and normalise(code).encode() not in stored
            assert code_sha256(code).encode() in stored
    joined = seat(url, host.codes["banner"])
    assert (joined.role, joined.exercise) == ("banner", host.id)


def test_a_role_seat_sees_what_its_role_knows_never_the_ground_truth(host: Host, url: str, mini_mine) -> None:  # noqa: ANN001
    run_to(host, 40 * 60_000)
    banner, enterprise = seat(url, host.codes["banner"]), seat(url, host.codes["enterprise"])
    truth = host.session.state
    index = PlanIndex.build(mini_mine.plan, mini_mine.scenario)
    assert truth.figures and banner.view().state.figures == role_knowledge(truth, index, "banner") == {}
    assert enterprise.view().state.figures == truth.figures  # at the scene the truth is what they see
    seen = banner.view()
    assert not any(isinstance(e, (ev.FiguresChanged, ev.AccidentOccurred)) for e in seen.events)
    assert all(e.to_role == "banner" for e in seen.events if isinstance(e, ev.InjectDelivered))
    assert seen.state.grade is None and seen.state.justified_level is None and not seen.state.injects
    assert all(o.from_body in index.role_bodies["banner"] for o in seen.state.obligations.values())
    delivered = [e for e in host.session.events if isinstance(e, ev.InjectDelivered)]
    others = [e for e in delivered if e.to_role != "banner"]
    assert others and not any(e in seen.events for e in others)


def test_a_report_reaches_the_seats_it_is_addressed_to(host: Host, url: str) -> None:
    facilitator, enterprise, banner = (seat(url, host.codes[r]) for r in ("facilitator", "enterprise", "banner"))
    run_to(host, 2 * 60_000)
    direct = {"type": "report", "actor": "site_personnel", "obligation": "site_direct_to_county"}
    number = enterprise.decide(parse_decision(direct))
    host.intake()
    assert enterprise.outcome(number).outcome == "accepted", enterprise.outcome(number)
    banner.refresh()
    known = banner.view().state.figures
    assert known and known == {k: v for k, v in host.session.state.known["county_em_bureau"].items()}
    assert any(isinstance(e, ev.ReportSubmitted) for e in banner.view().events)
    facilitator.refresh()
    assert facilitator.view().presence["enterprise"][0] == "accepted"
    banner.close()
    host.intake()
    facilitator.refresh()
    assert facilitator.view().presence["banner"][0] == "left"


def test_a_seat_decides_only_for_its_role_whatever_it_sends(host: Host, url: str) -> None:
    banner = seat(url, host.codes["banner"])
    run_to(host, 60_000)
    before = len(host.session.events)
    number = banner.send("decision", {"decision": REPORT})  # an enterprise body's report, from the banner
    host.intake()
    outcome = banner.outcome(number)
    assert outcome.outcome == "refused" and "only for its role" in outcome.detail
    assert len(host.session.events) == before  # nothing reached the engine
    hostile = [{"decision": "x" * 100}, {"decision": {"type": "report"}}, {}, {"decision": {"type": "nope"}},
               {"decision": {**REPORT, "actor": "county_em_bureau", "type": "report", "extra": 1}}]
    numbers = [banner.send("decision", payload) for payload in hostile] + [banner.send("teleport", {})]
    host.intake()
    assert [banner.outcome(n).outcome for n in numbers] == ["refused"] * len(numbers)
    assert len(host.session.events) == before


def test_forged_and_replayed_requests_are_refused(host: Host, url: str) -> None:
    store = ExerciseStore.open(url)
    enterprise = seat(url, host.codes["enterprise"])
    run_to(host, 60_000)
    payload = {"decision": REPORT}
    forged = store.send_request(host.id, enterprise.seat, "decision", payload, lambda _v: "0" * 64)
    guessed = store.send_request(host.id, enterprise.seat, "decision", payload,
                                 lambda v: request_mac("a" * 32, host.id, enterprise.seat, v, "decision", payload))
    stale = store.send_request(host.id, enterprise.seat, "decision", payload,  # signed for another position
                               lambda v: request_mac(host.codes["enterprise"], host.id, enterprise.seat, v - 1,
                                                     "decision", payload))
    banner = seat(url, host.codes["banner"])  # the banner's code signing into the enterprise's inbox
    moved = store.send_request(host.id, enterprise.seat, "decision", payload,
                               lambda v: request_mac(host.codes["banner"], host.id, banner.seat, v, "decision", payload))
    host.intake()
    for number in (forged, guessed, stale, moved):
        outcome = enterprise.outcome(number)
        assert outcome.outcome == "refused" and "not signed" in outcome.detail
    assert not any(isinstance(e, ev.DecisionAccepted) for e in host.session.events)
    genuine = enterprise.decide(parse_decision(REPORT))
    host.intake()
    assert enterprise.outcome(genuine).outcome == "accepted"


def test_only_the_facilitator_controls_and_the_evaluator_cannot_decide(host: Host, url: str) -> None:
    enterprise, evaluator, room = (seat(url, host.codes[r]) for r in ("enterprise", "evaluator", "room"))
    facilitator = seat(url, host.codes["facilitator"])
    numbers = [(enterprise, enterprise.control("resume")), (room, room.control("pause")),
               (evaluator, evaluator.send("decision", {"decision": REPORT})),
               (room, room.observe("hello")), (evaluator, evaluator.observe("good call", "nowhere"))]
    host.intake()
    for client, number in numbers:
        assert client.outcome(number).outcome == "refused"
    assert host.paused
    number = evaluator.observe("Reported on time", "warning_reporting")
    host.intake()
    assert evaluator.outcome(number).outcome == "done"
    observations = [r for r in ExerciseStore.open(url).read(host.id).records if type(r).__name__ == "ObservationRecorded"]
    assert [(o.author, o.area, o.text) for o in observations] == [("evaluator", "warning_reporting", "Reported on time")]
    number = facilitator.control("inject", to_role="banner", text_zh="请报告", text_en="Report now")
    host.intake()
    assert facilitator.outcome(number).outcome == "done"
    banner = seat(url, host.codes["banner"])
    assert [e.text_en for e in banner.view().events if isinstance(e, ev.InjectDelivered)][-1] == "Report now"
    enterprise.refresh()
    assert not any(getattr(e, "text_en", "") == "Report now" for e in enterprise.view().events)


def test_a_revoked_code_no_longer_joins_nor_acts(host: Host, url: str) -> None:
    banner = seat(url, host.codes["banner"])
    facilitator = seat(url, host.codes["facilitator"])
    number = facilitator.control("revoke", role="banner")
    host.intake()
    assert facilitator.outcome(number).outcome == "done"
    number = banner.send("hello", {})
    host.intake()
    assert banner.outcome(number).outcome == "refused"
    banner.refresh()
    assert banner.view().revoked
    with pytest.raises(CodeError, match="revoked"):
        seat(url, host.codes["banner"])
    with pytest.raises(CodeError, match="unknown"):
        seat(url, "b" * 32)
    assert seat(url, host.codes["city"].upper().replace("-", " ")).role == "city"  # as read aloud and typed
    with pytest.raises(CodeError):
        seat(url, "'; drop table stored_events; --")


def test_two_seats_deciding_at_once_are_applied_in_store_order_and_verify(host: Host, url: str, mini_mine) -> None:  # noqa: ANN001
    enterprise, banner = seat(url, host.codes["enterprise"]), seat(url, host.codes["banner"])
    run_to(host, 3 * 60_000)
    first = enterprise.decide(parse_decision(REPORT))
    second = banner.decide(parse_decision({"type": "note", "actor": "county_em_bureau", "text": "standing by"}))
    host.intake()
    assert enterprise.outcome(first).outcome == banner.outcome(second).outcome == "accepted"
    accepted = [e for e in host.session.events if isinstance(e, ev.DecisionAccepted)]
    assert [e.actor for e in accepted][-2:] == ["site_personnel", "county_em_bureau"]
    host.session.advance_to(30 * 60_000)
    host.close()
    store = ExerciseStore.open(url)
    report = verify(store, host.id)
    assert report.identical and not report.problems, report
    # the same inputs at one seat give the same events: multi-seat adds nothing to the engine's stream
    single = LiveSession.start(store, mini_mine, 7, "plan", HUMANS)
    for t, kind, payload in store.inputs(host.id):
        single.advance_to(t)
        single.put(kind, payload)
    single.advance_to(30 * 60_000)
    assert [ev.to_dict(e) for e in single.events] == [ev.to_dict(e) for e in store.domain_events(host.id)]


def test_a_resumed_host_applies_each_request_once_and_seats_carry_on(host: Host, url: str) -> None:
    enterprise = seat(url, host.codes["enterprise"])
    run_to(host, 60_000)
    applied = enterprise.decide(parse_decision(REPORT))
    host.intake()
    waiting = enterprise.decide(parse_decision({"type": "note", "actor": "unit_head", "text": "after the crash"}))
    host.close()  # the host stops before it reads the second request
    again = Host.resume(ExerciseStore.open(url), host.id)
    assert again.intake() == 1
    assert enterprise.outcome(applied).outcome == enterprise.outcome(waiting).outcome == "accepted"
    assert again.intake() == 0
    notes = [e for e in again.session.events if isinstance(e, ev.DecisionAccepted)]
    assert len(notes) == 2
    again.close()


def test_a_view_is_the_fold_the_engine_would_make(host: Host, url: str) -> None:
    run_to(host, 45 * 60_000)
    facilitator = seat(url, host.codes["facilitator"])
    assert facilitator.view().state == fold(host.session.events)
    room = seat(url, host.codes["room"]).view()
    assert room.state.figures == {} and room.state.obligations.keys() == host.session.state.obligations.keys()


def test_a_seat_sees_no_facilitator_only_record(host: Host, url: str) -> None:
    facilitator, evaluator = seat(url, host.codes["facilitator"]), seat(url, host.codes["evaluator"])
    run_to(host, 10 * 60_000)
    host.session.facilitate("note", "secret: the banner will be late")
    numbers = [(evaluator, evaluator.observe("secret: weak command", "command")),
               (facilitator, facilitator.control("inject", to_role="enterprise", text_zh="秘密", text_en="secret inject"))]
    host.intake()
    assert [client.outcome(n).outcome for client, n in numbers] == ["done", "done"]
    for role in ("banner", "city", "room"):
        shown = repr(seat(url, host.codes[role]).view())
        assert "secret" not in shown and "秘密" not in shown, role
    assert "secret inject" in repr(seat(url, host.codes["enterprise"]).view())
    assert "secret inject" in repr(seat(url, host.codes["evaluator"]).view())


def test_the_facilitator_steers_the_msel_and_ends_the_drill_for_everyone(host: Host, url: str) -> None:
    facilitator, enterprise = seat(url, host.codes["facilitator"]), seat(url, host.codes["enterprise"])
    run_to(host, 60_000)
    unknown = facilitator.control("steer", steer="hold", inject="no-such-inject")
    malformed = facilitator.control("steer", steer="explode", inject="x")
    host.intake()
    assert [facilitator.outcome(n).outcome for n in (unknown, malformed)] == ["refused", "refused"]
    ended = facilitator.control("end", reason="time is up")
    host.intake()
    assert facilitator.outcome(ended).outcome == "done" and host.session.ended
    late = enterprise.decide(parse_decision(REPORT))
    host.intake()
    assert enterprise.outcome(late).outcome == "refused"
    enterprise.refresh()
    assert enterprise.view().ended
    assert verify(ExerciseStore.open(url), host.id).identical


def test_an_observation_is_signed_by_the_evaluator_who_wrote_it(host: Host, url: str) -> None:
    """The evaluator's seat asks who writes (as the single-seat note dialog does); a name too long or not a
    text is refused, and without one the seat's role signs."""
    evaluator = seat(url, host.codes["evaluator"])
    numbers = [evaluator.observe("Command set up late", "command", author="王评估"),
               evaluator.send("observe", {"text": "x", "author": "n" * 101}),
               evaluator.send("observe", {"text": "x", "author": ["王"]}),
               evaluator.observe("Warning on time")]
    host.intake()
    assert [evaluator.outcome(n).outcome for n in numbers] == ["done", "refused", "refused", "done"]
    observations = [r for r in ExerciseStore.open(url).read(host.id).records if type(r).__name__ == "ObservationRecorded"]
    assert [(o.author, o.text) for o in observations] == [("王评估", "Command set up late"), ("evaluator", "Warning on time")]
