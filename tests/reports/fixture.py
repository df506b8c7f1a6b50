"""A hand-built schedule of the synthetic Northwind plan (small_plan.yaml).

The dates are worked out by hand from the plan's relations (anchor 3 March
2025; draft plan ≥ signing and ≥ 7 days before departure; mission 10 days;
report exactly 21 days after return; resolution ≥ 7 days after the report;
headquarters set-up 21 days), so tests of the reports do not depend on the
schedule room while it is being written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from missionplan.model import Plan
from missionplan.planfile import load_plan
from missionplan.schedule.rows import ActivityRow, DeadlineRow, EventRow, Status

HERE = Path(__file__).parent
PLAN_PATH = HERE / "small_plan.yaml"
AS_OF = date(2025, 3, 1)
ORIGIN = date(2025, 3, 3)


@dataclass
class FakeConflict:
    edges: list[str]
    excess_days: int

    def describe(self, plan: Plan) -> str:
        return f"relations {', '.join(self.edges)} need {self.excess_days} more days"


@dataclass
class FakeSchedule:
    as_of: date
    origin: date | None
    events: list[EventRow]
    activities: list[ActivityRow]
    deadlines: list[DeadlineRow]
    conflicts: list[FakeConflict] = field(default_factory=list)


def d(month: int, day: int) -> date:
    return date(2025, month, day)


# id -> (earliest, latest): the hand-worked windows as of 1 March 2025.
WINDOWS: dict[str, tuple[date, date | None]] = {
    "agreement_signed": (d(3, 3), d(3, 3)),
    "draft_plan": (d(3, 3), d(3, 17)),
    "tam_departs": (d(3, 10), d(3, 24)),
    "tam_returns": (d(3, 20), d(4, 3)),
    "sg_report": (d(4, 10), d(4, 24)),
    "resolution_adopted": (d(4, 17), None),
    "hq_established": (d(5, 8), None),
}


def small_plan() -> Plan:
    return load_plan(PLAN_PATH)


def small_schedule(*, actuals: dict[str, date] | None = None,
                   conflicts: list[FakeConflict] | None = None) -> FakeSchedule:
    plan = small_plan()
    actuals = actuals or {}
    events = [EventRow(id=e.id, name=e.name, kind=e.kind.value, earliest=WINDOWS[e.id][0],
                       latest=WINDOWS[e.id][1], forecast=WINDOWS[e.id][0],
                       actual=actuals.get(e.id),
                       anchored=ORIGIN if e.id == "agreement_signed" else None,
                       critical=e.id != "draft_plan",
                       source=str(e.source) if e.source else None, owner=e.owner)
              for e in plan.events]
    activities = [
        ActivityRow(id="tam", name="Assessment mission", start="tam_departs", end="tam_returns",
                    start_earliest=d(3, 10), start_latest=d(3, 24), end_earliest=d(3, 20),
                    end_latest=d(4, 3), duration="10d", owner="itf_chair", source=None),
        ActivityRow(id="hq_setup", name="Set up headquarters", start="resolution_adopted",
                    end="hq_established", start_earliest=d(4, 17), start_latest=None,
                    end_earliest=d(5, 8), end_latest=None, duration="3w", owner="srsg",
                    source=None),
    ]
    deadlines = [
        _deadline(plan, "r_draft_prior", d(3, 17), d(3, 3), Status.on_track, actuals),
        _deadline(plan, "r_tam_within", d(3, 24), d(3, 10), Status.on_track, actuals,
                  criteria=["c_tam"]),
        _deadline(plan, "r_report_after", d(4, 24), d(4, 10), Status.on_track, actuals),
        _deadline(plan, "r_report_nla", d(6, 1), d(4, 10), Status.on_track, actuals),
        _deadline(plan, "r_hq_within", None, d(5, 8), Status.not_reachable, actuals,
                  criteria=["c_hq"]),
    ]
    return FakeSchedule(as_of=AS_OF, origin=ORIGIN, events=events, activities=activities,
                        deadlines=deadlines, conflicts=conflicts or [])


def _deadline(plan: Plan, rel_id: str, due: date | None, forecast: date, status: Status,
              actuals: dict[str, date], *, criteria: list[str] | None = None) -> DeadlineRow:
    rel = next(r for r in plan.relations if r.id == rel_id)
    return DeadlineRow(id=rel.id, text=rel.text, from_event=rel.from_, to_event=rel.to, due=due,
                       forecast=forecast, actual=actuals.get(rel.to), status=status,
                       reason="hand-built", source=str(rel.source) if rel.source else None,
                       quote=plan.quote(rel.source), criteria=criteria or [], owner=rel.owner)
