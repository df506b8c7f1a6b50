"""The second factor: TOTP codes (once each), recovery codes (hashed, once each), the
administrator's requirement per role, remembered browsers, the API, the reset."""

from __future__ import annotations

import dataclasses
import re
import time
from pathlib import Path
from typing import Any

import pyotp
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import select

from missionplan.cli import main
from missionplan.errors import WorkspaceError
from missionplan.store import open_workspace
from missionplan.store.schema import AccountSecurityRow, table
from missionplan.web import create_app
from missionplan.web.testing import PASSWORD, demo_workspace
from missionplan.web.totp import DEVICE_COOKIE, enable, enabled, new_secret, verify
from webclient import csrf_token, sign_in

T0 = 1_830_000_000.0  # a moment in 2027, on a 30-second step boundary


def _app(tmp_path: Path, db_url: str | None = None, **changes: Any) -> TestClient:
    demo = demo_workspace(tmp_path, db_url=db_url)
    return TestClient(create_app(dataclasses.replace(demo.settings, **changes)))


def _password(client: TestClient, name: str) -> Any:
    token = csrf_token(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": PASSWORD,
                                       "csrf_token": token}, follow_redirects=False)


def _code_form(client: TestClient, code: str, **extra: str) -> Any:
    token = csrf_token(client.get("/login/second").text)
    return client.post("/login/second", data={"code": code, "csrf_token": token, **extra},
                       follow_redirects=False)


def test_codes_check_within_a_step_and_never_twice(db_url: str, tmp_path: Path) -> None:
    demo = demo_workspace(tmp_path, db_url=db_url)
    with open_workspace(demo.settings.db_url) as ws:
        secret = new_secret()
        totp = pyotp.TOTP(secret)
        with pytest.raises(WorkspaceError) as bad:
            enable(ws.engine, "lead", secret, "000000" if totp.at(T0) != "000000" else "1",
                   by="lead", at=T0)
        assert bad.value.code == "bad-totp-code"
        codes = enable(ws.engine, "lead", secret, totp.at(T0), by="lead", at=T0)
        assert len(codes) == 10 and len(set(codes)) == 10
        assert verify(ws.engine, "lead", totp.at(T0), at=T0 + 5) is None  # spent at enrolment
        assert verify(ws.engine, "lead", totp.at(T0 + 30), at=T0 + 40) == "totp"
        assert verify(ws.engine, "lead", totp.at(T0 + 30), at=T0 + 41) is None  # replayed
        assert verify(ws.engine, "lead", totp.at(T0 + 90), at=T0 + 60) == "totp"  # a step ahead
        assert verify(ws.engine, "lead", totp.at(T0 + 300), at=T0 + 200) is None  # too far
        assert verify(ws.engine, "lead", codes[0].upper(), at=T0 + 300) == "recovery"
        assert verify(ws.engine, "lead", codes[0], at=T0 + 301) is None  # each once
        with ws.engine.connect() as conn:
            stored = conn.execute(select(table(AccountSecurityRow).c.recovery)).scalar_one()
        assert not any(c in stored or c.replace("-", "") in stored for c in codes)
        actions = [e.action for e in ws.audit()]
        assert "account.totp" in actions and "signin.recovery" in actions


def test_signing_in_with_a_second_factor_then_remembering_the_browser(tmp_path: Path) -> None:
    client = _app(tmp_path)
    engine = client.app.state.web.ws.engine  # type: ignore[attr-defined]
    secret = new_secret()
    enable(engine, "police", secret, pyotp.TOTP(secret).at(time.time() - 60), by="police",
           at=time.time() - 60)
    first = _password(client, "police")
    assert first.status_code == 303 and first.headers["location"].startswith("/login/second")
    assert client.get("/", follow_redirects=False).status_code == 303  # no session yet
    wrong = _code_form(client, "123456" if pyotp.TOTP(secret).now() != "123456" else "654321")
    assert wrong.status_code == 401 and "not right" in wrong.text
    done = _code_form(client, pyotp.TOTP(secret).now(), remember="yes")
    assert done.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 200
    assert client.cookies.get(DEVICE_COOKIE)
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/").text)})
    again = _password(client, "police")  # a remembered browser goes straight in
    assert again.status_code == 303 and again.headers["location"] == "/"
    stranger = TestClient(client.app)
    assert _password(stranger, "police").headers["location"].startswith("/login/second")


