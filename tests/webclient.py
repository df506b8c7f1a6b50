"""Signing in to the web workspace from tests, the way a browser does: CSRF token and all."""

from __future__ import annotations

import re
import socket

from fastapi.testclient import TestClient

from missionplan.web.testing import PASSWORD

__all__ = ["csrf_token", "free_port", "sign_in"]


def csrf_token(html: str) -> str:
    """The CSRF token a page's forms carry."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None, "the page has no CSRF token"
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Sign ``client`` in as ``name`` (forgetting any earlier session); the new CSRF token."""
    client.cookies.clear()
    page = client.get("/login")
    client.post("/login", data={"name": name, "password": password,
                                "csrf_token": csrf_token(page.text)}, follow_redirects=False)
    return csrf_token(client.get("/login").text)


def free_port() -> int:
    """A TCP port on the loopback that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port
