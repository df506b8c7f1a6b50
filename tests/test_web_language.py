"""The web workspace in French: each person's choice kept, else the browser's; pages and
downloads in that language; an unknown language refused in words."""

from __future__ import annotations

import html
import io
import re

import pytest
from docx import Document
from fastapi.testclient import TestClient

from missionplan.web import create_app
from missionplan.web.language import LANG_COOKIE
from missionplan.web.testing import demo_workspace
from webclient import csrf_token, sign_in


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(demo_workspace(tmp_path_factory.mktemp("lang")).settings))


def _choose(client: TestClient, lang: str, back: str = "/downloads") -> int:
    token = csrf_token(client.get("/downloads").text)
    response = client.post("/language", data={"lang": lang, "back": back,
                                              "csrf_token": token}, follow_redirects=False)
    return response.status_code


def test_a_person_chooses_french_and_the_pages_speak_it(client: TestClient) -> None:
    sign_in(client, "viewer")
    client.cookies.delete(LANG_COOKIE)
    page = client.get("/downloads").text
    assert '<html lang="en">' in page and "<h1>Downloads</h1>" in page
    assert _choose(client, "fr") == 303
    page = client.get("/downloads").text
    assert '<html lang="fr">' in page and "<h1>Téléchargements</h1>" in page
    assert ">Tableau de bord</a>" in page and "Se déconnecter" in page
    assert re.search(r'<p class="asof" id="asof">Au <time datetime="\d{4}-\d\d-\d\d">\d+(er)? '
                     r"(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
                     r"novembre|décembre) \d{4}</time>", page)
    _choose(client, "en")
    assert "<h1>Downloads</h1>" in client.get("/downloads").text


def test_the_browser_language_counts_until_a_choice_is_made(client: TestClient) -> None:
    sign_in(client, "viewer")
    client.cookies.delete(LANG_COOKIE)
    page = client.get("/downloads", headers={"Accept-Language": "de;q=1, fr-CA;q=0.8, en;q=0.5"})
    assert '<html lang="fr">' in page.text
    page = client.get("/downloads", headers={"Accept-Language": "en-GB, fr;q=0.9"})
    assert '<html lang="en">' in page.text


def test_documents_download_in_the_persons_language(client: TestClient) -> None:
    sign_in(client, "lead")
    _choose(client, "fr")
    concept = client.get("/downloads/concept.docx")
    assert concept.status_code == 200
    doc = Document(io.BytesIO(concept.content))
    headings = [p.text for p in doc.paragraphs if p.style is not None
                and p.style.name == "Heading 1"]
    assert headings[1] == "2. Vision de la mission"
    assert doc.sections[0].header.paragraphs[0].text in ("NON CLASSIFIÉ",
                                                         "NU – DIFFUSION RESTREINTE")
    brief = client.get("/downloads/brief.html").text
    assert "<h2>Synthèse</h2>" in brief and '<html lang="fr">' in brief
    _choose(client, "en")


def test_an_unknown_language_is_refused_in_words(client: TestClient) -> None:
    sign_in(client, "viewer")
    token = csrf_token(client.get("/downloads").text)
    response = client.post("/language", data={"lang": "xx", "csrf_token": token},
                           follow_redirects=False)
    assert response.status_code in (400, 422)
    text = html.unescape(response.text)
    assert "no language 'xx'" in text and "unknown-language" in text
    assert "Traceback" not in text


def test_the_way_back_stays_on_this_site(client: TestClient) -> None:
    sign_in(client, "viewer")
    token = csrf_token(client.get("/downloads").text)
    for away in ("//evil.example/", "/\\evil.example/", "https://evil.example/",
                 "/\tevil"):
        response = client.post("/language", data={"lang": "fr", "back": away,
                                                  "csrf_token": token}, follow_redirects=False)
        assert response.headers["location"] == "/", away
    kept = client.post("/language", data={"lang": "fr", "back": "/timeline?x=1",
                                          "csrf_token": token}, follow_redirects=False)
    assert kept.headers["location"] == "/timeline?x=1"
    _choose(client, "en")


