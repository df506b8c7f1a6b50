"""The built-in scenario runs end to end and every criterion gets an answer."""

from __future__ import annotations

import pytest

from missionplan.planfile import load_plan
from missionplan.risk import simulate
from missionplan.scenarios import scenario_plan_path


def test_the_built_in_plan_answers_every_criterion_in_a_sentence() -> None:
    plan = load_plan(scenario_plan_path())
    if not plan.criteria:
        pytest.skip("the built-in plan has no criteria yet")
    result = simulate(plan, samples=1_000, seed=1)
    lines = result.sentences(plan)
    approved = [c for c in plan.criteria if c.approval == "approved"]
    assert [c.id for c in result.criteria] == [c.id for c in approved]
    texts = {c.id: (c.text or c.label()).rstrip(".") for c in approved}
    for c, line in zip(result.criteria, lines, strict=False):
        assert line.lower().startswith(texts[c.id].lower())
        assert ("of worlds" in line) == (c.probability is not None)
    assert all(0.0 <= d.probability <= 1.0 for d in result.deadlines)
