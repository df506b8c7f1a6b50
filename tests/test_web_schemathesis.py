"""Schemathesis against /openapi.json, in-process (ASGI), signed in as an administrator.

Every operation of the JSON API gets a bounded number of generated requests
(valid and invalid bodies, paths and queries); none may end in a server error.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.core.result import Ok

from missionplan.web import create_app
from missionplan.web.testing import PASSWORD, demo_workspace

EXAMPLES = 12


@pytest.fixture(scope="module")
def signed_in(tmp_path_factory: pytest.TempPathFactory) -> tuple[FastAPI, dict[str, str]]:
    app = create_app(demo_workspace(tmp_path_factory.mktemp("schemathesis")).settings)
    client = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token is not None
    client.post("/login", data={"name": "admin", "password": PASSWORD,
                                "csrf_token": token.group(1)})
    csrf = client.get("/api/session").json()["csrf"]
    cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    return app, {"cookie": cookie, "x-csrf-token": csrf}


def test_no_generated_request_ends_in_a_server_error(
        signed_in: tuple[FastAPI, dict[str, str]]) -> None:
    app, headers = signed_in
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    results = list(schema.get_all_operations())
    operations = [r.ok() for r in results if isinstance(r, Ok)]
    assert len(operations) == len(results)  # every operation's schema is usable
    assert len(operations) >= 15
    statuses: Counter[int] = Counter()
    for operation in operations:
        _exercise(operation, headers, statuses)
    assert not [s for s in statuses if s >= 500], statuses
    assert statuses[200] > len(operations)  # signed in: most reads answer
    assert statuses[401] == 0  # the session held for every request


def _exercise(operation: Any, headers: dict[str, str], statuses: Counter[int]) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(operation.as_strategy())
    def run(case: Any) -> None:
        response = case.call(headers=headers)
        statuses[response.status_code] += 1
        assert response.status_code < 500, (operation.label, case.path_parameters,
                                            case.query, case.body, response.text[:300])

    run()
