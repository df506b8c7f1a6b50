"""The built-in Carana plan: what other rooms rely on, and that it says what the directive says."""

from __future__ import annotations

import math
import re
from functools import cache

import pytest

from missionplan.model import Duration, Plan, Relation, RelationKind
from missionplan.model.clauses import directive_clauses
from missionplan.planfile import load_plan
from missionplan.scenarios import scenario_plan_path

REQUIRED_EVENTS = (
    "peace_agreement_signed", "tam_deployed", "tam_returned", "sg_report_submitted",
    "resolution_adopted", "mission_hq_established", "mission_deployed", "ddr_started",
    "ddr_completed", "elections_held",
)
INDICATORS = {  # id: direction
    "deployed_strength": "up", "combatants_disarmed": "up", "combatants_demobilised": "up",
    "idps_returned": "up", "refugees_returned": "up", "people_needing_relief": "down",
    "ceasefire_violations": "down", "election_preparation": "up",
}
ACTORS = (
    "dpko_itf", "usg_dpko", "secretary_general", "security_council", "srsg", "government",
    "crc", "crcac", "uncountry_team", "undg", "echa", "imtf", "tccs_pccs",
    "member_states_donors", "humanitarian_community", "mpc", "cisc", "operation_intrepide",
    "policy_committee",
)


@cache
def _plan() -> Plan:
    return load_plan(scenario_plan_path())


@pytest.fixture
def plan() -> Plan:
    return _plan()


def _fold(text: str) -> str:
    """Case, whitespace and typographic quotes folded, for comparing words."""
    table = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
    return " ".join(text.translate(table).casefold().split())


def _days(d: Duration | None) -> int | None:
    return None if d is None else d.exact_days()


def test_the_events_other_tools_rely_on_exist(plan: Plan) -> None:
    missing = set(REQUIRED_EVENTS) - set(plan.event_ids())
    assert not missing


def test_every_citation_points_at_a_clause_of_its_section(plan: Plan) -> None:
    lines = plan.directive_lines()
    clauses = directive_clauses(lines)
    wrong = []
    for _, item in plan.items():
        for ref in item.citations():
            first, last = ref.lines
            touched = [c for c in clauses if c.overlaps(first, last)]
            if last > len(lines) or not touched or any(c.section != ref.section
                                                       for c in touched):
                wrong.append(f"{item.id}: {ref}")
    assert not wrong, "citations outside the directive's clauses:\n" + "\n".join(wrong)


def test_each_relation_quotes_the_words_of_its_clause(plan: Plan) -> None:
    wrong = []
    for r in plan.relations:
        quoted = " ".join(_fold(plan.quote(ref)) for ref in r.citations())
        if not r.text or _fold(r.text) not in quoted:
            wrong.append(f"{r.id}: {r.text!r}")
    assert not wrong, "relation texts not found in their clauses:\n" + "\n".join(wrong)


@pytest.mark.parametrize("phrase, kind", [
    (r"\bwithin\b", RelationKind.within), (r"\bafter\b", RelationKind.after),
    (r"\bprior to\b|\bin advance of\b", RelationKind.prior),
    (r"\bimmediately on\b", RelationKind.immediately)])
def test_the_directive_phrase_sets_the_relation_kind(plan: Plan, phrase: str,
                                                     kind: RelationKind) -> None:
    of_kind = [r for r in plan.relations if r.kind is kind]
    assert of_kind
    assert all(re.search(phrase, r.text, re.IGNORECASE) for r in of_kind)


def _bounds(r: Relation) -> tuple[int | None, int | None]:
    lo, hi = r.bounds()
    return _days(lo), _days(hi)


def test_relations_map_the_phrases_exactly(plan: Plan) -> None:
    for r in plan.relations:
        lo, hi = _bounds(r)
        if r.kind is RelationKind.within:
            assert lo == 0 and r.max is not None, r.id
        elif r.kind is RelationKind.after:
            # a product's deadline: a target window from the event to day N, not day N
            assert r.is_target and lo == 0 and hi is not None and hi > 0, r.id
        elif r.kind is RelationKind.immediately:
            assert (lo, hi) == (0, 0) and r.is_target, r.id
        elif r.kind is RelationKind.prior:
            assert r.min is None and hi is not None and hi <= 0, r.id
        if r.kind is RelationKind.precedence:
            assert not r.is_target, r.id


def _relation(plan: Plan, from_: str, to: str, max_days: int) -> Relation | None:
    return next((r for r in plan.relations if (r.from_, r.to) == (from_, to)
                 and _days(r.max) == max_days), None)


