"""A lower bound on the deployed day from air-lift energy, for the solver to start from.

To be in place by day ``D``, a serial with no road route arriving by ``D``
(the rains, a crossing out) must fly, and every sortie for those ready on or
after day ``r`` is flown between ``r`` (or the group's first day) and ``D``.
Whether ``D`` days can carry that load is a small assignment problem (each
serial given one of the groups that can serve it); the least ``D`` for which it
is feasible bounds the deployed day from below. The time-indexed model's own
relaxation does not see this, so its bound otherwise stalls at the latest
single earliest finish.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from .network import Conditions
from .routes import Job, Option, Pattern

__all__ = ["air_energy_bound"]

MILP_SECONDS = 2.0

Table = dict[str, list[tuple[Option, dict[int, Pattern]]]]


def air_energy_bound(jobs: list[Job], table: Table, cond: Conditions, *, floor: int,
                     horizon: int) -> int:
    """The least day in ``floor..horizon`` by which the serials that must fly can be flown."""
    candidates: list[tuple[int, Job, dict[str, tuple[tuple[int, ...], int]]]] = []
    uses = _daily_uses(jobs, table)
    for job in jobs:
        groups = {o.group: (uses[o.group][job.id], min(pt.legs[-1].start for pt in p.values()))
                  for o, p in table[job.id] if o.group and p}
        if groups:
            candidates.append((_road_by(table[job.id]), job, groups))
    if not candidates:
        return floor
    lo, hi = floor, horizon
    while lo < hi:
        mid = (lo + hi) // 2
        flying = [(job, groups) for road_by, job, groups in candidates if road_by > mid]
        if not flying or _fits(_charged(flying, cond), cond, mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def _charged(flying: list[tuple[Job, dict[str, tuple[tuple[int, ...], int]]]],
             cond: Conditions) -> list[tuple[Job, dict[str, tuple[int, int]]]]:
    """Each flying serial's sorties on each group, with what it denies the other flyers.

    Only the serials that must fly are counted against a group's days, so only they need
    be kept out of the capacity a lift leaves unused (other lifts may fill it: that does
    not weaken the count of the flyers' own sorties).
    """
    least: dict[str, int] = {}
    first_use: dict[str, int] = {}
    for _, groups in flying:
        for g, (days, _) in groups.items():
            least[g] = min(least.get(g, days[0]), days[0], days[-1])
            first_use[g] = min(first_use.get(g, days[0]), days[0])
    return [(job, {g: (_effective(days, _capacity(cond, g), least[g], first_use[g]), first)
                   for g, (days, first) in groups.items()})
            for job, groups in flying]


def _daily_uses(jobs: list[Job], table: Table) -> dict[str, dict[str, tuple[int, ...]]]:
    """Sorties flown on each day of a lift, by group and job (the same for every start)."""
    out: dict[str, dict[str, tuple[int, ...]]] = defaultdict(dict)
    for job in jobs:
        for option, patterns in table[job.id]:
            if option.group and patterns:
                leg = next(iter(patterns.values())).legs[-1]
                out[option.group][job.id] = tuple(n for _, n in leg.sorties)
    return out


def _capacity(cond: Conditions, group_id: str) -> int:
    group = cond.air_group(group_id)
    return group.count * group.sorties_per_day


def _effective(days: tuple[int, ...], cap: int, least: int, first_use: int) -> int:
    """The share of the group's sorties a lift takes from every other lift.

    A lift flies ``days`` sorties a day (full rate, then the rest on its last day). When
    no other lift can fly beside its full-rate days (``least`` is the fewest any lift flies
    on a day), those days are lost to the others whole; its last day is lost whole too
    unless some lift could start on it (``first_use``: the fewest any flies on its first
    day), and its first day unless some lift could finish on it (at most ``least``).
    Otherwise only its own sorties count.
    """
    own = sum(days)
    if len(days) == 1 or days[0] + least <= cap:
        return own
    lost = (cap - days[0]) * (len(days) - 2)
    if days[-1] + first_use > cap:
        lost += cap - days[-1]
    if days[0] + least > cap:
        lost += cap - days[0]
    return own + lost


def _road_by(options: list[tuple[Option, dict[int, Pattern]]]) -> int:
    """The earliest day the serial can arrive without flying (a large number if never)."""
    return min((pt.finish for o, p in options if o.group is None for pt in p.values()),
               default=10**9)


def _fits(flying: list[tuple[Job, dict[str, tuple[int, int]]]], cond: Conditions,
          day: int) -> bool:
    """Can each serial be given a group so that each (group, release) window holds its
    sorties? (A small integer program; if it is not settled in a few seconds, its linear
    relaxation answers, which keeps the bound valid.)"""
    columns = [(i, g) for i, (_, groups) in enumerate(flying) for g in groups]
    index = {c: k for k, c in enumerate(columns)}
    rows: list[np.ndarray] = []
    limits: list[float] = []
    releases: dict[str, set[int]] = defaultdict(set)
    for _, groups in flying:
        for g, (_, first) in groups.items():
            releases[g].add(first)
    for g, days in releases.items():
        group = cond.air_group(g)
        cap = group.count * group.sorties_per_day
        for release in days:
            row = np.zeros(len(columns))
            for i, (_, groups) in enumerate(flying):
                if g in groups and groups[g][1] >= release:
                    row[index[i, g]] = groups[g][0]
            rows.append(row)
            limits.append(cap * max(0, day - max(release, cond.available_from(group)) + 1))
    equal = np.zeros((len(flying), len(columns)))
    for (i, _), k in index.items():
        equal[i, k] = 1
    constraints = [LinearConstraint(np.array(rows), -np.inf, np.array(limits)),
                   LinearConstraint(equal, 1, 1)]
    res = milp(np.zeros(len(columns)), integrality=np.ones(len(columns)),
               bounds=Bounds(0, 1), constraints=constraints,
               options={"time_limit": MILP_SECONDS})
    if res.status in (0, 2):  # solved: a fit was found, or none exists
        return bool(res.status == 0)
    # Not settled in time: the linear relaxation (serials split across groups) decides.
    relaxed = milp(np.zeros(len(columns)), integrality=np.zeros(len(columns)),
                   bounds=Bounds(0, 1), constraints=constraints)
    return bool(relaxed.status != 2)
