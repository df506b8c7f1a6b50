"""The shared charts: same input, same bytes; names, dates and marks where they belong."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from missionplan.model import Plan
from missionplan.reports.charts import (
    LEGEND_LABELS,
    STATUS_COLOURS,
    conflict_events,
    criteria_png,
    criteria_svg,
    gantt_png,
    gantt_svg,
)
from missionplan.reports.context import STATUS_LABELS, build_context
from missionplan.reports.run import plan_schedule
from reports.fixture import FakeConflict, d, small_plan, small_schedule

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_gantt_svg_is_reproducible_and_names_every_row() -> None:
    schedule = small_schedule()
    first, second = gantt_svg(schedule), gantt_svg(schedule)
    assert first == second
    texts = _texts(first)
    names = [e.name for e in schedule.events] + [a.name for a in schedule.activities]
    for name in names:
        assert name in texts
    assert "as of 2025-03-01" in texts
    assert "<dc:date>" not in first


def test_gantt_marks_conflicts_and_actual_dates() -> None:
    plan = small_plan()
    schedule = small_schedule(actuals={"tam_departs": d(3, 12)},
                              conflicts=[FakeConflict(["r_tam_within"], 2)])
    touched = conflict_events(plan, schedule)
    assert touched == {"agreement_signed", "tam_departs"}
    texts = _texts(gantt_svg(schedule, conflicts=touched))
    assert "⚠ Assessment mission departs" in texts
    assert "⚠ Agreement signed" in texts and "Assessment mission returns" in texts
    plain = gantt_svg(small_schedule())
    assert gantt_svg(schedule, conflicts=touched) != plain


def test_gantt_png_is_a_reproducible_picture() -> None:
    png = gantt_png(small_schedule())
    assert png.startswith(b"\x89PNG") and png == gantt_png(small_schedule())
    import pymupdf

    pix = pymupdf.Pixmap(png)  # type: ignore[no-untyped-call]
    assert pix.width == 1500 and pix.height > 300


def test_criteria_chart_shows_status_and_due_date() -> None:
    schedule = small_schedule()
    ctx = build_context(small_plan(), schedule, generated=date(2025, 3, 1))
    texts = _texts(criteria_svg(ctx.criteria, as_of=schedule.as_of))
    assert "Assessment mission on time" in texts and "Headquarters on time" in texts
    assert "on track · due 2025-03-24" in texts
    assert "not yet reachable · no date yet" in texts
    assert criteria_png(ctx.criteria, as_of=schedule.as_of).startswith(b"\x89PNG")


def test_gantt_legend_keys_every_mark_and_every_deadline_colour() -> None:
    texts = _texts(gantt_svg(small_schedule()))
    for label in LEGEND_LABELS:
        assert label in texts
    assert {f"deadline: {STATUS_LABELS[s]}" for s in STATUS_COLOURS} <= set(texts)
    assert "forecast date" in texts and "as-of day" in texts


def test_gantt_groups_events_before_activities() -> None:
    schedule = small_schedule()
    texts = _texts(gantt_svg(schedule))
    events = [texts.index(e.name) for e in schedule.events]
    activities = [texts.index(a.name) for a in schedule.activities]
    assert max(events) < min(activities)
    assert "events" in texts and "activities" in texts


def test_gantt_labels_unnamed_items_in_words_with_acronyms() -> None:
    plan = Plan.model_validate({
        "id": "words", "events": [{"id": "peace_agreement_signed"}, {"id": "ddr_started"},
                                  {"id": "usg_directive_to_srsg"}],
        "relations": [{"id": "r1", "from": "peace_agreement_signed", "to": "ddr_started",
                       "kind": "within", "max": "3mo"},
                      {"id": "r2", "from": "ddr_started", "to": "usg_directive_to_srsg",
                       "kind": "precedence"}],
        "anchors": [{"event": "peace_agreement_signed", "date": "2025-03-03"}]})
    texts = _texts(gantt_svg(plan_schedule(plan, as_of=date(2025, 3, 1))))
    assert {"Peace agreement signed", "DDR started", "USG directive to SRSG"} <= set(texts)
