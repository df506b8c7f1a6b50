"""Small inline SVG pictures for pages: observations against a target, a deployment curve,
a risk run's S-curves and tornado.

(The Gantt and criteria status charts come from :mod:`missionplan.reports.charts`;
this draws only the small charts the criteria and deployment pages need,
as coordinates a template turns into SVG, so every label is escaped text.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..monitor import Forecast
from ..risk import EventDates, RiskResult
from ..risk.results import as_date

__all__ = ["CurveChart", "IndicatorChart", "SCurveChart", "TornadoBar", "TornadoChart",
           "curve_chart", "indicator_chart", "s_curve_chart", "tornado_chart"]

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


@dataclass(frozen=True, slots=True)
class SCurveChart:
    """The share of simulated worlds in which an event has happened, day by day (its
    S-curve), in a 640×140 box, with P10, P50, P90 and, if it has one, its deadline."""

    event: str
    label: str
    points: str
    marks: list[tuple[float, str, str]]  # x, "P50", date or day
    first: str
    last: str
    width: float = 640.0
    height: float = 140.0


def s_curve_chart(event: EventDates, reference: date | None) -> SCurveChart | None:
    """Scale a key event's histogram of simulated days into its cumulative curve (``None``
    for an event whose date is certain: it has no curve to draw)."""
    if (not event.histogram or sum(event.histogram) == 0
            or event.days.get("P10") == event.days.get("P90")):
        return None  # nothing simulated, or no spread: a date, not a curve
    w, h, pad = 640.0, 140.0, 24.0
    total, running = sum(event.histogram), 0
    n = len(event.histogram)
    lo, hi = event.bin_start, event.bin_start + n * event.bin_width
    span = (hi - lo) or 1.0

    def x(day: float) -> float:
        return round(pad + (w - 2 * pad) * (day - lo) / span, 1)

    def y(share: float) -> float:
        return round(h - pad - (h - 2 * pad) * share, 1)

    def when(day: float) -> str:
        if reference is None:
            return f"day {day:.0f}"
        return as_date(reference, day).isoformat()

    points = [f"{x(lo)},{y(0.0)}"]
    for i, count in enumerate(event.histogram):
        running += count
        points.append(f"{x(lo + (i + 1) * event.bin_width)},{y(running / total)}")
    marks: list[tuple[float, str, str]] = [
        (x(event.days[p]), p, (event.dates or {}).get(p) or when(event.days[p]))
        for p in ("P10", "P50", "P90") if p in event.days]
    return SCurveChart(event.id, event.label, " ".join(points), marks, when(lo), when(hi))


@dataclass(frozen=True, slots=True)
class TornadoBar:
    label: str
    target: str
    low: float  # odds (0..1) with the uncertainty at its favourable / unfavourable end
    high: float
    x: float
    width: float
    y: float


@dataclass(frozen=True, slots=True)
class TornadoChart:
    """What moves the odds most: for each uncertainty, the odds of the deadline or
    criterion it swings most, from its low to its high end, widest first."""

    bars: list[TornadoBar]
    width: float = 640.0
    height: float = 0.0
    left: float = 0.0
    right: float = 0.0


def tornado_chart(result: RiskResult, *, top: int = 8) -> TornadoChart | None:
    """The ``top`` drivers of ``result`` as bars on a 0–100% axis."""
    names = {d.id: d.label for d in result.deadlines} | {c.id: c.label for c in result.criteria}
    rows = []
    for s in result.drivers[:top]:
        if not s.swing:
            continue
        target, (p_low, p_high) = max(s.swing.items(), key=lambda kv: abs(kv[1][1] - kv[1][0]))
        rows.append((s.label, names.get(target, target), min(p_low, p_high),
                     max(p_low, p_high)))
    if not rows:
        return None
    w, left, right, row_h = 640.0, 250.0, 56.0, 22.0

    def x(p: float) -> float:
        return round(left + (w - left - right) * max(0.0, min(1.0, p)), 1)

    bars = [TornadoBar(label, target, lo, hi, x(lo), max(round(x(hi) - x(lo), 1), 1.0),
                       round(6 + i * row_h, 1))
            for i, (label, target, lo, hi) in enumerate(rows)]
    return TornadoChart(bars, w, round(12 + len(rows) * row_h + 18, 1), left, w - right)