def test_both_tam_deadlines_are_kept_and_cited(plan: Plan) -> None:
    r14 = _relation(plan, "peace_agreement_signed", "tam_deployed", 14)
    r21 = _relation(plan, "peace_agreement_signed", "tam_deployed", 21)
    assert r14 is not None and r21 is not None
    assert r14.source is not None and r14.source.lines == (76, 76)
    assert r21.source is not None and r21.source.lines == (120, 120)


@pytest.mark.parametrize("from_, to, days, line", [
    ("tam_returned", "sg_report_submitted", 21, 122),
    ("sg_report_submitted", "mission_concept_ready", 21, 124),
    ("mission_hq_established", "isf_ready", 100, 126),
    ("resolution_adopted", "mission_hq_established", 35, 128),
    ("tam_returned", "initial_presentation_delivered", 0, 136),
    ("tam_returned", "sg_recommendations_submitted", 21, 140),
    ("tam_returned", "final_draft_presented", 28, 142),
    ("resolution_adopted", "mission_deployed", 90, 78),
    ("tam_deployed", "draft_mission_plan_ready", -7, 118),
])
def test_timeline_and_deadlines_are_encoded(plan: Plan, from_: str, to: str, days: int,
                                            line: int) -> None:
    r = _relation(plan, from_, to, days)
    assert r is not None and r.source is not None and r.source.covers(line)


def test_the_eight_criteria_have_deadlines_or_events(plan: Plan) -> None:
    lines = [c.source.lines[0] for c in plan.criteria if c.source]
    assert sorted(lines) == [76, 78, 80, 82, 84, 86, 88, 90]
    relations = {r.id: r for r in plan.relations}
    for c in plan.criteria:
        assert c.deadlines or c.events, c.id
        assert all(relations[d].is_deadline or relations[d].kind is RelationKind.precedence
                   for d in c.deadlines), c.id


def test_indicators_measure_their_criteria(plan: Plan) -> None:
    by_id = {i.id: i for i in plan.indicators}
    criteria = {c.id: c for c in plan.criteria}
    events = set(plan.event_ids())
    assert set(INDICATORS) <= set(by_id)
    for ind_id, direction in INDICATORS.items():
        ind = by_id[ind_id]
        assert ind.direction == direction and ind.unit and ind.hxl, ind_id
        assert ind.hxl.startswith("#")
        assert ind.baseline is not None and ind.target is not None
        assert (ind.target > ind.baseline) == (direction == "up"), ind_id
        assert ind.deadline in events, ind_id
        assert ind.criterion in criteria and ind_id in criteria[ind.criterion].indicators
        assert "synthetic" in ind.note.lower(), ind_id
    assert by_id["people_needing_relief"].target == 0
    assert by_id["ceasefire_violations"].target == 0
    assert by_id["deployed_strength"].target == 100


def test_assumptions_are_watched_and_numbers_have_a_basis(plan: Plan) -> None:
    lines = sorted({a.source.lines[0] for a in plan.assumptions if a.source})
    assert {57, 61, 63, 65, 67, 69} <= set(lines)
    for a in plan.assumptions:
        assert a.affects and a.watch, a.id
        if re.search(r"\d", a.text):
            assert a.basis, f"{a.id} states numbers without a basis"
    for act in plan.activities:
        d = act.duration
        if d is not None and d.distribution.value != "fixed":
            assert d.basis, f"{act.id} has an uncertain duration without a basis"


def test_real_mission_figures_inform_the_long_durations(plan: Plan) -> None:
    bases = {a.id: a.basis for a in plan.assumptions}
    assert "MINUSCA" in bases["force_generation"] and "UNMIS" in bases["force_generation"]
    assert "Liberia" in bases["ddr_length"] and "Liberia" in bases["returns_time"]
    deploy = next(a for a in plan.activities if a.end == "mission_deployed")
    assert deploy.duration is not None and deploy.duration.median is not None
    assert (deploy.duration.median.exact_days() or 0) > 90


def test_constraints_and_the_assumed_rainy_season(plan: Plan) -> None:
    kinds = {c.kind for c in plan.constraints}
    assert {"season", "fixed_date", "capability"} <= kinds
    season = next(c for c in plan.constraints if c.kind == "season")
    rainy = next(s for s in plan.seasons if s.id == season.season)
    assert rainy.assumed and "no public source" in rainy.note.lower()
    assert plan.deployment is not None and plan.deployment.season == rainy.id
    assert plan.deployment.deployed_event == "mission_deployed"


