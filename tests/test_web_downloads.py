"""Downloads: documents and exchange files from the report templates, restricted items kept out."""

from __future__ import annotations

import io

import pytest
from docx import Document
from fastapi.testclient import TestClient
from icalendar import Calendar

from missionplan.web import create_app
from missionplan.web.testing import demo_workspace
from webclient import sign_in


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(demo_workspace(tmp_path_factory.mktemp("dl")).settings))


def test_downloads_need_a_session(client: TestClient) -> None:
    client.cookies.clear()
    response = client.get("/downloads/export.ics", follow_redirects=False)
    assert response.status_code in (303, 401)


def test_the_page_lists_every_document_and_export(client: TestClient) -> None:
    sign_in(client, "viewer")
    page = client.get("/downloads").text
    for href in ("/downloads/brief.pdf", "/downloads/annex.docx", "/downloads/concept.html",
                 "/downloads/export.ics", "/downloads/export.xlsx", "/downloads/export.mspdi"):
        assert href in page


def test_calendar_and_docx_downloads_read_back(client: TestClient) -> None:
    sign_in(client, "lead")
    ics = client.get("/downloads/export.ics")
    assert ics.status_code == 200
    assert "attachment" in ics.headers["content-disposition"]
    calendar = Calendar.from_ical(ics.content)
    assert any(c.name == "VEVENT" for c in calendar.walk())
    annex = client.get("/downloads/annex.docx")
    assert annex.status_code == 200
    headings = [p.text for p in Document(io.BytesIO(annex.content)).paragraphs
                if p.style is not None and p.style.name.startswith("Heading")]
    assert headings


def test_restricted_items_stay_out_of_downloads(client: TestClient) -> None:
    sign_in(client, "viewer")
    for path in ("/downloads/export.hxl", "/downloads/concept.html", "/downloads/export.tjp"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "refugees_returned" not in response.text, path
    sign_in(client, "admin")
    assert "refugees_returned" in client.get("/downloads/export.hxl").text


def test_an_unknown_download_is_not_found(client: TestClient) -> None:
    sign_in(client, "viewer")
    assert client.get("/downloads/brief.exe").status_code == 404
