"""A risk's branch: the contingency it names applies only in the worlds where it occurs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from missionplan.model import Plan
from missionplan.risk import simulate
from missionplan.risk.engine import input_numbers, record
from missionplan.risk.network import compile_network
from missionplan.risk.sentences import deadline_sentence

P, D = 0.3, 5.0


def mixture_plan(branch: str | None = "detour") -> Plan:
    """X waits for B ~ U(0, 10) and, when the branch is taken, for a fixed chain of D days."""
    data: dict[str, Any] = {
        "id": "mixture", "events": [{"id": "s"}, {"id": "b"}, {"id": "c"}, {"id": "x"}],
        "activities": [
            {"id": "work", "start": "s", "end": "b",
             "duration": {"distribution": "uniform", "min": "0d", "max": "10d"}},
            {"id": "detour", "start": "s", "end": "c", "duration": f"{D:.0f}d"}],
        "relations": [{"id": "bx", "from": "b", "to": "x", "min": "0d"},
                      {"id": "cx", "from": "c", "to": "x", "min": "0d"}],
        "risks": [{"id": "slip", "probability": P, "branch": branch, "impacts": [
            {"target": "x", "delay": {"distribution": "fixed", "likely": "0d"}}]}],
    }
    return Plan.model_validate(data)


def occurred(net: Any, seed: int, n: int) -> np.ndarray[Any, np.dtype[np.bool_]]:
    col = net.inputs.risks[0].column
    return np.asarray(input_numbers(net, seed, 0, n)[col] == 1.0)


def test_a_branch_adds_its_chain_only_in_the_worlds_where_it_is_taken() -> None:
    net = compile_network(mixture_plan())
    n = 20_000
    rec = record(net, seed=11, n=n)
    b, x = rec.t[net.node("b")], rec.t[net.node("x")]
    taken = occurred(net, 11, n)
    np.testing.assert_array_equal(x, np.where(taken, np.maximum(b, D), b))
    assert taken.mean() == pytest.approx(P, abs=0.01)          # se ≈ 0.0032
    for t in (3.0, 7.0):
        mixture = P * (t / 10) * (t >= D) + (1 - P) * (t / 10)
        assert (x <= t).mean() == pytest.approx(mixture, abs=0.012)


def test_without_the_branch_the_chain_always_applies() -> None:
    net = compile_network(mixture_plan(None))
    rec = record(net, seed=11, n=512)
    np.testing.assert_array_equal(rec.t[net.node("x")],
                                  np.maximum(rec.t[net.node("b")], D))


def contingency_plan(branch: str | None = "fallback") -> Plan:
    return Plan.model_validate({
        "id": "contingency",
        "events": [{"id": "start"}, {"id": "ready"}, {"id": "fallback"}],
        "activities": [{"id": "prep", "start": "start", "end": "ready",
                        "duration": {"distribution": "uniform", "min": "10d", "max": "40d"}}],
        "relations": [{"id": "go", "from": "ready", "to": "fallback", "min": "0d"},
                      {"id": "due", "from": "start", "to": "fallback", "max": "30d"}],
        "risks": [{"id": "slip", "probability": 0.4, "branch": branch, "impacts": [
            {"target": "ready", "delay": {"distribution": "fixed", "likely": "0d"}}]}],
        "criteria": [{"id": "ok", "deadlines": ["due"]}],
    })


def test_a_contingency_deadline_counts_only_where_the_branch_is_taken() -> None:
    net = compile_network(contingency_plan())
    n = 4_096
    rec = record(net, seed=5, n=n)
    taken = occurred(net, 5, n)
    on_time = rec.t[net.node("ready")] <= 30.0
    np.testing.assert_array_equal(rec.met[0], ~taken | on_time)
    np.testing.assert_array_equal(rec.criteria[0], rec.met[0])
    result = simulate(contingency_plan(), samples=n, seed=5)
    due = result.deadlines[0]
    assert due.branch == "slip"
    assert due.taken == pytest.approx(taken.mean(), abs=1e-4)
    assert due.probability == pytest.approx(on_time[taken].mean(), abs=1e-4)
    assert due.probability == pytest.approx(2 / 3, abs=0.04)    # P(U(10, 40) ≤ 30)
    assert result.criteria[0].probability == pytest.approx(rec.met[0].mean(), abs=1e-4)


def test_without_a_branch_the_same_deadline_counts_in_every_world() -> None:
    result = simulate(contingency_plan(None), samples=4_096, seed=5)
    due = result.deadlines[0]
    assert due.branch is None and due.taken is None
    assert due.probability == pytest.approx(2 / 3, abs=0.03)


def test_the_sentence_of_a_contingency_deadline_says_it_is_conditional() -> None:
    result = simulate(contingency_plan(), samples=1_024, seed=2)
    due = result.deadlines[0]
    text = deadline_sentence(result, due)
    assert f"taken in {due.taken:.0%}" in text
    assert "of the worlds where risk 'slip' occurs" in text


def test_a_branch_event_that_gates_nothing_says_so_and_names_the_way_out() -> None:
    plan = mixture_plan("c")  # an event only the 'detour' activity leads to
    net = compile_network(plan)
    assert any("'c'" in n and "changes nothing" in n and "'detour'" in n for n in net.notes)
    assert not any("changes nothing" in n for n in compile_network(mixture_plan()).notes)
