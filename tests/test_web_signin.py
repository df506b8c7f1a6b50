"""Sign-in abuse through the web: waits and locks per account and per address, answers
that do not tell whether an account exists, sessions that end, the administrator's lift."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from missionplan.cli import main
from missionplan.store import open_workspace
from missionplan.web import auth as auth_module
from missionplan.web import create_app
from missionplan.web.testing import PASSWORD, demo_workspace
from webclient import csrf_token, sign_in


def _app(tmp_path: Path, db_url: str | None = None, **changes: Any) -> tuple[TestClient, str]:
    demo = demo_workspace(tmp_path, db_url=db_url)
    settings = dataclasses.replace(demo.settings, **changes)
    return TestClient(create_app(settings)), str(settings.db_url)


def _try(client: TestClient, name: str, password: str) -> Any:
    token = csrf_token(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password,
                                       "csrf_token": token}, follow_redirects=False)


def test_many_wrong_passwords_lock_the_account_so_the_right_one_waits(tmp_path: Path) -> None:
    client, url = _app(tmp_path)
    answers = [_try(client, "lead", f"guess number {i}").status_code for i in range(200)]
    assert answers[:3] == [401, 401, 401]  # three free failures
    assert set(answers[3:]) <= {401, 429} and answers[-1] == 429
    right = _try(client, "lead", PASSWORD)
    assert right.status_code == 429 and "signing in is locked" in right.text
    assert 14 * 60 < int(right.headers["retry-after"]) <= 15 * 60
    assert client.get("/", follow_redirects=False).status_code == 303  # not signed in
    with open_workspace(url) as ws:
        log = [e for e in ws.audit() if e.item == "account:lead"]
    assert [e.action for e in log].count("signin.lock") == 1
    assert [e.action for e in log].count("signin.fail") == 10  # not one after the lock


def test_a_locked_account_stays_locked_until_an_administrator_lifts_it(tmp_path: Path) -> None:
    client, url = _app(tmp_path, signin_lock_after=3)
    for _ in range(3):
        assert _try(client, "lead", "not the password").status_code == 401
    locked = _try(client, "lead", PASSWORD)
    assert locked.status_code == 429 and "locked" in locked.text
    runner = CliRunner()
    listed = runner.invoke(main, ["user", "locked", "--db", url, "--json"])
    assert '"account:lead"' in listed.output
    lifted = runner.invoke(main, ["user", "unlock", "lead", "--db", url])
    assert lifted.exit_code == 0 and "account:lead lifted" in lifted.output
    assert _try(client, "lead", PASSWORD).status_code == 303
    with open_workspace(url) as ws:
        actions = [(e.action, e.item) for e in ws.audit()]
    assert actions[0] == ("signin", "account:lead")
    assert ("signin.unlock", "account:lead") in actions
    assert ("signin.lock", "account:lead") in actions


def test_an_unknown_name_gets_the_same_answers_as_a_real_account(tmp_path: Path) -> None:
    client, _ = _app(tmp_path, signin_lock_after=3)
    for name in ("lead", "nobody-here"):
        texts = []
        for _ in range(4):
            response = _try(client, name, "not the password")
            texts.append((response.status_code, _message(response.text)))
        assert texts == [(401, "Wrong user name or password.")] * 3 + [
            (429, "Too many failed sign-ins: signing in is locked for this account or "
                  "from this address. Try again in 15 minutes.")]


def _message(html: str) -> str:
    start = html.index('role="alert">') + len('role="alert">')
    return html[start:html.index("</p>", start)]


def test_one_address_trying_many_accounts_is_locked_but_not_others(tmp_path: Path) -> None:
    demo = demo_workspace(tmp_path)
    settings = dataclasses.replace(demo.settings, signin_address_lock_after=8)
    app = create_app(settings)
    sprayer = TestClient(app, client=("10.9.9.9", 4000))
    for name in ("lead", "police", "agency", "viewer"):
        assert _try(sprayer, name, "Summer2027!").status_code == 401  # half of 8 are free
    held = _try(sprayer, "monitor", PASSWORD)
    assert held.status_code == 429 and "held back" in held.text
    colleague = TestClient(app, client=("10.1.1.1", 4000))
    assert _try(colleague, "monitor", PASSWORD).status_code == 303


def test_the_api_sign_in_is_held_the_same_way(tmp_path: Path) -> None:
    client, _ = _app(tmp_path, signin_lock_after=3)
    token = client.get("/api/session").json()["csrf"]
    codes = [client.post("/api/session", json={"name": "lead", "password": "nope nope nope"},
                         headers={"x-csrf-token": token}) for _ in range(4)]
    assert [c.status_code for c in codes] == [403, 403, 403, 429]
    assert codes[-1].json()["error"] == "sign-in-held"


@pytest.mark.postgres
def test_the_lock_holds_in_another_server_process_on_postgresql(
        tmp_path: Path, pg_url: str) -> None:
    demo = demo_workspace(tmp_path, db_url=pg_url)
    settings = dataclasses.replace(demo.settings, signin_lock_after=3)
    first = TestClient(create_app(settings))
    for _ in range(3):
        _try(first, "lead", "not the password")
    second = TestClient(create_app(settings))  # another worker: its own engine and caches
    assert _try(second, "lead", PASSWORD).status_code == 429


class _Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    fake = _Clock(time.time())
    monkeypatch.setattr(auth_module, "time", fake)
    return fake


def test_a_session_ends_after_idle_time_but_not_while_used(tmp_path: Path,
                                                           clock: _Clock) -> None:
    client, _ = _app(tmp_path, session_idle=600, session_max_age=3600)
    sign_in(client, "viewer")
    for _ in range(5):  # used every nine minutes: still there after 45
        clock.now += 540
        assert client.get("/", follow_redirects=False).status_code == 200
    clock.now += 601
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_session_ends_at_its_absolute_age_however_busy(tmp_path: Path, clock: _Clock) -> None:
    client, _ = _app(tmp_path, session_idle=600, session_max_age=1800)
    sign_in(client, "viewer")
    for _ in range(3):
        clock.now += 590
        assert client.get("/", follow_redirects=False).status_code == 200
    clock.now += 60  # 1,830 seconds since signing in
    assert client.get("/", follow_redirects=False).status_code == 303


def test_an_administrator_revokes_every_session_of_an_account(tmp_path: Path) -> None:
    client, url = _app(tmp_path)
    sign_in(client, "police")
    assert client.get("/", follow_redirects=False).status_code == 200
    result = CliRunner().invoke(main, ["user", "revoke", "police", "--db", url])
    assert result.exit_code == 0, result.output
    assert client.get("/", follow_redirects=False).status_code == 303
    sign_in(client, "police")  # signing in again makes a new session, which holds
    assert client.get("/", follow_redirects=False).status_code == 200


def test_behind_tls_the_cookies_are_secure_and_hsts_is_sent(tmp_path: Path) -> None:
    (tmp_path / "tls").mkdir()
    (tmp_path / "plain").mkdir()
    client, _ = _app(tmp_path / "tls", secure_cookies=True)
    client.base_url = "https://testserver"  # type: ignore[assignment]
    answer = _try(client, "viewer", PASSWORD)
    cookie = answer.headers["set-cookie"]
    assert "mp_session=" in cookie and "secure" in cookie.lower()
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    assert answer.headers["strict-transport-security"] == "max-age=31536000"
    plain, _ = _app(tmp_path / "plain")
    assert "strict-transport-security" not in plain.get("/login").headers
    assert "secure" not in _try(plain, "viewer", PASSWORD).headers["set-cookie"].lower()


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example/", "https://evil.example/",
                                    "/\t/evil.example/", "javascript:alert(1)"])
def test_signing_in_never_sends_the_browser_off_the_site(tmp_path: Path, target: str) -> None:
    client, _ = _app(tmp_path)
    token = csrf_token(client.get("/login").text)
    answer = client.post("/login", data={"name": "viewer", "password": PASSWORD,
                                         "next": target, "csrf_token": token},
                         follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"


def test_a_name_typed_at_full_length_is_refused_cleanly(tmp_path: Path, db_url: str) -> None:
    client, url = _app(tmp_path, db_url=db_url, signin_lock_after=2)
    name = "x" * 120
    assert [_try(client, name, "not the password").status_code for _ in range(3)] == [
        401, 401, 429]
    with open_workspace(url) as ws:
        assert {e.item for e in ws.audit() if e.action.startswith("signin")} == {
            f"account:{name}"[:120]}
