"""Single sign-on: to the identity provider and back (:mod:`missionplan.web.oidc`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from ..auth import sign_in, state_of
from ..oidc import OidcClient, OidcError
from ..render import render
from ..security import safe_next
from ..signin import client_address, signed_in

router = APIRouter(include_in_schema=False)


def _client(request: Request) -> OidcClient:
    client: OidcClient = request.app.state.oidc
    if not client.configured:
        raise OidcError("single sign-on is not set up on this server: sign in with a "
                        "user name and password", code="oidc-off")
    return client


@router.get("/login/oidc")
def to_provider(request: Request, next: str = "/") -> Response:
    url = _client(request).begin(request.session, str(request.url_for("from_provider")),
                                 safe_next(next))
    return RedirectResponse(url, status_code=303)


@router.get("/login/oidc/callback", name="from_provider")
def from_provider(request: Request, code: str = "", state: str = "",
                  error: str = "") -> Response:
    client = _client(request)
    try:
        if error:
            request.session.pop("oidc", None)
            raise OidcError(f"the identity provider said: {error[:200]}",
                            code="oidc-provider")
        claims, next_path = client.finish(request.session,
                                          str(request.url_for("from_provider")),
                                          code=code[:2000], state=state[:200])
        account = client.account_for(state_of(request).ws.engine, claims)
    except OidcError as exc:
        return render(request, "login.html", account=None, next="/", error=str(exc),
                      sso=True, status_code=403 if exc.code == "oidc-no-role" else 401)
    sign_in(request, account)
    signed_in(state_of(request).ws.engine, account.name, client_address(request),
              via=client.discovery()["issuer"])
    return RedirectResponse(safe_next(next_path), status_code=303)
