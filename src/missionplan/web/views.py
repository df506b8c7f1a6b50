"""What pages and the API show, assembled from library calls (no rules of its own).

What is derived from the plan a person sees is kept with that view of the plan
(:meth:`WebState.derive_from`): its schedule as of a day, Gantt picture, event dates
and directive links, and (until the next write) its monitoring and dashboard. A
plan changed in a what-if is keyed by its content instead, for the last few.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from ..model import Plan
from ..model.clauses import Clause, directive_clauses, uncited_clauses
from ..monitor import (
    CriterionStatus,
    Flag,
    Forecast,
    criteria_status,
    event_dates,
    flagged_items,
    forecast,
)
from ..risk import RiskResult
from ..schedule import Schedule, build_schedule, spread_of
from ..store.status import Recorded
from .state import WebState

if TYPE_CHECKING:  # CP-SAT loads on the first levelled page, not at start-up
    from ..levelling import Levelling

T = TypeVar("T")

__all__ = ["LEVEL_SECONDS", "ClauseView", "Dashboard", "Decision", "Levelled", "Monitoring",
           "dashboard", "directive_view", "gantt_of", "levelled_of", "monitoring",
           "recorded_result", "schedule_of", "warm"]

# What-if plans (changed anchors or actual dates) are not views of the state: their
# schedules and pictures are kept by content, for the last few.
_BY_CONTENT: dict[str, OrderedDict[tuple[object, ...], object]] = {
    "schedule": OrderedDict(), "gantt": OrderedDict()}
_CACHE_LOCK = threading.Lock()
_KEEP_BY_CONTENT = 16


def _by_content(kind: str, plan: Plan, as_of: date, anchors: dict[str, date],
                actuals: dict[str, date], compute: Callable[[], T]) -> T:
    key = (plan.model_dump_json(include={"events", "relations", "activities", "anchors",
                                         "actuals", "criteria", "recurrences", "title"}),
           as_of, tuple(sorted(anchors.items())), tuple(sorted(actuals.items())))
    store = _BY_CONTENT[kind]
    with _CACHE_LOCK:
        if key in store:
            store.move_to_end(key)
            return store[key]  # type: ignore[return-value]
    value = compute()
    with _CACHE_LOCK:
        store[key] = value
        while len(store) > _KEEP_BY_CONTENT:
            store.popitem(last=False)
    return value


def schedule_of(plan: Plan, as_of: date, *, anchors: dict[str, date] | None = None,
                actuals: dict[str, date] | None = None, state: WebState | None = None,
                risk: RiskResult | None = None) -> Schedule:
    """:func:`missionplan.schedule.build_schedule`, remembered with the view ``plan`` of
    ``state``, else (a what-if, an older version) for the last few plans by content.
    With ``risk`` (a run kept for this plan as seen) the forecast is its P50 and P10–P90."""
    anchors, actuals = anchors or {}, actuals or {}

    def build() -> Schedule:
        if risk is None:
            return build_schedule(plan, as_of=as_of, anchors=anchors, actuals=actuals)
        spread = spread_of({e.id: e.dates for e in risk.events if e.dates})
        return build_schedule(plan, as_of=as_of, anchors=anchors, actuals=actuals,
                              spread=spread, spread_basis=(
                                  f"P50 of {risk.samples:,} simulated worlds (P10–P90 beside "
                                  "it)"))

    if state is not None and not anchors and not actuals:
        return state.derive_from(plan, ("schedule", as_of, id(risk)), build)
    return _by_content("schedule", plan, as_of, anchors, actuals, build)


LEVEL_SECONDS = 10.0
"""Seconds the levelling solver may search for the web's levelled dates."""


@dataclass(frozen=True, slots=True)
class Levelled:
    """The plan as levelled for the web: the waits written into the durations, and why
    not when it could not be levelled (``plan`` is then the plan as it is)."""

    plan: Plan
    result: Levelling | None
    note: str = ""


def levelled_of(state: WebState, plan: Plan) -> Levelled:
    """``plan`` with each activity's wait for its resources written in (CP-SAT, remembered
    with the view): the dates the Timeline's levelled toggle and the Resources page show."""
    from ..levelling import level, with_waits

    if not plan.resources:
        return Levelled(plan, None, "the plan declares no resources: nothing to level")
    result = state.derive_from(plan, ("levelled",),
                               lambda: level(plan, time_limit=LEVEL_SECONDS))
    if result.status not in ("optimal", "feasible"):
        return Levelled(plan, result, f"no levelled schedule ({result.status}): the dates "
                                      "are as planned")
    return state.derive_from(plan, ("levelled-plan",),
                             lambda: Levelled(with_waits(plan, result), result))


def gantt_of(plan: Plan, as_of: date, *, anchors: dict[str, date] | None = None,
             actuals: dict[str, date] | None = None, state: WebState | None = None) -> str:
    """The reports room's Gantt SVG of :func:`schedule_of`, remembered likewise."""
    from ..reports import gantt_svg

    anchors, actuals = anchors or {}, actuals or {}

    def draw() -> str:
        sched = schedule_of(plan, as_of, anchors=anchors, actuals=actuals, state=state)
        return gantt_svg(sched, title=plan.title)

    if state is not None and not anchors and not actuals:
        return state.derive_from(plan, ("gantt", as_of), draw)
    return _by_content("gantt", plan, as_of, anchors, actuals, draw)


@dataclass(frozen=True, slots=True)
class Monitoring:
    """Criteria for success judged on observations, with a forecast per indicator."""

    criteria: list[CriterionStatus]
    forecasts: dict[str, Forecast]
    flags: list[Flag]


