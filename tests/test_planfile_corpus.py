"""The fixture corpus: every valid plan loads and round-trips; every invalid one
produces exactly the diagnostics its header states, with both YAML backends."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from missionplan.errors import PlanFileError
from missionplan.model import Plan
from missionplan.planfile import CODES, dump_plan, load_plan, loads_plan, yamlread

PLANS = Path(__file__).parent / "plans"
VALID = sorted((PLANS / "valid").glob("*.yaml"))
INVALID = sorted((PLANS / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: ([a-z-]+) (\d+)\s*$")
BACKENDS = ["libyaml", "ruamel"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with each YAML composer (libyaml, ruamel.yaml's pure-Python one)."""
    name: str = request.param
    original = yamlread.compose

    def forced(text: str, file: str, *, backend: str = "auto") -> yamlread.Node:
        return original(text, file, backend=name)

    monkeypatch.setattr("missionplan.planfile.loader.compose", forced)
    return name


def expectations(path: Path) -> list[tuple[str, int]]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = EXPECT.match(line)
        if match:
            found.append((match.group(1), int(match.group(2))))
    return sorted(found)


def test_corpus_is_large_enough() -> None:
    assert len(VALID) >= 6
    assert len(INVALID) >= 25
    assert all(expectations(p) for p in INVALID), "every invalid fixture states its codes"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_plan_loads(path: Path, backend: str) -> None:
    plan = load_plan(path)
    assert isinstance(plan, Plan)
    assert plan.base_dir == path.resolve().parent


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_plan_round_trips(path: Path) -> None:
    plan = loads_plan(path.read_text(encoding="utf-8"))
    text = dump_plan(plan)
    assert loads_plan(text) == plan
    assert dump_plan(loads_plan(text)) == text, "dumping is stable"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_plan_reports_exactly_what_it_states(path: Path, backend: str) -> None:
    with pytest.raises(PlanFileError) as caught:
        load_plan(path)
    diagnostics = caught.value.diagnostics
    got = sorted((d.code, d.location.line) for d in diagnostics if d.location)
    assert got == expectations(path), [str(d) for d in diagnostics]
    for d in diagnostics:
        assert d.code in CODES
        assert d.location is not None and d.location.file == str(path)
        assert d.location.line is not None and d.location.line >= 1
        assert d.location.column is not None and d.location.column >= 1
        assert "\n" not in d.message and d.message
    lines = [d.location.line for d in diagnostics if d.location]
    assert lines == sorted(lines), "diagnostics come sorted by line"


def test_every_code_in_the_corpus_is_a_known_code() -> None:
    used = {code for p in INVALID for code, _ in expectations(p)}
    assert used <= set(CODES)


def test_valid_corpus_covers_every_element_of_the_model() -> None:
    from missionplan.model import DistributionKind, RelationKind

    plans = [loads_plan(p.read_text(encoding="utf-8")) for p in VALID]
    for field, info in Plan.model_fields.items():
        if info.is_required() or field == "format":
            continue
        assert any(getattr(p, field) for p in plans), f"no valid fixture has '{field}'"
    kinds = {r.kind for p in plans for r in p.relations}
    assert kinds == set(RelationKind)
    distributions = {a.duration.distribution for p in plans for a in p.activities
                     if a.duration is not None}
    assert distributions == set(DistributionKind)
    assert any(r.not_before for p in plans for r in p.relations)
    assert any(r.not_after for p in plans for r in p.relations)
    assert any(part for p in plans for o in p.objectives for part in o.parts)
    assert any(resp for p in plans for a in p.actors for resp in a.responsibilities)
