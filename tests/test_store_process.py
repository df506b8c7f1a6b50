"""The planning process in the workspace, on SQLite and PostgreSQL: products moved through
their lifecycle (audited, endorsement dating the event), the human rights check, drafts
versioned with stale saves refused, comments, reviews, decisions and assignments."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from missionplan.errors import ConflictError, FactError, UnknownItemError, WorkspaceError
from missionplan.process import MOVES, Capacity, State, check_move, moves_for
from missionplan.schedule import Status, build_schedule
from missionplan.store import Discussion, Products, Workspace, open_workspace

PLAN = """\
format: missionplan/1
id: process
actors:
  - {id: chair, kind: person}
  - {id: usg, kind: person}
events:
  - {id: agreement}
  - {id: plan_ready, kind: output}
relations:
  - {id: plan_within_60d, from: agreement, to: plan_ready, kind: within, max: 60d}
  - {id: plan_needs_30d, from: agreement, to: plan_ready, min: 30d, nature: logic}
anchors:
  - {event: agreement, date: 2027-01-01}
products:
  - id: plan_doc
    name: Draft plan
    event: plan_ready
    owner: chair
    reviewers: [usg]
    sections:
      - {id: vision, title: Vision}
      - {id: timeline, title: Timeline, fill: timeline}
      - {id: protection, title: Protection, restricted: true}
  - id: quick_note
    event: agreement
    owner: chair
    human_rights_check: false