def monitoring(state: WebState, plan: Plan, as_of: date) -> Monitoring:
    """The monitor room's verdicts for the indicators ``plan`` shows (kept until the next
    write)."""
    return state.derive_from(plan, ("monitoring", as_of),
                             lambda: _monitoring(state, plan, as_of), observed=True)


def _monitoring(state: WebState, plan: Plan, as_of: date) -> Monitoring:
    dates = state.derive_from(plan, ("event dates",), lambda: event_dates(plan))
    shown = [i.id for i in plan.indicators]
    series = state.ws.headline(as_of=as_of, indicators=shown) if shown else {}
    criteria = criteria_status(plan, series, as_of, dates=dates)
    forecasts = {}
    for ind in plan.indicators:
        due = ind.deadline if isinstance(ind.deadline, date) else (
            dates.get(ind.deadline) if ind.deadline else None)
        points = series.get(ind.id, [])
        # an indicator whose series did not change keeps its fit (writes touch one or two)
        forecasts[ind.id] = state.derive_from(
            plan, ("forecast", ind.id, tuple(points), due),
            partial(forecast, ind, points, deadline=due))
    return Monitoring(criteria, forecasts, flagged_items(plan))


def recorded_result(state: WebState, event: str) -> Recorded:
    """What a change to ``event``'s recorded date did: its date, and its deadlines now."""
    from ..store.status import recorded

    return state.derive(("recorded", event), lambda: recorded(state.ws, event))


@dataclass(frozen=True, slots=True)
class Decision:
    """Something the plan needs someone to decide, and where to do it."""

    kind: str
    text: str
    link: str
    item: str = ""


@dataclass
class Dashboard:
    as_of: date
    schedule: Schedule
    monitoring: Monitoring
    conflicts: list[tuple[str, list[tuple[str, str]]]]
    warnings: list[tuple[str, str, str]]
    decisions: list[Decision] = field(default_factory=list)


def dashboard(state: WebState, plan: Plan) -> Dashboard:
    """The dashboard of ``plan`` as of today (kept until the next write)."""
    as_of = state.today()
    return state.derive_from(plan, ("dashboard", as_of),
                             lambda: _dashboard(state, plan, as_of), observed=True)


def _dashboard(state: WebState, plan: Plan, as_of: date) -> Dashboard:
    sched = schedule_of(plan, as_of, state=state)
    conflicts = [(c.describe(plan).splitlines()[0],
                  [(e.text, f"{e.source}: {plan.quote(e.source)}" if e.source else "")
                   for e in c.edges]) for c in sched.analysis.conflicts]
    index = plan.item_index()
    warnings = []
    for d in sched.diagnostics:
        if d.severity.value == "info":  # notes: on the timeline, not a leader's page
            continue
        item = index.get(d.related[0]) if d.related else None
        cite = item.source if item is not None else None
        warnings.append((d.code, d.message, f"{cite}: {plan.quote(cite)}" if cite else ""))
    decisions = [Decision("approve", f"Approve or reject '{item.label()}': no clause "
                          "of the directive names it", f"/plan/items/{item.id}", item.id)
                 for _, item in plan.items() if item.approval.value == "proposed"]
    decisions += [Decision("conflict", text, "/timeline") for text, _ in conflicts]
    decisions += [Decision(d.status.value.replace("_", " "),
                           f"'{d.id}': {d.reason} — accept the slip or accelerate what "
                           "drives it", "/timeline", d.id)
                  for d in sched.deadlines if d.status.value in ("late", "at_risk")]
    mon = monitoring(state, plan, as_of)
    decisions += [Decision("assumption", f"'{f.item}' depends on failing assumption "
                           f"'{f.assumption}'", f"/plan/items/{f.item}", f.item)
                  for f in mon.flags]
    return Dashboard(as_of, sched, mon, conflicts, warnings, decisions)


@dataclass(frozen=True, slots=True)
class ClauseView:
    """One clause of the directive and the items that cite it."""

    clause: Clause
    items: list[tuple[str, str, str]]  # (section, id, label)

    @property
    def anchor(self) -> str:
        return f"L{self.clause.first}"


def directive_view(plan: Plan, state: WebState | None = None
                   ) -> tuple[list[ClauseView], set[int]]:
    """Every clause with the items citing it, and the first lines of uncited clauses."""
    if state is not None:
        return state.derive_from(plan, ("directive",), lambda: directive_view(plan),
                                 undated=True)
    clauses = directive_clauses(plan.directive_lines())
    uncited = {c.first for c in uncited_clauses(plan)}
    # Clauses are in order and do not overlap: each cited range finds its clauses by
    # bisection on their last lines, not by a pass over every clause.
    lasts = [c.last for c in clauses]
    citing: list[list[tuple[str, str, str]]] = [[] for _ in clauses]
    for key, item in plan.items():
        hit: set[int] = set()
        for ref in item.citations():
            first, last = ref.lines
            at = bisect_left(lasts, first)
            while at < len(clauses) and clauses[at].first <= last:
                hit.add(at)
                at += 1
        for at in sorted(hit):
            citing[at].append((key, item.id, item.label()))
    return [ClauseView(c, items) for c, items in zip(clauses, citing, strict=True)], uncited


def warm(state: WebState) -> None:
    """Compute what the first pages show, for people cleared and not, and compile every
    page template, before anyone asks (``missionplan serve`` does it before it listens)."""
    from .render import environment

    env = environment()
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    if not state.has_plan():
        return
    for cleared in (True, False):
        plan = state.plan_seen(cleared=cleared)
        dashboard(state, plan)
        directive_view(plan, state)
        gantt_of(plan, state.today(), state=state)
