"""The exercise on the web: roles per route, each syndicate sees its own plan alone (pages
and API), the inbox says what each inject broke, the trainer loads, adds, looks, compares
and downloads the after-action review."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from missionplan.store import open_workspace
from missionplan.web import create_app
from missionplan.web.exercise import wait_for_impacts
from missionplan.web.settings import Settings
from missionplan.web.testing import exercise_workspace
from webclient import csrf_token, sign_in

pytestmark = pytest.mark.xdist_group("web-exercise")  # the impacts thread is per process


@pytest.fixture
def web(tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    yield from _served(exercise_workspace(tmp_path))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_web(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    """The exercise served from each database the workspace supports."""
    url = None if request.param == "sqlite" else request.getfixturevalue("pg_url")
    yield from _served(exercise_workspace(tmp_path, db_url=url))


def _served(settings: Settings) -> Iterator[tuple[TestClient, str]]:
    assert settings.db_url is not None
    with TestClient(create_app(settings)) as client:
        yield client, settings.db_url
        assert wait_for_impacts(300)


def _post(client: TestClient, path: str, **fields: str) -> int:
    token = csrf_token(client.get("/").text)
    return client.post(path, data={**fields, "csrf_token": token},
                       follow_redirects=False).status_code


def _injects(html: str) -> list[str]:
    return re.findall(r'data-inject="([^"]+)"', html)


TRAINERS = ("trainer", "admin")
OTHERS = ("alpha_lead", "alpha_member", "bravo_member", "lead", "viewer")


@pytest.mark.parametrize("user", TRAINERS + OTHERS)
def test_routes_per_role(web: tuple[TestClient, str], user: str) -> None:
    client, _ = web
    sign_in(client, user)
    trainer = user in TRAINERS
    assert client.get("/inbox").status_code == 200
    nav = client.get("/").text
    assert 'href="/inbox"' in nav
    assert ('href="/exercise"' in nav) is trainer
    for page in ("/exercise", "/exercise/review", "/exercise/aar.html"):
        assert client.get(page).status_code == (200 if trainer else 403), page
    assert _post(client, "/exercise/syndicates", name=f"s{len(user)}x",
                 title="Another") == (303 if trainer else 403)
    assert _post(client, "/exercise/view", syndicate="alpha") == (303 if trainer else 403)
    clock = _post(client, "/clock/advance", step="1d", back="/exercise")
    assert clock == (303 if user in (*TRAINERS, "lead") else 403)


def test_a_syndicate_sees_its_own_plan_alone_on_pages_and_api(
        any_web: tuple[TestClient, str]) -> None:
    client, url = any_web
    token = sign_in(client, "alpha_member")
    page = unescape(client.get("/").text)
    assert "Syndicate Alpha's plan: your syndicate's copy" in page
    # alpha records that the TAM deployed; bravo's plan and the workspace's own do not move
    answer = client.post("/api/actuals", json={"event": "tam_deployed", "date": "2027-05-24",
                                               "correction": True},
                         headers={"X-CSRF-Token": token})
    assert answer.status_code == 200, answer.text
    assert client.get("/api/session").json()["user"] == "alpha_member"
    assert any(e["item"] == "tam_deployed" for e in client.get("/api/audit").json())
    sign_in(client, "bravo_member")
    assert "Syndicate Bravo's plan" in unescape(client.get("/").text)
    assert not any(e["item"] == "tam_deployed" and e["user"] == "alpha_member"
                   for e in client.get("/api/audit").json())
    def actual(events: list[dict[str, object]]) -> object:
        return next(e["actual"] for e in events if e["id"] == "tam_deployed")

    assert actual(client.get("/api/schedule").json()["events"]) is None
    sign_in(client, "alpha_lead")
    assert actual(client.get("/api/schedule").json()["events"]) == "2027-05-24"
    sign_in(client, "bravo_member")
    with open_workspace(url) as ws:
        assert ws.on("alpha").actuals()["tam_deployed"] == date(2027, 5, 24)
        assert "tam_deployed" not in ws.on("bravo").actuals()
        assert "tam_deployed" not in ws.actuals()
    # a member cannot read another syndicate's plan by asking for it
    assert _post(client, "/exercise/view", syndicate="alpha") == 403
    assert "Syndicate Bravo" in client.get("/timeline").text


def test_the_trainer_looks_at_a_syndicates_plan_and_back(web: tuple[TestClient, str]) -> None:
    client, url = web
    with open_workspace(url) as ws:
        ws.on("bravo").record_actual("tam_deployed", date(2027, 5, 24), user="bravo_member",
                                     correction=True)
    sign_in(client, "trainer")
    assert 'id="whose"' not in client.get("/").text
    assert _post(client, "/exercise/view", syndicate="bravo") == 303
    page = unescape(client.get("/").text)
    assert "Syndicate Bravo's plan: you are looking at a syndicate's copy" in page
    assert "2027-05-24" in client.get("/timeline").text
    assert _post(client, "/exercise/view", syndicate="nobody") == 400
    assert _post(client, "/exercise/view") == 303
    assert 'id="whose"' not in client.get("/").text


def test_advancing_delivers_to_every_inbox_and_says_what_broke(
        any_web: tuple[TestClient, str]) -> None:
    client, url = any_web
    sign_in(client, "alpha_member")
    before = _injects(client.get("/inbox").text)
    assert before, "the exercise's first day delivers its first inject"
    sign_in(client, "trainer")
    assert _post(client, "/clock/advance", step="14d", back="/exercise") == 303
    assert wait_for_impacts(300)
    for user in ("alpha_member", "bravo_member"):
        sign_in(client, user)
        html = client.get("/inbox").text
        got = _injects(html)
        assert len(got) > len(before) and set(before) <= set(got), user
        assert "being measured" not in html
        assert "What it broke" in html
        board = client.get("/").text
        assert 'id="latest-injects"' in board and _injects(board) == got[:3]
    with open_workspace(url) as ws:
        for branch in ("alpha", "bravo"):
            assert [d.inject for d in reversed(ws.on(branch).deliveries())] == got
            assert any(e.user == "exercise" for e in ws.on(branch).audit())


def test_an_inject_not_yet_measured_says_so_and_the_page_polls(
        web: tuple[TestClient, str]) -> None:
    client, url = web
    with open_workspace(url) as ws:  # the store delivers; nothing has measured yet
        ws.advance("14d", user="trainer")
    sign_in(client, "alpha_lead")
    html = client.get("/inbox").text
    assert "being measured" in html and 'hx-trigger="every 3s"' in html
    fragment = client.get("/inbox", params={"limit": 3}, headers={"HX-Request": "true"}).text
    assert fragment.startswith('<div id="inbox-list"') and len(_injects(fragment)) == 3
    with open_workspace(url) as ws:
        ws.measure_impacts(samples=50)
    html = client.get("/inbox").text
    assert "being measured" not in html and "hx-trigger" not in html


def test_a_bad_exercise_file_is_refused_where_it_is_wrong_and_changes_nothing(
        web: tuple[TestClient, str]) -> None:
    client, url = web
    with open_workspace(url) as ws:
        kept = ws.exercise_text()
        day = ws.current_day().day
    sign_in(client, "trainer")
    token = csrf_token(client.get("/exercise").text)
    bad_date = (b"format: missionplan-exercise/1\nid: bad\nplan: carana\nstarts: 2027-02-30\n"
                b"injects:\n  - id: x\n    title: X\n    at: 2027-06-01\n")
    answer = client.post("/exercise/load", data={"csrf_token": token},
                         files={"file": ("bad.yaml", bad_date, "text/yaml")})
    assert answer.status_code == 422
    assert "bad.yaml:4" in answer.text and "Nothing was changed" in answer.text
    unknown = bad_date.replace(b"2027-02-30", b"2027-05-24") + (
        b"    effects:\n      - record: {event: no_such_event}\n")
    answer = client.post("/exercise/load", data={"csrf_token": token},
                         files={"file": ("unknown.yaml", unknown, "text/yaml")})
    assert answer.status_code == 422
    assert "unknown.yaml:10" in answer.text and "no_such_event" in answer.text
    latin = client.post("/exercise/load", data={"csrf_token": token},
                        files={"file": ("latin.yaml", "titre: é".encode("latin-1"))})
    assert latin.status_code == 422 and "not UTF-8" in latin.text
    with open_workspace(url) as ws:
        assert ws.exercise_text() == kept and ws.current_day().day == day


def test_the_trainer_loads_an_exercise_and_adds_a_syndicate(
        web: tuple[TestClient, str]) -> None:
    client, url = web
    sign_in(client, "trainer")
    token = csrf_token(client.get("/exercise").text)
    text = (b"format: missionplan-exercise/1\nid: short\ntitle: A short drill\nplan: carana\n"
            b"starts: 2027-05-24\ninjects:\n  - id: letter\n    title: A letter\n"
            b"    at: 2027-06-20\n    from: CRC\n    message: Hello.\n")
    answer = client.post("/exercise/load", data={"csrf_token": token},
                         files={"file": ("short.yaml", text, "text/yaml")},
                         follow_redirects=False)
    assert answer.status_code == 303
    page = client.get("/exercise").text
    assert "A short drill" in page and 'id="master-letter"' in page
    from missionplan.web.language import LANG_COOKIE

    text2 = text + (b"  - id: reply\n    title: A reply\n    after: {event: sg_report_submitted,"
                    b" days: 10}\n    from: CRC\n    message: Again.\n")
    token = csrf_token(client.get("/exercise").text)
    assert client.post("/exercise/load", data={"csrf_token": token},
                       files={"file": ("short.yaml", text2, "text/yaml")},
                       follow_redirects=False).status_code == 303
    row = re.search(r'<tr id="master-reply">.*?</tr>', client.get("/exercise").text, re.S)
    assert row is not None and "10 days after Secretary-General&#39;s report" in row[0]
    client.cookies.set(LANG_COOKIE, "fr")
    try:
        row = re.search(r'<tr id="master-reply">.*?</tr>', client.get("/exercise").text, re.S)
        assert row is not None and "10 jours après Secretary-General&#39;s report" in row[0]
    finally:
        client.cookies.delete(LANG_COOKIE)
    assert _post(client, "/exercise/syndicates", name="charlie",
                 title="Syndicate Charlie") == 303
    assert _post(client, "/exercise/syndicates", name="charlie") == 422
    assert "Syndicate Charlie" in client.get("/exercise").text
    with open_workspace(url) as ws:
        assert [s.name for s in ws.syndicates()] == ["alpha", "bravo", "charlie"]


def test_the_review_sets_syndicates_side_by_side_and_downloads(
        web: tuple[TestClient, str]) -> None:
    import pymupdf
    from docx import Document

    client, url = web
    with open_workspace(url) as ws:
        alpha = ws.on("alpha")
        alpha.record_actual("tam_deployed", date(2027, 5, 24), user="alpha_member",
                            correction=True)
        plan = alpha.export_plan()
        alpha.import_plan(plan.replace("title: ", "title: Alpha's ", 1), user="alpha_lead",
                          note="alpha retitles its plan")
    sign_in(client, "trainer")
    page = client.get("/exercise/review").text
    assert 'id="side-by-side"' in page
    assert page.count("Syndicate Alpha") >= 1 and page.count("Syndicate Bravo") >= 1
    assert re.search(r'id="pair".*title', page, re.S), "the plans' difference is listed"
    same = client.get("/exercise/review", params={"a": "bravo", "b": "alpha"}).text
    assert 'id="pair"' in same
    pdf = client.get("/exercise/aar.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    with pymupdf.open(stream=pdf.content, filetype="pdf") as doc:
        text = "".join(p.get_text() for p in doc)
    assert "After-action review" in text and "Syndicate Alpha" in text
    docx = client.get("/exercise/aar.docx")
    words = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "After-action review" in words
    assert client.get("/exercise/aar.txt").status_code == 404
    from missionplan.i18n import Language
    from missionplan.i18n import words as language
    from missionplan.web.language import LANG_COOKIE

    fr = language(Language.fr).gettext
    client.cookies.set(LANG_COOKIE, "fr")
    try:  # in French, as the person chose: the page's tables and the download
        page = client.get("/exercise/review").text
        assert fr("Where each syndicate stands") in page
        assert "Where each syndicate stands" not in page
        french = client.get("/exercise/aar.html").text
        assert '<html lang="fr">' in french and fr("Injects and responses") in french
        assert "Injects and responses" not in french
    finally:
        client.cookies.delete(LANG_COOKIE)


def test_the_exercise_speaks_french_to_whoever_chose_it(web: tuple[TestClient, str]) -> None:
    from missionplan.web.language import LANG_COOKIE

    client, _ = web
    sign_in(client, "trainer")
    client.cookies.set(LANG_COOKIE, "fr")
    page = unescape(client.get("/exercise").text)
    assert "Liste principale des incidents" in page and "Groupes de travail" in page
    assert "Master events list" not in page
    review = unescape(client.get("/exercise/review").text)
    assert "Critères de succès, groupe par groupe" in review
    sign_in(client, "alpha_member")
    client.cookies.set(LANG_COOKIE, "fr")
    inbox = unescape(client.get("/inbox").text)
    assert "Plan de Syndicate Alpha : la copie de votre groupe de travail" in inbox
    assert "Reçu le" in inbox and "Arrived" not in inbox


def test_the_clock_forms_send_one_back_to_this_site_only(
        web: tuple[TestClient, str]) -> None:
    client, _ = web
    token = sign_in(client, "trainer")
    for back, where in (("/exercise", "/exercise"), ("//evil.example/", "/"),
                        ("/\\evil.example", "/"), ("https://evil.example/", "/")):
        answer = client.post("/clock/advance", data={"step": "0d", "back": back,
                                                    "csrf_token": token},
                             follow_redirects=False)
        assert (answer.status_code, answer.headers["location"]) == (303, where), back
