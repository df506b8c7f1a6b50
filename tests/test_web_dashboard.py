"""The dashboard names the decisions late and at-risk deadlines need."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from missionplan.web import create_app
from missionplan.web.testing import demo_workspace
from webclient import sign_in


def test_late_deadlines_are_decisions_the_plan_needs(tmp_path: Path) -> None:
    client = TestClient(create_app(demo_workspace(tmp_path).settings))
    sign_in(client, "lead")
    decisions = client.get("/").text.split("Decisions the plan needs", 1)[1]
    # nothing records the assessment mission's deployment, so as of the demo day it is late
    assert "tam_within_14_days_of_signing" in decisions
    assert "accept the slip or accelerate" in decisions
