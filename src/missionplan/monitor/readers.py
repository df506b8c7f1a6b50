"""Read observation files (CSV, XLSX, HXL-tagged CSV or XLSX) into raw rows.

Plain CSV and XLSX files have a header row naming the columns (case and
spaces do not matter): ``indicator``, ``date``, ``value`` (required) and
``source``, ``pcode`` (also ``p_code``, ``adm1_pcode``, ``place``), ``sex``,
``age_group`` (also ``age``). Other columns are ignored.

A file is HXL when one of its first rows is a row of HXL hashtags; it is read
with libhxl. Mapping: ``#indicator`` → indicator; ``#date`` → date;
``#adm1+code`` (or the deepest ``#admN+code`` present) → P-code;
``#meta+source`` (else ``#org``) → source. The value column is ``#value`` if
present, else the first present of ``#reached``, ``#inneed``, ``#targeted``,
``#affected``, ``#population``. Every non-empty cell of that hashtag is one
observation: attributes ``+f``/``+female`` and ``+m``/``+male`` give its
sex; ``+infants``, ``+children``, ``+adolescents``, ``+adults``, ``+elderly``
and ``+age…`` attributes (``+age0_17``) give its age group; a cell without
them is the row's headline value.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import DataFileError, MissingExtraError
from .rows import RawRow

__all__ = ["FORMATS", "is_hxl", "read_rows"]

FORMATS = (".csv", ".xlsx", ".hxl")
_ALIASES = {"p_code": "pcode", "adm1_pcode": "pcode", "place": "pcode", "age": "age_group"}
_REQUIRED = ("indicator", "date", "value")
_VALUE_TAGS = ("#value", "#reached", "#inneed", "#targeted", "#affected", "#population")
_HASHTAG = re.compile(r"^#[A-Za-z][A-Za-z0-9_]*(\s*\+[A-Za-z][A-Za-z0-9_]*)*$")
_AGES = {"infants", "children", "adolescents", "adults", "elderly"}


def read_rows(path: Path) -> Iterator[RawRow]:
    """The rows of ``path``, by its extension and (for CSV) whether it carries HXL tags."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise DataFileError(f"{path}: unknown kind of data file '{suffix}' (use "
                            + ", ".join(FORMATS) + ")")
    if suffix == ".hxl" or is_hxl(path):
        return _hxl_rows(path)
    if suffix == ".xlsx":
        return _table_rows(path, _xlsx_cells(path))
    return _table_rows(path, _csv_cells(path))


def is_hxl(path: Path, *, look: int = 25) -> bool:
    """True when one of the first ``look`` rows is a row of HXL hashtags."""
    cells = _xlsx_cells(path) if path.suffix.lower() == ".xlsx" else _csv_cells(path)
    for i, (_, row) in enumerate(cells):
        filled = [str(c).strip() for c in row if c is not None and str(c).strip()]
        if filled and all(_HASHTAG.match(c) for c in filled):
            return True
        if i >= look:
            break
    return False


def _csv_cells(path: Path) -> Iterator[tuple[int, list[Any]]]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        for row in reader:
            yield reader.line_num, list(row)


def _xlsx_cells(path: Path) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for number, row in enumerate(book.worksheets[0].iter_rows(values_only=True), 1):
            yield number, list(row)
    finally:
        book.close()


def _table_rows(path: Path, cells: Iterator[tuple[int, list[Any]]]) -> Iterator[RawRow]:
    header: list[Any] | None = None
    for _, row in cells:  # comment lines ('# synthetic data …') may precede the header
        if row and not str(row[0] or "").startswith("#"):
            header = row
            break
    if header is None:
        raise DataFileError(f"{path}: the file has no header row")
    names = [_ALIASES.get(n, n) for n in
             (str(h or "").strip().lower().replace(" ", "_").replace("-", "_")
              for h in header)]
    missing = [c for c in _REQUIRED if c not in names]
    if missing:
        raise DataFileError(f"{path}:1: the header lacks column(s) {', '.join(missing)}; "
                            "it needs indicator, date, value")
    index = {n: i for i, n in reversed(list(enumerate(names)))}
    fields = ("indicator", "date", "value", "source", "pcode", "sex", "age_group")
    for line, row in cells:
        if not any(c is not None and str(c).strip() for c in row):
            continue
        got = {f: (row[index[f]] if f in index and index[f] < len(row) else None)
               for f in fields}
        yield RawRow(line, **got)


def _hxl_rows(path: Path) -> Iterator[RawRow]:
    try:
        import hxl
    except ImportError:
        raise MissingExtraError("HXL import", "all", "libhxl") from None
    try:
        source = hxl.data(str(path), hxl.InputOptions(allow_local=True))
        columns = list(source.columns)
    except Exception as exc:
        raise DataFileError(f"{path}: not a readable HXL file: {exc}") from None
    spec = _hxl_spec(path, columns)
    for row in source:
        values = row.values
        base = {k: (values[i] if i is not None and i < len(values) else None)
                for k, i in spec["fields"].items()}
        for i, sex, age in spec["values"]:
            cell = values[i] if i < len(values) else None
            if cell is None or not str(cell).strip():
                continue
            yield RawRow(row.source_row_number + 1, base["indicator"], base["date"], cell,
                         base["source"], base["pcode"], sex, age)


def _hxl_spec(path: Path, columns: list[Any]) -> dict[str, Any]:
    def find(tag: str, *, attrs: set[str] | None = None) -> int | None:
        for i, c in enumerate(columns):
            if c.tag == tag and (attrs is None or attrs <= set(c.attributes)):
                return i
        return None

    admin = [i for i, c in enumerate(columns)
             if c.tag and c.tag.startswith("#adm") and "code" in c.attributes]
    fields = {"indicator": find("#indicator"), "date": find("#date"),
              "pcode": max(admin, key=lambda i: columns[i].tag) if admin else None,
              "source": find("#meta", attrs={"source"})}
    if fields["source"] is None:
        fields["source"] = find("#org")
    value_tag = next((t for t in _VALUE_TAGS if find(t) is not None), None)
    missing = [t for t, k in (("#indicator", "indicator"), ("#date", "date"))
               if fields[k] is None] + ([] if value_tag else ["#value (or #reached …)"])
    if missing:
        raise DataFileError(f"{path}: the HXL tags lack {', '.join(missing)}")
    values = [(i, _hxl_sex(c.attributes), _hxl_age(c.attributes))
              for i, c in enumerate(columns) if c.tag == value_tag]
    return {"fields": fields, "values": values}


def _hxl_sex(attributes: set[str]) -> str | None:
    if attributes & {"f", "female"}:
        return "female"
    if attributes & {"m", "male"}:
        return "male"
    return None


def _hxl_age(attributes: set[str]) -> str | None:
    for a in sorted(attributes):
        if a in _AGES:
            return a
        if a.startswith("age") and len(a) > 3:
            return a[3:].replace("_", "-")
    return None
