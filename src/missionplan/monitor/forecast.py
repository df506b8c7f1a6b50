"""When will an indicator reach its target? A least-squares trend with a prediction band.

The headline series is fitted with a straight line ``value = a + b·day`` by
ordinary least squares (numpy). The expected date is the first day on which
the fitted line reaches the target. The band is the two-sided ``level``
(80%) prediction interval of a new observation (Student's t with n − 2
degrees of freedom, scipy): ``earliest`` is the first day the optimistic edge
reaches the target, ``latest`` the first day the pessimistic edge does. Days
are searched up to ``horizon_days`` (ten years) after the last observation;
a bound not reached by then is ``None``. Three observations at least are
needed. The verdict compares the band with the deadline: ``before deadline``
(even the pessimistic edge arrives in time), ``after deadline`` (even the
optimistic edge is late), ``uncertain`` (the band straddles it), ``not at
current trend`` (the line never gets there), or ``already met``.

Indicators that grow (or shrink) by a share per period rather than by an
amount, such as returns that snowball, can be projected log-linearly instead
(``method="log-linear"``): ``ln value = a + b·day`` is fitted the same way and
the line, its band and the target are compared on the log scale, which is the
same as fitting ``value = A·g^day`` with a multiplicative band. It needs every
value and the target above zero (else the verdict is ``not at current
trend``); ``slope_per_day`` is then ``b``, the daily change of ``ln value``
(``e^b − 1`` is the daily growth rate). ``method="auto"`` fits both and keeps
the one with the smaller sum of squared errors on the original scale (linear
when a value is not positive or the fits tie). ``Forecast.method`` names the
method used (``auto`` only when nothing was fitted). The method is chosen per call,
so per indicator (see :func:`missionplan.store.status.status_report`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from ..model import Indicator
from .observations import Series

__all__ = ["METHODS", "Forecast", "best_method", "forecast"]

METHODS = ("linear", "log-linear", "auto")


@dataclass(frozen=True, slots=True)
class Forecast:
    """The expected date an indicator reaches its target, its band and the verdict."""

    indicator: str
    verdict: str
    method: str = "linear"
    points: int = 0
    target: float | None = None
    deadline: date | None = None
    expected: date | None = None
    earliest: date | None = None
    latest: date | None = None
    slope_per_day: float | None = None
    level: float = 0.8

    def to_json(self) -> dict[str, object]:
        def iso(d: date | None) -> str | None:
            return None if d is None else d.isoformat()

        return {"indicator": self.indicator, "verdict": self.verdict, "method": self.method,
                "points": self.points, "target": self.target, "deadline": iso(self.deadline),
                "expected": iso(self.expected), "earliest": iso(self.earliest),
                "latest": iso(self.latest), "slope_per_day": self.slope_per_day,
                "level": self.level}


def forecast(indicator: Indicator, observations: Series, *, deadline: date | None = None,
             level: float = 0.8, horizon_days: int = 3650, method: str = "linear") -> Forecast:
    """Fit the trend of ``observations`` (a headline series) and project it to the target.

    ``method`` is ``linear``, ``log-linear`` or ``auto`` (the better fit of the two).
    """
    if method not in METHODS:
        raise ValueError(f"unknown forecast method '{method}' (use {', '.join(METHODS)})")
    base = Forecast(indicator.id, "", method, points=len(observations),
                    target=indicator.target, deadline=deadline, level=level)
    if indicator.target is None:
        return _with(base, verdict="no target")
    sign = 1.0 if indicator.direction == "up" else -1.0
    if observations and sign * (observations[-1][1] - indicator.target) >= 0:
        return _with(base, verdict="already met", expected=observations[-1][0])
    if len(observations) < 3 or len({d for d, _ in observations}) < 2:
        return _with(base, verdict="too few observations")
    if method == "auto":
        method = best_method(observations)
        base = _with(base, method=method)
    if method == "log-linear":
        if indicator.target <= 0 or min(v for _, v in observations) <= 0:
            return _with(base, verdict="not at current trend")
        return _fit(base, observations, sign, indicator.target, horizon_days, log=True)
    return _fit(base, observations, sign, indicator.target, horizon_days)


def best_method(series: Series) -> str:
    """``log-linear`` when it fits ``series`` strictly better than a line, else ``linear``."""
    x, y = _xy(series)
    if len(y) < 3 or np.ptp(x) == 0 or float(y.min()) <= 0:
        return "linear"
    line = np.polyval(np.polyfit(x, y, 1), x)
    curve = np.exp(np.polyval(np.polyfit(x, np.log(y), 1), x))
    sse_line, sse_curve = float(np.sum((y - line) ** 2)), float(np.sum((y - curve) ** 2))
    return "log-linear" if sse_curve < sse_line * (1 - 1e-9) else "linear"


def _xy(series: Series) -> tuple[np.ndarray, np.ndarray]:
    start = series[0][0]
    return (np.array([(d - start).days for d, _ in series], dtype=float),
            np.array([v for _, v in series], dtype=float))


def _fit(base: Forecast, series: Series, sign: float, target: float,
         horizon: int, *, log: bool = False) -> Forecast:
    start = series[0][0]
    x, y = _xy(series)
    if log:
        y, target = np.log(y), float(np.log(target))
    slope, intercept = np.polyfit(x, y, 1)
    n = len(x)
    resid = y - (intercept + slope * x)
    s = float(np.sqrt(np.sum(resid**2) / (n - 2)))
    if s <= 1e-9 * max(1.0, float(np.abs(y).max())):
        s = 0.0  # an exact line: rounding noise must not open a band
    sxx = float(np.sum((x - x.mean()) ** 2))
    from scipy import stats  # here, not at import: it costs every CLI start a second

    t = float(stats.t.ppf(0.5 + base.level / 2, n - 2))
    grid = x[-1] + np.arange(0, horizon + 1, dtype=float)
    fitted = intercept + slope * grid
    half = t * s * np.sqrt(1 + 1 / n + (grid - x.mean()) ** 2 / sxx)

    def first(values: np.ndarray) -> date | None:
        hits = np.nonzero(sign * (values - target) >= 0)[0]
        return None if hits.size == 0 else start + timedelta(days=int(grid[hits[0]]))

    expected = first(fitted)
    earliest, latest = first(fitted + sign * half), first(fitted - sign * half)
    return _with(base, expected=expected, earliest=earliest, latest=latest,
                 slope_per_day=float(slope),
                 verdict=_verdict(expected, earliest, latest, base.deadline))


def _verdict(expected: date | None, earliest: date | None, latest: date | None,
             deadline: date | None) -> str:
    if expected is None:
        return "not at current trend"
    if deadline is None:
        return "no deadline"
    if latest is not None and latest <= deadline:
        return "before deadline"
    if earliest is None or earliest > deadline:
        return "after deadline"
    return "uncertain"


def _with(base: Forecast, **changes: object) -> Forecast:
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]
