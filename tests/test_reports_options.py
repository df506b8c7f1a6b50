"""The options analysis: courses of action solved and judged side by side on the tiny
synthetic instance, the recommendation and its reasons, the document in English and
French, read back."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from missionplan.cli import main
from missionplan.i18n import Language
from missionplan.outlook.options import compare_options
from missionplan.planfile import load_plan
from missionplan.reports import DocumentFormat, DocumentKind
from missionplan.reports.analyses import AnalysisOptions
from missionplan.reports.run import make_document

PLAN = Path(__file__).parent / "logistics" / "tiny" / "options.yaml"
AS_OF = date(2026, 12, 1)
QUICK = AnalysisOptions(risk_samples=200, deployment_seconds=3.0)


@pytest.fixture(scope="module")
def comparison() -> object:
    return compare_options(load_plan(PLAN), as_of=AS_OF, samples=200, time_limit=3.0)


def test_each_option_is_its_own_movement_plan(comparison: object) -> None:
    found = {o.course.id: o for o in comparison.outcomes}  # type: ignore[attr-defined]
    # by road the three units queue on a road that takes one a day; helicopters fly one
    assert found["by_road"].helicopter_hours == 0
    assert found["road_and_air"].helicopter_hours > 0
    assert found["road_and_air"].deployed_day < found["by_road"].deployed_day
    # holding a unit back 120 days puts the 90-day criterion out of reach, there alone
    assert found["phased"].deployed_day >= 120
    assert [c.status.value for c in found["phased"].criteria] == ["at_risk"]
    assert found["phased"].criteria[0].odds == 0.0
    assert found["by_road"].criteria[0].odds == 1.0


def test_the_comparison_recommends_the_best_unless_the_planners_chose(
        comparison: object) -> None:
    assert comparison.recommended == "road_and_air"  # type: ignore[attr-defined]
    assert not comparison.by_planners  # type: ignore[attr-defined]
    plan = load_plan(PLAN)
    plan.courses_of_action[0].recommended = True
    plan.courses_of_action[0].reasons = "No aircraft to contract."
    chosen = compare_options(plan, as_of=AS_OF, samples=0, time_limit=3.0)
    assert (chosen.recommended, chosen.by_planners) == ("by_road", True)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_document_compares_and_gives_its_reasons() -> None:
    out = make_document(load_plan(PLAN), DocumentKind.options, DocumentFormat.html,
                        as_of=AS_OF, generated=AS_OF, analyses=QUICK)
    assert out.sections == ["Recommendation", "The options",
                            "Criteria for success under each option", "What drives the cost"]
    text = _text(out.data.decode("utf-8"))
    assert "Recommended: Road and helicopters." in text
    assert "0 criteria for success at risk, against 0 under By road." in text
    assert "Deployed on 2 January 2027, 4 days earlier." in text
    assert "Deployed within 90 days on track · 100% on track · 100% at risk · 0%" in text


def test_the_document_in_french_uses_the_options_french_names() -> None:
    import docx

    out = make_document(load_plan(PLAN), DocumentKind.options, DocumentFormat.docx,
                        as_of=AS_OF, generated=AS_OF, analyses=QUICK, lang=Language.fr)
    doc = docx.Document(io.BytesIO(out.data))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Recommandation", "Les options",
                        "Critères de succès selon chaque option", "Ce qui détermine le coût"]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Échelonné" in cells and "Une unité retenue pour une seconde phase." in cells
    assert "2 janvier 2027 (jour 1)" in cells


def test_a_plan_without_options_says_what_the_analysis_awaits() -> None:
    small = Path(__file__).parent / "reports" / "small_plan.yaml"
    out = make_document(load_plan(small), DocumentKind.options, DocumentFormat.html,
                        as_of=AS_OF, generated=AS_OF, analyses=QUICK)
    assert "Awaits the courses of action the plan declares" in out.data.decode("utf-8")


def test_the_cli_writes_the_options_pdf(tmp_path: Path) -> None:
    import pypdf

    target = tmp_path / "options.pdf"
    result = CliRunner().invoke(main, ["report", "options", str(PLAN), "--as-of",
                                       "2026-12-01", "--risk", "100", "--deployment-seconds",
                                       "3", "--lang", "fr", "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = "".join(p.extract_text() for p in pypdf.PdfReader(target).pages)
    assert "Analyse des options" in text and "Option recommandée" in text
