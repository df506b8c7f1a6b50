"""The column-wise import gives exactly what the row-by-row rule gives, chunk by chunk."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from missionplan.errors import DataFileError
from missionplan.monitor import Observation, ObservationFile
from missionplan.monitor.rows import RawRow, RowError, parse_row

KNOWN = {"a", "b"}
HEADER = ["indicator", "date", "value", "pcode", "sex", "age_group", "source"]
_cells = {
    "indicator": ["a", "b", " a ", "", "zz"],
    "date": ["2027-01-05", "2027-02-30", "", "2027-01-05T10:00", "x", " 2027-03-01"],
    "value": ["1", " 2.5", "1,000", "", "nan", "inf", "abc", "1e400", "-3", "1_0"],
    "pcode": ["", "cr01", "C1", "CR0X", " CR02 "],
    "sex": ["", "F", "m", "q", "Female"],
    "age_group": ["", "adults", " 0-17 "],
    "source": ["", " survey ", "a \"quoted\", text"],
}
_row = st.tuples(*(st.sampled_from(_cells[c]) for c in HEADER))
_blank = st.sampled_from([("",) * len(HEADER), (" ",) * len(HEADER)])


def _oracle(rows: list[tuple[str, ...]]) -> tuple[list[Observation], list[tuple[int, str]]]:
    """Row by row with :func:`parse_row`, blank rows passed over; lines from 2."""
    good, bad = [], []
    for line, row in enumerate(rows, 2):
        if not any(c.strip() for c in row):
            continue
        cells = dict(zip(HEADER, row, strict=True))
        try:
            good.append(parse_row(RawRow(line, **cells), indicators=KNOWN))
        except RowError as exc:
            bad.append((line, exc.code))
    return good, bad


@settings(max_examples=120, deadline=None)
@given(rows=st.lists(st.one_of(_row, _row, _row, _blank), max_size=25),
       chunk=st.integers(1, 6))
def test_column_checks_agree_with_the_row_by_row_rule(rows: list[tuple[str, ...]],
                                                      chunk: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "obs.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([HEADER, *rows])
        source = ObservationFile(path, indicators=KNOWN, chunk=chunk)
        got = list(source)
        problems = [(d.location.line if d.location else None, d.code) for d in source.problems]
    want_good, want_bad = _oracle(rows)
    assert got == want_good
    assert problems == want_bad
    assert all(f"row {line}:" in str(d) for d, (line, _) in zip(source.problems, want_bad,
                                                                strict=True))


def test_rows_are_numbered_by_their_first_physical_line(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text('indicator,date,value,source\n'
                    'a,2027-01-01,1,"two\nlines"\n'
                    '\n'
                    'a,2027-01-02,x,one\n'
                    'a,2027-01-03,3,"three\r\nmore\nlines"\n'
                    'a,2027-01-32,4,\n', encoding="utf-8")
    for chunk in (1, 2, 100):
        source = ObservationFile(path, chunk=chunk)
        assert [o.value for o in source] == [1.0, 3.0]
        assert [(d.location.line if d.location else None, d.code)
                for d in source.problems] == [(5, "bad-value"), (9, "bad-date")]


def test_hxl_with_several_value_columns_expands_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text("# synthetic test data\n"
                    "#indicator,#date,#adm2+code,#adm1+code,#reached,#reached+f,"
                    "#reached+m+age0_17\n"
                    "a,2027-01-01,CR0101,CR01,10,4,\n"
                    "a,2027-01-02,CR0102,CR01,,5,x\n"
                    ",,,,,,\n"
                    "b,2027-01-03,CR0103,CR01,7,,2\n", encoding="utf-8")
    for chunk in (1, 2, 100):
        source = ObservationFile(path, chunk=chunk)
        got = [(o.indicator, o.value, o.pcode, o.sex, o.age_group) for o in source]
        assert got == [("a", 10.0, "CR0101", None, None), ("a", 4.0, "CR0101", "female", None),
                       ("a", 5.0, "CR0102", "female", None),
                       ("b", 7.0, "CR0103", None, None), ("b", 2.0, "CR0103", "male", "0-17")]
        assert [(d.location.line if d.location else None, d.code)
                for d in source.problems] == [(4, "bad-value")]


def test_xlsx_cells_of_any_type_follow_the_cell_rules(tmp_path: Path) -> None:
    from datetime import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["indicator", "date", "value"])
    sheet.append(["a", datetime(2027, 2, 1, 9, 30), 3])
    sheet.append([0, 0, 0])
    sheet.append(["a", "2027-02-02", True])
    sheet.append([None, None, None])
    sheet.append(["b", "2027-02-03", 2.5])
    book.save(tmp_path / "obs.xlsx")
    source = ObservationFile(tmp_path / "obs.xlsx")
    assert [(o.indicator, o.date.isoformat(), o.value) for o in source] == [
        ("a", "2027-02-01", 3.0), ("b", "2027-02-03", 2.5)]
    assert [(d.location.line if d.location else None, d.code) for d in source.problems] == [
        (3, "bad-date"), (4, "bad-value")]


def test_a_file_without_a_header_or_tags_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("# only a comment\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="no header row"):
        list(ObservationFile(empty))
    with pytest.raises(DataFileError, match="no such file"):
        list(ObservationFile(tmp_path / "absent.csv"))


def test_an_unreadable_csv_is_a_located_data_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("indicator,date,value\nr\xe9fugi\xe9s,2027-01-01,1\n".encode("latin-1"))
    with pytest.raises(DataFileError, match="not a readable CSV"):
        list(ObservationFile(path))
