"""Issue 12, "a score an evaluator can defend": one test per scoring clause — outcomes weigh against the
reference run, termination is judged, doing nothing is not satisfactory, omitting a figure is not 瞒报."""

from __future__ import annotations

from pathlib import Path

from drillsim.decisions import parse_decision
from drillsim.engine import events as ev
from drillsim.engine.runner import play
from drillsim.model.figures import FIGURES
from drillsim.scoring import Override, score_exercise
from drillsim.scoring.parameters import HARM
from tests.test_scoring_support import MINI_MINE, REPO, card, events, loaded

HARM_MINE = REPO / "tests" / "data" / "judgement" / "mini-mine-harm.yaml"
COTTON_PICKER = REPO / "scenarios" / "cotton-picker-fire.yaml"


def _decisions(path: Path, seed: int, role: str, keep=lambda e: True, edit=lambda e, d: d):
    """The plan run's accepted decisions of `role`'s bodies, as (t, decision), filtered and edited."""
    sc = loaded(path)
    bodies = set(next(r for r in sc.scenario.roles if r.id == role).bodies)
    out = []
    for e in events(path, "plan", seed):
        if isinstance(e, ev.DecisionAccepted) and e.actor in bodies and keep(e):
            d = parse_decision({"type": e.decision, "actor": e.actor, "rationale": e.rationale, **e.params})
            out.append((e.t, edit(e, d)))
    return out


def _human_card(path: Path, seed: int, humans: list[str], decisions=()):
    sc = loaded(path)
    run = play(sc.plan, sc.scenario, seed, "plan", decisions=decisions, human_roles=humans)
    return run.events, score_exercise(sc, run.events, baseline=list(events(path, "plan", seed)))


# --- Outcomes weigh ---------------------------------------------------------------------------------------


def test_harm_a_late_report_let_happen_is_a_finding_with_clause_and_evidence():
    """The unit head's late phone report lets the water reach a second face: 3 deaths, 一般 → 较大, and the
    inrush crosses into the next banner. The plan run of the same seed has none of it."""
    c = score_exercise(loaded(HARM_MINE), list(events(HARM_MINE, "late-reporter", 1)),
                       baseline=list(events(HARM_MINE, "plan", 1)))
    by_id = {f.id: f for f in c.findings}
    seqs = {e.seq: e for e in events(HARM_MINE, "late-reporter", 1)}
    for fid in ("harm:deaths", "harm:grade", "harm:boundary:counties"):
        f = by_id[fid]
        assert f.verdict == "avoidable_harm" and f.severity == "不足项" and f.points_lost > 0, fid
        assert "扩大" in f.rule.zh and f.rule.at, fid
        assert f.evidence and all(seq in seqs for seq, _ in f.evidence), fid
    deaths = by_id["harm:deaths"]
    assert "3" in deaths.detail.en and "second_face" in deaths.detail.en
    assert "obligation:unit_head_phone" in deaths.detail.en and deaths.owner == "unit_head"  # the late report
    assert any(isinstance(seqs[s], ev.FiguresChanged) and seqs[s].cause == "second_face" for s, _ in deaths.evidence)
    assert c.overall < 60 and c.conclusion[1] == "unsatisfactory"
    assert c.overall < c.procedure - 50


def test_harm_an_avoidable_death_is_never_excellent_or_good_even_when_the_procedure_is_waived():
    evs = list(events(HARM_MINE, "late-reporter", 2))
    plain = score_exercise(loaded(HARM_MINE), evs, baseline=list(events(HARM_MINE, "plan", 2)))
    waive = [Override(f.id, "评估员", "procedure accepted", verdict="waived")
             for f in plain.losing() if f.area != "outcome"]
    waive += [Override(f, "评估员", "only the deaths stand", verdict="waived")
              for f in ("harm:grade", "harm:boundary:counties")]
    c = score_exercise(loaded(HARM_MINE), evs, overrides=waive, baseline=list(events(HARM_MINE, "plan", 2)))
    assert c.procedure == 100.0
    assert c.finding("harm:deaths").points_lost > 0
    assert c.conclusion[1] not in ("excellent", "good"), c.overall
    assert c.finding("cap:satisfactory") is not None or c.overall < 80


