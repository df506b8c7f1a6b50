"""The planning process in the web workspace, per role: products moved by those whose
capacity allows it, the human rights check signed by cleared reviewers only, drafts saved
with stale saves refused and both versions shown, restricted sections and comments kept
from those without clearance, my work, decisions and the alignment matrix."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from missionplan.store import Discussion
from missionplan.web import create_app
from missionplan.web.accounts import add_account
from missionplan.web.testing import FAST_ARGON2, PASSWORD, ROLES_USERS, demo_workspace
from webclient import sign_in

PAGES = ["/products", "/products/isf", "/products/mission_concept", "/work", "/decisions",
         "/alignment", "/products/isf/export.html"]


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    return create_app(demo_workspace(tmp_path).settings)


def _post(client: TestClient, path: str, token: str, **data: object) -> int:
    return int(client.post(path, data={**data, "csrf_token": token},
                           follow_redirects=False).status_code)


@pytest.mark.parametrize("user", sorted(ROLES_USERS))
def test_every_role_reads_every_process_page(app: FastAPI, user: str) -> None:
    client = TestClient(app)
    sign_in(client, user)
    for path in PAGES:
        assert client.get(path).status_code == 200, (user, path)
    assert client.get("/products/nothing_such").status_code == 400


def test_without_a_session_the_pages_send_to_sign_in(app: FastAPI) -> None:
    client = TestClient(app)
    for path in PAGES:
        assert client.get(path, follow_redirects=False).status_code == 303


def test_the_lead_walks_a_product_to_endorsement_and_its_deadline_turns_done(
        app: FastAPI) -> None:
    client = TestClient(app)
    token = sign_in(client, "lead")
    assert "isf_ready" not in app.state.web.ws.actuals()
    assert _post(client, "/products/isf/sections/vision", token, text="# Vision\n\nOne UN.",
                 base_version=0) == 303
    page = client.get("/products/isf").text
    assert "<h1>Vision</h1>" in page and 'data-state="drafting"' in page
    assert _post(client, "/products/isf/move", token, to="in_review") == 303
    assert _post(client, "/products/isf/move", token, to="validated") == 303
    refused = client.post("/products/isf/move", data={"to": "endorsed", "csrf_token": token})
    assert refused.status_code == 400 and "hr-check-required" in refused.text
    assert _post(client, "/products/isf/hr-check", token, note="checked") == 303
    assert _post(client, "/products/isf/move", token, to="endorsed") == 303
    assert app.state.web.ws.actuals()["isf_ready"] == app.state.web.today()
    deadlines = client.get("/api/schedule").json()["deadlines"]
    isf = next(d for d in deadlines if d["id"] == "isf_100_days_after_establishment")
    assert isf["status"] == "done"
    assert "signed by lead" in client.get("/products/isf").text


def test_moves_follow_capacity_per_role(app: FastAPI) -> None:
    client = TestClient(app)
    token = sign_in(client, "viewer")
    assert _post(client, "/products/conops_police_doc/move", token, to="drafting") == 403
    assert _post(client, "/products/conops_police_doc/sections/tasks", token, text="x",
                 base_version=0) == 403
    token = sign_in(client, "agency")  # acts for no actor of this product
    assert _post(client, "/products/conops_police_doc/move", token, to="drafting") == 403
    token = sign_in(client, "police")  # the police component's planner: its owner
    assert _post(client, "/products/conops_police_doc/sections/tasks", token,
                 text="Patrol the capital", base_version=0) == 303
    assert _post(client, "/products/conops_police_doc/move", token, to="in_review") == 303
    assert _post(client, "/products/conops_police_doc/move", token, to="validated") == 403
    assert _post(client, "/products/conops_police_doc/hr-check", token) == 403
    assert _post(client, "/products/conops_military_doc/move", token, to="drafting") == 403
    token = sign_in(client, "monitor")  # cleared, but a viewer: nothing to any product
    assert _post(client, "/products/conops_police_doc/hr-check", token) == 403
    ws = app.state.web.ws
    add_account(ws.engine, "hr", role="contributor", password=PASSWORD, by="admin",
                cleared=True, argon2=FAST_ARGON2)
    talk = Discussion(ws)
    talk.assign("dpko_itf", "agency", user="admin")
    talk.assign("dpko_itf", "hr", user="admin")
    token = sign_in(client, "agency")  # acts for the reviewer, not cleared
    assert _post(client, "/products/conops_police_doc/hr-check", token) == 403
    token = sign_in(client, "hr")  # acts for the reviewer, and cleared
    assert _post(client, "/products/conops_police_doc/hr-check", token) == 303
    assert _post(client, "/products/conops_police_doc/move", token, to="validated") == 303
    assert _post(client, "/products/conops_police_doc/move", token, to="endorsed") == 403
    token = sign_in(client, "lead")
    assert _post(client, "/products/conops_police_doc/move", token, to="endorsed") == 303
    assert "hr" in client.get("/products/conops_police_doc").text


def test_a_stale_section_save_is_refused_with_both_versions_shown(app: FastAPI) -> None:
    one, two = TestClient(app), TestClient(app)
    first, second = sign_in(one, "lead"), sign_in(two, "admin")
    assert _post(one, "/products/isf/sections/vision", first, text="Mine, first",
                 base_version=0) == 303
    stale = two.post("/products/isf/sections/vision", data={
        "text": "Theirs, late", "base_version": 0, "csrf_token": second})
    assert stale.status_code == 409
    assert "Mine, first" in stale.text and "Theirs, late" in stale.text
    assert "saved meanwhile" in stale.text


def test_restricted_sections_and_comments_reach_the_cleared_alone(app: FastAPI) -> None:
    client = TestClient(app)
    token = sign_in(client, "lead")
    assert _post(client, "/products/mission_concept/sections/human_rights", token,
                 text="Witness list kept apart", base_version=0) == 303
    assert _post(client, "/comments", token, target="product:mission_concept:human_rights",
                 text="Ask @viewer and @monitor to check the list") == 303
    assert _post(client, "/comments", token, target="product:mission_concept:priorities",
                 text="@viewer please read the priorities") == 303
    for user, sees in (("monitor", True), ("viewer", False)):
        sign_in(client, user)
        page = client.get("/products/mission_concept").text
        export = client.get("/products/mission_concept/export.html").text
        work = client.get("/work").text
        assert ("Witness list" in page) is sees and ("Witness list" in export) is sees
        assert ("check the list" in page) is sees and ("check the list" in work) is sees
        assert "please read the priorities" in page
    token = sign_in(client, "viewer")
    assert "please read the priorities" in client.get("/work").text
    assert _post(client, "/comments", token, target="product:isf", text="hello") == 403
    token = sign_in(client, "police")
    assert _post(client, "/comments", token, target="product:mission_concept:human_rights",
                 text="let me see") == 403


def test_tasks_decisions_and_the_alignment_matrix(app: FastAPI) -> None:
    client = TestClient(app)
    sign_in(client, "police")
    work = client.get("/work").text
    assert "Deliver the Police concept of operations" in work
    assert "Deliver the Military concept" not in work
    token = sign_in(client, "lead")
    assert _post(client, "/decisions", token, text="Hold the TAM to 14 days",
                 concerns="tam_within_14_days_of_signing", source="TIMELINE:120") == 303
    page = client.get("/decisions").text
    assert "Hold the TAM to 14 days" in page
    assert "<title>Decisions · missionplan</title>" in page  # a title, not the page again
    assert page.count('id="handovers"') == 1
    token = sign_in(client, "police")
    assert _post(client, "/decisions", token, text="Mine") == 403
    matrix = client.get("/alignment").text
    assert 'id="priority-deploy_quickly"' in matrix and "loe_support_logistics" in matrix


def test_the_lead_hands_over_and_the_new_lead_holds_the_leads_rights(app: FastAPI) -> None:
    client = TestClient(app)
    token = sign_in(client, "viewer")
    assert _post(client, "/lead/handover", token, to="viewer") == 403
    token = sign_in(client, "lead")
    assert _post(client, "/lead/handover", token, to="nobody_such") == 400
    assert _post(client, "/lead/handover", token, to="police",
                 note="USG directive issued") == 303
    assert _post(client, "/decisions", token, text="Still mine?") == 403  # a contributor now
    token = sign_in(client, "police")
    assert _post(client, "/decisions", token, text="The SRSG leads") == 303
    page = client.get("/decisions").text
    assert "to <strong>police</strong>" in page and "USG directive issued" in page
    log = [e.action for e in app.state.web.ws.audit(limit=10)]
    assert "lead.handover" in log and "account.role" in log


def test_two_versions_of_a_section_are_compared(app: FastAPI) -> None:
    client = TestClient(app)
    token = sign_in(client, "lead")
    _post(client, "/products/isf/sections/vision", token, text="One\nTwo", base_version=0)
    _post(client, "/products/isf/sections/vision", token, text="One\nThree", base_version=1)
    page = client.get("/products/isf/sections/vision/versions?old=1&new=2").text
    assert '<span data-change="removed">- Two' in page
    assert '<span data-change="added">+ Three' in page
    _post(client, "/products/mission_concept/sections/human_rights", token, text="Names",
          base_version=0)
    sign_in(client, "viewer")
    assert client.get("/products/mission_concept/sections/human_rights/versions"
                      ).status_code == 400


def test_a_draft_exports_as_pdf_and_docx_read_back_without_what_is_restricted(
        app: FastAPI, tmp_path: Path) -> None:
    import io

    import pymupdf
    from docx import Document

    client = TestClient(app)
    token = sign_in(client, "lead")
    _post(client, "/products/mission_concept/sections/priorities", token, base_version=0,
          text="## Sequence\n\n- Deploy quickly\n- Stabilise\n")
    _post(client, "/products/mission_concept/sections/human_rights", token, base_version=0,
          text="Witness list kept apart")
    for user, sees in (("lead", True), ("viewer", False)):
        sign_in(client, user)
        pdf = client.get("/products/mission_concept/export.pdf")
        assert pdf.headers["content-type"] == "application/pdf"
        text = "".join(p.get_text() for p in pymupdf.open(stream=pdf.content, filetype="pdf"))
        assert "Deploy quickly" in text and ("Witness list" in text) is sees
        word = Document(io.BytesIO(client.get("/products/mission_concept/export.docx").content))
        paragraphs = [p.text for p in word.paragraphs]
        assert "Mission Concept" in paragraphs and "Deploy quickly" in paragraphs
        assert ("Witness list kept apart" in paragraphs) is sees
        assert any("Act quickly" in c.text for t in word.tables for r in t.rows
                   for c in r.cells)  # the alignment matrix, filled by the plan
    assert client.get("/products/mission_concept/export.odt").status_code == 400


def test_a_review_asked_of_someone_is_on_their_work_until_they_answer(app: FastAPI) -> None:
    client = TestClient(app)
    token = sign_in(client, "viewer")
    assert _post(client, "/products/isf/reviews", token, reviewer="monitor") == 403
    token = sign_in(client, "lead")
    assert _post(client, "/products/isf/reviews", token, reviewer="nobody_such") == 400
    assert _post(client, "/products/isf/reviews", token, reviewer="admin",
                 due="2027-12-10") == 303
    for state in ("drafting", "in_review"):
        _post(client, "/products/isf/move", token, to=state)
    token = sign_in(client, "admin")
    assert "2027-12-10" in client.get("/work").text.split('id="reviews"')[1]
    assert _post(client, "/products/isf/move", token, to="revision_requested") == 303
    assert "isf" not in client.get("/work").text.split('id="reviews"')[1].split("</ul>")[0]


def test_the_feed_tells_of_reviews_mentions_and_a_deadline_a_change_moved(
        app: FastAPI) -> None:
    ws = app.state.web.ws
    Discussion(ws).assign("srsg", "agency", user="admin")
    client = TestClient(app)
    token = sign_in(client, "lead")
    _post(client, "/comments", token, target="product:isf", text="@agency the ISF, please")
    _post(client, "/products/isf/reviews", token, reviewer="agency")
    sign_in(client, "agency")
    before = client.get("/work").text.split('id="feed"')[1].split("</section>")[0]
    assert 'data-kind="mentioned"' in before and 'data-kind="review"' in before
    assert 'data-kind="moved"' not in before
    record = ws.item("isf_100_days_after_establishment")
    ws.update_item("isf_100_days_after_establishment", {**record.data, "max": "90d"},
                   user="lead", etag=record.etag)
    after = client.get("/work").text.split('id="feed"')[1].split("</section>")[0]
    assert "isf_100_days_after_establishment moved from 2027-12-30 to 2027-12-20" in after
    sign_in(client, "police")  # acts for nothing the change moved
    assert 'data-kind="moved"' not in client.get("/work").text


def test_the_odds_and_deployment_sections_show_the_runs_once_made(app: FastAPI) -> None:
    client = TestClient(app)
    token = sign_in(client, "lead")
    page = client.get("/products/mission_concept").text
    assert page.count("has not run on this version") == 2
    assert 'action="/risk/run"' in page and 'action="/deployment/run"' in page
    ran = client.post("/risk/run", data={"csrf_token": token,
                                         "back": "/products/mission_concept#section-odds"},
                      follow_redirects=False)
    assert ran.headers["location"] == "/products/mission_concept#section-odds"
    page = client.get("/products/mission_concept").text
    assert "simulated worlds of the plan as it stands" in page
    assert 'action="/risk/run"' not in page and 'action="/deployment/run"' in page
    assert "Odds on time" in client.get("/products/mission_concept/export.html").text
    away = client.post("/deployment/run", data={"csrf_token": token,
                                                "back": "//elsewhere.example/"},
                       follow_redirects=False)
    assert away.headers["location"] == "/"  # a page of this site only
    page = client.get("/products/mission_concept").text
    assert "of the authorised strength" in page and "has not run on this version" not in page
    other = TestClient(app)  # the viewer sees the plan without its restricted items: the
    sign_in(other, "viewer")  # lead's runs (made on what the viewer may not see) are not theirs
    assert other.get("/products/mission_concept").text.count("has not run on this version") == 2
