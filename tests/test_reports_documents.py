"""Planning documents: structure of the HTML, the DOCX and the PDF (rendered to a picture)."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest

from missionplan.reports import (
    DocumentFormat,
    DocumentKind,
    ReportContext,
    build_context,
    render_document,
    render_html,
)
from missionplan.reports.context import TO_BE_WRITTEN
from reports.fixture import FakeConflict, d, small_plan, small_schedule


def _context(*, conflict: bool = True, risk: object | None = None,
             deployment: object | None = None) -> ReportContext:
    conflicts = [FakeConflict(["r_tam_within", "r_draft_prior"], 3)] if conflict else []
    schedule = small_schedule(actuals={"agreement_signed": d(3, 3)}, conflicts=conflicts)
    return build_context(small_plan(), schedule, generated=date(2025, 3, 1), risk=risk,
                         deployment=deployment)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_brief_has_every_section_with_dates_and_clauses() -> None:
    html = render_html(DocumentKind.brief, _context(risk=["Odds of the deadline: 40%."]))
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert headings == ["Objective and priorities", "Timeline",
                        "Conflicts and the decisions they need", "Deadlines",
                        "Criteria for success", "Risk summary"]
    text = _text(html)
    assert "Report to the Council 10 April 2025 24 April 2025" in text
    assert "Assessment mission: within 21 days of the signing of the agreement." in text
    assert "by at least 3 days" in text
    assert "Odds of the deadline: 40%." in text
    assert html.count("data:image/svg+xml;base64,") == 2


def test_brief_leaves_out_absent_analyses_and_says_when_consistent() -> None:
    html = render_html(DocumentKind.brief, _context(conflict=False))
    assert "Risk summary" not in html and "Deployment summary" not in html
    assert "no deadline is late or at risk: no decision is needed" in _text(html)


def test_deployment_summary_from_a_to_json_dict() -> None:
    ctx = _context(deployment={"sentences": ["Battalion 1 closes in Galasi on day 60."]})
    assert "Battalion 1 closes in Galasi on day 60." in render_html(DocumentKind.brief, ctx)


def test_annex_lists_outputs_and_decisions_only() -> None:
    text = _text(render_html(DocumentKind.annex, _context()))
    for name in ("Draft mission plan", "Report to the Council", "Resolution adopted"):
        assert name in text
    table = text.split("Process outputs and key dates")[1].split("Deadlines")[0]
    assert "Assessment mission departs" not in table
    assert "Headquarters established" not in table


def test_concept_fills_sections_from_the_plan_and_marks_the_rest() -> None:
    html = render_html(DocumentKind.concept, _context())
    headings = [re.sub(r"^\d+\. ", "", h) for h in re.findall(r"<h2>(.*?)</h2>", html)]
    for wanted in ("Vision", "Mission-wide priorities", "Phasing", "Component roles",
                   "Planning assumptions", "Risks"):
        assert wanted in headings
    text = _text(html)
    assert "The parties consent to the deployment." in text
    assert "30%" in text  # the risk's likelihood
    assert "Support Headquarters established Set up headquarters Headquarters staff" in text
    assert text.count(TO_BE_WRITTEN) >= 4


def test_html_escapes_plan_text() -> None:
    plan = small_plan()
    plan.objectives[0].text = "<script>alert(1)</script>"
    ctx = build_context(plan, small_schedule(), generated=date(2025, 3, 1))
    html = render_html(DocumentKind.brief, ctx)
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_docx_has_word_headings_tables_and_page_breaks(kind: DocumentKind) -> None:
    import docx

    data = render_document(kind, DocumentFormat.docx, _context())
    doc = docx.Document(io.BytesIO(data))
    styles = {p.style.name for p in doc.paragraphs if p.style is not None}
    assert "Heading 1" in styles
    assert len(doc.tables) >= 1
    assert b'w:type="page"' in _document_xml(data)
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    if kind is DocumentKind.concept:
        assert "ITF chair" in cells
    else:
        assert "10 April 2025" in cells


def test_docx_brief_headings_match_the_html() -> None:
    import docx

    ctx = _context(risk=["r"])
    doc = docx.Document(io.BytesIO(render_document(DocumentKind.brief, DocumentFormat.docx, ctx)))
    level1 = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    html = render_html(DocumentKind.brief, ctx)
    assert level1 == re.findall(r"<h2>(.*?)</h2>", html)


def _document_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml")


def test_pdf_opens_and_renders_to_a_picture(tmp_path: object) -> None:
    import pymupdf

    data = render_document(DocumentKind.brief, DocumentFormat.pdf, _context())
    assert data.startswith(b"%PDF")
    pdf: Any = pymupdf.open(stream=data, filetype="pdf")  # type: ignore[no-untyped-call]
    assert pdf.page_count >= 2
    text = "".join(page.get_text() for page in pdf)
    assert "Planning brief" in text and "24 March 2025" in text
    pixmap = pdf[0].get_pixmap(dpi=50)
    png = pixmap.tobytes("png")
    assert png.startswith(b"\x89PNG")
    samples = pixmap.samples
    assert len(set(samples)) > 10  # not a blank page


def test_the_stylesheet_reaches_the_pdf_unescaped(caplog: pytest.LogCaptureFixture) -> None:
    """The CSS goes into the page as CSS: its quoted fonts and its page footer ("Page N of
    M") hold, and WeasyPrint finds nothing to ignore in it."""
    import pymupdf

    html = render_document(DocumentKind.brief, DocumentFormat.html, _context()).decode()
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert '"DejaVu Sans"' in style and "&#34;" not in style
    with caplog.at_level("WARNING", logger="weasyprint"):
        data = render_document(DocumentKind.brief, DocumentFormat.pdf, _context())
    assert not [r for r in caplog.records if r.name == "weasyprint"], caplog.text
    pdf: Any = pymupdf.open(stream=data, filetype="pdf")  # type: ignore[no-untyped-call]
    assert f"Page 1 of {pdf.page_count}" in pdf[0].get_text()


def test_deployment_summary_from_a_logistics_result_shape() -> None:
    data = {"threshold": 0.8, "deployed_day": 74, "deployed_date": "2027-05-18", "day_90": 80,
            "date_90": "2027-05-24", "completion_day": 95,
            "lift": {"helicopter_sorties": 3, "helicopter_hours": 4.5,
                     "fixed_wing_sorties": 4, "fixed_wing_hours": 1.2},
            "bottlenecks": [{"detail": "Route R7 closed by the rains from day 40"}]}
    text = _text(render_html(DocumentKind.brief, _context(deployment=data)))
    assert "80% of the authorised strength is deployed on 2027-05-18 (day 74" in text
    assert "90% of the authorised strength is deployed on 2027-05-24 (day 80)" in text
    assert "3 helicopter sorties (4.5 hours)" in text
    assert "Bottleneck: Route R7 closed by the rains from day 40" in text


def test_risk_summary_from_an_object_with_sentences() -> None:
    class Result:
        def sentences(self, plan: object) -> list[str]:
            return [f"{getattr(plan, 'id', '')}: 85% of worlds meet the first deadline."]

    text = _text(render_html(DocumentKind.brief, _context(risk=Result())))
    assert "northwind: 85% of worlds meet the first deadline." in text


def test_brief_from_the_real_schedule_quotes_the_clauses_of_a_conflict() -> None:
    from missionplan.reports.run import make_context

    ctx = make_context(small_plan(), as_of=date(2025, 5, 1), generated=date(2025, 5, 1),
                       anchors={"agreement_signed": date(2025, 5, 20)})
    assert ctx.conflicts, "a signing on 20 May cannot meet a report due by 1 June"
    relations = {c.relation for view in ctx.conflicts for c in view.clauses}
    assert {"r_report_nla", "r_report_after"} <= relations
    text = _text(render_html(DocumentKind.brief, ctx))
    assert "Report: three weeks after return of the assessment mission, and no later than " \
           "1 June 2025." in text
    assert "Decision needed" in text


def test_priorities_are_lists_ranked_numbered_others_bulleted() -> None:
    plan = small_plan()
    extra = plan.priorities[0].model_copy(update={"id": "prio_liaison", "rank": None,
                                                  "name": "Liaison",
                                                  "text": "Liaise with the regional force."})
    plan = plan.model_copy(update={"priorities": [*plan.priorities, extra]})
    ctx = build_context(plan, small_schedule(), generated=date(2025, 3, 1))
    for kind in (DocumentKind.brief, DocumentKind.concept):
        html = render_html(kind, ctx)
        ranked = re.search(r'<ol class="priorities">(.*?)</ol>', html, flags=re.S)
        unranked = re.search(r'<ul class="priorities">(.*?)</ul>', html, flags=re.S)
        assert ranked and unranked
        assert re.findall(r"<li>(.*?)</li>", ranked[1]) == [
            "Protection of civilians", "Safe return of the displaced"]
        assert re.findall(r"<li>(.*?)</li>", unranked[1]) == [
            "<strong>Liaison</strong>: Liaise with the regional force."]
        assert "</li>\n<li>" in ranked[1]