def test_the_dashboard_sign_in_and_refusals_speak_french(client: TestClient) -> None:
    client.cookies.set(LANG_COOKIE, "fr")
    login = client.get("/login").text
    assert "<h1>Se connecter</h1>" in login and "Mot de passe" in login
    sign_in(client, "lead")
    client.cookies.set(LANG_COOKIE, "fr")  # signing in starts a new session
    page = client.get("/").text
    assert '<h2 id="h-criteria">Critères de succès</h2>' in page
    assert "Le jour de l'espace de travail" in page
    basis = page.split('<p class="basis muted small" id="basis">')[1].split("</p>")[0]
    assert basis.startswith("Hypothèses\u00a0: les dates partent de dates supposées (")
    assert re.search(r" le \d+(er)? juin 2027\)", basis)
    # statuses from the imported macro, dates in words
    assert re.search(r'<span class="status status-[a-z_]+">(dans les temps|menacé|en retard|'
                     r"fait|fait en avance|pas encore atteignable)</span>", page)
    assert re.search(r'<td class="nowrap">\d+(er)? (janvier|février|mars|avril|mai|juin|'
                     r"juillet|août|septembre|octobre|novembre|décembre) \d{4}</td>", page)
    refused = client.get("/plan/items/no_such_item")
    assert "Cette demande a été refusée" in refused.text or refused.status_code == 404
    client.cookies.delete(LANG_COOKIE)


def _dates(client: TestClient, style: str, back: str = "/timeline") -> int:
    token = csrf_token(client.get("/downloads").text)
    return client.post("/dates", data={"dates": style, "back": back, "csrf_token": token},
                       follow_redirects=False).status_code


def test_a_person_chooses_how_dates_are_written_and_every_page_follows(
        client: TestClient) -> None:
    import re

    from missionplan.web.language import DATES_COOKIE

    sign_in(client, "lead")
    client.cookies.delete(LANG_COOKIE)
    client.cookies.delete(DATES_COOKIE)
    try:
        # in words by default: the as-of line; tables in ISO figures
        page = client.get("/timeline").text
        day = re.search(r'<time datetime="(\d{4})-(\d\d)-(\d\d)">([^<]+)</time>', page)
        assert day is not None and re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", day[4])
        iso = f"{day[1]}-{day[2]}-{day[3]}"
        assert re.search(r'<td>\d{4}-\d\d-\d\d</td>', page)
        assert _dates(client, "numeric") == 303
        page = client.get("/timeline").text
        assert f'<time datetime="{iso}">{day[3]}/{day[2]}/{day[1]}</time>' in page
        assert re.search(r'<td>\d\d/\d\d/\d{4}</td>', page), "the tables follow"
        assert not re.search(r'<td>\d{4}-\d\d-\d\d</td>', page)
        assert 'value="numeric" selected' in page
        assert re.search(r'id="obs-day"[^>]*placeholder="DD/MM/YYYY"[^>]*'
                         r'value="\d\d/\d\d/\d{4}"', client.get("/criteria").text)
        # what the person types in those figures is read as such
        token = csrf_token(client.get("/criteria").text)
        typed = client.post("/criteria/observations", data={
            "indicator": "idps_returned", "day": "20/02/2027", "value": "1234",
            "csrf_token": token}, follow_redirects=False)
        assert typed.status_code == 303, typed.text
        shown = client.get("/api/criteria").json()["criteria"]
        points = [o for c in shown for i in c["indicators"] if i["indicator"] == "idps_returned"
                  for o in i.get("observations", [])]
        assert any("2027-02-20" in str(o) for o in points), points
        assert _dates(client, "iso") == 303
        assert f'<time datetime="{iso}">{iso}</time>' in client.get("/timeline").text
        versions = client.get("/versions").text  # moments: the day as chosen, and the time
        assert re.search(r'<td class="nowrap small">\d{4}-\d\d-\d\d \d\d:\d\d</td>', versions)
        # date fields hold the chosen figures and say so, not the browser's own format
        assert re.search(r'id="clock-day"[^>]*placeholder="YYYY-MM-DD"[^>]*'
                         r'value="\d{4}-\d\d-\d\d"', client.get("/").text)
        assert 'type="date"' not in client.get("/timeline").text
        # in French and in words: French months
        assert _choose(client, "fr") == 303 and _dates(client, "words") == 303
        french = client.get("/timeline").text
        shown = re.search(rf'<time datetime="{iso}">([^<]+)</time>', french)
        assert shown is not None and not re.search(r"[A-Z][a-z]+ \d{4}", shown[1])
        # a choice it does not know is refused in the person's words, nothing kept
        token = csrf_token(client.get("/downloads").text)
        refused = client.post("/dates", data={"dates": "mm/dd/yy", "csrf_token": token},
                              follow_redirects=False)
        assert refused.status_code == 400 and "unknown-date-style" in refused.text
    finally:
        client.cookies.delete(LANG_COOKIE)
        client.cookies.delete(DATES_COOKIE)
