"""PSPLIB oracles for levelling: known optimal makespans, `unsat` instances reported
infeasible, the files' own critical-path lengths, and the validator on every schedule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from missionplan.errors import DataFileError
from missionplan.levelling import (
    Problem,
    read_optima,
    read_sch,
    read_sm,
    serial_schedule,
    solve,
    violations,
)
from missionplan.levelling.cpsat import measure_makespan
from missionplan.levelling.network import Distances

ROOT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "psplib"
pytestmark = pytest.mark.skipif(not ROOT.is_dir(), reason="PSPLIB instances not present")
J30, J120, MAX = "rcpsp-j30.sm", "rcpsp-j120.sm", "rcpsp-max-sm_j30"




# Instances of every parameter group that CP-SAT closes in well under a second here.
EASY_J30 = [f"j30{g}_{i}.sm" for g, i in ((1, 1), (2, 3), (5, 2), (9, 4), (17, 1), (21, 5),
                                           (25, 7), (29, 2), (33, 9), (37, 1), (41, 3),
                                           (45, 6))]
MAX_SAMPLE = [f"PSP{i}.SCH" for i in (1, 2, 3, 5, 10, 27, 40, 63, 100, 118, 150, 201, 246)]


def _check(problem: Problem, times: list[int] | None) -> None:
    assert times is not None
    assert violations(problem, times) == []


@pytest.mark.parametrize("name", EASY_J30)
def test_j30_optimal_makespans_equal_the_known_optima(name: str) -> None:
    problem = read_sm(ROOT / J30 / name)
    found = solve(problem, time_limit=60, workers=1)
    known = read_optima(ROOT / J30 / "optimum" / "optimum.csv")[name]
    assert found.status == "optimal"
    assert found.value == known.optimum == found.makespan(problem)
    _check(problem, found.times)
    assert found.heuristic is not None and found.heuristic >= found.value


@pytest.mark.parametrize("name", MAX_SAMPLE)
def test_rcpsp_max_optima_are_found_and_unsat_is_proven(name: str) -> None:
    problem = read_sch(ROOT / MAX / name)
    known = read_optima(ROOT / MAX / "optimum" / "optimum.csv")[name]
    found = solve(problem, time_limit=60, workers=1)
    if known.unsat:
        assert found.status == "infeasible" and found.times is None
        assert serial_schedule(problem) is None
        return
    assert found.status == "optimal"
    _check(problem, found.times)
    assert (known.lower or 0) <= (found.value or 0)
    if known.optimum is not None:
        assert found.value == known.optimum


def _mpm(path: Path) -> int:
    text = path.read_text(encoding="ascii")
    info = text[text.index("PROJECT INFORMATION"):].splitlines()[2]
    return int(info.split()[-1])


@pytest.mark.parametrize("path", (sorted((ROOT / J30).glob("*.sm"))[::16] +
                                  sorted((ROOT / J120).glob("*.sm"))[::40])
                         if ROOT.is_dir() else [], ids=lambda p: p.name)
def test_without_resources_the_makespan_is_the_files_mpm_time(path: Path) -> None:
    problem = read_sm(path)
    sink = len(problem.points) - 1
    assert Distances(problem).earliest(sink) == _mpm(path)
    free = serial_schedule(problem.unlimited())
    assert free is not None and measure_makespan(problem, free) == _mpm(path)


@pytest.mark.parametrize("path", sorted((ROOT / J120).glob("*.sm"))[::150]
                         if ROOT.is_dir() else [], ids=lambda p: p.name)
def test_j120_schedules_are_valid_and_within_the_known_bounds(path: Path) -> None:
    problem = read_sm(path)
    known = read_optima(ROOT / J120 / "optimum" / "optimum.csv")[path.name]
    found = solve(problem, time_limit=3, workers=1)
    assert found.status in ("optimal", "feasible")
    _check(problem, found.times)
    assert (found.value or 0) >= (known.lower or 0)
    assert found.bound is not None and found.bound <= (found.value or 0)


def test_the_validator_catches_a_task_moved_into_a_clash() -> None:
    problem = read_sm(ROOT / J30 / "j301_1.sm")
    found = solve(problem, time_limit=30, workers=1)
    assert found.times is not None
    broken = list(found.times)
    broken[5] -= 1  # job 6 one day early: before a predecessor ends, or over a capacity
    said = violations(problem, broken)
    assert said and all(re.search(r"more than|needed", s) for s in said)


def test_a_file_that_is_not_an_instance_is_a_data_file_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.sm"
    bad.write_text("hello\n")
    with pytest.raises(DataFileError) as caught:
        read_sm(bad)
    assert caught.value.code == "data-file" and "x.sm" in str(caught.value)
    with pytest.raises(DataFileError):
        read_sch(bad)
