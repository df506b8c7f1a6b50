"""Single sign-on end to end against a real OpenID Connect provider that the tests start
(oidc-provider-mock, itself built on authlib): accounts made on first sign-in with the
mapped role, a role that follows the provider's groups, and refusals of a tampered token,
a wrong audience, an expired token, a replayed state and a person with no mapped role."""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from missionplan.web import create_app
from missionplan.web.accounts import get_account
from missionplan.web.testing import demo_workspace

oidc_provider_mock = pytest.importorskip("oidc_provider_mock")

CLIENT_ID = "missionplan-workspace"


@pytest.fixture(scope="module")
def issuer() -> Iterator[str]:
    with oidc_provider_mock.run_server_in_thread() as server:
        url = f"http://localhost:{server.server_port}"
        for sub, groups in (("maria", ["planners", "staff"]), ("omar", ["staff"]),
                            ("chief", ["dpko-itf"])):
            httpx.put(f"{url}/users/{sub}", json={
                "email": f"{sub}@mission.example", "name": sub.title(),
                "groups": groups}).raise_for_status()
        yield url


def _app(tmp_path: Path, issuer: str, **changes: Any) -> TestClient:
    demo = demo_workspace(tmp_path)
    settings = dataclasses.replace(demo.settings, **{
        "oidc_issuer": issuer, "oidc_client_id": CLIENT_ID,
        "oidc_client_secret": "not-so-secret", "oidc_name_claim": "email",
        "oidc_role_claim": "groups",
        "oidc_roles": "planners=planning_lead,dpko-itf=administrator", **changes})
    return TestClient(create_app(settings))


def _to_provider(client: TestClient) -> str:
    answer = client.get("/login/oidc?next=/timeline", follow_redirects=False)
    assert answer.status_code == 303
    return str(answer.headers["location"])


def _consent(authorize_url: str, sub: str) -> str:
    """The person ``sub`` signs in at the provider; the callback URL it sends them to."""
    answer = httpx.post(authorize_url, data={"sub": sub}, follow_redirects=False)
    assert answer.status_code == 302, answer.text[:300]
    return str(answer.headers["location"])


def _back(client: TestClient, callback: str) -> Any:
    parts = urlsplit(callback)
    return client.get(f"{parts.path}?{parts.query}", follow_redirects=False)


def test_the_login_page_offers_single_sign_on(tmp_path: Path, issuer: str) -> None:
    client = _app(tmp_path, issuer)
    assert 'id="sso"' in client.get("/login").text
    url = _to_provider(client)
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{issuer}/oauth2/authorize")
    assert query["client_id"] == [CLIENT_ID] and query["code_challenge_method"] == ["S256"]
    assert query["nonce"] and query["state"] and "openid" in query["scope"][0]


def test_a_first_sign_in_creates_the_account_with_the_mapped_role(tmp_path: Path,
                                                                   issuer: str) -> None:
    client = _app(tmp_path, issuer)
    answer = _back(client, _consent(_to_provider(client), "maria"))
    assert answer.status_code == 303 and answer.headers["location"] == "/timeline"
    assert client.get("/", follow_redirects=False).status_code == 200
    web = client.app.state.web  # type: ignore[attr-defined]
    account = get_account(web.ws.engine, "maria@mission.example")
    assert account is not None and account.role.value == "planning_lead"
    assert account.password_hash is None  # never signs in locally
    actions = [(e.action, e.user) for e in web.ws.audit()][:2]
    assert actions == [("signin", "maria@mission.example"),
                       ("account.add", f"oidc:{issuer}")]


def test_the_role_follows_the_providers_groups(tmp_path: Path, issuer: str) -> None:
    client = _app(tmp_path, issuer, oidc_roles="staff=viewer,planners=planning_lead")
    _back(client, _consent(_to_provider(client), "maria"))
    engine = client.app.state.web.ws.engine  # type: ignore[attr-defined]
    assert get_account(engine, "maria@mission.example").role.value == "viewer"  # type: ignore[union-attr]
    changed = TestClient(client.app)
    client.app.state.oidc.settings = dataclasses.replace(  # type: ignore[attr-defined]
        client.app.state.oidc.settings, oidc_roles="planners=planning_lead")  # type: ignore[attr-defined]
    _back(changed, _consent(_to_provider(changed), "maria"))
    assert get_account(engine, "maria@mission.example").role.value == "planning_lead"  # type: ignore[union-attr]


