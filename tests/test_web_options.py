"""The options page: the courses of action compared on demand, as the document does,
in the person's language."""

from __future__ import annotations

import dataclasses
import re

import pytest
from fastapi.testclient import TestClient

from missionplan.web import create_app
from missionplan.web.language import LANG_COOKIE
from missionplan.web.testing import demo_workspace
from webclient import csrf_token, sign_in


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    settings = demo_workspace(tmp_path_factory.mktemp("options")).settings
    return TestClient(create_app(dataclasses.replace(settings, deploy_time_limit=2.0)))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_options_are_compared_on_demand_and_shown_in_french(client: TestClient) -> None:
    sign_in(client, "lead")
    client.cookies.delete(LANG_COOKIE)
    page = client.get("/options").text
    assert "3 courses of action in plan version" in _text(page)
    assert "Compare the options" in page and "Recommendation" not in page
    token = csrf_token(page)
    assert client.post("/options/run", data={"csrf_token": token},
                       follow_redirects=False).status_code == 303
    text = _text(client.get("/options").text)
    assert "Recommended: " in text
    for name in ("Whole force at once", "Phased deployment", "Whole force, reinforced air lift"):
        assert name in text
    assert "Mission deployed within 90 days of the resolution" in text
    client.cookies.set(LANG_COOKIE, "fr")
    text = _text(client.get("/options").text)
    assert "Option recommandée" in text and "Les options" in text
    assert "Comparer à nouveau" in text
    client.cookies.delete(LANG_COOKIE)


def test_the_run_needs_the_form_token(client: TestClient) -> None:
    sign_in(client, "viewer")
    assert client.post("/options/run", follow_redirects=False).status_code in (400, 403)
