"""The inputs an activity's figure already accounts for, which the risk model leaves out.

An activity's duration may list in ``replaces`` the drivers and risks its
figure already includes: the deployment planner's estimate, for one, already
accounts for force generation (the units' readiness dates) and for movement
through the rains (routes, seasons, lift). The risk model then neither scales
that activity by such a driver nor adds those risks' impacts on that activity,
so nothing is counted twice. What they do elsewhere stays: a driver still
scales the other durations that name it, a risk still has its impacts on
other items.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Activity, Plan

__all__ = ["Replaced", "bearing_on", "replaced"]


@dataclass(frozen=True, slots=True)
class Replaced:
    """What one activity's figure replaces, and what it names that there is nothing of."""

    activity: str
    drivers: tuple[str, ...]
    risks: tuple[tuple[str, str], ...]   # (risk id, "delay" or "impact")
    unknown: tuple[str, ...]             # neither an approved driver nor a risk on it

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.drivers) | {rid for rid, _ in self.risks}

    def words(self) -> str:
        """'driver tcc_shortfall, risk tcc_shortfall_risk's delay'."""
        return ", ".join([f"driver {d}" for d in self.drivers]
                         + [f"risk {rid}'s {what}" for rid, what in self.risks])


def _approved(item: object) -> bool:
    return str(getattr(item, "approval", "approved")) == "approved"


def bearing_on(plan: Plan, activity: Activity) -> list[str]:
    """The ids of the driver that scales ``activity`` and of the risks with an impact on it,
    whatever their approval (a proposed one, once approved, is replaced too)."""
    ids = [activity.duration.driver] if activity.duration and activity.duration.driver else []
    ids += [r.id for r in plan.risks if any(i.target == activity.id for i in r.impacts)]
    return list(dict.fromkeys(ids))


def replaced(plan: Plan, activity: Activity, ids: list[str] | None = None, *,
             approved: bool = True) -> Replaced:
    """Sort ``ids`` (default: the activity's ``replaces``) into the drivers and the risks
    with an impact on the activity (only approved ones: those the risk model would apply,
    so leaves out for it)."""
    wanted = ids if ids is not None else (activity.duration.replaces if activity.duration
                                          else [])
    drivers = {d.id for d in plan.drivers if _approved(d) or not approved}
    risks = {r.id: r for r in plan.risks if _approved(r) or not approved}
    found_d: list[str] = []
    found_r: list[tuple[str, str]] = []
    unknown: list[str] = []
    for rid in dict.fromkeys(wanted):
        impacts = [i for i in risks[rid].impacts if i.target == activity.id] if rid in risks \
            else []
        if rid in drivers:
            found_d.append(rid)
        elif impacts:
            found_r.append((rid, "delay" if all(i.delay for i in impacts) else "impact"))
        else:
            unknown.append(rid)
    return Replaced(activity.id, tuple(found_d), tuple(found_r), tuple(unknown))
