"""The dashboard names the decisions late and at-risk deadlines need."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from missionplan.web import create_app
from missionplan.web.testing import PASSWORD, demo_workspace


def test_late_deadlines_are_decisions_the_plan_needs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(create_app(demo_workspace(tmp_path).settings))
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token is not None
    client.post("/login", data={"name": "lead", "password": PASSWORD,
                                "csrf_token": token.group(1)})
    page = client.get("/").text
    decisions = page.split("Decisions the plan needs", 1)[1]
    # nothing records the assessment mission's deployment, so as of the demo day it is late
    assert "tam_within_14_days_of_signing" in decisions
    assert "accept the slip or accelerate" in decisions
