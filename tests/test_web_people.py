"""The administrator's People page and API: accounts with their second factor, sign-in
locks and sessions; a lock lifted, every session ended, a lost second factor removed;
each audited, and refused to everyone but an administrator."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pyotp
from fastapi.testclient import TestClient

from missionplan.web import create_app
from missionplan.web.testing import PASSWORD, demo_workspace
from missionplan.web.totp import enable, enabled, new_secret
from webclient import csrf_token, sign_in


def _app(tmp_path: Path) -> TestClient:
    demo = demo_workspace(tmp_path)
    return TestClient(create_app(dataclasses.replace(
        demo.settings, signin_lock_after=3, signin_address_lock_after=6)))


def _fail(client: TestClient, name: str, times: int) -> None:
    for _ in range(times):
        token = csrf_token(client.get("/login").text)
        client.post("/login", data={"name": name, "password": "wrong", "csrf_token": token},
                    follow_redirects=False)


def _post(client: TestClient, path: str, token: str, **data: str) -> Any:
    return client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)


def _audit(client: TestClient, action: str) -> list[dict[str, Any]]:
    entries = client.get("/api/audit?limit=200").json()
    return [e for e in entries if e["action"] == action]


def test_an_administrator_lifts_a_lock_the_page_shows(tmp_path: Path) -> None:
    client = _app(tmp_path)
    guesser = TestClient(client.app, client=("192.0.2.7", 50000))  # from elsewhere
    _fail(guesser, "police", 3)
    token = csrf_token(guesser.get("/login").text)
    held = guesser.post("/login", data={"name": "police", "password": PASSWORD,
                                        "csrf_token": token}, follow_redirects=False)
    assert held.status_code == 429  # locked: the right password waits too
    token = sign_in(client, "admin")
    page = client.get("/people").text
    row = page.split('id="person-police"')[1].split("</tr>")[0]
    assert "locked until" in row and "after 3 failures" in row
    assert 'href="/people"' in page  # in the administrator's menu
    assert _post(client, "/people/unlock", token, name="police").status_code == 303
    row = client.get("/people").text.split('id="person-police"')[1].split("</tr>")[0]
    assert "locked until" not in row and "open" in row
    assert any(e["item"] == "account:police" for e in _audit(client, "signin.unlock"))
    assert sign_in(guesser, "police") and guesser.get("/").status_code == 200


def test_a_locked_address_is_listed_and_lifted(tmp_path: Path) -> None:
    client = _app(tmp_path)
    guesser = TestClient(client.app, client=("192.0.2.7", 50000))
    for name in ("nobody1", "nobody2", "nobody3"):  # names without accounts count too
        _fail(guesser, name, 2)
    token = sign_in(client, "admin")
    page = client.get("/people").text.split('id="addresses"')[1]
    assert "<code>192.0.2.7</code>" in page
    assert _post(client, "/people/unlock", token, address="192.0.2.7").status_code == 303
    assert "No address is locked." in client.get("/people").text
    assert any(e["item"] == "address:192.0.2.7" for e in _audit(client, "signin.unlock"))
    assert sign_in(guesser, "police") and guesser.get("/").status_code == 200


def test_ending_every_session_signs_the_person_out(tmp_path: Path) -> None:
    client = _app(tmp_path)
    lead = TestClient(client.app)
    sign_in(lead, "lead")
    assert lead.get("/", follow_redirects=False).status_code == 200
    token = sign_in(client, "admin")
    assert _post(client, "/people/lead/revoke", token).status_code == 303
    assert lead.get("/", follow_redirects=False).status_code == 303  # to sign in again
    assert "ended" in client.get("/people").text.split('id="person-lead"')[1].split("</tr>")[0]
    assert _audit(client, "account.sessions")
    gone = _post(client, "/people/nobody/revoke", token)
    assert gone.status_code == 400 and "no user named" in gone.text


def test_a_lost_second_factor_is_removed_from_the_page(tmp_path: Path) -> None:
    client = _app(tmp_path)
    engine = client.app.state.web.ws.engine  # type: ignore[attr-defined]
    secret = new_secret()
    enable(engine, "lead", secret, pyotp.TOTP(secret).now(), by="lead")
    token = sign_in(client, "admin")
    row = client.get("/people").text.split('id="person-lead"')[1].split("</tr>")[0]
    assert "set up" in row
    assert _post(client, "/people/lead/second-factor/reset", token).status_code == 303
    assert not enabled(engine, "lead")


def test_the_api_lists_lifts_and_revokes_for_administrators_alone(tmp_path: Path) -> None:
    client = _app(tmp_path)
    _fail(TestClient(client.app, client=("192.0.2.7", 50000)), "police", 3)
    for name in ("lead", "viewer", "police"):
        token = sign_in(client, name) if name != "police" else ""
        if not token:
            continue
        headers = {"x-csrf-token": token}
        assert client.get("/api/people").status_code == 403
        assert client.post("/api/people/unlock", json={"name": "police"},
                           headers=headers).status_code == 403
        assert client.post("/api/people/police/revoke", headers=headers).status_code == 403
    token = sign_in(client, "admin")
    headers = {"x-csrf-token": token}
    found = client.get("/api/people").json()
    police = next(a for a in found["accounts"] if a["name"] == "police")
    assert police["locked_until"] and police["failures"] == 3 and police["second_factor"] is False
    assert "password_hash" not in police
    assert client.post("/api/people/unlock", json={}, headers=headers).status_code == 422
    lifted = client.post("/api/people/unlock", json={"name": "police"}, headers=headers)
    assert lifted.json() == {"lifted": ["account:police"]}
    police = next(a for a in client.get("/api/people").json()["accounts"]
                  if a["name"] == "police")
    assert police["locked_until"] is None
    revoked = client.post("/api/people/police/revoke", headers=headers).json()
    assert revoked["user"] == "police" and revoked["sessions_after"]
    assert client.post("/api/people/police/revoke").status_code == 403  # no CSRF token
