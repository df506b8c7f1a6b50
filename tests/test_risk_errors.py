"""Bad risk data gets a clear message with a stable code, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from missionplan.cli import main
from missionplan.errors import MissionplanError, PlanFileError
from missionplan.model import (
    Activity,
    DistributionKind,
    Plan,
    Risk,
    UncertainDuration,
    parse_duration,
)
from missionplan.planfile import loads_plan
from missionplan.risk import CycleError, RiskInputError, simulate
from missionplan.risk.distributions import spec_from_duration


def plan_with(**sections: Any) -> Plan:
    data: dict[str, Any] = {"id": "bad", "events": [{"id": "a"}, {"id": "b"}]}
    data.update(sections)
    return Plan.model_validate(data)


def raw_duration(**fields: Any) -> UncertainDuration:
    """A duration that skipped the model's checks, as a hand-built object could."""
    parsed = {k: parse_duration(v) if k in ("min", "likely", "max", "median", "p90") else v
              for k, v in fields.items()}
    parsed["values"] = [parse_duration(v) for v in fields.get("values", [])]
    parsed["distribution"] = DistributionKind(fields["distribution"])
    return UncertainDuration.model_construct(**parsed)


@pytest.mark.parametrize(("fields", "words"), [
    ({"distribution": "uniform", "min": "10d", "max": "5d"}, "greater than max"),
    ({"distribution": "triangular", "min": "1d", "likely": "9d", "max": "5d"},
     "min <= likely <= max"),
    ({"distribution": "lognormal", "median": "10d", "p90": "5d"}, "p90 at or above"),
    ({"distribution": "lognormal", "median": "0d", "p90": "5d"}, "median above zero"),
    ({"distribution": "empirical", "values": []}, "at least one observed value"),
    ({"distribution": "uniform", "min": "-3d", "max": "5d"}, "cannot be negative"),
    ({"distribution": "pert", "min": "1d", "max": "5d"}, "needs 'likely'"),
])
def test_bad_distribution_parameters_are_refused_with_a_code(fields: dict[str, Any],
                                                             words: str) -> None:
    with pytest.raises(RiskInputError) as info:
        spec_from_duration(raw_duration(**fields), None, "activities[0] (x).duration")
    assert info.value.code == "risk-distribution"
    assert words in str(info.value) and "activities[0] (x).duration" in str(info.value)


def test_a_probability_of_two_is_refused_by_the_engine() -> None:
    plan = plan_with(activities=[{"id": "x", "start": "a", "end": "b", "duration": "3d"}])
    plan.risks.append(Risk.model_construct(id="r", probability=2.0, impacts=[], name="",
                                           driver=None, branch=None, approval="approved"))
    with pytest.raises(RiskInputError) as info:
        simulate(plan, samples=10)
    assert info.value.code == "risk-probability" and "between 0 and 1" in str(info.value)


def test_a_probability_of_two_in_a_plan_file_is_a_plan_file_error() -> None:
    text = ("id: bad\nevents: [{id: a}]\nrisks:\n  - id: r\n    probability: 2\n")
    with pytest.raises(PlanFileError):
        loads_plan(text)


def test_a_bad_duration_in_a_plan_file_names_the_field() -> None:
    text = ("id: bad\nevents: [{id: a}, {id: b}]\nactivities:\n  - id: x\n    start: a\n"
            "    end: b\n    duration: {distribution: uniform, min: 9d, max: 2d}\n")
    with pytest.raises(PlanFileError) as info:
        loads_plan(text)
    assert "greater than" in str(info.value)


def test_a_loop_of_least_bounds_is_a_plan_error_naming_the_loop() -> None:
    plan = plan_with(activities=[{"id": "x", "start": "a", "end": "b", "duration": "3d"}],
                     relations=[{"id": "back", "from": "b", "to": "a", "min": "1d"}])
    with pytest.raises(CycleError) as info:
        simulate(plan, samples=10)
    assert info.value.code == "risk-cycle"
    assert "a → b → a" in str(info.value) or "b → a → b" in str(info.value)


def test_an_impact_on_an_unknown_item_is_refused() -> None:
    plan = plan_with(activities=[{"id": "x", "start": "a", "end": "b", "duration": "3d"}])
    plan.risks.append(Risk.model_validate({"id": "r", "probability": 0.5,
                                           "impacts": [{"target": "x", "set_max": "4d"}]}))
    with pytest.raises(RiskInputError) as info:
        simulate(plan, samples=10)
    assert info.value.code == "risk-impact"


def test_correlations_that_cannot_hold_together_are_refused() -> None:
    acts = [Activity.model_validate({"id": i, "start": "a", "end": "b", "duration": {
        "distribution": "uniform", "min": "1d", "max": "9d"}}) for i in ("x", "y", "z")]
    plan = plan_with(activities=[a.model_dump(by_alias=True) for a in acts],
                     correlations=[{"a": "x", "b": "y", "rho": 0.95},
                                   {"a": "y", "b": "z", "rho": 0.95},
                                   {"a": "x", "b": "z", "rho": -0.95}])
    with pytest.raises(RiskInputError) as info:
        simulate(plan, samples=10)
    assert info.value.code == "risk-correlation"


def test_proposed_items_are_left_out() -> None:
    plan = plan_with(activities=[
        {"id": "x", "start": "a", "end": "b", "duration": "3d"},
        {"id": "y", "start": "a", "end": "b", "duration": "30d", "approval": "proposed"}])
    assert simulate(plan, samples=128).event("b").days["P50"] == pytest.approx(3, abs=0.1)


def test_samples_and_chunk_size_are_checked() -> None:
    plan = plan_with()
    with pytest.raises(MissionplanError, match="at least 1"):
        simulate(plan, samples=0)
    with pytest.raises(MissionplanError, match="multiple of 128"):
        simulate(plan, samples=10, chunk_size=100)


def test_the_cli_prints_the_code_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("id: loop\nevents: [{id: a}, {id: b}]\nrelations:\n"
                    "  - {id: f, from: a, to: b, min: 1d}\n  - {id: g, from: b, to: a, min: 1d}\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["risk", str(path), "--samples", "10"])
    assert result.exit_code == 2
    assert "error[risk-cycle]" in result.output and "Traceback" not in result.output


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    plan = plan_with(activities=[{"id": "x", "start": "a", "end": "b", "duration": "3d"}])
    with pytest.raises(MissionplanError) as info:
        simulate(plan, samples=300, chunk_size=128, scheduler="tcp://127.0.0.1:9")
    assert info.value.code == "risk-scheduler"
