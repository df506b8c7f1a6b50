"""The plan in dates as of a day: windows, projections and the status of every deadline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..errors import Diagnostic
from ..model import Duration, Plan, Relation
from .projection import Projection, project
from .rows import ActivityRow, DeadlineRow, EventRow, OccurrenceRow, Status

if TYPE_CHECKING:
    from ..temporal import Analysis

__all__ = ["CriterionRow", "Schedule", "build_schedule"]

_SEVERITY = [Status.late, Status.at_risk, Status.on_track, Status.not_reachable, Status.done]


@dataclass(frozen=True, slots=True)
class CriterionRow:
    """A criterion for success judged by its deadlines: the worst of them."""

    id: str
    name: str
    status: Status | None
    deadlines: list[str]

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name,
                "status": self.status.value if self.status else None,
                "deadlines": list(self.deadlines)}


@dataclass
class Schedule:
    """Everything the schedule says about a plan as of a day."""

    plan: Plan
    as_of: date
    analysis: Analysis
    events: list[EventRow]
    activities: list[ActivityRow]
    deadlines: list[DeadlineRow]
    criteria: list[CriterionRow]
    occurrences: list[OccurrenceRow]
    critical_chains: list[list[str]]
    diagnostics: list[Diagnostic]
    horizon_days: int = 30
    notes: list[str] = field(default_factory=list)

    @property
    def origin(self) -> date | None:
        return self.analysis.origin

    @property
    def consistent(self) -> bool:
        return self.analysis.consistent

    @property
    def conflicts(self) -> list[object]:
        return list(self.analysis.conflicts)

    @property
    def due_soon(self) -> list[DeadlineRow]:
        """Deadlines not yet met that fall due within the horizon, soonest first."""
        end = self.as_of + timedelta(days=self.horizon_days)
        rows = [d for d in self.deadlines if d.due is not None and d.status is not Status.done
                and self.as_of <= d.due <= end]
        return sorted(rows, key=lambda d: (d.due or self.as_of, d.id))

    @property
    def occurrences_soon(self) -> list[OccurrenceRow]:
        end = self.as_of + timedelta(days=self.horizon_days)
        return [o for o in self.occurrences if self.as_of <= o.due <= end]

    def to_json(self) -> dict[str, object]:
        return {
            "plan": self.plan.id, "as_of": self.as_of.isoformat(),
            "origin": self.origin.isoformat() if self.origin else None,
            "consistent": self.consistent, "horizon_days": self.horizon_days,
            "events": [e.to_json() for e in self.events],
            "activities": [a.to_json() for a in self.activities],
            "deadlines": [d.to_json() for d in self.deadlines],
            "criteria": [c.to_json() for c in self.criteria],
            "due_soon": [d.id for d in self.due_soon],
            "occurrences": [o.to_json() for o in self.occurrences],
            "critical_chains": self.critical_chains,
            "diagnostics": [d.to_json() for d in self.diagnostics],
            "notes": list(self.notes),
        }


def build_schedule(plan: Plan, *, as_of: date, anchors: dict[str, date] | None = None,
                   actuals: dict[str, date] | None = None, horizon_days: int = 30,
                   risk_margin_days: int = 7) -> Schedule:
    """Date the plan as of ``as_of`` and judge every deadline.

    ``anchors`` and ``actuals`` add to or replace those in the plan. A deadline is
    *done* when its event happened in time (*late* when it happened after), *late*
    when its due date has passed, *at risk* when the earliest date its event can
    now happen is after the due date or leaves less than ``risk_margin_days`` of
    slack (or less than the relation's own window, for an exact 'N after'), *not
    yet reachable* when its clock has not started and no date can be projected,
    else *on track*.
    """
    from ..temporal import analyse, lint

    plan.require_events([*(anchors or {}), *(actuals or {})])
    dated = plan.with_dates(anchors=anchors, actuals=actuals)
    analysis = analyse(dated)
    fixed = {**dated.anchor_dates(), **dated.actual_dates()}
    projection = project(dated, as_of=as_of, fixed=fixed)
    first_events = _event_rows(dated, analysis, projection, set(), as_of)
    overdue = {e.id: e for e in first_events if e.status is Status.late}
    deadlines = _deadlines(dated, as_of, fixed, projection, risk_margin_days, overdue)
    chains = _critical_chains(deadlines, projection, risk_margin_days)
    on_chain = {e for chain in chains for e in chain}
    notes = []
    if projection.dropped_upper_bounds:
        notes.append("the plan's relations contradict each other: projected dates use "
                     "lower bounds only")
    return Schedule(
        plan=dated, as_of=as_of, analysis=analysis,
        events=_event_rows(dated, analysis, projection, on_chain, as_of),
        activities=_activity_rows(dated, analysis),
        deadlines=deadlines, criteria=_criteria(dated, deadlines),
        occurrences=_occurrences(dated, projection, as_of, horizon_days),
        critical_chains=chains, diagnostics=lint(dated, analysis),
        horizon_days=horizon_days, notes=notes,
    )


def _window_dates(analysis: Analysis, event: str) -> tuple[date | None, date | None]:
    window = analysis.windows.get(event)
    if window is None or analysis.origin is None or not analysis.consistent:
        return None, None
    early = analysis.date_of(window.earliest) if window.earliest is not None else None
    late = analysis.date_of(window.latest) if window.latest is not None else None
    return early, late


def _event_rows(plan: Plan, analysis: Analysis, projection: Projection,
                on_chain: set[str], as_of: date) -> list[EventRow]:
    anchors, actuals = plan.anchor_dates(), plan.actual_dates()
    rows = []
    for event in plan.events:
        early, late = _window_dates(analysis, event.id)
        projected = projection.dates.get(event.id)
        status, reason = _judge_event(actuals.get(event.id) or anchors.get(event.id), late,
                                      projected, as_of)
        rows.append(EventRow(
            id=event.id, name=event.label(), kind=event.kind.value, earliest=early,
            latest=late, projected=projected, actual=actuals.get(event.id),
            anchored=anchors.get(event.id), critical=event.id in on_chain,
            source=str(event.source) if event.source else None, owner=event.owner,
            status=status, reason=reason))
    return rows


def _judge_event(fixed: date | None, latest: date | None, projected: date | None,
                 as_of: date) -> tuple[Status, str]:
    """An event is late once the last day the relations allow has passed without it."""
    if fixed is not None:
        return Status.done if fixed <= as_of else Status.on_track, f"dated {fixed}"
    if latest is None:
        if projected is None:
            return Status.not_reachable, "nothing dated leads to it yet"
        return Status.on_track, f"can happen on {projected} at the earliest"
    if as_of > latest:
        return Status.late, (f"should have happened by {latest} (its latest date), "
                             f"{(as_of - latest).days} days ago, and has no actual date")
    if projected is not None and projected > latest:
        return Status.at_risk, (f"can happen on {projected} at the earliest, "
                                f"{(projected - latest).days} days after its latest date "
                                f"({latest})")
    return Status.on_track, f"latest date {latest}"


def _activity_rows(plan: Plan, analysis: Analysis) -> list[ActivityRow]:
    rows = []
    for act in plan.activities:
        s_early, s_late = _window_dates(analysis, act.start)
        e_early, e_late = _window_dates(analysis, act.end)
        lo, hi = act.duration.bounds() if act.duration else (None, None)
        if act.duration and act.duration.distribution == "fixed":
            span = str(lo)
        else:
            span = f"{lo or '?'}..{hi or '?'}" if act.duration else ""
        rows.append(ActivityRow(
            id=act.id, name=act.label(), start=act.start, end=act.end, start_earliest=s_early,
            start_latest=s_late, end_earliest=e_early, end_latest=e_late, duration=span,
            owner=act.owner, source=str(act.source) if act.source else None))
    return rows


def _deadlines(plan: Plan, as_of: date, fixed: dict[str, date], projection: Projection,
               margin: int, overdue: dict[str, EventRow]) -> list[DeadlineRow]:
    criteria_of: dict[str, list[str]] = {}
    for criterion in plan.criteria:
        for rel_id in criterion.deadlines:
            criteria_of.setdefault(rel_id, []).append(criterion.id)
    actuals = plan.actual_dates()
    rows = []
    for rel in plan.relations:
        if not rel.is_deadline or rel.approval != "approved":
            continue
        due, clock = _due(rel, fixed, projection)
        status, reason = _judge(rel, due, clock, as_of, projection, actuals, margin)
        late_start = overdue.get(rel.from_ or "")
        if status is Status.on_track and late_start is not None:
            status, reason = Status.at_risk, (
                f"counts from '{late_start.id}', which is overdue ({late_start.reason}); "
                f"the due date {due} assumes it happens today")
        rows.append(DeadlineRow(
            id=rel.id, text=rel.text or rel.label(), from_event=rel.from_, to_event=rel.to,
            due=due, projected=projection.dates.get(rel.to), actual=actuals.get(rel.to),
            status=status, reason=reason, source=str(rel.source) if rel.source else None,
            quote=plan.quote(rel.source), criteria=criteria_of.get(rel.id, []),
            owner=rel.owner))
    return rows


def _due(rel: Relation, fixed: dict[str, date],
         projection: Projection) -> tuple[date | None, str]:
    """The last day ``to`` may happen, and whether its clock is 'fixed' or 'projected'."""
    if rel.from_ is None:
        return rel.not_after, "fixed"
    _, hi = rel.bounds()
    if hi is None:
        return None, "none"
    if rel.from_ in fixed:
        return hi.add_to(fixed[rel.from_]), "fixed"
    start = projection.dates.get(rel.from_)
    if start is None:
        return None, "unknown"
    return hi.add_to(start), "projected"


def _judge(rel: Relation, due: date | None, clock: str, as_of: date, projection: Projection,
           actuals: dict[str, date], margin: int) -> tuple[Status, str]:
    happened = actuals.get(rel.to)
    if happened is not None:
        if due is not None and happened > due:
            return Status.late, (f"happened on {happened}, {(happened - due).days} days after "
                                 f"it was due ({due})")
        return Status.done, f"happened on {happened}" + (f", due {due}" if due else "")
    if due is None:
        return Status.not_reachable, (f"its clock starts at '{rel.from_}', which has no date "
                                      "yet")
    if as_of > due:
        return Status.late, f"due {due}, {(as_of - due).days} days ago, and not recorded done"
    projected = projection.dates.get(rel.to)
    estimate = " (due date estimated from the projected start)" if clock == "projected" else ""
    if projected is None:
        return Status.on_track, f"due {due}; nothing yet fixes when '{rel.to}' can happen"
    slack = (due - projected).days
    lo, hi = rel.bounds()
    room = margin
    if rel.from_ is not None and lo is not None and hi is not None:
        room = min(margin, hi.day_bounds()[0] - lo.day_bounds()[1])
    if slack < 0:
        return Status.at_risk, (f"cannot be met as planned: '{rel.to}' can happen on "
                                f"{projected} at the earliest, {-slack} days after it is due "
                                f"({due}){estimate}")
    if slack < room:
        return Status.at_risk, (f"only {slack} days of slack: '{rel.to}' can happen on "
                                f"{projected} at the earliest, due {due}{estimate}")
    return Status.on_track, f"due {due}, {slack} days of slack{estimate}"


def _criteria(plan: Plan, deadlines: list[DeadlineRow]) -> list[CriterionRow]:
    by_id = {d.id: d for d in deadlines}
    rows = []
    for criterion in plan.criteria:
        statuses = [by_id[d].status for d in criterion.deadlines if d in by_id]
        worst = min(statuses, key=_SEVERITY.index) if statuses else None
        rows.append(CriterionRow(criterion.id, criterion.label(), worst,
                                 list(criterion.deadlines)))
    return rows


def _critical_chains(deadlines: list[DeadlineRow], projection: Projection,
                     margin: int) -> list[list[str]]:
    """For each tight deadline, the events whose relations drive its projected date."""
    open_rows = [d for d in deadlines if d.status in (Status.at_risk, Status.late, Status.on_track)
                 and d.slack_days is not None]
    tight = [d for d in open_rows if d.slack_days is not None and d.slack_days < margin]
    if not tight and open_rows:
        tight = [min(open_rows, key=lambda d: (d.slack_days or 0, d.id))]
    chains: list[list[str]] = []
    for row in sorted(tight, key=lambda d: (d.slack_days or 0, d.id)):
        pushes = projection.chain(row.to_event)
        chain = ([pushes[0].origin] if pushes else []) + [p.target for p in pushes]
        chains.append(chain or [row.to_event])
    return _maximal(chains)


def _maximal(chains: list[list[str]]) -> list[list[str]]:
    """Drop chains that are the beginning of a longer one, keeping the order given."""
    kept: list[list[str]] = []
    for chain in chains:
        if any(other[:len(chain)] == chain and len(other) > len(chain) for other in chains):
            continue
        if chain not in kept:
            kept.append(chain)
    return kept


def _occurrences(plan: Plan, projection: Projection, as_of: date,
                 horizon_days: int) -> list[OccurrenceRow]:
    """Due dates of every recurrence from its start up to its end or the horizon."""
    rows = []
    horizon = as_of + timedelta(days=horizon_days)
    for rec in plan.recurrences:
        start = projection.dates.get(rec.start)
        if start is None or rec.approval != "approved":
            continue
        stop = projection.dates.get(rec.until) if rec.until else None
        limit = min(d for d in (stop, horizon) if d is not None)
        every = rec.every
        k = 1
        while True:
            due = Duration(every.months * k, every.days * k, every.hours * k).add_to(start)
            if due > limit or k > 10_000:
                break
            rows.append(OccurrenceRow(rec.id, rec.label(), due, k,
                                      str(rec.source) if rec.source else None))
            k += 1
    return sorted(rows, key=lambda o: (o.due, o.recurrence))
