"""Single sign-on through OpenID Connect: the authorization code flow with PKCE, authlib
as the client, the ID token checked with joserfc (signature against the provider's keys,
issuer, audience, expiry, nonce), a claim mapped to a role.

Settings (``oidc_*``; environment ``MISSIONPLAN_OIDC_*``): the provider's issuer URL,
this server's client id and secret, the claim that names the person (``email`` or
``preferred_username``), and the claim whose values map to roles, such as ``groups``
with ``dpko-itf=administrator,planners=planning_lead``. The first pair, in the order
written, whose value the person's claim holds gives the role; a person with none is
refused (``oidc-no-role``). An account is created on first sign-in with the mapped role and no
password (so it cannot sign in locally); at each later sign-in its role follows the
mapping, the change audited. Local accounts stay, for the offline and training case.

The state and nonce live in the session between the redirect and the callback and are
used once: a callback replayed, or one from another browser, finds none and is refused
(``oidc-state``). A token that does not verify is refused (``oidc-token``), saying why.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from authlib.integrations.httpx_client import OAuth2Client
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy import Engine

from ..errors import MissionplanError
from .accounts import Account, Role, add_external_account, get_account, set_role
from .settings import Settings

__all__ = ["OidcClient", "OidcError", "role_mapping"]

SESSION_KEY = "oidc"
LEEWAY = 60  # seconds of clock difference allowed between the provider and this server


class OidcError(MissionplanError):
    """A single sign-on that did not complete; the code says which step refused it."""

    code = "oidc-token"


def role_mapping(text: str) -> dict[str, Role]:
    """``group=role,group=role`` as a mapping (a bad role is a clear error)."""
    mapping: dict[str, Role] = {}
    for pair in (p.strip() for p in text.split(",") if p.strip()):
        value, _, role = pair.partition("=")
        try:
            mapping[value.strip()] = Role(role.strip().replace("-", "_"))
        except ValueError:
            raise OidcError(f"oidc_roles: '{role.strip()}' is not a role: use "
                            + ", ".join(r.value for r in Role), code="bad-role") from None
    return mapping


@dataclass
class OidcClient:
    """The provider as this server knows it: its discovery document, fetched once, and
    its keys. Every request to it goes through ``transport`` (a seam: tests put a network
    path that alters answers between here and there), and ``clock`` is the time tokens
    are judged at."""

    settings: Settings
    transport: httpx.BaseTransport | None = None
    clock: Callable[[], float] = time.time
    _discovery: dict[str, Any] | None = None
    _http: httpx.Client | None = field(default=None, repr=False)

    @property
    def http(self) -> httpx.Client:
        if self._http is None:
            self._http = httpx.Client(timeout=10.0, transport=self.transport)
        return self._http

    @property
    def configured(self) -> bool:
        return bool(self.settings.oidc_issuer and self.settings.oidc_client_id)

    def discovery(self) -> dict[str, Any]:
        if self._discovery is None:
            url = self.settings.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration"
            self._discovery = self._json(self.http.get(url), "discovery")
        return self._discovery

    def _json(self, answer: httpx.Response, step: str) -> dict[str, Any]:
        if answer.status_code != 200:
            raise OidcError(f"the identity provider's {step} answered {answer.status_code}",
                            code="oidc-provider")
        data: dict[str, Any] = answer.json()
        return data

    def _oauth(self, redirect_uri: str) -> OAuth2Client:
        return OAuth2Client(client_id=self.settings.oidc_client_id,
                            client_secret=self.settings.oidc_client_secret or None,
                            scope="openid email profile", redirect_uri=redirect_uri,
                            code_challenge_method="S256",
                            token_endpoint_auth_method="client_secret_post",
                            transport=self.transport, timeout=10.0)

    def begin(self, session: dict[str, Any], redirect_uri: str, next_path: str) -> str:
        """The provider's authorization URL; the state, nonce and PKCE verifier are kept
        in ``session`` for the callback."""
        state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        verifier = secrets.token_urlsafe(48)
        url, _ = self._oauth(redirect_uri).create_authorization_url(
            self.discovery()["authorization_endpoint"], state=state, nonce=nonce,
            code_verifier=verifier)
        session[SESSION_KEY] = {"state": state, "nonce": nonce, "verifier": verifier,
                                "next": next_path}
        return str(url)

    def finish(self, session: dict[str, Any], redirect_uri: str, *, code: str,
               state: str) -> tuple[dict[str, Any], str]:
        """The verified ID token's claims and where to go next, for the callback's
        ``code`` and ``state`` (the session's flow is used up either way)."""
        flow = session.pop(SESSION_KEY, None)
        if not isinstance(flow, dict) or not secrets.compare_digest(
                str(flow.get("state", "")), state):
            raise OidcError("this sign-in link was already used, or was started in another "
                            "browser: sign in again", code="oidc-state")
        with self._oauth(redirect_uri) as oauth:
            try:
                token = oauth.fetch_token(self.discovery()["token_endpoint"],
                                          grant_type="authorization_code", code=code,
                                          code_verifier=str(flow["verifier"]))
            except Exception as exc:  # authlib raises OAuth errors, httpx network ones
                raise OidcError(f"the identity provider refused the code ({exc})",
                                code="oidc-provider") from None
        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise OidcError("the identity provider sent no ID token")
        return self.verify(id_token, nonce=str(flow["nonce"])), str(flow.get("next") or "/")

    def verify(self, id_token: str, *, nonce: str) -> dict[str, Any]:
        """The claims of ``id_token`` once its signature, issuer, audience, expiry and
        nonce check; else :class:`OidcError` saying which did not."""
        keys = KeySet.import_key_set(self._json(self.http.get(self.discovery()["jwks_uri"]),
                                                "keys"))  # type: ignore[arg-type]
        try:
            decoded = jwt.decode(id_token, keys, algorithms=["RS256", "ES256", "PS256"])
        except (JoseError, ValueError) as exc:
            raise OidcError(f"the ID token's signature does not verify ({exc})") from None
        registry = jwt.JWTClaimsRegistry(
            now=lambda: int(self.clock()), leeway=LEEWAY,
            iss={"essential": True, "value": self.discovery()["issuer"]},
            aud={"essential": True, "value": self.settings.oidc_client_id},
            exp={"essential": True}, sub={"essential": True},
            nonce={"essential": True, "value": nonce})
        try:
            registry.validate(decoded.claims)
        except JoseError as exc:
            raise OidcError(f"the ID token was refused: {exc}") from None
        return dict(decoded.claims)

    def account_for(self, engine: Engine, claims: dict[str, Any]) -> Account:
        """The account of the person ``claims`` name, created or its role brought in line
        with the mapping (audited)."""
        role = self.role_of(claims)
        raw = claims.get(self.settings.oidc_name_claim) or claims.get("sub")
        name = str(raw or "").strip().lower()[:120]
        account = get_account(engine, name)
        issuer = self.discovery()["issuer"]
        if account is None:
            return add_external_account(engine, name, role=role.value, by=f"oidc:{issuer}",
                                        display_name=str(claims.get("name") or name))
        if not account.active:
            raise OidcError(f"the account '{name}' is deactivated", code="oidc-no-role")
        if account.role is not role and not account.role.in_syndicate:
            set_role(engine, name, role.value, by=f"oidc:{issuer}")
            account = get_account(engine, name) or account
        return account

    def role_of(self, claims: dict[str, Any]) -> Role:
        mapping = role_mapping(self.settings.oidc_roles)
        values = claims.get(self.settings.oidc_role_claim)
        listed = {str(v) for v in (values if isinstance(values, list) else [values])} \
            if values else set()
        for value, role in mapping.items():  # in the order the administrator wrote them
            if value in listed:
                return role
        raise OidcError("your organisation's sign-in names no role in this workspace: ask "
                        "its administrator", code="oidc-no-role")
