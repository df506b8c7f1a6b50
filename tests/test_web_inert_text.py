"""Text that people write is inert everywhere it is shown: script, event-handler and
``javascript:`` payloads written into names, notes, texts, an account's display name, an
observation's source and an actual date's note come out as text in every page, document
(HTML, PDF, DOCX) and export (ICS, XLSX, HXL, MSPDI, TJP), each read back by its own
reader."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import fitz
import icalendar
import openpyxl
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from missionplan.monitor import Observation
from missionplan.planfile import dump_plan, loads_plan
from missionplan.web import create_app
from missionplan.web.accounts import add_account
from missionplan.web.testing import FAST_ARGON2, PASSWORD, demo_workspace
from webclient import sign_in


def payload(tag: str) -> str:
    return (f'{tag} <script>alert("{tag}")</script><img src=x onerror="alert(1)">'
            f' "><svg onload=alert(1)> javascript:alert(1) \'quoted\' & more')


NOTE = payload("note") + "\r\nATTENDEE:mailto:evil@example.invalid"
EVENT = "component_conops_aligned_police"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    app = create_app(demo_workspace(tmp_path_factory.mktemp("inert")).settings)
    ws = app.state.web.ws
    plan = loads_plan(ws.export_plan())
    for section in ("events", "activities", "actors", "criteria", "indicators",
                    "assumptions"):
        items = getattr(plan, section)
        changes: dict[str, Any] = {"name": payload(section), "note": NOTE}
        if hasattr(items[0], "text"):
            changes["text"] = payload(f"{section}-text")
        setattr(plan, section, [items[0].model_copy(update=changes), *items[1:]])
    ws.import_plan(dump_plan(plan), user="setup", note=payload("version-note"))
    add_account(ws.engine, "mallory", role="planning_lead", password=PASSWORD, by="setup",
                display_name=payload("display"), argon2=FAST_ARGON2)
    indicator = plan.indicators[0].id
    ws.add_observations([Observation(indicator=indicator, date=date(2027, 11, 1), value=3.0,
                                     source=payload("source"))], user="setup")
    ws.record_actual(EVENT, date(2027, 11, 20), user="setup", note=payload("actual"))
    return app


class _Tags(HTMLParser):
    """Every element and attribute of a page, to find what would run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not str(names.get("src", "")).startswith("/static/"):
            self.found.append(f"<script> without a vendored src: {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and str(value or "").strip(
                    ).lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("img", "svg") and names.get("src") == "x":
            self.found.append(f"<{tag} src=x>")


def _runnable(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.found


def _pages(app: FastAPI) -> list[str]:
    from missionplan.web.pages import ROUTERS

    paths = [str(r.path) for router in ROUTERS for r in router.routes  # type: ignore[attr-defined]
             if "GET" in getattr(r, "methods", set()) and "{" not in str(r.path)
             and not str(r.path).startswith(("/login", "/downloads/", "/exercise"))]
    # the exercise's pages are the trainer's, in an exercise: test_web_exercise walks them
    return [*paths, f"/plan/items/{EVENT}"]


@pytest.mark.parametrize("role", ["admin", "mallory", "viewer"])
def test_no_page_runs_what_people_wrote(app: FastAPI, role: str) -> None:
    client = TestClient(app)
    sign_in(client, role)
    shown = 0
    for path in _pages(app):
        answer = client.get(path)  # a page the role may not read answers a refusal page
        assert answer.status_code in (200, 400, 403), path
        assert _runnable(answer.text) == [], path
        shown += answer.text.count("&lt;script&gt;alert(")
    assert shown >= 5, "the payloads are on the pages, as text"
    assert "display &lt;script&gt;" in client.get("/").text or role != "mallory"


def _download(app: FastAPI, name: str) -> bytes:
    client = TestClient(app)
    sign_in(client, "admin")
    answer = client.get(f"/downloads/{name}")
    assert answer.status_code == 200, name
    return answer.content


@pytest.mark.parametrize("kind", ["brief", "annex", "concept"])
def test_html_documents_run_nothing(app: FastAPI, kind: str) -> None:
    html = _download(app, f"{kind}.html").decode("utf-8")
    assert _runnable(html) == []
    assert "&lt;script&gt;alert(" in html


def test_docx_documents_hold_the_text_as_text(app: FastAPI) -> None:
    document = docx.Document(io.BytesIO(_download(app, "brief.docx")))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    assert '<script>alert("' in text  # as characters, where a reader sees them
    targets = [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert not [t for t in targets if t.lower().startswith("javascript:")]


def test_pdf_documents_carry_no_script_link(app: FastAPI) -> None:
    pdf = fitz.open(stream=_download(app, "brief.pdf"), filetype="pdf")
    links = [link.get("uri", "") for page in pdf for link in page.get_links()]
    assert not [u for u in links if u.lower().startswith("javascript:")]
    assert "alert(" in "".join(page.get_text() for page in pdf)
    assert not any("/JavaScript" in pdf.xref_object(i) or "/JS " in pdf.xref_object(i)
                   for i in range(1, pdf.xref_length()))


def test_ics_keeps_a_line_break_in_a_note_inside_its_field(app: FastAPI) -> None:
    data = _download(app, "export.ics")
    calendar = icalendar.Calendar.from_ical(data)
    for component in calendar.walk():
        assert "ATTENDEE" not in component, "a note's line break started a property"
    assert not re.search(rb"\r\nATTENDEE:", data)
    summaries = [str(e.get("summary")) for e in calendar.walk("VEVENT")]
    assert any('<script>alert("' in s for s in summaries)


def test_xlsx_holds_the_text_as_strings_and_no_link(app: FastAPI, tmp_path: Path) -> None:
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(_download(app, "export.xlsx"))
    book = openpyxl.load_workbook(path)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and "alert(" in c.value]
    assert cells and all(c.data_type == "s" and c.hyperlink is None for c in cells)
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if "vbaProject" in n or "externalLink" in n]


def test_hxl_cells_are_the_text_as_written(app: FastAPI) -> None:
    text = _download(app, "export.hxl").decode("utf-8")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert payload("activities") in cells


def test_mspdi_is_well_formed_with_the_text_in_its_elements(app: FastAPI) -> None:
    root = ET.fromstring(_download(app, "export.mspdi"))
    texts = [e.text or "" for e in root.iter()]
    assert any('<script>alert("' in t for t in texts)
    assert not [e for e in root.iter() if e.tag.split("}")[-1] in ("script", "svg", "img")]


def test_tjp_keeps_every_payload_inside_its_quoted_string(app: FastAPI) -> None:
    text = _download(app, "export.tjp").decode("utf-8")
    for line in text.splitlines():
        if "alert(" not in line:
            continue
        strings = re.findall(r'"((?:[^"\\]|\\.)*)"', line)
        outside = re.sub(r'"((?:[^"\\]|\\.)*)"', "", line)
        assert any("alert(" in s for s in strings) and "alert(" not in outside, line
