"""The shared charts: same input, same bytes; names, dates and marks where they belong."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from missionplan.reports.charts import (
    conflict_events,
    criteria_png,
    criteria_svg,
    gantt_png,
    gantt_svg,
)
from missionplan.reports.context import build_context
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
    for row in [*schedule.events, *schedule.activities]:
        assert row.name in texts
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

    pix = pymupdf.Pixmap(png)
    assert pix.width == 1500 and pix.height > 300


def test_criteria_chart_shows_status_and_due_date() -> None:
    schedule = small_schedule()
    ctx = build_context(small_plan(), schedule, generated=date(2025, 3, 1))
    texts = _texts(criteria_svg(ctx.criteria, as_of=schedule.as_of))
    assert "Assessment mission on time" in texts and "Headquarters on time" in texts
    assert "on track · due 2025-03-24" in texts
    assert "not yet reachable · no date yet" in texts
    assert criteria_png(ctx.criteria, as_of=schedule.as_of).startswith(b"\x89PNG")
