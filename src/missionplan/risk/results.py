"""What a run found: percentile dates, odds of each deadline and criterion, what drives them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from .distributions import FloatArray
from .engine import BINS

if TYPE_CHECKING:
    from ..model import Plan

__all__ = [
    "CriterionOdds", "DeadlineOdds", "EventDates", "RiskResult", "Sensitivity",
    "percentiles_from_histogram",
]

PERCENTILES = (10, 50, 80, 90)
Counts = npt.NDArray[np.integer[Any]]


@dataclass(frozen=True, slots=True)
class EventDates:
    """An event's time in days from the reference (and its dates when one is known)."""

    id: str
    label: str
    days: dict[str, float]                    # "P10" ... "P90"
    dates: dict[str, str] | None              # ISO dates when the reference is dated
    earliest: float
    latest: float
    histogram: list[int] = field(repr=False, default_factory=list)  # key events only
    bin_start: float = 0.0
    bin_width: float = 1.0


@dataclass(frozen=True, slots=True)
class DeadlineOdds:
    id: str
    label: str
    probability: float
    source: str | None                         # None: a calendar deadline
    target: str
    bound: str
    text: str = ""
    kind: str = "upper"                        # "order": a least bound a criterion names
    branch: str | None = None                  # the risk whose branch this deadline is on:
    taken: float | None = None                 # its odds; ``probability`` is then the odds
    #                                            of meeting it given the branch is taken


@dataclass(frozen=True, slots=True)
class CriterionOdds:
    id: str
    label: str
    probability: float | None                  # None: no deadline judges it
    deadlines: list[str]
    events: list[str]


@dataclass(frozen=True, slots=True)
class Sensitivity:
    """One uncertainty and how the key results move with it (for a tornado chart)."""

    kind: str                                  # activity, driver or risk
    id: str
    label: str
    rank_correlation: dict[str, float]         # key event id -> Spearman's rho
    swing: dict[str, tuple[float, float]]      # deadline / criterion id -> (P low, P high)

    @property
    def largest_swing(self) -> float:
        return max((abs(hi - lo) for lo, hi in self.swing.values()), default=0.0)


@dataclass(slots=True)
class RiskResult:
    """The answer of :func:`simulate`."""

    samples: int
    seed: int
    reference: date | None
    events: list[EventDates]
    deadlines: list[DeadlineOdds]
    criteria: list[CriterionOdds]
    criticality: dict[str, dict[str, float]]   # key event id -> activity id -> share
    sensitivity: list[Sensitivity]
    key_events: list[str]
    notes: list[str] = field(default_factory=list)

    @property
    def drivers(self) -> list[Sensitivity]:
        """The uncertainties, those that move the odds most first."""
        return sorted(self.sensitivity, key=lambda s: (-s.largest_swing, s.id))

    def event(self, event_id: str) -> EventDates:
        return next(e for e in self.events if e.id == event_id)

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``--json`` (documented in docs/risk.md)."""
        def event(e: EventDates) -> dict[str, Any]:
            data = asdict(e)
            for key in ("histogram", "bin_start", "bin_width"):
                data.pop(key)
            return data

        return {
            "samples": self.samples, "seed": self.seed,
            "reference": self.reference.isoformat() if self.reference else None,
            "events": [event(e) for e in self.events],
            "deadlines": [asdict(d) for d in self.deadlines],
            "criteria": [asdict(c) for c in self.criteria],
            "criticality": self.criticality,
            "sensitivity": [{**asdict(s), "swing": {k: list(v) for k, v in s.swing.items()}}
                            for s in self.drivers],
            "key_events": self.key_events, "notes": self.notes,
        }

    def sentences(self, plan: Plan | None = None) -> list[str]:
        from .sentences import sentences

        return sentences(self, plan)


def percentiles_from_histogram(hist: Counts, lo: FloatArray, width: FloatArray,
                               tmin: FloatArray, tmax: FloatArray) -> dict[str, FloatArray]:
    """P10/P50/P80/P90 of every row of a histogram, interpolated inside the bin."""
    out: dict[str, FloatArray] = {f"P{p}": np.zeros(len(hist)) for p in PERCENTILES}
    step = 2048                                   # rows at a time: bounded temporaries
    for r0 in range(0, len(hist), step):
        r1 = min(r0 + step, len(hist))
        part = _percentile_rows(hist[r0:r1], lo[r0:r1], width[r0:r1], tmin[r0:r1],
                                tmax[r0:r1])
        for key, values in part.items():
            out[key][r0:r1] = values
    return out


def _percentile_rows(hist: Counts, lo: FloatArray, width: FloatArray, tmin: FloatArray,
                     tmax: FloatArray) -> dict[str, FloatArray]:
    cum = np.cumsum(hist, axis=1, dtype=np.int64)
    total = cum[:, -1]
    rows = np.arange(len(hist))
    out: dict[str, FloatArray] = {}
    for p in PERCENTILES:
        goal = p / 100 * total
        k = np.minimum((cum < goal[:, None]).sum(axis=1), BINS - 1)
        before = np.where(k > 0, cum[rows, np.maximum(k - 1, 0)], 0)
        inside = np.divide(goal - before, hist[rows, k], out=np.zeros(len(hist)),
                           where=hist[rows, k] > 0)
        value = np.clip(lo + (k + inside) * width, tmin, tmax)
        out[f"P{p}"] = np.round(value, 2)
    return out


def event_dates(ids: list[str], labels: list[str], hist: Counts, lo: FloatArray,
                width: FloatArray, tmin: FloatArray, tmax: FloatArray,
                reference: date | None, *, keep: set[int] | None = None) -> list[EventDates]:
    """Every event's percentiles; the histograms themselves only for the nodes in ``keep``."""
    table = percentiles_from_histogram(hist, lo, width, tmin, tmax)
    names = list(table)
    days_rows = np.column_stack([table[k] for k in names]).tolist()
    date_rows = None if reference is None else np.datetime_as_string(
        np.datetime64(reference, "D") + np.floor(np.column_stack(
            [table[k] for k in names]) + 1e-9).astype(np.int64).astype("timedelta64[D]"),
        unit="D").tolist()
    out = []
    for i, (eid, label) in enumerate(zip(ids, labels, strict=True)):
        node = i + 1
        days = dict(zip(names, days_rows[node], strict=True))
        dates = None if date_rows is None else dict(zip(names, date_rows[node], strict=True))
        counts = hist[node].tolist() if keep is None or node in keep else []
        out.append(EventDates(eid, label, days, dates, float(tmin[node]), float(tmax[node]),
                              counts, float(lo[node]), float(width[node])))
    return out


def as_date(reference: date, days: float) -> date:
    """The day on which an event ``days`` after the reference's start falls."""
    return reference + timedelta(days=int(np.floor(days + 1e-9)))