def test_a_person_with_no_mapped_role_is_refused(tmp_path: Path, issuer: str) -> None:
    client = _app(tmp_path, issuer)
    answer = _back(client, _consent(_to_provider(client), "omar"))
    assert answer.status_code == 403 and "names no role" in answer.text
    assert get_account(client.app.state.web.ws.engine,  # type: ignore[attr-defined]
                       "omar@mission.example") is None


def test_a_replayed_state_is_refused(tmp_path: Path, issuer: str) -> None:
    client = _app(tmp_path, issuer)
    callback = _consent(_to_provider(client), "maria")
    assert _back(client, callback).status_code == 303
    client.post("/logout", data={"csrf_token": _csrf(client)})
    again = _back(client, callback)
    assert again.status_code == 401 and "already used" in again.text
    stranger = TestClient(client.app)  # another browser with someone's callback link
    assert _back(stranger, _consent(_to_provider(client), "maria")).status_code == 401


def _csrf(client: TestClient) -> str:
    from webclient import csrf_token

    return csrf_token(client.get("/").text)


class _Altering(httpx.BaseTransport):
    """The network path to the provider, changing the ID token in the token answer."""

    def __init__(self, change: Callable[[str], str]) -> None:
        self.inner = httpx.HTTPTransport()
        self.change = change

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        answer = self.inner.handle_request(request)
        if not request.url.path.endswith("/token"):
            return answer
        answer.read()
        data = json.loads(answer.content)
        data["id_token"] = self.change(data["id_token"])
        return httpx.Response(answer.status_code, json=data)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(token: str) -> dict[str, Any]:
    body = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))))


def _with_claims(token: str, **changes: Any) -> str:
    head, _, signature = token.split(".")
    return ".".join([head, _b64(json.dumps({**_claims(token), **changes}).encode()),
                     signature])


def _refused(tmp_path: Path, issuer: str, change: Callable[[str], str], sub: str = "chief"
             ) -> Any:
    client = _app(tmp_path, issuer)
    client.app.state.oidc.transport = _Altering(change)  # type: ignore[attr-defined]
    answer = _back(client, _consent(_to_provider(client), sub))
    assert client.get("/", follow_redirects=False).status_code == 303  # not signed in
    return answer


def test_a_tampered_token_is_refused(tmp_path: Path, issuer: str) -> None:
    answer = _refused(tmp_path, issuer,
                      lambda t: _with_claims(t, groups=["dpko-itf"], email="omar@mission.example"))
    assert answer.status_code == 401 and "signature does not verify" in answer.text


def test_a_token_for_another_audience_is_refused(tmp_path: Path, issuer: str) -> None:
    other = {}

    def theirs(token: str) -> str:  # a genuine token the provider issued to another client
        authorize = httpx.get(f"{issuer}/oauth2/authorize", params={
            "client_id": "another-app", "response_type": "code", "scope": "openid email",
            "redirect_uri": "http://another.example/cb", "state": "s",
            "nonce": _claims(token)["nonce"]}, follow_redirects=False)
        assert authorize.status_code == 200
        code = parse_qs(urlsplit(_consent(str(authorize.url), "chief")).query)["code"][0]
        issued = httpx.post(f"{issuer}/oauth2/token", data={
            "grant_type": "authorization_code", "code": code, "client_id": "another-app",
            "client_secret": "x", "redirect_uri": "http://another.example/cb"})
        other["token"] = issued.json()["id_token"]
        return str(other["token"])

    answer = _refused(tmp_path, issuer, theirs)
    assert _claims(other["token"])["aud"] in ("another-app", ["another-app"])
    assert answer.status_code == 401 and "aud" in answer.text


def test_an_expired_token_is_refused(tmp_path: Path, issuer: str) -> None:
    client = _app(tmp_path, issuer)
    oidc = client.app.state.oidc  # type: ignore[attr-defined]
    real = oidc.clock
    oidc.clock = lambda: real() + 2 * 3600  # the token is an hour old by this server's clock
    answer = _back(client, _consent(_to_provider(client), "chief"))
    assert answer.status_code == 401 and "exp" in answer.text
    assert client.get("/", follow_redirects=False).status_code == 303
