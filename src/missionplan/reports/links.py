"""A plan as precedence links with lags: the form project tools (MS Project, TaskJuggler) take.

Project tools schedule forward from lower bounds: "B starts at least N days
after A". A relation ``to − from ∈ [min, max]`` gives such a link from its
``min`` (``to`` after ``from``) and, when ``max ≤ 0`` ("N prior to"), a link the
other way. Upper bounds between events ("within N days") have no counterpart
and are listed as unexpressed, so exports can say so instead of dropping them
silently. An activity becomes a task of its shortest duration, which is what
the earliest dates use; a span in months becomes its most days, as the temporal
engine reads a least bound before its start has a date.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Activity, Duration, Plan

__all__ = ["Link", "Unexpressed", "activity_days", "plan_links"]


@dataclass(frozen=True, slots=True)
class Link:
    """``successor`` starts at least ``lag_days`` after ``predecessor`` ends."""

    predecessor: str
    successor: str
    lag_days: int
    item: str
    approximate: bool = False  # True when months were read in days (their most days)


@dataclass(frozen=True, slots=True)
class Unexpressed:
    """A bound the project tool cannot hold, and why."""

    item: str
    reason: str


def _days(d: Duration) -> tuple[int, bool]:
    """Whole days of a lower bound: months as their longest span, the reading the
    temporal engine gives a least bound whose start has no date (its earliest dates)."""
    exact = d.exact_days()
    return (exact, False) if exact is not None else (d.day_bounds()[1], True)


def activity_days(activity: Activity) -> tuple[int, bool]:
    """The shortest duration of an activity in days (months as their most days, as the
    engine reads them), and whether that is approximate."""
    if activity.duration is None:
        return 0, False
    lo, _ = activity.duration.bounds()
    return _days(lo) if lo is not None else (0, False)


def plan_links(plan: Plan) -> tuple[list[Link], list[Unexpressed]]:
    """Every lower bound of the plan as a link; every bound that cannot be one, with why."""
    links: list[Link] = []
    missing: list[Unexpressed] = []
    for act in plan.activities:
        if act.approval != "approved":
            continue
        days, approx = activity_days(act)
        links.append(Link(act.start, act.id, 0, act.id))
        links.append(Link(act.id, act.end, 0, act.id))
        if approx:
            missing.append(Unexpressed(act.id, f"duration read as {days} days"))
    for rel in plan.relations:
        if rel.approval != "approved" or rel.from_ is None:
            continue
        lo, hi = rel.bounds()
        if lo is not None and lo.day_bounds()[0] >= 0:
            days, approx = _days(lo)
            links.append(Link(rel.from_, rel.to, days, rel.id, approx))
        elif hi is not None and hi.day_bounds()[1] <= 0:
            days, approx = _days(-hi)
            links.append(Link(rel.to, rel.from_, days, rel.id, approx))
        elif lo is not None:
            missing.append(Unexpressed(rel.id, f"'{rel.to}' may come before '{rel.from_}'"))
        if hi is not None and hi.day_bounds()[1] > 0:
            missing.append(Unexpressed(rel.id, f"'{rel.to}' at most {hi.describe()} after "
                                               f"'{rel.from_}' (an upper bound)"))
    return _merge(links), missing


def _merge(links: list[Link]) -> list[Link]:
    """One link per pair of tasks (project tools refuse two), with the greatest lag."""
    best: dict[tuple[str, str], Link] = {}
    for link in links:
        key = (link.predecessor, link.successor)
        seen = best.get(key)
        if seen is None:
            best[key] = link
            continue
        items = ", ".join(dict.fromkeys([*seen.item.split(", "), link.item]))
        winner = link if link.lag_days > seen.lag_days else seen
        best[key] = Link(key[0], key[1], winner.lag_days, items, winner.approximate)
    return list(best.values())
