"""Small inline SVG pictures for pages: observations against a target, a deployment curve.

(The Gantt and criteria status charts come from :mod:`missionplan.reports.charts`;
this draws only the small charts the criteria and deployment pages need,
as coordinates a template turns into SVG, so every label is escaped text.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..monitor import Forecast

__all__ = ["CurveChart", "IndicatorChart", "curve_chart", "indicator_chart"]

_W, _H, _PAD = 320.0, 120.0, 8.0


@dataclass(frozen=True, slots=True)
class IndicatorChart:
    """Coordinates in a 320×120 box: the observed line, the target line, the forecast."""

    points: str
    target_y: float | None
    forecast: tuple[float, float, float, float] | None
    dots: list[tuple[float, float, str]]
    first: date | None
    last: date | None
    width: float = _W
    height: float = _H


def indicator_chart(series: list[tuple[date, float]], *, target: float | None,
                    forecast: Forecast | None, as_of: date) -> IndicatorChart:
    """Scale ``series`` (and target, forecast date) into the chart box."""
    days = [d for d, _ in series] + [as_of]
    if forecast is not None and forecast.expected is not None:
        days.append(forecast.expected)
    values = [v for _, v in series] + ([target] if target is not None else [])
    if not series:
        return IndicatorChart("", None, None, [], None, None)
    lo_d, hi_d = min(days), max(days)
    lo_v, hi_v = min([*values, 0.0]), max(values)
    span_d = max((hi_d - lo_d).days, 1)
    span_v = (hi_v - lo_v) or 1.0

    def x(d: date) -> float:
        return round(_PAD + (_W - 2 * _PAD) * (d - lo_d).days / span_d, 1)

    def y(v: float) -> float:
        return round(_H - _PAD - (_H - 2 * _PAD) * (v - lo_v) / span_v, 1)

    dots = [(x(d), y(v), f"{d.isoformat()}: {v:g}") for d, v in series]
    fc = None
    if forecast is not None and forecast.expected is not None and target is not None:
        d0, v0 = series[-1]
        fc = (x(d0), y(v0), x(forecast.expected), y(target))
    return IndicatorChart(" ".join(f"{a},{b}" for a, b, _ in dots),
                          y(target) if target is not None else None, fc, dots, lo_d, hi_d)


@dataclass(frozen=True, slots=True)
class CurveChart:
    """A deployment curve (share of strength present per day) in a 640×160 box."""

    points: str
    threshold_y: float
    days: int
    width: float = 640.0
    height: float = 160.0


def curve_chart(curve: list[float], *, threshold: float) -> CurveChart:
    """Scale a day-by-day share (0..1) into the chart box."""
    w, h = 640.0, 160.0
    n = max(len(curve) - 1, 1)

    def y(v: float) -> float:
        return round(h - _PAD - (h - 2 * _PAD) * max(0.0, min(1.0, v)), 1)

    points = " ".join(f"{round(_PAD + (w - 2 * _PAD) * i / n, 1)},{y(v)}"
                      for i, v in enumerate(curve))
    return CurveChart(points, y(threshold), len(curve))
