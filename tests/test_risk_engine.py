"""The engine against closed forms and against the plain per-sample implementation."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missionplan.model import Plan
from missionplan.risk import simulate
from missionplan.risk.engine import input_numbers, record
from missionplan.risk.network import compile_network
from missionplan.risk.reference import as_arrays, reference_run


def uniform(lo: int, hi: int) -> dict[str, str]:
    return {"distribution": "uniform", "min": f"{lo}d", "max": f"{hi}d"}


def chain_plan(n: int) -> Plan:
    events = [{"id": f"e{i}"} for i in range(n + 1)]
    acts = [{"id": f"a{i}", "start": f"e{i}", "end": f"e{i + 1}", "duration": uniform(0, 10)}
            for i in range(n)]
    return Plan.model_validate({"id": "chain", "events": events, "activities": acts})


def test_chain_of_uniform_durations_has_the_mean_and_variance_of_a_sum() -> None:
    n = 5
    net = compile_network(chain_plan(n))
    end = record(net, seed=7, n=20_480).t[net.node("e5")]
    assert end.mean() == pytest.approx(n * 5.0, abs=0.1)        # sd of the mean ≈ 0.045
    assert end.var() == pytest.approx(n * 100 / 12, rel=0.04)


def two_paths(deadline: str | None = None) -> Plan:
    data: dict[str, Any] = {
        "id": "paths", "events": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
        "activities": [{"id": "p", "start": "a", "end": "b", "duration": uniform(0, 10)},
                       {"id": "q", "start": "a", "end": "c", "duration": uniform(0, 10)},
                       {"id": "pb", "start": "b", "end": "d", "duration": "0d"},
                       {"id": "qc", "start": "c", "end": "d", "duration": "0d"}]}
    if deadline:
        data["relations"] = [{"id": "dl", "from": "a", "to": "d", "max": deadline}]
        data["criteria"] = [{"id": "done", "deadlines": ["dl"]}]
    return Plan.model_validate(data)


def test_the_maximum_of_two_independent_paths_has_cdf_f1_times_f2() -> None:
    result = simulate(two_paths("8d"), samples=20_000, seed=3)
    # P(max <= 8) = F(8)^2 = 0.64; its standard error at 20,000 worlds is 0.0034
    assert result.deadlines[0].probability == pytest.approx(0.64, abs=0.015)
    assert result.criteria[0].probability == result.deadlines[0].probability
    # the median of the maximum solves F(t)^2 = 1/2
    assert result.event("d").days["P50"] == pytest.approx(10 / np.sqrt(2), abs=0.2)
    # each path is critical in about half the worlds
    crit = result.criticality["d"]
    assert crit["p"] + crit["q"] == pytest.approx(1.0, abs=1e-4)   # each rounded to 4 places
    assert crit["p"] == pytest.approx(0.5, abs=0.02)


def test_a_risk_that_always_occurs_adds_its_delay() -> None:
    base = two_paths().model_dump(by_alias=True)
    base["risks"] = [{"id": "late", "probability": 1.0,
                      "impacts": [{"target": "d", "delay": {"distribution": "fixed",
                                                            "likely": "30d"}}]}]
    plain = simulate(two_paths(), samples=2_000, seed=1).event("d").days["P50"]
    late = simulate(Plan.model_validate(base), samples=2_000, seed=1).event("d").days["P50"]
    assert late == pytest.approx(plain + 30, abs=0.1)


# -- the plain implementation as an oracle --------------------------------------------------

KINDS = ["fixed", "uniform", "triangular", "pert", "lognormal", "empirical"]


@st.composite
def duration(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(KINDS))
    lo = draw(st.integers(0, 20))
    mid = lo + draw(st.integers(0, 10))
    hi = mid + draw(st.integers(0, 10))
    if kind == "fixed":
        return {"distribution": kind, "likely": f"{mid}d"}
    if kind == "lognormal":
        return {"distribution": kind, "median": f"{mid + 1}d", "p90": f"{hi + 1}d"}
    if kind == "empirical":
        values = draw(st.lists(st.integers(0, 30), min_size=1, max_size=4))
        return {"distribution": kind, "values": [f"{v}d" for v in values]}
    return {"distribution": kind, "min": f"{lo}d", "likely": f"{mid}d", "max": f"{hi}d"}


@st.composite
def random_plan(draw: st.DrawFn) -> Plan:
    n = draw(st.integers(2, 7))
    ids = [f"e{i}" for i in range(n)]
    pairs = st.tuples(st.integers(0, n - 2), st.integers(1, n - 1)).filter(lambda p: p[0] < p[1])
    acts = []
    for k, (i, j) in enumerate(draw(st.lists(pairs, min_size=1, max_size=10))):
        dur = draw(duration())
        if draw(st.booleans()):
            dur["driver"] = "rain"
        acts.append({"id": f"a{k}", "start": ids[i], "end": ids[j], "duration": dur})
    rels: list[dict[str, Any]] = []
    for k, (i, j) in enumerate(draw(st.lists(pairs, max_size=5))):
        lo = draw(st.integers(0, 15))
        rels.append({"id": f"r{k}", "from": ids[i], "to": ids[j], "min": f"{lo}d"})
        if draw(st.integers(0, 3)):          # most have a deadline; the others are orders
            rels[-1]["max"] = f"{lo + draw(st.integers(0, 40))}d"
    targets = [a["id"] for a in acts] + [r["id"] for r in rels] + ids
    risks = []
    for k in range(draw(st.integers(0, 3))):
        impact: dict[str, Any] = {"target": draw(st.sampled_from(targets))}
        if impact["target"].startswith("r") and draw(st.booleans()):
            bound = draw(st.sampled_from(["set_max", "set_min"]))
            impact[bound] = f"{draw(st.integers(0, 30))}d"
        else:
            impact["delay"] = draw(duration())
        heads = [r["to"] for r in rels] * 3       # often an event a deadline ends at
        branch = draw(st.one_of(st.none(), st.sampled_from(ids + [a["id"] for a in acts]
                                                           + heads)))
        risks.append({"id": f"k{k}", "probability": draw(st.floats(0, 1)),
                      "driver": "rain" if draw(st.booleans()) else None, "impacts": [impact],
                      "branch": branch})
    anchors = [{"event": ids[i], "date": f"2027-01-{i + 1:02d}"}
               for i in draw(st.sets(st.integers(0, n - 1), max_size=2))]
    return Plan.model_validate({
        "id": "random", "events": [{"id": e} for e in ids], "activities": acts,
        "relations": rels, "risks": risks, "anchors": anchors,
        "drivers": [{"id": "rain", "low": 0.8, "likely": 1.0, "high": 1.6}],
        "criteria": [{"id": "all", "deadlines": [r["id"] for r in rels]}],
    })


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=random_plan(), seed=st.integers(0, 2**32))
def test_engine_equals_the_plain_implementation_on_random_networks(plan: Plan,
                                                                   seed: int) -> None:
    net = compile_network(plan)
    first = seed % 1000
    run = record(net, seed=seed, first=first, n=64)
    ref = reference_run(net, seed, first, 64)
    ref_times, ref_met = as_arrays(ref)
    np.testing.assert_array_equal(run.t, ref_times)
    np.testing.assert_array_equal(run.met, ref_met)
    np.testing.assert_array_equal(run.criteria, np.array(ref.criteria, dtype=bool).T)
    np.testing.assert_array_equal(run.stats.critical, np.array(ref.critical).reshape(
        len(net.key_nodes), net.n_edges))


def test_a_calendar_deadline_and_a_driven_risk() -> None:
    plan = Plan.model_validate({
        "id": "cal", "events": [{"id": "a"}, {"id": "b"}],
        "activities": [{"id": "x", "start": "a", "end": "b",
                        "duration": {**uniform(0, 10), "driver": "rain"}}],
        "relations": [{"id": "by", "to": "b", "not_after": "2027-01-06"}],
        "anchors": [{"event": "a", "date": "2027-01-01"}],
        "drivers": [{"id": "rain", "low": 1.0, "likely": 1.0, "high": 2.0}],
        "risks": [{"id": "flood", "probability": 0.5, "driver": "rain", "impacts": [
            {"target": "b", "delay": {"distribution": "fixed", "likely": "1d"}}]}],
    })
    result = simulate(plan, samples=20_000, seed=2)
    assert result.deadlines[0].source is None and result.deadlines[0].bound == "by 2027-01-06"
    flood = next(s for s in result.sensitivity if s.id == "flood")
    rain = next(s for s in result.sensitivity if s.id == "rain")
    # the flood comes with the worst half of the rains, which also lengthen x
    assert rain.rank_correlation["b"] > 0.3 and flood.rank_correlation["b"] > 0.3
    assert rain.swing["by"][0] > rain.swing["by"][1]
    low, high = flood.swing["by"]
    assert low > high


@pytest.mark.parametrize("anchored", [False, True])
def test_a_least_bound_a_criterion_names_is_missed_when_its_event_must_wait(
        anchored: bool) -> None:
    data: dict[str, Any] = {
        "id": "order", "events": [{"id": "a"}, {"id": "ready"}, {"id": "vote"}],
        "activities": [{"id": "prep", "start": "a", "end": "ready", "duration": uniform(0, 10)}],
        "relations": [{"id": "ready_first", "from": "ready", "to": "vote",
                       "kind": "precedence"}],
        "anchors": [{"event": "a", "date": "2027-01-01"}],
        "criteria": [{"id": "prepared", "deadlines": ["ready_first"]}],
    }
    if anchored:
        data["anchors"].append({"event": "vote", "date": "2027-01-07"})
    else:
        data["activities"].append({"id": "calendar", "start": "a", "end": "vote",
                                   "duration": "6d"})
    result = simulate(Plan.model_validate(data), samples=20_000, seed=4)
    # P(prep <= 6 days) = 0.6
    assert result.criteria[0].probability == pytest.approx(0.6, abs=0.015)
    assert result.deadlines[0].kind == "order"
    assert result.sentences()[0].startswith("Prepared in ")


def test_rank_correlations_match_spearman_on_the_same_worlds() -> None:
    from scipy import stats

    plan = chain_plan(2)
    result = simulate(plan, samples=4096, seed=9, sensitivity_samples=4096)
    net = compile_network(plan)
    u = input_numbers(net, 9, 0, 4096)
    end = record(net, seed=9, n=4096).t[net.node("e2")]
    for sens in result.sensitivity:
        col = net.inputs.subjects.index(("activity", sens.id, sens.label))
        expected = stats.spearmanr(u[col], end).statistic
        assert sens.rank_correlation["e2"] == pytest.approx(expected, abs=0.01)
        assert expected == pytest.approx(np.sqrt(0.5), abs=0.03)   # each is half the variance
