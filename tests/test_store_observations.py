"""Observations in the store: the one-query headline against a Python oracle, imports."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from missionplan.errors import DataFileError
from missionplan.monitor import Observation, headline_series
from missionplan.store import open_workspace

_obs = st.builds(
    Observation,
    indicator=st.sampled_from(["a", "b", "c"]),
    date=st.dates(date(2027, 1, 1), date(2027, 1, 10)),
    value=st.integers(-1000, 1000).map(float),
    pcode=st.sampled_from([None, "CR01", "CR02"]),
    sex=st.sampled_from([None, None, "female"]),
    age_group=st.sampled_from([None, None, "children"]),
)


def test_sql_headline_equals_the_python_rule(tmp_path: Path) -> None:
    with open_workspace(f"sqlite:///{tmp_path / 'h.db'}") as ws:  # opened once, cleared each time

        @settings(max_examples=40, deadline=None)
        @given(rows=st.lists(_obs, max_size=40),
               cut=st.dates(date(2027, 1, 1), date(2027, 1, 10)))
        def check(rows: list[Observation], cut: date) -> None:
            ws.clear(user="t")
            ws.add_observations(rows, user="t")
            assert ws.headline(as_of=cut) == headline_series(rows, as_of=cut)

        check()


def test_headline_on_each_database(db_url: str) -> None:
    d = date(2027, 3, 1)
    rows = [Observation("x", d, 10, pcode="CR01"), Observation("x", d, 5, pcode="CR02"),
            Observation("x", d, 99, pcode="CR01", sex="female"),
            Observation("y", d, 7), Observation("y", d, 1, pcode="CR01"),
            Observation("x", d + timedelta(days=1), 20)]
    with open_workspace(db_url) as ws:
        result = ws.add_observations(rows, user="t", source_name="unit")
        assert result.imported == 6 and result.indicators == ["x", "y"]
        assert ws.headline() == {"x": [(d, 15.0), (d + timedelta(days=1), 20.0)],
                                 "y": [(d, 7.0)]}
        assert ws.headline(as_of=d, indicators=["x"]) == {"x": [(d, 15.0)]}
        assert ws.observations("y") == rows[3:5]
        assert [e.after["rows"] for e in ws.history("x")] == [4]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_file_with_bad_rows_imports_nothing_unless_asked(db_url: str, tmp_path: Path,
                                                           small_plan_text: str) -> None:
    data = _write(tmp_path / "obs.csv", [
        "indicator,date,value,pcode",
        "strength,2027-02-01,10,",
        "strength,2027-02-31,12,",
        "nosuch,2027-03-01,1,",
        "disarmed,2027-03-01,lots,CR01",
        "disarmed,2027-03-01,40,CR02"])
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="t")
        with pytest.raises(DataFileError) as err:
            ws.import_observations(data, user="t")
        assert [(d.location.line if d.location else None, d.code)
                for d in err.value.diagnostics] == [
            (3, "bad-date"), (4, "unknown-indicator"), (5, "bad-value")]
        assert ws.observations() == []
        result = ws.import_observations(data, user="t", skip_bad_rows=True)
        assert result.imported == 2 and len(result.skipped) == 3
        assert {o.value for o in ws.observations()} == {10.0, 40.0}


def test_stored_rows_equal_the_file_whatever_columns_a_chunk_leaves_empty(
        db_url: str, tmp_path: Path, small_plan_text: str) -> None:
    data = _write(tmp_path / "obs.csv", [  # chunks of 2 lines, the header in the first
        "indicator,date,value,pcode,sex,age_group,source",
        "strength,2027-02-01,10,,,,",          # every optional column empty
        "disarmed,2027-03-01,40,CR01,,,",      # P-codes only
        "disarmed,2027-03-01,41,CR02,,,",
        "disarmed,2027-03-02,5,cr01,f,adults,\"survey, round 2\"",  # all filled
        "relief_needed,2027-03-02,7,CR03,m,0-17,ngo",
        "relief_needed,2027-03-03,8,,,,ngo",   # source only
        "relief_needed,2027-03-04,9,,,,ngo"])
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="t")
        result = ws.import_observations(data, user="t", chunk=2)
        assert result.imported == 7 and ws.observation_count() == 7
        stored = ws.observations()
    from missionplan.monitor import read_observations

    rows, _ = read_observations(data)
    key = lambda o: (o.indicator, o.date, o.value)  # noqa: E731
    assert sorted(stored, key=key) == sorted(rows, key=key)
    assert {o.source for o in stored} == {"", "survey, round 2", "ngo"}


def test_a_bad_row_in_the_last_chunk_undoes_the_chunks_already_stored(
        db_url: str, tmp_path: Path, small_plan_text: str) -> None:
    good = [f"disarmed,2027-03-{d:02d},{d},CR01" for d in range(1, 8)]
    data = _write(tmp_path / "obs.csv", ["indicator,date,value,pcode", *good,
                                         "disarmed,2027-03-09,9,C"])
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="t")
        audit_before = ws.audit()
        stored: list[int] = []
        with pytest.raises(DataFileError) as err:
            ws.import_observations(data, user="t", chunk=3, progress=stored.append)
        assert stored == [2, 5]  # two chunks were stored before the one with the bad row
        assert [(d.location.line if d.location else None, d.code)
                for d in err.value.diagnostics] == [(9, "bad-pcode")]
        assert ws.observations() == [] and ws.audit() == audit_before