def test_harm_none_when_the_outcome_matches_the_reference():
    c = card(MINI_MINE, "plan", 1)
    f = c.finding("harm")
    assert f is not None and f.verdict == "met" and f.points_lost == 0
    assert c.overall == 100.0 and c.ratings["outcome"] == "P"


def test_harm_table_classifies_every_figure():
    """A new figure must be declared harm (and how it is measured) or not harm."""
    assert set(HARM) == set(FIGURES)


def test_harm_flawed_policy_that_grows_the_accident_scores_below_80():
    """Zhundong: without the handover the dormitory is not evacuated in time (plume-dormitory)."""
    path = REPO / "scenarios" / "zhundong-coal-chemical-fire.yaml"
    c = card(path, "no-handover", 1)
    assert c.finding("harm:serious_injuries").verdict == "avoidable_harm"
    assert c.overall < 80


# --- Termination is judged --------------------------------------------------------------------------------


def test_termination_a_level_never_ended_is_a_finding():
    """The banner (at the table) plays the plan's decisions but never ends its level-4 response."""
    keep = _decisions(MINI_MINE, 1, "banner", keep=lambda e: e.decision != "terminate")
    evs, c = _human_card(MINI_MINE, 1, ["banner"], keep)
    assert evs[-1].reason == "time_limit"
    f = c.finding("termination:open:county_government")
    assert f is not None and f.verdict == "not_ended" and f.severity == "不足项" and f.points_lost > 0
    assert f.owner == "county_government" and f.rule.at
    assert c.ratings["termination"] != "P"


def test_termination_an_exercise_that_only_stops_at_its_time_limit_is_not_met():
    """The banner at the table never sends the rescue brigade: the trapped are never brought out, the end
    conditions never hold, and the exercise stops at its 12-hour limit."""
    evs, c = _human_card(MINI_MINE, 1, ["banner"])
    assert evs[-1].reason == "time_limit" and not any(isinstance(e, ev.TerminationConditionsMet) for e in evs)
    f = c.finding("termination")
    assert f.verdict == "not_ended" and f.points_lost > 0 and f.evidence[-1][0] == evs[-1].seq
    assert c.finding("harm:trapped").verdict == "avoidable_harm"


# --- Doing nothing is not satisfactory --------------------------------------------------------------------


def test_inaction_nobody_at_the_table_deciding_is_unsatisfactory():
    evs, c = _human_card(COTTON_PICKER, 1, ["crew"])
    assert not any(isinstance(e, ev.DecisionAccepted) and e.source == "human" for e in evs)
    assert c.conclusion[1] == "unsatisfactory", c.overall
    f = c.finding("inaction:crew")
    assert f.verdict == "inactive" and f.severity == "不足项"
    assert "site_to_unit_head" in f.detail.en and "inj-01-smell" in f.detail.en
    delivered = {e.seq for e in evs if isinstance(e, ev.InjectDelivered) and e.to_role == "crew"}
    assert delivered <= {s for s, _ in f.evidence}
    assert c.finding("obligation:site_to_unit_head").verdict == "missed"
    assert c.ratings["outcome"] in ("M", "U")


def test_inaction_of_one_role_shows_its_missed_duties_and_is_never_excellent():
    """Enterprise and banner at the table; the enterprise plays the plan, the banner does nothing."""
    acted = _decisions(MINI_MINE, 1, "enterprise")
    _, c = _human_card(MINI_MINE, 1, ["enterprise", "banner"], acted)
    assert c.finding("inaction:enterprise") is None
    f = c.finding("inaction:banner")
    assert f is not None and f.cap == "good" and "county_to_prefecture" in f.detail.en
    assert c.finding("level:4").verdict == "missed"
    assert c.conclusion[1] != "excellent"


# --- Omitting a figure is not 瞒报 -------------------------------------------------------------------------