"""
ALL = frozenset(Capacity)
LEAD = frozenset({Capacity.lead})


@pytest.fixture
def ws(db_url: str) -> Workspace:
    workspace = open_workspace(db_url)
    workspace.import_plan(PLAN, user="setup")
    workspace.set_day(date(2027, 2, 15), user="setup")
    return workspace


def _to_validated(products: Products) -> None:
    for state in (State.drafting, State.in_review, State.validated):
        products.move("plan_doc", state, user="lead", capacities=LEAD)


def test_a_product_walks_to_endorsement_and_its_deadline_turns_done(ws: Workspace) -> None:
    products = Products(ws)
    assert products.status("plan_doc").state is State.not_started
    _to_validated(products)
    with pytest.raises(WorkspaceError) as refused:
        products.move("plan_doc", State.endorsed, user="lead", capacities=LEAD)
    assert refused.value.code == "hr-check-required"
    assert "plan_ready" not in ws.actuals()
    products.sign_hr_check("plan_doc", user="monitor", note="no concerns")
    done = products.move("plan_doc", State.endorsed, user="lead", capacities=LEAD)
    assert (done.state, done.endorsed_by, done.hr_checked_by) == (State.endorsed, "lead",
                                                                 "monitor")
    assert ws.actuals()["plan_ready"] == date(2027, 2, 15)
    schedule = build_schedule(ws.current_plan(), as_of=date(2027, 2, 15))
    deadline = next(d for d in schedule.deadlines if d.id == "plan_within_60d")
    assert deadline.status is Status.done
    log = ws.history("product:plan_doc")
    assert [e.after["state"] for e in log if e.action == "product.move"] == [
        "drafting", "in_review", "validated", "endorsed"]
    assert [(e.user, e.after) for e in log if e.action == "product.hr-check"] == [
        ("monitor", {"note": "no concerns"})]
    assert [e.action for e in ws.history("plan_ready")][-1] == "actual.record"


def test_an_endorsement_against_the_plans_logic_is_refused_and_changes_nothing(
        ws: Workspace) -> None:
    ws.set_day(date(2027, 1, 20), user="setup")  # before the 30 days the plan needs
    ws.record_actual("agreement", date(2027, 1, 1), user="setup")
    products = Products(ws)
    _to_validated(products)
    products.sign_hr_check("plan_doc", user="monitor")
    with pytest.raises(FactError):
        products.move("plan_doc", State.endorsed, user="lead", capacities=LEAD)
    assert products.status("plan_doc").state is State.validated
    assert "plan_ready" not in ws.actuals()


def test_a_product_without_a_human_rights_check_is_endorsed_without_one(ws: Workspace) -> None:
    products = Products(ws)
    for state in (State.drafting, State.in_review, State.validated, State.endorsed):
        products.move("quick_note", state, user="lead", capacities=LEAD)
    assert products.status("quick_note").state is State.endorsed


def test_moves_depend_on_capacity_and_on_the_lifecycle(ws: Workspace) -> None:
    products = Products(ws)
    with pytest.raises(WorkspaceError) as wrong:
        products.move("plan_doc", State.validated, user="x", capacities=ALL)
    assert wrong.value.code == "bad-move"
    products.move("plan_doc", "drafting", user="chair", capacities={Capacity.owner})
    products.move("plan_doc", "in_review", user="chair", capacities={Capacity.owner})
    with pytest.raises(WorkspaceError) as owner:
        products.move("plan_doc", "validated", user="chair", capacities={Capacity.owner})
    assert owner.value.code == "move-not-allowed"
    products.move("plan_doc", "revision_requested", user="usg",
                  capacities={Capacity.reviewer})
    assert products.status("plan_doc").state is State.revision_requested
    with pytest.raises(WorkspaceError) as bad:
        products.move("plan_doc", "finished", user="x", capacities=ALL)
    assert bad.value.code == "bad-state"
    with pytest.raises(UnknownItemError) as unknown:
        products.status("plan_dco")
    assert unknown.value.code == "unknown-product" and "plan_doc" in str(unknown.value)


def test_a_superseded_product_starts_a_new_edition_checked_anew(ws: Workspace) -> None:
    products = Products(ws)
    _to_validated(products)
    products.sign_hr_check("plan_doc", user="monitor")
    products.move("plan_doc", State.endorsed, user="lead", capacities=LEAD)
    products.move("plan_doc", State.superseded, user="lead", capacities=LEAD)
    again = products.move("plan_doc", State.drafting, user="lead", capacities=LEAD)
    assert (again.edition, again.hr_signed, again.endorsed_by) == (2, False, None)


def test_sections_are_versioned_and_a_stale_save_is_refused(ws: Workspace) -> None:
    products = Products(ws)
    first = products.write_section("plan_doc", "vision", "# Vision\n\nPeace.", user="chair",
                                   base_version=0)
    assert first.version == 1
    assert products.status("plan_doc").state is State.drafting  # writing starts the draft
    products.write_section("plan_doc", "vision", "Peace, soon.", user="ana", base_version=1)
    with pytest.raises(ConflictError) as stale:
        products.write_section("plan_doc", "vision", "Mine", user="bo", base_version=1)
    assert "version 2" in str(stale.value)
    assert [v.text for v in products.section_versions("plan_doc", "vision")] == [
        "# Vision\n\nPeace.", "Peace, soon."]
    assert products.section("plan_doc", "vision", version=1) == first
    assert products.draft("plan_doc")["vision"].written_by == "ana"
    with pytest.raises(WorkspaceError) as filled:
        products.write_section("plan_doc", "timeline", "x", user="a", base_version=0)
    assert filled.value.code == "section-filled"
    with pytest.raises(UnknownItemError) as unknown:
        products.write_section("plan_doc", "visoin", "x", user="a", base_version=0)
    assert unknown.value.code == "unknown-section"
    products.move("plan_doc", State.in_review, user="lead", capacities=LEAD)
    with pytest.raises(WorkspaceError) as review:
        products.write_section("plan_doc", "vision", "x", user="a", base_version=2)
    assert review.value.code == "not-drafting"


def test_each_syndicate_has_its_own_products(ws: Workspace) -> None:
    ws.add_syndicate("blue", user="trainer")
    Products(ws.on("blue")).move("plan_doc", State.drafting, user="b", capacities=LEAD)
    assert Products(ws).status("plan_doc").state is State.not_started
    assert Products(ws.on("blue")).status("plan_doc").state is State.drafting


def test_comments_thread_mention_resolve_and_hide_when_restricted(ws: Workspace) -> None:
    talk = Discussion(ws)
    first = talk.comment("product:plan_doc:vision", "Shorter, @lead? cc @ana.", user="bo")
    reply = talk.comment("ignored", "Agreed.", user="lead", parent=first.id)
    secret = talk.comment("product:plan_doc:protection", "A name @ana", user="mon",
                          restricted=True)
    assert first.mentions == ["lead", "ana"]
    assert reply.target == first.target
    assert talk.comment("x", "In reply", user="a", parent=secret.id).restricted
    assert [c.id for c in talk.comments("product:plan_doc:vision", cleared=False)] == [
        first.id, reply.id]
    assert secret.id not in {c.id for c in talk.comments(cleared=False)}
    assert secret.id in {c.id for c in talk.comments(cleared=True)}
    assert talk.comments(cleared=True, hidden={"plan_doc"}) == []
    resolved = talk.resolve(reply.id, user="lead")  # resolving a reply resolves its thread
    assert (resolved.id, resolved.resolved_by) == (first.id, "lead")
    with pytest.raises(WorkspaceError) as empty:
        talk.comment("x", "   ", user="a")
    assert empty.value.code == "empty-text"
    with pytest.raises(UnknownItemError):
        talk.resolve(9999, user="a")
    assert [e.action for e in ws.history(f"comment:{first.id}")] == ["comment.add",
                                                                     "comment.resolve"]


def test_review_requests_are_answered_by_the_reviewers_move(ws: Workspace) -> None:
    talk, products = Discussion(ws), Products(ws)
    products.move("plan_doc", State.drafting, user="lead", capacities=LEAD)
    products.move("plan_doc", State.in_review, user="lead", capacities=LEAD)
    talk.request_review("plan_doc", "usg_account", user="lead", due=date(2027, 2, 20))
    assert [r.reviewer for r in talk.review_requests(open_only=True)] == ["usg_account"]
    products.move("plan_doc", State.validated, user="usg_account",
                  capacities={Capacity.reviewer})
    answered = talk.review_requests(reviewer="usg_account")
    assert answered[0].answer == "validated" and answered[0].answered_at is not None
    assert talk.review_requests(open_only=True) == []


def test_decisions_and_assignments_are_kept(ws: Workspace) -> None:
    talk = Discussion(ws)
    talk.decide("Hold the TAM to 14 days", user="lead", concerns="plan_within_60d",
                source="TIMELINE:120")
    talk.decide("Protect the list", user="lead", restricted=True)
    assert [d.text for d in talk.decisions(cleared=False)] == ["Hold the TAM to 14 days"]
    assert len(talk.decisions(cleared=True)) == 2
    assert talk.decisions(cleared=True, hidden={"plan_within_60d"})[0].text == \
        "Protect the list"
    talk.assign("chair", "ana", user="admin")
    talk.assign("chair", "ana", user="admin")  # once only
    talk.assign("usg", "bo", user="admin")
    assert talk.assignments() == {"chair": ["ana"], "usg": ["bo"]}
    talk.unassign("usg", "bo", user="admin")
    assert talk.assignments() == {"chair": ["ana"]}
    with pytest.raises(UnknownItemError) as unknown:
        talk.assign("chiar", "ana", user="admin")
    assert unknown.value.code == "unknown-actor"


# -- the lifecycle as a rule, against every move from every state --------------------------

@settings(max_examples=200, deadline=None)
@given(st.sampled_from(list(State)), st.sampled_from(list(State)),
       st.sets(st.sampled_from(list(Capacity))), st.booleans(), st.booleans())
def test_a_move_is_allowed_exactly_when_the_table_says(frm: State, to: State,
                                                       who: set[Capacity], needed: bool,
                                                       signed: bool) -> None:
    allowed = (frm, to) in MOVES and bool(MOVES[(frm, to)] & who) and not (
        to is State.endorsed and needed and not signed)
    try:
        check_move("p", frm, to, who, hr_needed=needed, hr_signed=signed)
    except WorkspaceError:
        assert not allowed
    else:
        assert allowed
    assert (to in moves_for(frm, who)) == ((frm, to) in MOVES and bool(MOVES[(frm, to)] & who))


def test_every_state_can_be_reached_and_only_the_lead_endorses() -> None:
    reached, frontier = {State.not_started}, [State.not_started]
    while frontier:
        for nxt in moves_for(frontier.pop(), ALL):
            if nxt not in reached:
                reached.add(nxt)
                frontier.append(nxt)
    assert reached == set(State)
    assert MOVES[(State.validated, State.endorsed)] == LEAD
