"""The plan in dates as of a day: windows, the forecast and the status of every deadline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..errors import Diagnostic
from ..model import Duration, Plan, Relation
from .forecast import Forecast, forecast
from .rows import ActivityRow, DeadlineRow, EventRow, OccurrenceRow, Status

if TYPE_CHECKING:
    from ..temporal import Analysis

__all__ = ["CriterionRow", "Schedule", "Spread", "build_schedule", "spread_of"]

Spread = Mapping[str, tuple[date, date, date]]
"""An event's P10, P50 and P90 dates from a risk run of the same plan state."""

MOST_LIKELY = "most likely durations from the dates recorded"


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
    forecast_basis: str = MOST_LIKELY

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
        rows = [d for d in self.deadlines if d.due is not None and d.actual is None
                and self.as_of <= d.due <= end]
        return sorted(rows, key=lambda d: (d.due or self.as_of, d.id))

    @property
    def occurrences_soon(self) -> list[OccurrenceRow]:
        end = self.as_of + timedelta(days=self.horizon_days)
        return [o for o in self.occurrences if self.as_of <= o.due <= end]

    def event_row(self, event: str) -> EventRow | None:
        return next((e for e in self.events if e.id == event), None)

    def to_json(self) -> dict[str, object]:
        return {
            "plan": self.plan.id, "as_of": self.as_of.isoformat(),
            "origin": self.origin.isoformat() if self.origin else None,
            "consistent": self.consistent, "horizon_days": self.horizon_days,
            "forecast_basis": self.forecast_basis,
            "events": [e.to_json() for e in self.events],
            "activities": [a.to_json() for a in self.activities],
            "deadlines": [d.to_json() for d in self.deadlines],
            "criteria": [c.to_json() for c in self.criteria],
            "due_soon": [d.id for d in self.due_soon],
            "occurrences": [o.to_json() for o in self.occurrences],
            "critical_chains": self.critical_chains,
            "gave_way": [g.to_json() for g in self.analysis.gave_way],
            "diagnostics": [d.to_json() for d in self.diagnostics],
            "notes": list(self.notes),
        }


def build_schedule(plan: Plan, *, as_of: date, anchors: dict[str, date] | None = None,
                   actuals: dict[str, date] | None = None, horizon_days: int = 30,
                   risk_margin_days: int = 7, spread: Spread | None = None,
                   spread_basis: str = "") -> Schedule:
    """Date the plan as of ``as_of`` and judge every deadline.

    ``anchors`` and ``actuals`` add to or replace those in the plan; the actual dates
    given here are refused (FactError) when after ``as_of`` or against the plan's logic.
    Each event gets a forecast (see :mod:`.forecast`; with ``spread``, a risk run's P50
    and P10–P90 instead, ``spread_basis`` saying which run). A deadline is *done* when
    its event happened within it, *late* when after it or when its due date has passed,
    *early* when before its window opened, *at risk* when the forecast misses it or
    leaves less than ``risk_margin_days`` of slack (or less than the relation's own
    window, for an exact 'N after'), *not yet reachable* when its clock has not started
    and nothing dates it, else *on track*.
    """
    from ..temporal import analyse, lint
    from ..temporal.facts import check_facts

    plan.require_events([*(anchors or {}), *(actuals or {})])
    if actuals:
        check_facts(plan.with_dates(anchors=anchors), actuals, today=as_of)
    dated = plan.with_dates(anchors=anchors, actuals=actuals)
    analysis = analyse(dated)
    fixed = {**dated.anchor_dates(), **dated.actual_dates()}
    windows = {e.id: _window_dates(analysis, e.id) for e in dated.events}
    expected = forecast(dated, as_of=as_of, fixed=fixed, windows=windows)
    if spread:
        expected = _with_spread(expected, spread, fixed)
    deadlines = _deadlines(dated, analysis, as_of, fixed, expected, risk_margin_days)
    chains = _critical_chains(deadlines, expected, risk_margin_days)
    notes = []
    diagnostics = lint(dated, analysis) + _after_the_day(dated, as_of)
    if expected.cyclic:
        notes.append("the plan's least bounds go round a loop: forecast dates stop where "
                     "the loop was cut")
    return Schedule(
        plan=dated, as_of=as_of, analysis=analysis,
        events=_event_rows(dated, analysis, expected, deadlines, chains, as_of, spread),
        activities=_activity_rows(dated, analysis),
        deadlines=deadlines, criteria=_criteria(dated, deadlines),
        occurrences=_occurrences(dated, expected, as_of, horizon_days),
        critical_chains=chains, diagnostics=diagnostics,
        horizon_days=horizon_days, notes=notes,
        forecast_basis=(spread_basis or MOST_LIKELY) if spread else MOST_LIKELY,
    )


