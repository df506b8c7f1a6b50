"""The loader never raises anything but PlanFileError, whatever it is given.

Random bytes, and random edits of valid plans (the inputs a person produces
by mistake), must either load, and then survive a write and a re-read
unchanged, or be refused with located, coded, one-line diagnostics.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missionplan.errors import PlanFileError
from missionplan.model import Plan
from missionplan.planfile import CODES, dump_plan, load_plan_bytes, loads_plan

VALID = sorted((Path(__file__).parent / "plans" / "valid").glob("*.yaml"))
TEXTS = [p.read_text(encoding="utf-8") for p in VALID]
SIGNIFICANT = [*":-[]{}&*!#|>'\"\t\n ,?%@`", "  ", "\n  - ", ": ", "14d", "x", "1", "id",
               "from", "<<", "é", "\x00"]
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def outcome(load: object) -> Plan | None:
    assert callable(load)
    try:
        plan = load()
    except PlanFileError as exc:
        assert exc.diagnostics
        for d in exc.diagnostics:
            assert d.code in CODES
            assert d.location is not None and d.location.file == "fuzz.yaml"
            assert d.location.line is not None and d.location.line >= 1
            assert d.location.column is not None and d.location.column >= 1
            assert d.message and "\n" not in d.message
        return None
    assert isinstance(plan, Plan)
    return plan


@FAST
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    outcome(lambda: load_plan_bytes(data, filename="fuzz.yaml"))


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        action = draw(st.sampled_from(["delete", "insert", "replace", "duplicate-line"]))
        if action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 12)):]
        elif action == "insert":
            text = text[:at] + draw(st.sampled_from(SIGNIFICANT)) + text[at:]
        elif action == "replace":
            text = text[:at] + draw(st.sampled_from(SIGNIFICANT)) + text[at + 1:]
        else:
            lines = text.splitlines(keepends=True)
            i = draw(st.integers(0, len(lines) - 1))
            text = "".join([*lines[:i + 1], lines[i], *lines[i + 1:]])
    return text


@FAST
@given(mutated())
def test_mutated_plans(text: str) -> None:
    plan = outcome(lambda: loads_plan(text, filename="fuzz.yaml"))
    if plan is not None:
        assert loads_plan(dump_plan(plan)) == plan


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_plans_with_the_pure_python_composer(text: str) -> None:
    from unittest import mock

    from missionplan.planfile.yamlread import compose

    with mock.patch("missionplan.planfile.loader.compose",
                    lambda t, f: compose(t, f, backend="ruamel")):
        outcome(lambda: loads_plan(text, filename="fuzz.yaml"))
