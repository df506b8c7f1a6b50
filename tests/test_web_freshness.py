"""The web workspace's caches never show stale data: a change saved anywhere (another
process, the terminal) shows on the next page, and a request asks the database for the
workspace's revision once, however many caches it consults."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from missionplan.monitor import Observation
from missionplan.store import open_workspace
from missionplan.web import create_app
from missionplan.web.testing import demo_workspace
from webclient import sign_in


@pytest.fixture
def signed_in(tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    settings = demo_workspace(tmp_path).settings
    assert settings.db_url is not None
    with TestClient(create_app(settings)) as client:
        sign_in(client, "lead")
        yield client, settings.db_url


def _series(client: TestClient, indicator: str) -> list[Any]:
    criteria = client.get("/api/criteria").json()["criteria"]
    return [i for c in criteria for i in c["indicators"] if i["indicator"] == indicator]


def test_changes_saved_by_another_process_show_on_the_next_request(
        signed_in: tuple[TestClient, str]) -> None:
    client, url = signed_in
    before_page = client.get("/criteria").text
    before_item = client.get("/api/items/conops_police").json()
    before_schedule = client.get("/api/schedule").json()
    with open_workspace(url) as other:  # as the terminal verbs do
        other.add_observations([Observation("idps_returned", date(2027, 2, 20), 123456.0)],
                               user="cli")
        record = other.item("conops_police")
        other.update_item("conops_police", {**record.data, "note": "changed elsewhere"},
                          user="cli", etag=record.etag)
        other.record_actual("component_conops_aligned_police", date(2027, 9, 16), user="cli")
    assert client.get("/criteria").text != before_page
    assert "123,456" in client.get("/criteria").text or "123456" in client.get(
        "/criteria").text
    item = client.get("/api/items/conops_police").json()
    assert item["etag"] != before_item["etag"] and item["data"]["note"] == "changed elsewhere"
    events = {e["id"]: e for e in client.get("/api/schedule").json()["events"]}
    old = {e["id"]: e for e in before_schedule["events"]}
    assert events["component_conops_aligned_police"] != old["component_conops_aligned_police"]
    assert "2027-09-16" in str(events["component_conops_aligned_police"])




def test_a_request_reads_the_revision_once_and_again_after_its_own_write(
        signed_in: tuple[TestClient, str]) -> None:
    client, _ = signed_in
    engine = client.app.state.web.ws.engine  # type: ignore[attr-defined]
    reads: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "revision" in statement:
            reads.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        for page in ("/", "/timeline", "/criteria", "/directive", "/versions"):
            client.get(page)  # warm
            reads.clear()
            assert client.get(page).status_code == 200
            assert len(reads) == 1, page
        token = client.get("/api/session").json()["csrf"]
        reads.clear()
        answer = client.post("/api/observations", headers={"x-csrf-token": token},
                             json={"indicator": "idps_returned", "date": "2027-02-21",
                                   "value": 5})
        assert answer.status_code == 200
        assert len(reads) <= 2  # before the write, and after it if asked again
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_requests_asking_for_the_same_result_at_once_compute_it_once(tmp_path: Path) -> None:
    import threading
    import time

    from missionplan.web.state import open_state

    state = open_state(demo_workspace(tmp_path).settings)
    calls: list[int] = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.2)  # long enough for every thread to ask while it runs
        return "answer"

    answers: list[str] = []
    threads = [threading.Thread(target=lambda: answers.append(state.derive(("k",), slow)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == ["answer"] * 8
    assert len(calls) == 1
    state.ws.record_actual("component_conops_aligned_police", date(2027, 9, 17), user="t")
    assert state.derive(("k",), slow) == "answer" and len(calls) == 2  # a write: afresh
    state.ws.close()


def test_a_page_that_is_not_there_gets_a_page_and_the_api_a_code(
        signed_in: tuple[TestClient, str]) -> None:
    client, _ = signed_in
    page = client.get("/no-such-page")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "no page at /no-such-page" in page.text and 'href="/"' in page.text
    api = client.get("/api/no-such-thing")
    assert api.status_code == 404 and api.json()["error"] == "not-found"
    assert client.get("/downloads/brief.exe").status_code == 404
    wrong = client.put("/api/plans")
    assert wrong.status_code == 405 and wrong.json()["error"] == "method-not-allowed"


def test_an_observation_recorded_shows_and_what_it_cannot_change_is_not_read_again(
        signed_in: tuple[TestClient, str]) -> None:
    client, url = signed_in
    for _ in range(2):  # warm every cache the page uses
        client.get("/criteria")
    statements: list[str] = []
    engine = client.app.state.web.ws.engine  # type: ignore[attr-defined]

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    with open_workspace(url) as other:
        other.add_observations([Observation("idps_returned", date(2027, 2, 21), 654321.0)],
                               user="cli")
    event.listen(engine, "before_cursor_execute", seen)
    try:
        page = client.get("/criteria").text
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert "654,321" in page or "654321" in page
    read = " ".join(statements)
    assert "observation" in read  # the new value is read
    for table in ("plan_version", "FROM account", "actual", "assumption_state"):
        assert table not in read, f"an observation recorded made the page read {table} again"
    with open_workspace(url) as other:  # any other write does make them read again
        other.record_actual("component_conops_aligned_police", date(2027, 9, 17), user="cli")
    statements.clear()
    event.listen(engine, "before_cursor_execute", seen)
    try:
        client.get("/criteria")
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert "plan_version" in " ".join(statements) and "actual" in " ".join(statements)
