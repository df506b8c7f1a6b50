"""Sections the plan writes: Markdown drawn from the plan as it stands, so a draft's
timeline, criteria, assumptions, alignment, risk odds and deployment estimate are always
current.

The risk odds and the deployment estimate are read from analyses run on the plan as it
stands (its actual dates included); the caller runs them or hands over the runs it keeps.
A section whose analysis has not run says so, and how to run it, rather than showing odds
of another version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from ..logistics import DeploymentResult
from ..model import Fill, Plan
from ..outlook import build_outlook
from ..outlook.analyses import Analyses, has_deployment_data, has_uncertainty
from ..risk import RiskResult
from ..schedule import Schedule
from .alignment import alignment

__all__ = ["filled", "needs", "runnable"]

R = TypeVar("R")

_NOT_RUN = {
    Fill.risk: "The risk analysis has not run on this version of the plan yet: the odds "
               "appear here once it has (the Risk page, or `missionplan risk`).",
    Fill.deployment: "The deployment planner has not run on this version of the plan yet: "
                     "its estimate appears here once it has (the Deployment page, or "
                     "`missionplan deploy`).",
}


def needs(fills: Iterable[Fill | None]) -> set[str]:
    """The analyses (``risk``, ``deployment``) that sections filled with ``fills`` read."""
    return {f.analysis for f in fills if f is not None and f.analysis}


_NO_DATA = {
    Fill.risk: "The plan has no uncertain durations and no risks: its dates are the "
               "timeline's, with no odds to give.",
    Fill.deployment: "The plan has no deployment data (its `deployment:` section): no "
                     "estimate to give.",
}


def runnable(fill: Fill, plan: Plan) -> bool:
    """Whether the analysis a ``fill`` reads has what it needs in ``plan``."""
    if fill is Fill.risk:
        return has_uncertainty(plan)
    if fill is Fill.deployment:
        return has_deployment_data(plan)
    return True


def filled(fill: Fill, plan: Plan, schedule: Schedule, *,
           analyses: Analyses | None = None) -> str:
    """The Markdown of a section the plan fills, as of the schedule's day; the risk and
    deployment sections read ``analyses`` (a note when the one they need is missing)."""
    if not runnable(fill, plan):
        return _NO_DATA[fill] + "\n"
    if fill is Fill.risk:
        return _analysed(fill, analyses.risk if analyses else None,
                         analyses.risk_note if analyses else "",
                         lambda r: _risk(plan, schedule, r,
                                         analyses.deployment if analyses else None))
    if fill is Fill.deployment:
        return _analysed(fill, analyses.deployment if analyses else None,
                         analyses.deployment_note if analyses else "",
                         lambda d: _deployment(plan, schedule, d, analyses))
    return {Fill.timeline: _timeline, Fill.criteria: _criteria,
            Fill.assumptions: _assumptions, Fill.alignment: _alignment}[fill](plan, schedule)


def _analysed(fill: Fill, result: R | None, note: str, write: Callable[[R], str]) -> str:
    if result is None:
        return (note or _NOT_RUN[fill]) + "\n"
    return write(result)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(head: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _timeline(plan: Plan, schedule: Schedule) -> str:
    rows: list[list[object]] = [
        [d.text or d.id, d.due or "—", d.actual or d.forecast or "—", d.status.label]
        for d in sorted(schedule.deadlines, key=lambda d: (d.due is None, d.due, d.id))]
    intro = f"Deadlines as of {schedule.as_of}.\n\n"
    return intro + _table(["Deadline", "Due", "Date (actual or forecast)", "Status"], rows)


def _criteria(plan: Plan, schedule: Schedule) -> str:
    text = {c.id: c.text or c.label() for c in plan.criteria}
    rows: list[list[object]] = [[text.get(c.id, c.name), c.status.label if c.status else "—"]
                                for c in schedule.criteria]
    return (f"Criteria for success as of {schedule.as_of}.\n\n"
            + _table(["Criterion", "Status"], rows))


def _assumptions(plan: Plan, schedule: Schedule) -> str:
    rows: list[list[object]] = [[a.text or a.label(), a.status, a.watch or "—"]
                                for a in plan.assumptions]
    return _table(["Assumption", "Status", "How it is watched"], rows)


def _alignment(plan: Plan, schedule: Schedule) -> str:
    found = alignment(plan)
    if not found.components:
        return "The plan declares no lines of effort yet.\n"
    rows: list[list[object]] = [
        [name, *(", ".join(found.cells.get((pid, c), [])) or "—" for c in found.components)]
        for pid, name in found.priorities]
    text = _table(["Priority", *found.components], rows)
    if found.unserved:
        text += "\nServed by no component: " + ", ".join(found.unserved) + ".\n"
    if found.unaligned:
        text += "\nLines of effort serving no priority: " + ", ".join(found.unaligned) + ".\n"
    return text


def _hours(hours: float) -> str:
    count = round(hours)
    return f"{count:,} hour" + ("" if count == 1 else "s")


def _percent(p: float | None) -> str:
    return "—" if p is None else f"{round(100 * p)}%"


def _risk(plan: Plan, schedule: Schedule, result: RiskResult,
          deployment: DeploymentResult | None) -> str:
    """Each criterion's one answer (status, due, forecast, odds, P50) and, where the
    answers differ, the sentence that says which rests on what."""
    outlook = build_outlook(plan, schedule, risk=result, deployment=deployment)
    rows: list[list[object]] = [
        [a.name, a.status.label, a.due or "—", a.actual or a.forecast or "—",
         _percent(a.odds), a.p50 or "—"] for a in outlook.criteria]
    out = (f"Odds of meeting each criterion for success, from {result.samples:,} simulated "
           f"worlds of the plan as it stands on {schedule.as_of} (seed {result.seed}).\n\n")
    out += _table(["Criterion", "Status", "Due", "Date (actual or forecast)", "Odds on time",
                   "P50"], rows)
    coming = [e for e in result.events if e.dates is not None
              and e.dates.get("P90", "") > schedule.as_of.isoformat()
              and e.dates.get("P10") != e.dates.get("P90")]
    if coming:
        out += ("\nEvents still to come whose date is uncertain (one world in ten is "
                "earlier than P10, one in ten later than P90):\n\n")
        out += _table(["Event", "P10", "P50", "P90"], [
            [e.label, e.dates.get("P10", "—"), e.dates.get("P50", "—"), e.dates.get("P90", "—")]
            for e in coming if e.dates is not None])
    drivers = result.drivers[:3]
    if drivers:
        out += "\nWhat moves the odds most: " + ", ".join(d.label for d in drivers) + ".\n"
    return out + _differences([s for a in outlook.criteria for s in a.reconcile])


def _differences(sentences: list[str]) -> str:
    if not sentences:
        return ""
    return "\nWhere the answers differ:\n\n" + "".join(f"- {s}\n" for s in sentences)


def _deployment(plan: Plan, schedule: Schedule, result: DeploymentResult,
                analyses: Analyses | None) -> str:
    """When the force is in place by the movement plan, how sure that is, the lift it
    takes, what holds it back, and how it stands beside the forecast and the odds."""
    share = f"{round(100 * result.threshold)}% of the authorised strength"
    deployed = result.date_of(result.deployed_day)
    lines = [f"{share} ({result.authorised:,} personnel) "
             + (f"is deployed on {deployed}, day {result.deployed_day} after the deployment "
                f"clock starts on {result.resolution_date}." if deployed is not None else
                f"is not reached within the planning horizon from {result.resolution_date}.")]
    if result.day_90 is not None and result.day_90 != result.deployed_day:
        lines.append(f"90% is deployed on {result.date_of(result.day_90)}.")
    if result.completion_day != result.deployed_day:
        lines.append(f"Every unit is in place on {result.date_of(result.completion_day)}.")
    quality = {"optimal": "proven optimal", "feasible":
               f"the best found, within {round(100 * result.gap)}% of the bound",
               "greedy": "the heuristic plan (the solver found nothing better in its time)"}
    lines.append(f"The movement plan is {quality.get(result.status, result.status)}.")
    lift = result.lift
    lines.append(f"Lift needed: {lift.helicopter_sorties:,} helicopter sorties "
                 f"({_hours(lift.helicopter_hours)}) and {lift.fixed_wing_sorties:,} "
                 f"fixed-wing sorties ({_hours(lift.fixed_wing_hours)}).")
    spec = plan.deployment
    row = schedule.event_row(spec.deployed_event) if spec is not None else None
    if row is not None and row.actual is not None:  # the fact first, the estimate after
        day = (row.actual - result.resolution_date).days
        if deployed is None:
            against = "the movement plan below does not reach the threshold"
        elif deployed == row.actual:
            against = "the day the movement plan below gives"
        else:
            gap = abs((row.actual - deployed).days)
            against = (f"{gap} day{'s' if gap != 1 else ''} "
                       f"{'later' if row.actual > deployed else 'earlier'} than the movement "
                       f"plan below ({deployed})")
        lines.insert(0, f"'{row.name}' is recorded on {row.actual}, day {day} after the "
                        f"deployment clock started: {against}.")
    elif (deployed is not None and deployed < schedule.as_of and row is not None):
        lines.append(f"That day has passed on {schedule.as_of} and '{row.name}' has no date "
                     "recorded: record it when it happens, or tell the plan what held the "
                     "deployment back.")
    out = " ".join(lines) + "\n"
    if result.bottlenecks:
        out += "\nWhat holds the deployment back:\n\n" + "".join(
            f"- {b.detail}\n" for b in result.bottlenecks[:5])
    outlook = build_outlook(plan, schedule, deployment=result,
                            risk=analyses.risk if analyses else None)
    out += _differences([s for a in outlook.criteria if a.deployed is not None
                         for s in a.reconcile])
    if analyses is not None and analyses.deployment_synthetic:
        out += ("\nThe geography, force or lift this estimate rests on are synthetic "
                "(made up for training): read it as an exercise figure.\n")
    return out
