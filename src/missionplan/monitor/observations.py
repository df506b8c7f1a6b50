"""Observations of indicators and the headline series an indicator is judged by.

The headline series of an indicator has one value per day. Rows broken down by
sex or age group are detail and never enter it. On a day with a country-wide
row (no P-code), the headline value is that row's value (the mean, should a
day carry several); otherwise it is the sum of that day's rows by place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

__all__ = ["Observation", "Point", "Series", "headline_series"]

Point = tuple[date, float]
Series = list[Point]


@dataclass(frozen=True, slots=True)
class Observation:
    """One measured value of an indicator on a day, at a place, for a group of people."""

    indicator: str
    date: date
    value: float
    source: str = ""
    pcode: str | None = None
    sex: str | None = None
    age_group: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"indicator": self.indicator, "date": self.date.isoformat(), "value": self.value,
                "source": self.source, "pcode": self.pcode, "sex": self.sex,
                "age_group": self.age_group}


def headline_series(observations: Iterable[Observation], *,
                    as_of: date | None = None) -> dict[str, Series]:
    """Each indicator's headline series (see the module docstring), oldest day first."""
    national: dict[tuple[str, date], list[float]] = defaultdict(list)
    by_place: dict[tuple[str, date], float] = defaultdict(float)
    for o in observations:
        if o.sex is not None or o.age_group is not None:
            continue
        if as_of is not None and o.date > as_of:
            continue
        key = (o.indicator, o.date)
        if o.pcode is None:
            national[key].append(o.value)
        else:
            by_place[key] += o.value
    out: dict[str, Series] = defaultdict(list)
    for key in sorted(set(national) | set(by_place)):
        values = national.get(key)
        out[key[0]].append((key[1], sum(values) / len(values) if values else by_place[key]))
    return dict(out)


def as_series(observations: Mapping[str, Sequence[Point]] | Iterable[Observation], *,
              as_of: date | None = None) -> dict[str, Series]:
    """Series per indicator from either ready series or raw observations, cut at ``as_of``."""
    if isinstance(observations, Mapping):
        return {k: sorted(p for p in v if as_of is None or p[0] <= as_of)
                for k, v in observations.items()}
    return headline_series(observations, as_of=as_of)
