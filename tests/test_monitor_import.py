"""Observation files: CSV, XLSX and HXL read the same; bad rows are located and coded."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from missionplan.errors import DataFileError
from missionplan.monitor import ObservationFile, read_observations
from missionplan.planfile import load_plan
from missionplan.scenarios import scenario_dir, scenario_plan_path

DATA = scenario_dir() / "data"


def test_the_sample_csv_and_its_hxl_version_hold_the_same_observations() -> None:
    plain, _ = read_observations(DATA / "observations.csv")
    tagged, _ = read_observations(DATA / "observations.hxl.csv")
    assert len(plain) > 1000
    assert Counter(plain) == Counter(tagged)


def test_sample_data_is_labelled_synthetic_and_matches_the_plan() -> None:
    for name in ("observations.csv", "observations.hxl.csv", "README.md"):
        assert "SYNTHETIC" in (DATA / name).read_text(encoding="utf-8")[:200].upper()
    indicators = {i.id for i in load_plan(scenario_plan_path()).indicators}
    rows, skipped = read_observations(DATA / "observations.csv", indicators=indicators)
    assert not skipped and {o.indicator for o in rows} == indicators
    assert {o.pcode for o in rows} - {None} == {f"CR0{i}" for i in range(1, 9)}


def test_xlsx_reads_like_csv(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indicator", "Date", "Value", "P-code", "Sex"])
    sheet.append(["a", "2027-02-01", 3, "cr01", "F"])
    sheet.append(["a", "2027-02-02", "x", None, None])
    book.save(tmp_path / "obs.xlsx")
    source = ObservationFile(tmp_path / "obs.xlsx")
    rows = list(source)
    assert [(o.indicator, o.value, o.pcode, o.sex) for o in rows] == [("a", 3.0, "CR01",
                                                                      "female")]
    assert [(d.code, d.location.line if d.location else None) for d in source.problems] == [
        ("bad-value", 3)]


def test_hxl_rows_are_numbered_as_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text("Indicator,Date,Place,Reached,Reached women\n"
                    "#indicator,#date,#adm1+code,#reached,#reached+f\n"
                    "a,2027-01-01,CR01,10,4\n"
                    "a,2027-13-01,CR01,10,\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        read_observations(path)
    assert [(d.code, d.location.line if d.location else None)
            for d in err.value.diagnostics] == [("bad-date", 4)]
    rows, skipped = read_observations(path, skip_bad_rows=True)
    assert [(o.value, o.sex) for o in rows] == [(10.0, None), (4.0, "female")]
    assert len(skipped) == 1


def test_a_file_without_the_needed_columns_says_which(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text("indicator,when,value\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"lacks column.*date"):
        read_observations(path)
    with pytest.raises(DataFileError, match="unknown kind"):
        read_observations(tmp_path / "obs.txt")
