"""Sign-in, sessions, CSRF and security headers of the web workspace."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from missionplan.web import Settings, create_app
from missionplan.web.accounts import authenticate, get_account, set_password
from missionplan.web.security import (
    PRODUCTION_ARGON2,
    SECURITY_HEADERS,
    csrf_token,
    hash_password,
    verify_password,
)
from missionplan.web.testing import FAST_ARGON2, PASSWORD, demo_workspace
from webclient import csrf_token as page_token
from webclient import sign_in


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    demo = demo_workspace(tmp_path_factory.mktemp("auth"))
    return TestClient(create_app(demo.settings))


def test_production_argon2_parameters_are_the_default() -> None:
    assert Settings().argon2 == PRODUCTION_ARGON2
    # argon2-cffi's RFC 9106 low-memory profile: 3 passes over 64 MiB in 4 lanes
    assert (PRODUCTION_ARGON2.time_cost, PRODUCTION_ARGON2.memory_cost,
            PRODUCTION_ARGON2.parallelism) == (3, 65536, 4)
    stored = hash_password("s3cret-enough")
    assert stored.startswith("$argon2id$") and "$m=65536,t=3,p=4$" in stored
    assert verify_password(stored, "s3cret-enough")


def test_settings_choose_the_cost_of_new_hashes(tmp_path: Path) -> None:
    demo = demo_workspace(tmp_path)
    assert demo.settings.argon2 == FAST_ARGON2
    client = TestClient(create_app(demo.settings))
    engine = client.app.state.web.ws.engine  # type: ignore[attr-defined]
    account = get_account(engine, "viewer")
    assert account is not None and account.password_hash is not None
    assert "$m=8,t=1,p=1$" in account.password_hash


def test_passwords_are_argon2_and_verify() -> None:
    stored = hash_password("s3cret-enough", params=FAST_ARGON2)
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "s3cret-enough")
    assert not verify_password(stored, "wrong")
    assert not verify_password("not a hash", "x")
    assert not verify_password(None, "x")


def test_pages_without_session_go_to_sign_in(client: TestClient) -> None:
    client.cookies.clear()
    response = client.get("/timeline", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/timeline"


def test_wrong_password_is_refused_without_saying_which_part(client: TestClient) -> None:
    client.cookies.clear()
    page = client.get("/login")
    for name in ("admin", "nobody"):
        response = client.post("/login", data={"name": name, "password": "wrong-password",
                                               "csrf_token": page_token(page.text)})
        assert response.status_code == 401
        assert "Wrong user name or password." in response.text


def test_sign_in_rotates_the_session_and_reaches_the_dashboard(client: TestClient) -> None:
    client.cookies.clear()
    before = page_token(client.get("/login").text)
    after = sign_in(client, "admin")
    assert before != after  # a new session id, hence a new token
    page = client.get("/")
    assert page.status_code == 200
    assert "Criteria for success" in page.text


def test_login_without_csrf_token_is_refused(client: TestClient) -> None:
    client.cookies.clear()
    client.get("/login")
    response = client.post("/login", data={"name": "admin", "password": PASSWORD})
    assert response.status_code == 403
    assert "security token" in response.text


def test_token_of_another_session_is_refused(client: TestClient) -> None:
    other = csrf_token("someone-elses-session", "test-secret")
    sign_in(client, "admin")
    response = client.post("/criteria/actuals", data={
        "event": "peace_agreement_signed", "day": "2027-01-15", "csrf_token": other})
    assert response.status_code == 403


def test_next_parameter_cannot_leave_the_site(client: TestClient) -> None:
    client.cookies.clear()
    page = client.get("/login?next=//evil.example/")
    response = client.post("/login", data={"name": "admin", "password": PASSWORD,
                                           "next": "//evil.example/",
                                           "csrf_token": page_token(page.text)},
                           follow_redirects=False)
    assert response.headers["location"] == "/"


def test_security_headers_on_pages_api_and_static(client: TestClient) -> None:
    client.cookies.clear()
    for path in ("/login", "/api/plans", "/static/missionplan-1.css"):
        response = client.get(path)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (path, name)
    assert "'unsafe-inline'" not in SECURITY_HEADERS["content-security-policy"]


def test_pages_have_no_inline_script(client: TestClient) -> None:
    sign_in(client, "admin")
    for path in ("/", "/timeline", "/directive", "/criteria", "/login"):
        html = client.get(path).text
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag, (path, tag)
        assert not re.search(r"\son[a-z]+=", html), path


def test_session_cookie_is_http_only_and_same_site(client: TestClient) -> None:
    client.cookies.clear()
    response = client.get("/login")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_changing_password_ends_existing_sessions(tmp_path: Path) -> None:
    demo = demo_workspace(tmp_path)
    client = TestClient(create_app(demo.settings))
    sign_in(client, "viewer")
    assert client.get("/", follow_redirects=False).status_code == 200
    engine = client.app.state.web.ws.engine  # type: ignore[attr-defined]
    set_password(engine, "viewer", "another password", by="test", argon2=FAST_ARGON2)
    assert client.get("/", follow_redirects=False).status_code == 303
    assert authenticate(engine, "viewer", "another password") is not None
    assert authenticate(engine, "viewer", PASSWORD) is None
    account = get_account(engine, "viewer")
    assert account is not None and account.password_hash != "another password"
