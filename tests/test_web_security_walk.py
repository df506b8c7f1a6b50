"""Every route of the web workspace, as every role and as nobody, with and without the
CSRF token: the answer each must give.

The API's routes come from its OpenAPI schema, the pages' from the routers that serve
them, so a route added later is walked too and meets the same rules:

- nobody signed in gets a page's sign-in redirect, the API's 401, or for a write without
  the token 403 ``csrf`` (the public sign-in routes excepted);
- a write without this session's CSRF token is refused with 403 ``csrf`` for everyone,
  and leaves no trace in the audit log;
- a signed-in read answers 200, or what the permission table of
  ``test_web_permissions`` declares (403 for a role that may not read a page, a refusal
  on content for one that may), never a server error and never "sign in first";
- a viewer changes nothing, whatever write they send with the token.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from missionplan.web import create_app
from missionplan.web.pages import ROUTERS
from missionplan.web.testing import ROLES_USERS, demo_workspace
from test_web_permissions import CONTENT, READS
from webclient import sign_in

ITEM = "component_conops_aligned_police"
SAMPLES = {"item_id": ITEM, "event": ITEM, "kind": "brief", "fmt": "html",
           "product_id": "mission_concept", "section_id": "political_strategy"}
QUERIES = {"/api/search": "?q=police", "/api/versions/compare": "?old=1&new=now"}
PUBLIC = {"/login", "/logout", "/login/second", "/login/enrol", "/api/session", "/login/oidc",
          "/login/oidc/callback"}
ROLES = sorted(ROLES_USERS)
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _fill(path: str) -> str:
    filled = re.sub(r"\{(\w+)\}", lambda m: SAMPLES.get(m.group(1), "x"), path)
    return filled + QUERIES.get(path, "")


def _routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every API operation in the OpenAPI schema and every page route."""
    found = {(method.upper(), path) for path, ops in app.openapi()["paths"].items()
             for method in ops}
    for router in ROUTERS:
        for route in router.routes:
            for method in getattr(route, "methods", set()) - {"HEAD"}:
                found.add((method, str(getattr(route, "path", ""))))
    return sorted(found)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    return create_app(demo_workspace(tmp_path_factory.mktemp("walk")).settings)


def _call(client: TestClient, method: str, path: str, token: str | None) -> Any:
    headers = {"x-csrf-token": token} if token else {}
    if path.startswith("/api"):
        return client.request(method, _fill(path), json={}, headers=headers,
                              follow_redirects=False)
    data = {"csrf_token": token} if token else {}
    return client.request(method, _fill(path), data=data, follow_redirects=False)


def _code(answer: Any) -> str:
    if answer.headers.get("content-type", "").startswith("application/json"):
        return str(answer.json().get("error", "")) if isinstance(answer.json(), dict) else ""
    found = re.search(r"Code: <code>([a-z-]+)</code>", answer.text)
    return found.group(1) if found else ""


def test_the_walk_covers_the_api_and_the_pages(app: FastAPI) -> None:
    routes = _routes(app)
    assert ("GET", "/api/audit") in routes and ("GET", "/timeline") in routes
    assert len([r for r in routes if r[1].startswith("/api")]) >= 20
    assert len([r for r in routes if not r[1].startswith("/api")]) >= 25


def test_nobody_signed_in_is_sent_to_sign_in_or_refused(app: FastAPI) -> None:
    client = TestClient(app)
    wrong = []
    for method, path in _routes(app):
        if path in PUBLIC:
            continue
        client.cookies.clear()
        for token in (None, "forged-token"):
            answer = _call(client, method, path, token)
            if method in UNSAFE:
                expected = {(403, "csrf"), (401, "not-signed-in")} if token else {
                    (403, "csrf")}
            elif path.startswith("/api"):
                expected = {(401, "not-signed-in")}
            else:
                expected = {(303, "")}
            got = (answer.status_code, _code(answer))
            if got not in expected:
                wrong.append(f"{method} {path} token={token!r}: {got}")
            if answer.status_code == 303:
                assert answer.headers["location"].startswith("/login"), path
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_a_write_without_the_token_is_refused_and_leaves_no_trace(app: FastAPI,
                                                                  role: str) -> None:
    client = TestClient(app)
    sign_in(client, role)
    before = len(app.state.web.ws.audit(every_branch=True))
    wrong = []
    for method, path in _routes(app):
        if method not in UNSAFE or path in PUBLIC:
            continue
        for token in (None, "0" * 64):
            answer = _call(client, method, path, token)
            if (answer.status_code, _code(answer)) != (403, "csrf"):
                wrong.append(f"{method} {path}: {answer.status_code} {_code(answer)}")
    assert not wrong, "\n".join(wrong)
    assert len(app.state.web.ws.audit(every_branch=True)) == before


@pytest.mark.parametrize("role", ROLES)
def test_every_read_answers_each_role_as_its_rules_say(app: FastAPI, role: str) -> None:
    client = TestClient(app)
    sign_in(client, role)
    wrong = []
    for method, path in _routes(app):
        if method != "GET" or path in PUBLIC - {"/api/session"}:
            continue
        answer = _call(client, method, path, None)
        filled = _fill(path)
        expected = ({403} if role not in READS.get(filled, {role})
                    else CONTENT.get(filled, {200}))
        if answer.status_code not in expected:
            wrong.append(f"GET {path}: {answer.status_code} {_code(answer)}")
    assert not wrong, "\n".join(wrong)


def test_a_viewer_changes_nothing_whatever_they_send(app: FastAPI) -> None:
    client = TestClient(app)
    token = sign_in(client, "viewer")
    ws = app.state.web.ws
    before = (len(ws.audit(every_branch=True)), ws.revision())
    answers = {}
    for method, path in _routes(app):
        if method in UNSAFE and path not in PUBLIC and path != "/account/second-factor":
            answer = _call(client, method, path, token)
            answers[f"{method} {path}"] = answer.status_code
            assert answer.status_code < 500, f"{method} {path}"
    assert (len(ws.audit(every_branch=True)), ws.revision()) == before, answers