def spread_of(events: Mapping[str, Mapping[str, str]]) -> dict[str, tuple[date, date, date]]:
    """A risk run's ``{event: {"P10": ISO, "P50": ISO, "P90": ISO, ...}}`` as a Spread."""
    return {e: (date.fromisoformat(d["P10"]), date.fromisoformat(d["P50"]),
                date.fromisoformat(d["P90"])) for e, d in events.items()
            if {"P10", "P50", "P90"} <= set(d)}


def _after_the_day(plan: Plan, as_of: date) -> list[Diagnostic]:
    """Dates a plan file records as happened after the day it is read as of."""
    from ..errors import Severity

    names = {e.id: e.label() for e in plan.events}
    return [Diagnostic("actual-after-day", f"'{names.get(a.event, a.event)}' is recorded as "
                       f"having happened on {a.date}, after {as_of}, the day the plan is "
                       "read as of: a fact cannot be in the future", None, Severity.warning,
                       (a.event,)) for a in plan.actuals if a.date > as_of]


def _with_spread(expected: Forecast, spread: Spread, fixed: dict[str, date]) -> Forecast:
    dates = dict(expected.dates)
    for event, (_, p50, _) in spread.items():
        if event not in fixed:
            dates[event] = p50
    return Forecast(dates, expected.cause, expected.unrecorded, expected.cyclic)


def _window_dates(analysis: Analysis, event: str) -> tuple[date | None, date | None]:
    window = analysis.windows.get(event)
    if window is None or analysis.origin is None or not analysis.consistent:
        return None, None
    early = analysis.date_of(window.earliest) if window.earliest is not None else None
    late = analysis.date_of(window.latest) if window.latest is not None else None
    return early, late


def _event_rows(plan: Plan, analysis: Analysis, expected: Forecast,
                deadlines: list[DeadlineRow], chains: list[list[str]], as_of: date,
                spread: Spread | None) -> list[EventRow]:
    anchors, actuals = plan.anchor_dates(), plan.actual_dates()
    on_chain = {e for chain in chains for e in chain}
    on_event: dict[str, list[DeadlineRow]] = {}
    for d in deadlines:
        on_event.setdefault(d.to_event, []).append(d)
    notes = _window_notes(plan, analysis)
    rows = []
    for event in plan.events:
        early, late = _window_dates(analysis, event.id)
        fc = expected.dates.get(event.id)
        actual = actuals.get(event.id)
        status, reason = _judge_event(actual, anchors.get(event.id), fc,
                                      expected.unrecorded.get(event.id),
                                      on_event.get(event.id, []), as_of)
        low = high = None
        if spread and event.id in spread and actual is None and event.id not in anchors:
            low, _, high = spread[event.id]
        extra = list(notes.get(event.id, []))
        if (actual is None and event.id not in anchors and late is not None and late < as_of
                and (fc is None or fc > late)):
            now = f": now expected {fc}" if fc else ""
            extra.append(f"past the last day its window allows ({late}){now}")
        rows.append(EventRow(
            id=event.id, name=event.label(), kind=event.kind.value, earliest=early,
            latest=late, forecast=None if actual else fc, actual=actual,
            anchored=anchors.get(event.id), critical=event.id in on_chain,
            source=str(event.source) if event.source else None, owner=event.owner,
            status=status, reason=reason, forecast_low=low, forecast_high=high,
            unrecorded_by=expected.unrecorded.get(event.id), notes=extra))
    return rows


