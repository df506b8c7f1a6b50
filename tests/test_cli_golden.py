"""Golden outputs of the plan verbs at 80 columns: the exact text a planner reads.

Set MISSIONPLAN_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from missionplan.cli import main

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
PLAN = HERE / "plans" / "valid"

CASES = {
    "plan_check_conflict": ["check", "{tmp}/conflict.yaml"],
    "plan_schedule": ["schedule", "{tmp}/small.yaml", "--as-of", "2027-02-20",
                      "--actual", "team_out=2027-01-20"],
    "plan_explain": ["explain", "report", "{tmp}/small.yaml"],
}

SMALL = """\
id: small
title: Golden plan
events:
  - {id: signed, name: Agreement signed}
  - {id: team_out, name: Team deployed}
  - {id: team_back, name: Team returned}
  - {id: report, name: Report submitted}
activities:
  - {id: visit, start: team_out, end: team_back, duration: {min: 7d, likely: 10d, max: 14d}}
relations:
  - {id: team_within_14d, from: signed, to: team_out, kind: within, max: 14d,
     text: within 14 days of the signing}
  - {id: report_3w_after_return, from: team_back, to: report, kind: after, min: 3w, max: 3w,
     text: three weeks after return}
anchors:
  - {event: signed, date: 2027-01-15}
"""

CONFLICT = SMALL.replace("id: small", "id: conflict") + """\
  - {event: report, date: 2027-02-01}
"""


def _normalise(text: str, tmp: Path) -> str:
    text = text.replace(str(tmp), "{tmp}")
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


@pytest.mark.parametrize("name", sorted(CASES))
def test_plan_verb_output_is_exactly_the_golden_file(name: str, tmp_path: Path) -> None:
    (tmp_path / "small.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "conflict.yaml").write_text(CONFLICT, encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in CASES[name]]
    result = CliRunner().invoke(main, args, env={"COLUMNS": "80"})
    assert result.exit_code in (0, 1), result.output
    got = _normalise(result.stdout, tmp_path)
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("MISSIONPLAN_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")
