"""Log-linear forecasts: known answers on synthetic multiplicative series, and best fit."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from missionplan.model import Indicator
from missionplan.monitor import Observation, forecast
from missionplan.monitor.forecast import best_method
from missionplan.monitor.observations import Series
from missionplan.store import open_workspace
from missionplan.store.status import status_report

START = date(2027, 1, 15)


def _ind(target: float, *, direction: str = "up") -> Indicator:
    return Indicator.model_validate({"id": "x", "baseline": 1.0, "baseline_date": START,
                                     "target": target, "direction": direction})


def _series(f: object, days: range) -> Series:
    assert callable(f)
    return [(START + timedelta(days=d), float(f(d))) for d in days]


def test_exact_growth_reaches_the_target_on_the_known_day() -> None:
    # 100 · 1.01^d ≥ 1000 first on d = ceil(ln 10 / ln 1.01) = 232
    series = _series(lambda d: 100 * 1.01**d, range(0, 101, 10))
    due = START + timedelta(days=240)
    fc = forecast(_ind(1000), series, deadline=due, method="log-linear")
    assert fc.method == "log-linear"
    assert fc.expected == fc.earliest == fc.latest == START + timedelta(days=232)
    assert fc.verdict == "before deadline"
    assert fc.slope_per_day == pytest.approx(math.log(1.01))
    line = forecast(_ind(1000), series, deadline=due, method="linear")
    assert line.expected is not None and fc.expected is not None
    assert line.expected > fc.expected  # a straight line is too slow


def test_exact_decay_reaches_a_lower_target_on_the_known_day() -> None:
    # 1000 · 0.98^d ≤ 100 first on d = ceil(ln 0.1 / ln 0.98) = 114
    series = _series(lambda d: 1000 * 0.98**d, range(0, 61, 6))
    fc = forecast(_ind(100, direction="down"), series, method="auto")
    assert (fc.method, fc.expected) == ("log-linear", START + timedelta(days=114))


def test_log_linear_cannot_reach_zero_or_use_non_positive_values() -> None:
    falling = _series(lambda d: 1000 * 0.9**d, range(0, 30, 3))
    assert forecast(_ind(0, direction="down"), falling,
                    method="log-linear").verdict == "not at current trend"
    with_zero = [(START, 0.0), *_series(lambda d: d, range(5, 30, 5))]
    assert forecast(_ind(100), with_zero, method="log-linear").verdict == "not at current trend"
    assert best_method(with_zero) == "linear"
    with pytest.raises(ValueError, match="unknown forecast method"):
        forecast(_ind(100), with_zero, method="cubic")


@given(a=st.floats(1, 1000), rate=st.floats(0.005, 0.05), k=st.floats(1.5, 40),
       step=st.integers(1, 7))
def test_growth_forecast_matches_a_day_by_day_search(a: float, rate: float, k: float,
                                                     step: int) -> None:
    days = range(0, 12 * step, step)
    series = _series(lambda d: a * (1 + rate) ** d, days)
    target = series[-1][1] * k
    crossing = days[-1] + math.log(k) / math.log(1 + rate)  # exact, in days
    day = days[-1]
    while a * (1 + rate) ** day < target:  # the oracle: walk day by day
        day += 1
    fc = forecast(_ind(target), series, method="auto", horizon_days=100_000)
    assert fc.method == "log-linear" and fc.expected is not None
    got = (fc.expected - START).days
    if 1e-6 < crossing % 1 < 1 - 1e-6:
        assert got == day
    else:
        assert abs(got - day) <= 1


@given(a=st.floats(0, 1000), b=st.floats(0.5, 50))
def test_best_fit_keeps_a_line_for_linear_growth(a: float, b: float) -> None:
    series = _series(lambda d: a + b * d, range(1, 60, 5))
    assert best_method(series) == "linear"


def test_status_report_takes_a_method_per_indicator(tmp_path: Path,
                                                    small_plan_text: str) -> None:
    with open_workspace(f"sqlite:///{tmp_path / 'w.db'}") as ws:
        ws.import_plan(small_plan_text, user="t")
        ws.add_observations([Observation("disarmed", START + timedelta(days=d), 100 * 1.02**d)
                             for d in range(0, 120, 10)], user="t")
        as_of = START + timedelta(days=200)
        plain = status_report(ws, as_of)
        mixed = status_report(ws, as_of, forecast_method="auto",
                              methods={"strength": "log-linear"})
    assert plain.forecasts["disarmed"].method == "linear"
    assert mixed.forecasts["disarmed"].method == "log-linear"
    assert mixed.forecasts["strength"].method == "log-linear"
    assert mixed.forecasts["disarmed"].expected != plain.forecasts["disarmed"].expected
