"""What-if changes to a deployment: rains on other dates, a unit arriving late, a crossing out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ..errors import MissionplanError
from ..model import DeploymentSpec

__all__ = ["WhatIf", "parse_late", "parse_season_range", "whatif_from_spec"]


@dataclass(frozen=True)
class WhatIf:
    """Changes to apply on top of the data; ``None`` / empty means as the data says."""

    rainy_season: tuple[date, date] | None = None
    late: dict[str, int] = field(default_factory=dict)
    closed: tuple[str, ...] = ()
    threshold: float = 1.0
    arrivals: Literal["min", "likely", "max"] = "likely"

    def merged(self, other: WhatIf) -> WhatIf:
        """This what-if with ``other``'s settings laid over it (other wins where set)."""
        return WhatIf(rainy_season=other.rainy_season or self.rainy_season,
                      late={**self.late, **other.late},
                      closed=tuple(dict.fromkeys([*self.closed, *other.closed])),
                      threshold=other.threshold if other.threshold != 1.0 else self.threshold,
                      arrivals=other.arrivals if other.arrivals != "likely" else self.arrivals)

    def to_json(self) -> dict[str, object]:
        rs = self.rainy_season
        return {"rainy_season": [rs[0].isoformat(), rs[1].isoformat()] if rs else None,
                "late": dict(self.late), "closed": list(self.closed),
                "threshold": self.threshold, "arrivals": self.arrivals}


def whatif_from_spec(spec: DeploymentSpec) -> WhatIf:
    """The what-ifs a plan's ``deployment:`` section carries."""
    return WhatIf(rainy_season=spec.rainy_season_override, late=dict(spec.late_units),
                  closed=tuple(spec.closed), threshold=spec.threshold, arrivals=spec.arrivals)


def parse_season_range(text: str) -> tuple[date, date]:
    """``2027-05-01..2027-10-31`` as a pair of dates."""
    first, sep, last = text.partition("..")
    try:
        if not sep:
            raise ValueError
        start, end = date.fromisoformat(first.strip()), date.fromisoformat(last.strip())
    except ValueError:
        raise MissionplanError(f"'{text}' is not a date range: write FIRST..LAST, for example "
                               "2027-05-01..2027-10-31", code="bad-option") from None
    if start > end:
        raise MissionplanError(f"'{text}': the range starts after it ends", code="bad-option")
    return start, end


def parse_late(values: tuple[str, ...] | list[str]) -> dict[str, int]:
    """Repeated ``UNIT=DAYS`` as a mapping."""
    out: dict[str, int] = {}
    for value in values:
        unit, sep, days = value.partition("=")
        try:
            if not sep:
                raise ValueError
            out[unit.strip()] = int(days.strip())
        except ValueError:
            raise MissionplanError(f"'{value}' should be UNIT=DAYS, for example "
                                   "aviation_unit=21", code="bad-option") from None
    return out
