"""What the web pages assemble agrees with the plain computation it replaces."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from missionplan.model import Plan
from missionplan.model.clauses import directive_clauses
from missionplan.planfile import load_plan
from missionplan.scenarios import scenario_plan_path
from missionplan.web.views import directive_view

_CARANA = load_plan(scenario_plan_path())


def _plain(plan: Plan) -> list[list[tuple[str, str, str]]]:
    """Every clause's citing items, by trying every item against every clause."""
    return [[(key, item.id, item.label()) for key, item in plan.items()
             if any(clause.overlaps(*ref.lines) for ref in item.citations())]
            for clause in directive_clauses(plan.directive_lines())]


def test_directive_links_of_the_carana_plan_match_the_plain_computation() -> None:
    views, _ = directive_view(_CARANA)
    assert [v.items for v in views] == _plain(_CARANA)
    assert sum(len(v.items) for v in views) > 50


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 140), st.integers(0, 30)), min_size=1, max_size=30))
def test_directive_links_match_for_any_cited_ranges(ranges: list[tuple[int, int]]) -> None:
    sources = [e for e in _CARANA.events if e.source is not None]
    events = [event.model_copy(update={"source": event.source.model_copy(
                  update={"lines": (first, first + extra)})})
              for event, (first, extra) in zip(sources, ranges, strict=False)
              if event.source is not None]
    plan = _CARANA.model_copy(update={"events": events})
    views, _ = directive_view(plan)
    assert [v.items for v in views] == _plain(plan)
