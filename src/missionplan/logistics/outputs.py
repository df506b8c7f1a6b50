"""What follows from a movement plan: deployment curve, lift used, the bottlenecks that bind."""

from __future__ import annotations

from collections import defaultdict

from .data import DeploymentData
from .network import Conditions, distance_km
from .result import Bottleneck, LiftNeeded, Movement
from .routes import Job, Option, Router

__all__ = ["Names", "bottlenecks", "curve", "day_reaching", "lift_needed", "needed_personnel"]


def needed_personnel(share: float, authorised: int) -> int:
    """The personnel a share of the authorised strength means, rounded up."""
    scaled = round(share * 10**6) * authorised
    return -(-scaled // 10**6)


def curve(movements: list[Movement], *, present: int, authorised: int) -> list[float]:
    """Share of authorised strength in place on each day, from day 0 to the last arrival."""
    last = max((m.arrive for m in movements), default=0)
    arriving: dict[int, int] = defaultdict(int)
    for m in movements:
        arriving[m.arrive] += m.personnel
    out, total = [], present
    for day in range(last + 1):
        total += arriving[day]
        out.append(total / authorised if authorised else 1.0)
    return out


def day_reaching(movements: list[Movement], share: float, *, present: int,
                 authorised: int) -> int | None:
    """First day the given share of authorised strength is in place (None: never)."""
    need = needed_personnel(share, authorised)
    total = present
    if total >= need:
        return 0
    for m in sorted(movements, key=lambda m: m.arrive):
        total += m.personnel
        if total >= need:
            return m.arrive
    return None


def lift_needed(movements: list[Movement], cond: Conditions) -> LiftNeeded:
    """Sorties and flying hours (out and back) by helicopter and fixed-wing."""
    sorties: dict[str, int] = defaultdict(int)
    hours: dict[str, float] = defaultdict(float)
    by_group: dict[str, int] = defaultdict(int)
    for m in movements:
        for leg in m.legs:
            if leg.kind == "road":
                continue
            group = cond.air_group(leg.ref)
            a, b = cond.data.places[leg.origin], cond.data.places[leg.to]
            n = sum(k for _, k in leg.sorties)
            sorties[leg.kind] += n
            by_group[leg.ref] += n
            hours[leg.kind] += n * 2 * distance_km(a.lon, a.lat, b.lon, b.lat) / group.speed_kmh
    return LiftNeeded(sorties["helicopter"], hours["helicopter"], sorties["fixed_wing"],
                      hours["fixed_wing"], dict(by_group))


def bottlenecks(movements: list[Movement], cond: Conditions, *, until: int,
                jobs: dict[str, Job], options: dict[str, list[Option]],
                router: Router) -> list[Bottleneck]:
    """Resources at their limit on or before ``until``, and closures that forced air moves."""
    return [*_full(movements, cond, until), *_forced_air(movements, cond, jobs, options, router)]


class Names:
    """People's names for the deployment's ids: places, roads (by the places they join),
    units and serials, aircraft groups; an id without a name is itself."""

    def __init__(self, data: DeploymentData) -> None:
        self.places = {k: p.name or k for k, p in data.places.items()}
        self.edges = {e.id: f"the {self.place(e.a)}–{self.place(e.b)} road"
                      for e in data.network.edges}
        self.units = {u.id: u.name or u.id for u in data.force.units}
        self.air = {g.id: g.name or g.id for g in (*data.lift.helicopters,
                                                    *data.lift.fixed_wing)}

    def place(self, ref: str) -> str:
        return self.places.get(ref, ref)

    def thing(self, ref: str) -> str:
        """A road, a place or an aircraft group."""
        return self.edges.get(ref) or self.air.get(ref) or self.places.get(ref, ref)

    def serial(self, job: Job) -> str:
        name = self.units.get(job.unit, job.unit)
        _, _, part = job.id.partition("#")
        return f"{name} (serial {part})" if part else name


def _full(movements: list[Movement], cond: Conditions, until: int) -> list[Bottleneck]:
    used: dict[tuple[str, int], int] = defaultdict(int)
    for m in movements:
        for leg in m.legs:
            if leg.kind == "road":
                for day in range(leg.start, leg.end + 1):
                    used[f"edge:{leg.ref}", day] += m.vehicles
            else:
                for day, n in leg.sorties:
                    used[f"air:{leg.ref}", day] += n
        for leg in m.legs[1:]:
            if leg.kind == "road" and cond.data.network.nodes.get(leg.origin) is not None:
                used[f"node:{leg.origin}", leg.start] += m.vehicles
    days: dict[str, list[int]] = defaultdict(list)
    for (res, day), amount in sorted(used.items()):
        cap = cond.capacity(res, day)
        if day <= until and amount >= cap > 0:
            days[res].append(day)
    units = {"edge": "vehicles a day", "node": "vehicles a day", "air": "sorties a day"}
    names = Names(cond.data)

    def days_text(n: int) -> str:
        return f"{n} day" + ("" if n == 1 else "s")

    return [Bottleneck("capacity", res, tuple(d),
                       f"{names.thing(res.partition(':')[2])} at its limit of "
                       f"{cond.capacity(res, d[0])} {units[res.partition(':')[0]]} on "
                       f"{days_text(len(d))}")
            for res, d in sorted(days.items(), key=lambda kv: -len(kv[1]))]


def _forced_air(movements: list[Movement], cond: Conditions, jobs: dict[str, Job],
                options: dict[str, list[Option]], router: Router) -> list[Bottleneck]:
    """Air moves flown on days when every road route of the serial was closed."""
    out = []
    names = Names(cond.data)
    for m in movements:
        if m.mode not in ("helicopter", "fixed_wing"):
            continue
        job = jobs[m.job]
        roads = [o for o in options[job.id] if o.mode == "road"]
        open_road = any(router.simulate(job, o, s) is not None
                        for o in roads for s in range(m.depart, m.arrive + 1))
        if open_road:
            continue
        shut = _closed_on(roads, cond, m.depart, m.arrive) or sorted(
            cond.closed_edges | cond.closed_nodes)
        what = (", ".join(names.thing(x) for x in shut) + " closed" if shut
                else "no road route")
        out.append(Bottleneck("closure", ",".join(shut) or job.destination,
                              tuple(range(m.depart, m.arrive + 1)),
                              f"{names.serial(job)} flown ({m.mode.replace('_', '-')}) to "
                              f"{names.place(job.destination)}: {what}"))
    return out


def _closed_on(roads: list[Option], cond: Conditions, first: int, last: int) -> list[str]:
    shut: dict[str, None] = {}
    for option in roads:
        for a, b in zip(option.path, option.path[1:], strict=False):
            edge = cond.edge_for(a, b)
            for node in (a, b):
                if any(not cond.node_open(node, d) for d in range(first, last + 1)):
                    shut[node] = None
            if any(not cond.edge_open(edge, d) for d in range(first, last + 1)):
                shut[edge] = None
    return list(shut)
