"""The numbers of every world: the compiled kernel and plain Python draw the same ones."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from missionplan.model import Plan
from missionplan.risk import simulate
from missionplan.risk.kernel import uniform as compiled_uniform
from missionplan.risk.rng import column_key, column_keys, uniform


@settings(deadline=None)
@given(seed=st.integers(0, 2**63), s=st.integers(0, 2**40))
def test_the_compiled_hash_draws_the_plain_one(seed: int, s: int) -> None:
    keys = column_keys(seed, 5)
    for c in range(5):
        assert int(keys[c]) == column_key(seed, c)
        value = uniform(int(keys[c]), s)
        assert compiled_uniform(keys[c], s) == value
        assert 0.0 < value < 1.0


def test_the_numbers_are_uniform_and_the_inputs_independent() -> None:
    keys = column_keys(3, 2)
    a = np.array([uniform(int(keys[0]), s) for s in range(20_000)])
    b = np.array([uniform(int(keys[1]), s) for s in range(20_000)])
    counts = np.histogram(a, bins=10, range=(0, 1))[0]
    assert counts.min() > 1800 and counts.max() < 2200        # sd of a count ≈ 42
    assert abs(np.corrcoef(a, b)[0, 1]) < 0.03                 # sd ≈ 0.007


def test_a_duration_with_one_possible_value_takes_it() -> None:
    plan = Plan.model_validate({
        "id": "one", "events": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "activities": [
            {"id": "x", "start": "a", "end": "b",
             "duration": {"distribution": "uniform", "min": "5d", "max": "5d"}},
            {"id": "y", "start": "b", "end": "c",
             "duration": {"distribution": "lognormal", "median": "3d", "p90": "3d"}}]})
    result = simulate(plan, samples=256, seed=1)
    assert result.event("b").earliest == 5.0
    assert abs(result.event("c").earliest - 8.0) < 1e-9