def test_risks_name_the_assumption_they_threaten(plan: Plan) -> None:
    assumptions = {a.id for a in plan.assumptions}
    drivers = {d.id for d in plan.drivers}
    assert len(plan.risks) >= 4
    for risk in plan.risks:
        assert risk.assumption in assumptions and risk.impacts, risk.id
        assert risk.driver is None or risk.driver in drivers
    slip = next(r for r in plan.risks if r.id == "election_date_slips")
    # being prepared for the slip is required in every world, so it is not a branch
    assert slip.branch is None
    assert any(r.from_ == "elections_held" and r.to == "election_contingency_ready"
               and _days(r.max) == 0 for r in plan.relations)


def test_actors_and_their_responsibilities(plan: Plan) -> None:
    actors = {a.id: a for a in plan.actors}
    assert set(ACTORS) <= set(actors)
    groups = [a for a in plan.actors if a.id.endswith("_component")]
    assert len(groups) == 4 and all(a.kind == "group" for a in groups)
    chair_lines = {r.source.lines[0] for r in actors["dpko_itf"].responsibilities if r.source}
    assert {134, 136, 138, 140, 142, 144} <= chair_lines
    assert any(r.source and r.source.covers(148) for r in actors["srsg"].responsibilities)


def test_each_component_aligns_after_the_mission_concept(plan: Plan) -> None:
    for component in ("military", "police", "substantive", "support"):
        event = f"component_conops_aligned_{component}"
        assert any(r.from_ == "mission_concept_ready" and r.to == event
                   for r in plan.relations), component


def test_the_readings_cover_the_ambiguities(plan: Plan) -> None:
    text = " ".join(plan.readings)
    for phrase in ("14 days", "21 days", "100 days after the establishment",
                   "within two years", "one week prior", "question for the USG",
                   "3 June", "target window"):
        assert phrase in text, phrase
    [anchor] = plan.anchors  # the directive's only date, in an assumed year
    assert anchor.event == "council_readiness_confirmed" and anchor.assumed
    assert (anchor.date.month, anchor.date.day) == (6, 3)


def _shortest_paths(plan: Plan) -> tuple[list[str], list[list[float]]]:
    """All-pairs shortest paths of the plan's network, with the anchor as point 0.

    Each relation or activity says ``lo <= t(to) - t(from) <= hi``; months use
    their least and greatest day counts the safe way round (the tighter bound).
    """
    names = ["<origin>", *plan.event_ids()]
    at = {name: i for i, name in enumerate(names)}
    n = len(names)
    dist = [[0.0 if i == j else math.inf for j in range(n)] for i in range(n)]

    def edge(a: str, b: str, lo: Duration | None, hi: Duration | None) -> None:
        if hi is not None:
            dist[at[a]][at[b]] = min(dist[at[a]][at[b]], hi.day_bounds()[0])
        if lo is not None:
            dist[at[b]][at[a]] = min(dist[at[b]][at[a]], -lo.day_bounds()[1])

    for r in plan.relations:
        assert r.from_ is not None
        edge(r.from_, r.to, *r.bounds())
    for act in plan.activities:
        lo, hi = act.duration.bounds() if act.duration else (None, None)
        edge(act.start, act.end, lo or Duration(), hi)
    for anchor in plan.anchors:
        edge("<origin>", anchor.event, Duration(), Duration())
    for k in range(n):
        for i in range(n):
            for j in range(n):
                dist[i][j] = min(dist[i][j], dist[i][k] + dist[k][j])
    return names, dist


def test_the_plan_is_consistent_with_its_anchor(plan: Plan) -> None:
    names, dist = _shortest_paths(plan)
    assert all(dist[i][i] >= 0 for i in range(len(names)))
    at = {name: i for i, name in enumerate(names)}
    for event in REQUIRED_EVENTS:  # every required event is dated within bounds
        assert -dist[at[event]][0] > -math.inf and dist[0][at[event]] < math.inf, event
    # the agreement comes before the Council's confirmation of readiness, the anchor
    assert dist[0][at["peace_agreement_signed"]] <= -1
    # the TAM deploys within the tighter of its two deadlines from the signing
    assert dist[at["peace_agreement_signed"]][at["tam_deployed"]] == 14
    # and the resolution that establishes the mission comes after the anchor
    assert dist[at["resolution_adopted"]][0] <= 0