def _window_notes(plan: Plan, analysis: Analysis) -> dict[str, list[str]]:
    """For each event, the bounds behind its window that gave way to the recorded dates."""
    if not analysis.gave_way or not analysis.consistent:
        return {}
    out: dict[str, list[str]] = {}
    for event in plan.events:
        for side in ("earliest", "latest"):
            for edge in analysis.why(event.id, side):
                if edge.relaxed_by:
                    words = f" '{edge.text}'" if edge.kind.value != "activity" else ""
                    out.setdefault(event.id, []).append(
                        f"its {side} date follows {edge.item}{words}, which gave way by "
                        f"{edge.relaxed_by} days to the recorded dates")
        if event.id in out:
            out[event.id] = list(dict.fromkeys(out[event.id]))
    return out


def _judge_event(actual: date | None, anchored: date | None, fc: date | None,
                 unrecorded: date | None, deadlines: list[DeadlineRow],
                 as_of: date) -> tuple[Status, str]:
    """An event is done once recorded; otherwise as its worst deadline, else on track."""
    if actual is not None:
        return Status.done if actual <= as_of else Status.on_track, f"happened on {actual}"
    if anchored is not None:
        if anchored <= as_of:
            return Status.done, f"assumed to have happened on {anchored} (an assumed date)"
        return Status.on_track, f"assumed date {anchored}"
    worst = max(deadlines, key=lambda d: d.status.severity, default=None)
    if worst is not None and worst.status in (Status.late, Status.at_risk):
        return worst.status, f"{worst.id}: {worst.reason}"
    if unrecorded is not None:
        return Status.on_track, (f"must have happened by {unrecorded} (it comes before an "
                                 "event that has), but no date is recorded")
    if fc is None:
        return Status.not_reachable, "nothing dated leads to it yet"
    return Status.on_track, f"expected on {fc}"


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


def _deadlines(plan: Plan, analysis: Analysis, as_of: date, fixed: dict[str, date],
               expected: Forecast, margin: int) -> list[DeadlineRow]:
    criteria_of: dict[str, list[str]] = {}
    for criterion in plan.criteria:
        for rel_id in criterion.deadlines:
            criteria_of.setdefault(rel_id, []).append(criterion.id)
    unmeetable = {g.edge.item: g.days for g in analysis.gave_way
                  if g.edge.bound == "max" and g.edge.to not in fixed}
    actuals = plan.actual_dates()
    rows = []
    for rel in plan.relations:
        if not rel.is_deadline or rel.approval != "approved":
            continue
        opens, due, clock = _window(rel, fixed, expected)
        status, reason, missed = _judge(rel, opens, due, clock, as_of, expected, actuals,
                                        margin)
        if rel.id in unmeetable and status in (Status.on_track, Status.at_risk):
            status, reason = Status.at_risk, (
                f"cannot be met any more: the dates recorded leave '{rel.to}' at least "
                f"{unmeetable[rel.id]} days past it ({reason})")
        rows.append(DeadlineRow(
            id=rel.id, text=rel.text or rel.label(), from_event=rel.from_, to_event=rel.to,
            due=due, forecast=None if rel.to in actuals else expected.dates.get(rel.to),
            actual=actuals.get(rel.to), status=status, reason=reason,
            source=str(rel.source) if rel.source else None, quote=plan.quote(rel.source),
            criteria=criteria_of.get(rel.id, []), owner=rel.owner, missed_by=missed,
            nature="target" if rel.is_target else "logic", opens=opens))
    return rows


def _window(rel: Relation, fixed: dict[str, date],
            expected: Forecast) -> tuple[date | None, date | None, str]:
    """The first and last day ``to`` may happen, and whether the clock that dates them is
    'fixed' (a fact or an anchor), 'forecast', 'none' (no upper bound) or 'unknown'."""
    if rel.from_ is None:
        return rel.not_before, rel.not_after, "fixed"
    lo, hi = rel.bounds()
    if rel.from_ in fixed:
        start, clock = fixed[rel.from_], "fixed"
    elif rel.from_ in expected.dates:
        start, clock = expected.dates[rel.from_], "forecast"
    else:
        return None, None, "unknown" if hi is not None else "none"
    opens = lo.add_to(start) if lo is not None else None
    if hi is None:
        return opens, None, "none"
    return opens, hi.add_to(start), clock


