"""The ``status`` table at 80 columns, exactly as checked in under tests/golden/.

The built-in scenario (plan and synthetic sample data) as of 2027-12-31, printed by
``missionplan status`` through click's runner (not a terminal, so 80 columns and no
colour). Lines are compared with trailing spaces removed (rich pads every line to the
width; editors strip them), otherwise character for character. After a deliberate
change, rewrite the file with ``MISSIONPLAN_UPDATE_GOLDEN=1 pytest <this file>`` and
review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from missionplan.cli import main

GOLDEN = Path(__file__).parent / "golden" / "status_carana_2027-12-31.txt"


def _lines(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def test_status_table_matches_the_golden_file(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'workspace.db'}"
    runner = CliRunner(env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert runner.invoke(main, ["init", "--db", db]).exit_code == 0
    result = runner.invoke(main, ["status", "--as-of", "2027-12-31", "--db", db,
                                       "--risk", "512", "--no-deployment"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "as of 2027-12-31 (--as-of)\n"
    got = _lines(result.stdout)
    if os.environ.get("MISSIONPLAN_UPDATE_GOLDEN"):
        GOLDEN.write_text(got, encoding="utf-8")
    assert max(len(line) for line in got.splitlines()) <= 80
    assert got == GOLDEN.read_text(encoding="utf-8")
