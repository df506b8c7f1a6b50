"""Documents leaders can sign: read back by real readers (pypdf, pdfplumber, python-docx,
PyMuPDF for the picture), in English and French: A4 pages, the marking at the top and
bottom of every page, the symbol and date, the distribution line, "Page N of M", the
one-page summary first."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from missionplan.i18n import Language
from missionplan.reports import DocumentFormat, DocumentKind, build_context, render_document
from missionplan.reports.context import ReportContext
from missionplan.reports.frame import FrameOptions
from reports.fixture import FakeConflict, d, small_plan, small_schedule

A4_POINTS = (595.28, 841.89)
TOP_MARGIN_POINTS = 22 / 25.4 * 72
PAGE_LABEL = {Language.en: "Page {n} of {m}", Language.fr: "Page {n} sur {m}"}
MARKING = {Language.en: "UNCLASSIFIED", Language.fr: "NON CLASSIFIÉ"}
SUMMARY = {Language.en: ("Summary", "Decisions needed", "Objective and priorities"),
           Language.fr: ("Synthèse", "Décisions requises", "Objectif et priorités")}


def _context(lang: Language = Language.en, *, restricted: bool = False,
             frame: FrameOptions | None = None) -> ReportContext:
    plan = small_plan()
    if restricted:
        plan.risks[0].restricted = True
    schedule = small_schedule(actuals={"agreement_signed": d(3, 3)},
                              conflicts=[FakeConflict(["r_tam_within", "r_draft_prior"], 3)])
    ctx = build_context(plan, schedule, generated=date(2025, 3, 1))
    ctx.lang = lang
    if frame is not None:
        ctx.frame = frame.frame(plan, "brief", generated=date(2025, 3, 1), lang=lang)
    return ctx


def _pages(data: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("lang", list(Language))
@pytest.mark.parametrize("kind", list(DocumentKind))
def test_every_pdf_page_is_a4_with_marking_symbol_and_page_number(kind: DocumentKind,
                                                                  lang: Language) -> None:
    import pypdf

    data = render_document(kind, DocumentFormat.pdf, _context(lang))
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) >= (1 if kind is DocumentKind.options else 2)
    symbol = f"NORTHWIND/{kind.value.upper()}/2025-03-01"
    day = {Language.en: "1 March 2025", Language.fr: "1er mars 2025"}[lang]
    for n, (page, text) in enumerate(zip(reader.pages, pages, strict=True), start=1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=1)
        assert text.count(MARKING[lang]) == 2, f"page {n}: marking at the top and bottom"
        assert symbol in text and day in text
        assert PAGE_LABEL[lang].format(n=n, m=len(pages)) in text
        assert ("Distr.: General" if lang is Language.en else "Distr.\u00a0: générale") in text


def test_the_marking_stands_in_the_top_and_bottom_margins() -> None:
    import pdfplumber

    data = render_document(DocumentKind.concept, DocumentFormat.pdf, _context())
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            marks = [w for w in page.extract_words() if w["text"] == "UNCLASSIFIED"]
            assert len(marks) == 2
            top, bottom = sorted(marks, key=lambda w: w["top"])
            assert top["bottom"] < TOP_MARGIN_POINTS
            assert bottom["top"] > page.height - TOP_MARGIN_POINTS
            # centred on the page
            assert abs((top["x0"] + top["x1"]) / 2 - page.width / 2) < 5


@pytest.mark.parametrize("lang", list(Language))
def test_the_brief_opens_with_a_one_page_summary(lang: Language) -> None:
    pages = _pages(render_document(DocumentKind.brief, DocumentFormat.pdf, _context(lang)))
    title, decisions, detail = SUMMARY[lang]
    assert title in pages[0] and decisions in pages[0]
    assert detail not in pages[0] and detail in pages[1]


def test_restricted_items_mark_the_document_and_an_option_overrides() -> None:
    text = "".join(_pages(render_document(DocumentKind.brief, DocumentFormat.pdf,
                                          _context(restricted=True))))
    assert "UN RESTRICTED" in text and "Distr.: Restricted" in text
    assert "UNCLASSIFIED" not in text
    chosen = FrameOptions(classification="STRICTLY CONFIDENTIAL", symbol="S/2025/117",
                          distribution="Distr.: Limited")
    text = "".join(_pages(render_document(DocumentKind.brief, DocumentFormat.pdf,
                                          _context(frame=chosen))))
    assert "STRICTLY CONFIDENTIAL" in text and "S/2025/117" in text
    assert "Distr.: Limited" in text and "UNCLASSIFIED" not in text


def test_the_first_page_renders_to_a_picture_with_its_marking() -> None:
    import pymupdf

    data = render_document(DocumentKind.annex, DocumentFormat.pdf, _context(Language.fr))
    pdf: Any = pymupdf.open(stream=data, filetype="pdf")  # type: ignore[no-untyped-call]
    pixmap = pdf[0].get_pixmap(dpi=40)
    assert pixmap.tobytes("png").startswith(b"\x89PNG")
    assert len(set(pixmap.samples)) > 10
    top_strip = pdf[0].get_text("text", clip=pymupdf.Rect(0, 0, 595, TOP_MARGIN_POINTS))
    assert "NON CLASSIFIÉ" in top_strip


def _docx(kind: DocumentKind, lang: Language) -> Any:
    import docx

    return docx.Document(io.BytesIO(render_document(kind, DocumentFormat.docx,
                                                    _context(lang))))


@pytest.mark.parametrize("lang", list(Language))
@pytest.mark.parametrize("kind", list(DocumentKind))
def test_docx_is_a4_with_header_footer_and_page_fields(kind: DocumentKind,
                                                       lang: Language) -> None:
    doc = _docx(kind, lang)
    for section in doc.sections:
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
        header = [p.text for p in section.header.paragraphs]
        assert header[0] == MARKING[lang]
        assert header[1].startswith(f"NORTHWIND/{kind.value.upper()}/2025-03-01 · 1")
        footer = section.footer._element.xml
        assert MARKING[lang] in footer
        instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer)
        assert [i.strip() for i in instructions] == ["PAGE", "NUMPAGES"]
        assert ("sur" if lang is Language.fr else "of") in section.footer.paragraphs[1].text
    assert doc.core_properties.language == lang.value


def test_docx_summary_comes_first_and_the_concept_says_what_it_awaits_in_french() -> None:
    brief = _docx(DocumentKind.brief, Language.fr)
    level1 = [p.text for p in brief.paragraphs if p.style.name == "Heading 1"]
    assert level1[:2] == ["Synthèse", "Objectif et priorités"]
    concept = _docx(DocumentKind.concept, Language.fr)
    text = "\n".join(p.text for p in concept.paragraphs)
    assert text.count("En attente\u00a0:") >= 5
    assert "1. Contexte politique et évaluation stratégique" in text


GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("lang", list(Language))
def test_concept_golden_in_both_languages(lang: Language) -> None:
    """The mission concept's sections (no charts, so exact), against a checked-in file;
    rewrite with MISSIONPLAN_UPDATE_GOLDEN=1 after a deliberate change."""
    import os

    from missionplan.reports import render_html

    html = render_html(DocumentKind.concept, _context(lang))
    body = html[html.index("<body>"):]
    path = GOLDEN / f"northwind_concept.{lang.value}.html"
    if os.environ.get("MISSIONPLAN_UPDATE_GOLDEN"):
        path.write_text(body, encoding="utf-8")
    assert body == path.read_text(encoding="utf-8")


def test_documents_in_french_use_the_plans_french_text_where_it_has_one() -> None:
    from missionplan.reports.analyses import AnalysisOptions
    from missionplan.reports.run import make_document

    plan = small_plan()
    plan.fr = {"title": "Exercice Northwind"}
    plan.events[0].fr = {"name": "Accord signé"}
    plan.objectives[0].fr = {"text": "Aider les parties à respecter le cessez-le-feu."}

    def page(lang: Language) -> str:
        out = make_document(plan, DocumentKind.brief, DocumentFormat.html,
                            as_of=date(2025, 3, 1), generated=date(2025, 3, 1),
                            lang=lang, analyses=AnalysisOptions(risk_samples=0,
                                                                deployment=False))
        return out.data.decode("utf-8")

    french, english = page(Language.fr), page(Language.en)
    assert "Exercice Northwind" in french and "Accord signé" in french
    assert "Aider les parties à respecter le cessez-le-feu." in french
    # where an item has no French, its English stands; English documents are unchanged
    assert "Draft mission plan" in french
    assert "Accord signé" not in english and "Agreement signed" in english
    assert plan.events[0].name == "Agreement signed"  # the plan itself is untouched


_DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31))


def _row(label: str, day: date, *, event: bool) -> object:
    from missionplan.reports.charts import _Row

    return _Row(label=label, start=day, end=day, window_end=day, exact=True, actual=None,
                conflict=False, event=label if event else None)


@given(events=st.lists(_DAYS, max_size=30), activities=st.lists(_DAYS, max_size=30),
       keep=st.integers(1, 25))
def test_the_long_tail_folds_into_one_row_per_group(events: list[date],
                                                    activities: list[date], keep: int) -> None:
    from missionplan.reports.charts import folded

    rows = [_row(f"e{i}", d, event=True) for i, d in enumerate(events)] + \
        [_row(f"a{i}", d, event=False) for i, d in enumerate(activities)]
    out = folded(rows, keep)  # type: ignore[arg-type]
    for group, days in (("e", events), ("a", activities)):
        shown = [r for r in out if r.label.startswith(group)]  # type: ignore[attr-defined]
        tail = len(days) - keep
        if tail > 1:
            assert [r.label for r in shown] == [f"{group}{i}" for i in range(keep)]
            fold_rows = [r for r in out if r.folded and ((r.event is None) is (group == "a"))]
            assert len(fold_rows) == 1
            assert fold_rows[0].label == f"… {tail} more, to {max(days[keep:]).isoformat()}"
            assert fold_rows[0].start == min(days[keep:])
        else:  # nothing, or one row, to fold: every row shows
            assert len(shown) == len(days)


def test_the_carana_brief_gantt_fits_a4_with_its_tail_folded() -> None:
    from missionplan.planfile import load_plan
    from missionplan.reports.charts import DOCUMENT_FOLD, gantt_svg
    from missionplan.reports.run import plan_schedule
    from missionplan.scenarios import scenario_plan_path

    schedule = plan_schedule(load_plan(scenario_plan_path()), as_of=date(2027, 6, 20))
    svg = gantt_svg(schedule, fold=DOCUMENT_FOLD)
    assert "… 14 more, to 2029-06-01" in svg  # the events after the first 22
    assert "Kalari peace agreement signed" in svg
    assert "Support CONOPS aligned with the Mission Concept" in svg
    full = gantt_svg(schedule)
    assert "more, to" not in full and "All IDPs and refugees returned" in full


def test_the_annex_shows_the_force_and_its_deployment_map() -> None:
    import docx

    from missionplan.planfile import load_plan
    from missionplan.reports.analyses import AnalysisOptions
    from missionplan.reports.run import make_document

    plan = load_plan(Path(__file__).parent / "logistics" / "tiny" / "plan.yaml")
    quick = AnalysisOptions(deployment_seconds=3.0)
    page = make_document(plan, DocumentKind.annex, DocumentFormat.html, as_of=date(2026, 12, 1),
                         generated=date(2026, 12, 1), analyses=quick).data.decode("utf-8")
    force = page.split('<section id="force"')[1].split("</section>")[0]
    assert "of the authorised strength is deployed on" in force
    assert 'alt="Map of the deployment routes, by road and by air"' in force
    assert force.count("data:image/svg+xml;base64,") == 1
    word = make_document(plan, DocumentKind.annex, DocumentFormat.docx, as_of=date(2026, 12, 1),
                         generated=date(2026, 12, 1), analyses=quick)
    assert len(docx.Document(io.BytesIO(word.data)).inline_shapes) == 2  # map and Gantt


def test_deadline_names_and_decisions_in_french() -> None:
    ctx = _context(Language.fr)
    names = [d.name for d in ctx.deadline_table]
    assert "Assessment mission departs — dans les 21 jours suivant «\u00a0Agreement " \
        "signed\u00a0»" in names
    assert "Headquarters established — dans les 5 semaines suivant «\u00a0Resolution " \
        "adopted\u00a0»" in names
    assert "Report to the Council — au plus tard le 1er juin 2025" in names
    english = [d.name for d in _context().deadline_table]
    assert "Assessment mission departs within 21 days of Agreement signed" in english
    assert "Report to the Council by 1 June 2025" in english