def _judge(rel: Relation, opens: date | None, due: date | None, clock: str, as_of: date,
           expected: Forecast, actuals: dict[str, date],
           margin: int) -> tuple[Status, str, int | None]:
    happened = actuals.get(rel.to)
    if happened is not None:
        if due is not None and happened > due:
            days = (happened - due).days
            return Status.late, (f"happened on {happened}, {_days(days)} after it was due "
                                 f"({due})"), days
        if opens is not None and happened < opens and rel.is_target:
            days = (opens - happened).days
            return Status.early, (f"happened on {happened}, {_days(days)} before its window "
                                  f"opened ({opens})"), -days
        return Status.done, f"happened on {happened}" + (f", due {due}" if due else ""), None
    if due is None:
        return Status.not_reachable, (f"its clock starts at '{rel.from_}', which has no date "
                                      "yet"), None
    if as_of > due:
        days = (as_of - due).days
        return Status.late, f"due {due}, {_days(days)} ago, and not recorded done", days
    fc = expected.dates.get(rel.to)
    estimate = " (due date counted from a forecast)" if clock == "forecast" else ""
    if fc is None:
        return Status.on_track, (f"due {due}; nothing yet fixes when '{rel.to}' is "
                                 "expected"), None
    slack = (due - fc).days
    room = margin
    lo, hi = rel.bounds()
    if rel.from_ is not None and lo is not None and hi is not None:
        room = min(margin, hi.day_bounds()[0] - lo.day_bounds()[1])
    if slack < 0:
        return Status.at_risk, (f"forecast to miss it: '{rel.to}' is expected on {fc}, "
                                f"{_days(-slack)} after it is due ({due}){estimate}"), -slack
    if slack < room:
        return Status.at_risk, (f"only {_days(slack)} of slack: '{rel.to}' is expected on "
                                f"{fc}, due {due}{estimate}"), None
    return Status.on_track, f"due {due}, {_days(slack)} of slack{estimate}", None


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _criteria(plan: Plan, deadlines: list[DeadlineRow]) -> list[CriterionRow]:
    by_id = {d.id: d for d in deadlines}
    rows = []
    for criterion in plan.criteria:
        statuses = [by_id[d].status for d in criterion.deadlines if d in by_id]
        worst = max(statuses, key=lambda s: s.severity) if statuses else None
        rows.append(CriterionRow(criterion.id, criterion.label(), worst,
                                 list(criterion.deadlines)))
    return rows


def _critical_chains(deadlines: list[DeadlineRow], expected: Forecast,
                     margin: int) -> list[list[str]]:
    """For each tight deadline, the events whose relations drive its expected date."""
    open_rows = [d for d in deadlines if d.status in (Status.at_risk, Status.late, Status.on_track)
                 and d.slack_days is not None]
    tight = [d for d in open_rows if d.slack_days is not None and d.slack_days < margin]
    if not tight and open_rows:
        tight = [min(open_rows, key=lambda d: (d.slack_days or 0, d.id))]
    chains: list[list[str]] = []
    for row in sorted(tight, key=lambda d: (d.slack_days or 0, d.id)):
        pushes = expected.chain(row.to_event)
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


def _occurrences(plan: Plan, expected: Forecast, as_of: date,
                 horizon_days: int) -> list[OccurrenceRow]:
    """Due dates of every recurrence from its start up to its end or the horizon."""
    rows = []
    horizon = as_of + timedelta(days=horizon_days)
    for rec in plan.recurrences:
        start = expected.dates.get(rec.start)
        if start is None or rec.approval != "approved":
            continue
        stop = expected.dates.get(rec.until) if rec.until else None
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