def test_a_required_second_factor_is_set_up_before_the_first_session(tmp_path: Path) -> None:
    client = _app(tmp_path, totp_roles="planning_lead, administrator")
    assert _password(client, "viewer").headers["location"] == "/"  # not required of viewers
    step = _password(client, "lead")
    assert step.headers["location"].startswith("/login/second")
    page = client.get(step.headers["location"], follow_redirects=True)
    assert "Second factor for lead" in page.text
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.text)
    assert secret is not None
    assert client.get("/", follow_redirects=False).status_code == 303
    shown = client.post("/login/enrol", data={"code": pyotp.TOTP(secret.group(1)).now(),
                                              "csrf_token": csrf_token(page.text)})
    assert shown.status_code == 200
    codes = re.findall(r"<li><code>([0-9a-f]{6}-[0-9a-f]{6})</code></li>", shown.text)
    assert len(codes) == 10
    assert client.get("/", follow_redirects=False).status_code == 200
    client.cookies.clear()
    _password(client, "lead")
    assert _code_form(client, codes[3]).status_code == 303  # a recovery code signs in once
    client.cookies.clear()
    _password(client, "lead")
    assert _code_form(client, codes[3]).status_code == 401


def test_guessing_codes_is_held_back_like_guessing_passwords(tmp_path: Path) -> None:
    client = _app(tmp_path, signin_lock_after=3)
    engine = client.app.state.web.ws.engine  # type: ignore[attr-defined]
    secret = new_secret()
    enable(engine, "lead", secret, pyotp.TOTP(secret).at(time.time() - 60), by="lead",
           at=time.time() - 60)
    _password(client, "lead")
    now = pyotp.TOTP(secret).now()
    wrongs = [c for c in ("111111", "222222", "333333", "444444") if c != now][:3]
    assert [_code_form(client, c).status_code for c in wrongs] == [401, 401, 401]
    assert _code_form(client, now).status_code == 429


def test_the_api_asks_for_the_code_and_takes_it(tmp_path: Path) -> None:
    client = _app(tmp_path)
    engine = client.app.state.web.ws.engine  # type: ignore[attr-defined]
    secret = new_secret()
    enable(engine, "lead", secret, pyotp.TOTP(secret).at(time.time() - 60), by="lead",
           at=time.time() - 60)
    token = client.get("/api/session").json()["csrf"]
    body = {"name": "lead", "password": PASSWORD}
    asked = client.post("/api/session", json=body, headers={"x-csrf-token": token})
    assert asked.status_code == 401 and asked.json()["error"] == "second-factor-required"
    token = client.get("/api/session").json()["csrf"]
    ok = client.post("/api/session", json={**body, "code": pyotp.TOTP(secret).now()},
                     headers={"x-csrf-token": token})
    assert ok.status_code == 200 and ok.json()["user"]["name"] == "lead"


def test_an_administrator_resets_a_lost_second_factor(tmp_path: Path) -> None:
    client = _app(tmp_path)
    web = client.app.state.web  # type: ignore[attr-defined]
    secret = new_secret()
    enable(web.ws.engine, "lead", secret, pyotp.TOTP(secret).now(), by="lead")
    result = CliRunner().invoke(main, ["user", "totp-reset", "lead", "--db",
                                       str(web.settings.db_url)])
    assert result.exit_code == 0 and "removed" in result.output
    assert not enabled(web.ws.engine, "lead")
    assert _password(client, "lead").headers["location"] == "/"


def test_a_misspelt_role_in_the_requirement_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="not a role: planing_lead"):
        _app(tmp_path, totp_roles="planing_lead")


def test_signed_in_people_turn_it_on_from_their_account_page(tmp_path: Path) -> None:
    client = _app(tmp_path)
    sign_in(client, "agency")
    page = client.get("/account/second-factor")
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.text)
    assert secret is not None
    shown = client.post("/account/second-factor", data={
        "code": pyotp.TOTP(secret.group(1)).now(), "csrf_token": csrf_token(page.text)})
    assert shown.status_code == 200 and "recovery-codes" in shown.text
    assert enabled(client.app.state.web.ws.engine, "agency")  # type: ignore[attr-defined]
