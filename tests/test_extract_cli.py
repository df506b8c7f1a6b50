"""``missionplan extract``: portable drafts, a message for empty text, readable output."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from missionplan.cli import main
from missionplan.planfile import load_plan
from missionplan.scenarios import scenario_dir

DIRECTIVE = """Ceasefire Agreement (test text)

TIMETABLE

The Joint Commission shall be established within 30 days of the signing of this Agreement.

The parties shall withdraw their heavy weapons within 72 hours of the signing of this Agreement.
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": "80"})
    return result.exit_code, result.output


def test_directive_path_is_relative_to_the_draft(tmp_path: Path) -> None:
    text = tmp_path / "texts" / "ceasefire.txt"
    text.parent.mkdir()
    text.write_text(DIRECTIVE, encoding="utf-8")
    (tmp_path / "plans").mkdir()
    draft = tmp_path / "plans" / "draft.yaml"
    code, _ = run("extract", str(text), "-o", str(draft))
    assert code == 0
    assert "directive: ../texts/ceasefire.txt" in draft.read_text(encoding="utf-8")
    moved = tmp_path / "moved"
    (moved / "plans").mkdir(parents=True)
    (moved / "texts").mkdir()
    (moved / "texts" / "ceasefire.txt").write_text(DIRECTIVE, encoding="utf-8")
    (moved / "plans" / "draft.yaml").write_text(draft.read_text(encoding="utf-8"))
    plan = load_plan(moved / "plans" / "draft.yaml")
    assert plan.directive_lines()[0] == "Ceasefire Agreement (test text)"


def test_text_with_nothing_in_it_says_so(tmp_path: Path) -> None:
    for body in ("", "A shopping list.\nMilk and bread.\n"):
        text = tmp_path / "empty.txt"
        text.write_text(body, encoding="utf-8")
        code, output = run("extract", str(text), "-o", str(tmp_path / "draft.yaml"))
        assert code == 1
        assert f"no temporal relations, actors or sections found in {text}" in output
        assert not (tmp_path / "draft.yaml").exists()


def test_relations_read_one_per_line_at_80_columns() -> None:
    code, output = run("extract", str(scenario_dir("carana") / "directive.txt"))
    assert code == 0
    lines = output.splitlines()
    assert all(len(line) <= 80 for line in lines)
    relation = next(line for line in lines if "technical_assessment_mission_deployed" in line)
    assert "peace_agreement_signed → technical_assessment_mission_deployed [0d, 14d]" in relation


def test_against_shows_old_and_new_words_and_touched_items(tmp_path: Path) -> None:
    carana = scenario_dir("carana")
    old = (carana / "directive.txt").read_text(encoding="utf-8")
    new = old.replace("Within 21 days of the signing", "Within 30 days of the signing")
    revised = tmp_path / "revised.txt"
    revised.write_text(new, encoding="utf-8")
    code, output = run("extract", str(revised), "--against", str(carana / "plan.yaml"))
    assert code == 0
    text = " ".join(output.split())
    assert "CHANGED" in text
    assert "- Technical Assessment Mission: Within 21 days of the signing" in text
    assert "+ Technical Assessment Mission: Within 30 days of the signing" in text
    assert "tam_within_21_days_of_signing" in text