def _first_phone_report(e, d, figures):
    if e.decision == "report" and e.params.get("obligation") == "unit_head_phone" and e.t < 20 * 60_000:
        return d.model_copy(update={"figures": figures})
    return d


def test_concealment_omitting_a_figure_is_not_a_false_report():
    """The unit head states only the deaths (0); the two trapped men go unmentioned, not understated."""
    omitted = _decisions(MINI_MINE, 1, "enterprise", edit=lambda e, d: _first_phone_report(e, d, {"deaths": 0}))
    evs, c = _human_card(MINI_MINE, 1, ["enterprise"], omitted)
    sent = next(e for e in evs if isinstance(e, ev.ReportSubmitted) and e.obligation == "unit_head_phone")
    assert sent.figures == {"deaths": 0}
    assert c.finding("obligation:unit_head_phone").verdict != "false_report"


def test_concealment_a_stated_figure_below_what_the_reporter_knew_is_瞒报():
    lower = _decisions(MINI_MINE, 1, "enterprise",
                       edit=lambda e, d: _first_phone_report(e, d, {"deaths": 0, "trapped": 1}))
    _, c = _human_card(MINI_MINE, 1, ["enterprise"], lower)
    f = c.finding("obligation:unit_head_phone")
    assert f.verdict == "false_report" and "瞒报" in f.detail.zh and "trapped 1 reported vs 2 known" in f.detail.en


def test_inaction_waiting_out_a_report_clock_until_the_end_is_not_rewarded():
    """The facilitator ends the exercise at +00:30; the unit head never phoned the banner (due about +00:36,
    most of its 30 minutes gone): unreported, a 不足项. The written report (1 h, less than half used) is pending."""
    sc = loaded(MINI_MINE)
    acted = _decisions(MINI_MINE, 1, "enterprise", keep=lambda e: e.params.get("obligation") != "unit_head_phone")
    sim = play(sc.plan, sc.scenario, 1, "plan", decisions=[d for d in acted if d[0] < 30 * 60_000],
               until=30 * 60_000, human_roles=["enterprise"])
    sim.end_now()
    c = score_exercise(sc, list(sim.events), baseline=list(events(MINI_MINE, "plan", 1)))
    f = c.finding("obligation:unit_head_phone")
    assert f.verdict == "unreported" and f.severity == "不足项" and f.points_lost > 0
    assert c.finding("obligation:unit_head_written").verdict in ("met", "pending")
    assert c.conclusion[1] != "excellent"


def test_the_report_shows_the_procedure_score_and_the_harm_beside_the_overall():
    from drillsim.reports import render_report
    from drillsim.reports.summary import render_score_text

    evs = list(events(HARM_MINE, "late-reporter", 1))
    c = score_exercise(loaded(HARM_MINE), evs, baseline=list(events(HARM_MINE, "plan", 1)))
    text = render_report(c, loaded(HARM_MINE), evs, "md", "en")
    assert f"{c.procedure:.1f}" in text and "Procedure score" in text
    assert "harm:deaths" in text and "harm:boundary:counties" in text
    assert f"procedure {c.procedure:.1f}" in render_score_text(c, "en")


def test_the_new_findings_speak_chinese_without_ids():
    """What the Chinese score card shows of harm, caps, termination and inaction names things, not ids."""
    from tests.tui.test_untranslated import foreign_words

    harm = score_exercise(loaded(HARM_MINE), list(events(HARM_MINE, "late-reporter", 1)),
                          baseline=list(events(HARM_MINE, "plan", 1)))
    _, idle = _human_card(COTTON_PICKER, 1, ["crew"])
    _, open_level = _human_card(MINI_MINE, 1, ["banner"])
    shown = [f for c in (harm, idle, open_level) for f in c.findings
             if f.area in ("outcome", "termination") and not f.compliant]
    assert {f.id.split(":")[0] for f in shown} >= {"harm", "cap", "inaction", "termination"}
    for f in shown:
        assert not foreign_words(f.detail.zh), (f.id, f.detail.zh)
