"""Each kind of uncertain duration samples the distribution it names."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from scipy import special, stats

from missionplan.model import UncertainDuration, parse_duration
from missionplan.risk.distributions import (
    Spec,
    duration_days,
    pert_standard,
    quantiles,
    spec_from_duration,
)

U = (np.arange(200_000) + 0.5) / 200_000        # an even spread of quantile levels


def spec(**fields: object) -> Spec:
    return spec_from_duration(UncertainDuration.model_validate(fields), None, "test")


def test_uniform_triangular_and_pert_have_their_textbook_means() -> None:
    assert quantiles(spec(distribution="uniform", min="10d", max="20d"), U).mean() == \
        pytest.approx(15, abs=1e-3)
    tri = quantiles(spec(distribution="triangular", min="10d", likely="12d", max="30d"), U)
    assert tri.mean() == pytest.approx((10 + 12 + 30) / 3, abs=1e-3)
    pert = quantiles(spec(distribution="pert", min="10d", likely="12d", max="30d"), U)
    assert pert.mean() == pytest.approx((10 + 4 * 12 + 30) / 6, abs=1e-2)


def test_the_tabulated_pert_quantile_is_close_to_the_exact_inverse() -> None:
    rng = np.random.default_rng(5)
    alpha = rng.uniform(1, 5, (200, 1))
    u = rng.random((200, 500))
    exact = special.betaincinv(alpha, 6 - alpha, u)
    assert np.abs(pert_standard(alpha, u) - exact).max() < 3e-3


def test_lognormal_meets_its_median_and_p90() -> None:
    s = spec(distribution="lognormal", median="20d", p90="50d")
    values = quantiles(s, U)
    assert np.median(values) == pytest.approx(20, rel=1e-3)
    assert np.quantile(values, 0.9) == pytest.approx(50, rel=1e-3)


def test_empirical_draws_each_observed_value_equally() -> None:
    values = quantiles(spec(distribution="empirical", values=["5d", "1d", "9d", "9d"]), U)
    assert sorted(set(values.tolist())) == [1, 5, 9]
    assert (values == 9).mean() == pytest.approx(0.5)


def test_fixed_is_fixed_and_months_use_the_calendar_when_dated() -> None:
    assert set(quantiles(spec(distribution="fixed", likely="3w"), U[:10]).tolist()) == {21}
    three_months = parse_duration("3mo")
    assert duration_days(three_months, date(2027, 1, 1), longest=True) == 90
    assert duration_days(three_months, None, longest=True) == 92
    assert duration_days(three_months, None, longest=False) == 89


def test_uniform_samples_pass_a_kolmogorov_smirnov_test() -> None:
    rng = np.random.default_rng(1)
    values = quantiles(spec(distribution="triangular", min="0d", likely="4d", max="10d"),
                       rng.random(5_000))
    assert stats.kstest(values, stats.triang(c=0.4, loc=0, scale=10).cdf).pvalue > 0.01
