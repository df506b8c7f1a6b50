"""The uncertain inputs of a world: durations, drivers, risks and their impacts.

Each input is one column of uniform numbers per sample. Activity durations
come first, then drivers, then risks, then the delays of risk impacts. A
risk that names a driver occurs in the worlds where that driver is worst
(its uniform is one minus the driver's), so the two move together. A driver or
a risk an activity's duration ``replaces`` is not applied to that activity
(see ``replaced.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np

from ..model import Plan
from .distributions import (
    FloatArray,
    RiskInputError,
    Spec,
    check_probability,
    driver_spec,
    duration_days,
    spec_from_duration,
)

if TYPE_CHECKING:
    from .network import _EdgeBuilder

__all__ = ["ActivityInput", "DriverInput", "ImpactInput", "Inputs", "RiskInput"]

Subject = tuple[Literal["activity", "driver", "risk", "delay"], str, str]


@dataclass(frozen=True, slots=True)
class ActivityInput:
    id: str
    edge: int
    spec: Spec
    column: int      # -1: not uncertain (only scaled by its driver)
    driver: int      # -1: none


@dataclass(frozen=True, slots=True)
class DriverInput:
    id: str
    label: str
    spec: Spec
    column: int


@dataclass(frozen=True, slots=True)
class RiskInput:
    id: str
    label: str
    probability: float
    column: int
    driver: int
    branch: str | None


@dataclass(frozen=True, slots=True)
class ImpactInput:
    risk: int
    kind: Literal["edge", "node", "limit"]
    target: int
    delay: Spec | None = None
    column: int = -1
    set_value: float | None = None


@dataclass(slots=True)
class Inputs:
    subjects: list[Subject] = field(default_factory=list)
    activities: list[ActivityInput] = field(default_factory=list)
    drivers: list[DriverInput] = field(default_factory=list)
    risks: list[RiskInput] = field(default_factory=list)
    impacts: list[ImpactInput] = field(default_factory=list)
    correlated: list[int] = field(default_factory=list)
    cholesky: FloatArray = field(default_factory=lambda: np.zeros((0, 0)))
    notes: list[str] = field(default_factory=list)

    @property
    def n_columns(self) -> int:
        return len(self.subjects)

    def column(self, kind: Literal["activity", "driver", "risk", "delay"], sid: str,
               label: str) -> int:
        self.subjects.append((kind, sid, label))
        return len(self.subjects) - 1


def _approved(item: object) -> bool:
    return str(getattr(item, "approval", "approved")) == "approved"


def build_inputs(plan: Plan, builder: _EdgeBuilder, index: dict[str, int]) -> Inputs:
    """Number every uncertain input and check its parameters."""
    inputs = Inputs()
    drivers = _drivers(plan, inputs)
    labels = {a.id: a.label() for a in plan.activities}
    skip = _replaced(plan, builder, inputs)
    for act_id, (spec, driver) in builder.activity_specs.items():
        col = inputs.column("activity", act_id, labels[act_id]) if spec.uncertain else -1
        if driver and (act_id, driver) in skip:
            driver = None
        d = drivers.get(driver, -1) if driver else -1
        if driver and d < 0:
            inputs.notes.append(f"activity '{act_id}' names driver '{driver}', which is not an "
                                "approved driver: its duration is not scaled")
        if col >= 0 or d >= 0:
            inputs.activities.append(ActivityInput(act_id, builder.activity_edges[act_id],
                                                   spec, col, d))
    for i, risk in enumerate(r for r in plan.risks if _approved(r)):
        _risk(risk, i, inputs, drivers, builder, index, skip)
    _correlations(plan, inputs)
    return inputs


def _replaced(plan: Plan, builder: _EdgeBuilder, inputs: Inputs) -> set[tuple[str, str]]:
    """(activity, driver or risk) pairs left out because the activity's figure already
    accounts for them (its duration's ``replaces``), each named in a note."""
    from .replaced import replaced

    skip: set[tuple[str, str]] = set()
    for act in plan.activities:
        if act.id not in builder.activity_specs or not act.duration or \
                not act.duration.replaces:
            continue
        found = replaced(plan, act)
        skip |= {(act.id, rid) for rid in found.ids}
        if found.ids:
            basis = f" ({act.duration.basis})" if act.duration.basis else ""
            inputs.notes.append(f"activity '{act.id}': its duration{basis} replaces: "
                                f"{found.words()}; they are not applied on top of it")
        for rid in found.unknown:
            inputs.notes.append(f"activity '{act.id}' replaces '{rid}', which is neither an "
                                "approved driver nor an approved risk with an impact on it: "
                                "nothing is left out for it")
    return skip


def _drivers(plan: Plan, inputs: Inputs) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, drv in enumerate(plan.drivers):
        if not _approved(drv):
            continue
        shape = drv.factor.distribution.value if drv.factor is not None else "triangular"
        spec = driver_spec(drv.low, drv.likely, drv.high, shape, f"drivers[{i}] ({drv.id})")
        col = inputs.column("driver", drv.id, drv.label())
        out[drv.id] = len(inputs.drivers)
        inputs.drivers.append(DriverInput(drv.id, drv.label(), spec, col))
    return out


def _risk(risk: object, i: int, inputs: Inputs, drivers: dict[str, int],
          builder: _EdgeBuilder, index: dict[str, int], skip: set[tuple[str, str]]) -> None:
    from ..model import Risk

    assert isinstance(risk, Risk)
    where = f"risks[{i}] ({risk.id})"
    p = check_probability(risk.probability, f"{where}.probability")
    col = inputs.column("risk", risk.id, risk.label())
    d = drivers.get(risk.driver, -1) if risk.driver else -1
    if risk.driver and d < 0:
        inputs.notes.append(f"{where} names driver '{risk.driver}', which is not an approved "
                            "driver: it occurs on its own")
    number = len(inputs.risks)
    inputs.risks.append(RiskInput(risk.id, risk.label(), p, col, d, risk.branch))
    for j, imp in enumerate(risk.impacts):
        if (imp.target, risk.id) not in skip:
            _impact(imp, number, f"{where}.impacts[{j}]", inputs, builder, index)


def _impact(imp: object, risk: int, where: str, inputs: Inputs, builder: _EdgeBuilder,
            index: dict[str, int]) -> None:
    from ..model import Impact

    assert isinstance(imp, Impact)
    if imp.delay is None and imp.set_min is None and imp.set_max is None:
        raise RiskInputError(f"{where}: an impact needs 'delay', 'set_min' or 'set_max'",
                             code="risk-impact")
    edge = builder.activity_edges.get(imp.target, builder.relation_edges.get(imp.target))
    node = index.get(imp.target)
    if edge is None and node is None and imp.target not in builder.deadline_index:
        raise RiskInputError(f"{where}: '{imp.target}' is not an approved activity, event or "
                             "relation of the plan", code="risk-impact")
    if imp.delay is not None:
        spec = spec_from_duration(imp.delay, None, f"{where}.delay")
        col = inputs.column("delay", imp.target, imp.target) if spec.uncertain else -1
        kind: Literal["edge", "node"] = "edge" if edge is not None else "node"
        target = edge if edge is not None else node
        if target is None:
            raise RiskInputError(f"{where}: a delay applies to an activity, an event or a "
                                 "relation with a least bound", code="risk-impact")
        inputs.impacts.append(ImpactInput(risk, kind, target, spec, col))
    _bound_change(imp.set_min, "set_min", edge, risk, where, inputs, imp.target)
    limit = builder.deadline_index.get(imp.target)
    _bound_change(imp.set_max, "set_max", limit, risk, where, inputs, imp.target)


def _bound_change(value: str | None, name: str, target: int | None, risk: int, where: str,
                  inputs: Inputs, target_id: str) -> None:
    if value is None:
        return
    if target is None:
        raise RiskInputError(f"{where}.{name}: '{target_id}' is not a relation with "
                             f"{'a least bound' if name == 'set_min' else 'a deadline'}",
                             code="risk-impact")
    try:
        days = duration_days(value, None, longest=name == "set_min")
    except ValueError as exc:
        raise RiskInputError(f"{where}.{name}: {exc}", code="risk-impact") from None
    kind: Literal["edge", "limit"] = "edge" if name == "set_min" else "limit"
    inputs.impacts.append(ImpactInput(risk, kind, target, set_value=days))


def _correlations(plan: Plan, inputs: Inputs) -> None:
    cols = {a.id: a.column for a in inputs.activities if a.column >= 0}
    pairs: list[tuple[int, int, float]] = []
    for i, c in enumerate(plan.correlations):
        if not -1.0 <= c.rho <= 1.0:
            raise RiskInputError(f"correlations[{i}]: rho lies between -1 and 1, got {c.rho}",
                                 code="risk-correlation")
        if c.a not in cols or c.b not in cols:
            inputs.notes.append(f"correlations[{i}]: '{c.a}' and '{c.b}' must both be "
                                "uncertain approved activities; left out")
            continue
        pairs.append((cols[c.a], cols[c.b], c.rho))
    if not pairs:
        return
    members = sorted({a for a, _, _ in pairs} | {b for _, b, _ in pairs})
    pos = {col: k for k, col in enumerate(members)}
    matrix = np.eye(len(members))
    for a, b, rho in pairs:
        # Spearman's rho to the Pearson correlation of the underlying normals
        r = 2.0 * math.sin(math.pi * rho / 6.0)
        matrix[pos[a], pos[b]] = matrix[pos[b], pos[a]] = r
    try:
        chol: FloatArray = np.asarray(np.linalg.cholesky(matrix), dtype=np.float64)
    except np.linalg.LinAlgError:
        raise RiskInputError("correlations: the rank correlations given cannot hold together "
                             "(the matrix is not positive definite)",
                             code="risk-correlation") from None
    inputs.correlated, inputs.cholesky = members, chol
