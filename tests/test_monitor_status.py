"""Status rules and forecasts of the monitor room."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from missionplan.model import Indicator
from missionplan.monitor import Status, criteria_status, forecast, indicator_status
from missionplan.monitor.status import Rules, judge
from missionplan.planfile import loads_plan

START = date(2027, 1, 15)
DUE = date(2027, 12, 31)


def _ind(**kw: object) -> Indicator:
    base: dict[str, object] = {"id": "x", "baseline": 0.0, "baseline_date": START,
                               "target": 100.0}
    return Indicator.model_validate({**base, **kw})


def _at(days: int, value: float) -> tuple[date, float]:
    return START + timedelta(days=days), value


def test_each_rule_decides_its_case() -> None:
    ind, rules = _ind(), Rules()
    half = (DUE - START).days // 2
    cases = [
        ([], "no-observation", Status.no_data),
        ([_at(10, 100)], "target-reached", Status.met),
        ([_at(half, 48)], "path", Status.on_track),
        ([_at(half, 35)], "path", Status.at_risk),
        ([_at(half, 10)], "path", Status.off_track),
    ]
    for series, rule, status in cases:
        got = judge(ind, series, DUE, rules=rules, deadline=DUE)
        assert (got.rule, got.status) == (rule, status), series
    late = judge(ind, [_at(10, 50)], DUE + timedelta(days=1), rules=rules, deadline=DUE)
    assert (late.rule, late.status) == ("deadline-passed", Status.off_track)
    away = judge(ind, [_at(1, 50), _at(2, 40)], DUE, rules=rules, deadline=None)
    assert (away.rule, away.status) == ("no-deadline", Status.at_risk)
    no_target = judge(_ind(target=None), [_at(1, 5)], DUE, rules=rules, deadline=DUE)
    assert no_target.rule == "no-target"


@given(value=st.floats(0, 200), day=st.integers(1, 300))
def test_path_rule_against_a_direct_computation(value: float, day: int) -> None:
    ind = _ind()
    got = judge(ind, [_at(day, value)], DUE, rules=Rules(), deadline=DUE)
    expected = 100 * day / (DUE - START).days
    shortfall = (expected - value) / 100
    want = (Status.met if value >= 100 else Status.on_track if shortfall <= 0.10 else
            Status.at_risk if shortfall <= 0.25 else Status.off_track)
    assert got.status is want


@given(value=st.floats(0, 1000), day=st.integers(1, 300))
def test_down_indicator_is_the_mirror_of_an_up_one(value: float, day: int) -> None:
    up = judge(_ind(baseline=0.0, target=1000.0), [_at(day, value)], DUE, rules=Rules(),
               deadline=DUE)
    down = judge(_ind(baseline=1000.0, target=0.0, direction="down"),
                 [_at(day, 1000 - value)], DUE, rules=Rules(), deadline=DUE)
    assert up.status is down.status


def test_criteria_take_the_worst_indicator_or_their_events(small_plan_text: str) -> None:
    plan = loads_plan(small_plan_text)
    series = {"strength": [(date(2027, 3, 1), 10.0)], "disarmed": [(date(2027, 3, 1), 1500.0)]}
    by_id = {c.criterion: c for c in criteria_status(plan, series, date(2027, 3, 1))}
    assert by_id["force_deployed"].status is Status.off_track
    assert by_id["ddr_complete"].status is Status.on_track
    assert by_id["relief"].status is Status.no_data
    assert by_id["election_held"].rule == "no-indicator"
    done = plan.with_dates(actuals={"ddr_done": date(2027, 2, 1)})
    again = {c.criterion: c for c in criteria_status(done, series, date(2027, 3, 1))}
    assert (again["ddr_complete"].status, again["ddr_complete"].rule) == (
        Status.met, "events-happened")
    statuses = indicator_status(plan, series, date(2027, 3, 1))
    assert statuses[0].deadline == date(2027, 4, 15)  # agreement + 90 days


def test_forecast_of_an_exact_line_hits_the_exact_day() -> None:
    series = [_at(d, d * 0.5) for d in (0, 20, 40, 60)]
    fc = forecast(_ind(), series, deadline=DUE)
    assert fc.expected == START + timedelta(days=200)
    assert fc.earliest == fc.latest == fc.expected
    assert fc.verdict == "before deadline"


def test_forecast_band_widens_with_noise_and_brackets_the_expected_day() -> None:
    noise = [3, -4, 5, -2, 1, -3]
    series = [_at(30 * i, 5.0 * i + n) for i, n in enumerate(noise)]
    fc = forecast(_ind(), series, deadline=START + timedelta(days=500))
    assert fc.earliest is not None and fc.expected is not None and fc.latest is not None
    assert fc.earliest < fc.expected < fc.latest
    assert fc.verdict in {"uncertain", "after deadline"}


def test_forecast_of_a_worsening_trend_never_arrives() -> None:
    series = [_at(d, 50 - d / 10) for d in (0, 30, 60)]
    assert forecast(_ind(), series).verdict == "not at current trend"
    assert forecast(_ind(), series[:2]).verdict == "too few observations"
    assert forecast(_ind(), [_at(1, 120)]).verdict == "already met"
