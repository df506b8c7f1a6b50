"""docs/plan-format.md cannot drift: its examples load, its code table is the code list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from missionplan.planfile import CODES, dump_plan, loads_plan
from missionplan.planfile.codes import diagnostic

DOC = Path(__file__).parent.parent / "docs" / "plan-format.md"
TEXT = DOC.read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```yaml\n(.*?)```", TEXT, flags=re.S)


def test_the_doc_has_examples() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.split("\n", 1)[0])
def test_every_yaml_example_is_a_plan_that_loads(example: str) -> None:
    plan = loads_plan(example, filename="docs/plan-format.md")
    assert loads_plan(dump_plan(plan)) == plan


def test_the_code_table_lists_exactly_the_codes() -> None:
    section = TEXT[TEXT.index("## Diagnostics"):]
    table = set(re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.M))
    assert table == set(CODES)


def test_no_diagnostic_can_carry_an_undocumented_code() -> None:
    # Every diagnostic the loader emits is made by this helper, which refuses
    # codes missing from CODES; with the table test above, emitted => documented.
    assert diagnostic("unknown-event", "x", "f").code == "unknown-event"
    with pytest.raises(ValueError, match="undocumented"):
        diagnostic("made-up-code", "x", "f")
