"""Read observation files (CSV, XLSX, HXL-tagged CSV or XLSX) into chunks of raw columns.

Plain CSV and XLSX files have a header row naming the columns (case and
spaces do not matter): ``indicator``, ``date``, ``value`` (required) and
``source``, ``pcode`` (also ``p_code``, ``adm1_pcode``, ``place``), ``sex``,
``age_group`` (also ``age``). Other columns are ignored.

A file is HXL when one of its first rows is a row of HXL hashtags; its tags
are parsed with libhxl. Mapping: ``#indicator`` → indicator; ``#date`` → date;
``#adm1+code`` (or the deepest ``#admN+code`` present) → P-code;
``#meta+source`` (else ``#org``) → source. The value column is ``#value`` if
present, else the first present of ``#reached``, ``#inneed``, ``#targeted``,
``#affected``, ``#population``. Every non-empty cell of that hashtag is one
observation: attributes ``+f``/``+female`` and ``+m``/``+male`` give its
sex; ``+infants``, ``+children``, ``+adolescents``, ``+adults``, ``+elderly``
and ``+age…`` attributes (``+age0_17``) give its age group; a cell without
them is the row's headline value.

Rows are read with the ``csv`` module (or openpyxl) in chunks of
:data:`CHUNK` rows and handed on column by column (:class:`RawChunk`), so the
checks in :mod:`.columns` work on whole columns rather than row by row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, islice
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..errors import DataFileError, MissingExtraError

__all__ = ["CHUNK", "FIELDS", "FORMATS", "RawChunk", "is_hxl", "read_chunks"]

CHUNK = 200_000
FORMATS = (".csv", ".xlsx", ".hxl")
FIELDS = ("indicator", "date", "value", "source", "pcode", "sex", "age_group")
_ALIASES = {"p_code": "pcode", "adm1_pcode": "pcode", "place": "pcode", "age": "age_group"}
_REQUIRED = ("indicator", "date", "value")
_VALUE_TAGS = ("#value", "#reached", "#inneed", "#targeted", "#affected", "#population")
_HASHTAG = re.compile(r"^#[A-Za-z][A-Za-z0-9_]*(\s*\+[A-Za-z][A-Za-z0-9_]*)*$")
_AGES = {"infants", "children", "adolescents", "adults", "elderly"}
_LOOK = 25


@dataclass(slots=True)
class RawChunk:
    """Raw cells of consecutive records, one list per field present in the file.

    ``lines[i]`` is the 1-based line (or sheet row) of record ``i``; ``rows[i]`` its whole
    row when it may be entirely blank (plain tables), so such rows can be passed over.
    Constant fields (HXL sex and age of a value column) are filled in, absent ones omitted.
    """

    lines: Sequence[int]
    fields: dict[str, list[Any]]
    rows: Sequence[Sequence[Any]] | None = None

    def __len__(self) -> int:
        return len(self.lines)


def read_chunks(path: Path, *, chunk: int = CHUNK) -> Iterator[RawChunk]:
    """The records of ``path`` in chunks, by its extension and whether it carries HXL tags."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise DataFileError(f"{path}: unknown kind of data file '{suffix}' (use "
                            + ", ".join(FORMATS) + ")")
    if not path.is_file():
        raise DataFileError(f"{path}: no such file")
    hxl_tags = suffix == ".hxl" or is_hxl(path)
    blocks = _xlsx_blocks(path, chunk) if suffix == ".xlsx" else _csv_blocks(path, chunk)
    if hxl_tags:
        return _hxl_chunks(path, blocks)
    return _table_chunks(path, blocks)


def is_hxl(path: Path, *, look: int = _LOOK) -> bool:
    """True when one of the first ``look`` rows is a row of HXL hashtags."""
    for _, rows in _xlsx_blocks(path, look) if path.suffix.lower() == ".xlsx" \
            else _csv_blocks(path, look):
        return any(_is_tag_row(r) for r in rows)
    return False


def _is_tag_row(row: Sequence[Any]) -> bool:
    filled = [str(c).strip() for c in row if c is not None and str(c).strip()]
    return bool(filled) and all(_HASHTAG.match(c) for c in filled)


Block = tuple[Sequence[int], list[Sequence[Any]]]


def _csv_blocks(path: Path, size: int) -> Iterator[Block]:
    """Rows in blocks with their first physical line (quoted cells may span lines)."""
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        try:
            while True:
                before = reader.line_num
                rows: list[Sequence[Any]] = list(islice(reader, size))
                if not rows:
                    return
                if reader.line_num - before == len(rows):
                    yield range(before + 1, before + 1 + len(rows)), rows
                else:
                    yield _spanning_lines(before, rows), rows
        except (csv.Error, UnicodeDecodeError) as exc:
            raise DataFileError(f"{path}:{reader.line_num + 1}: not a readable CSV file: "
                                f"{exc}") from None


def _spanning_lines(before: int, rows: list[Sequence[Any]]) -> list[int]:
    """The first line of each row when some cells hold line breaks."""
    lines, line = [], before + 1
    for row in rows:
        lines.append(line)
        text = "".join(row)
        line += 1 + text.count("\n") + text.count("\r") - text.count("\r\n")
    return lines


def _xlsx_blocks(path: Path, size: int) -> Iterator[Block]:
    from .workbooks import limited_rows, open_workbook

    try:
        book = open_workbook(path)
    except DataFileError:
        raise
    except Exception as exc:
        raise DataFileError(f"{path}: not a readable XLSX workbook: {exc}") from None
    try:
        rows = limited_rows(book.worksheets[0].iter_rows(values_only=True), path)
        number = 0
        while block := list(islice(rows, size)):
            yield range(number + 1, number + 1 + len(block)), block
            number += len(block)
    finally:
        book.close()


def _drop_empty(lines: Sequence[int], rows: list[Sequence[Any]]) -> Block:
    """Rows without any filled cell removed (whitespace-only cells are dealt with later)."""
    keep = list(map(any, rows))  # in C; a falsy row may still hold a number 0 (XLSX)
    if all(keep):
        return lines, rows
    for i in [i for i, k in enumerate(keep) if not k]:
        keep[i] = any(c is not None and str(c) != "" for c in rows[i])
    return list(compress(lines, keep)), list(compress(rows, keep))


def _columns(rows: list[Sequence[Any]], index: dict[str, int]) -> dict[str, list[Any]]:
    """The cells of each field, short rows padded with ``None``."""
    width = max(index.values()) + 1
    if rows and min(map(len, rows)) < width:
        pad = (None,) * width
        rows = [r if len(r) >= width else (*r, *pad[len(r):]) for r in rows]
    return {f: list(map(itemgetter(i), rows)) for f, i in index.items()}


def _table_chunks(path: Path, blocks: Iterator[Block]) -> Iterator[RawChunk]:
    index: dict[str, int] | None = None
    for lines, rows in blocks:
        start = 0
        if index is None:  # comment lines ('# synthetic data …') may precede the header
            at = _first(rows, lambda r: bool(r) and not str(r[0] or "").startswith("#"))
            if at is None:
                continue
            index, start = _header_index(path, rows[at]), at + 1
        body_lines, body = _drop_empty(lines[start:], rows[start:])
        if body:
            yield RawChunk(body_lines, _columns(body, index), body)
    if index is None:
        raise DataFileError(f"{path}: the file has no header row")


def _first(rows: list[Sequence[Any]], test: Callable[[Sequence[Any]], bool]) -> int | None:
    return next((i for i, row in enumerate(rows) if test(row)), None)


def _header_index(path: Path, header: Sequence[Any]) -> dict[str, int]:
    names = [_ALIASES.get(n, n) for n in
             (str(h or "").strip().lower().replace(" ", "_").replace("-", "_")
              for h in header)]
    missing = [c for c in _REQUIRED if c not in names]
    if missing:
        raise DataFileError(f"{path}:1: the header lacks column(s) {', '.join(missing)}; "
                            "it needs indicator, date, value")
    return {n: i for i, n in reversed(list(enumerate(names))) if n in FIELDS}


def _hxl_chunks(path: Path, blocks: Iterator[Block]) -> Iterator[RawChunk]:
    spec: _HxlSpec | None = None
    seen = 0
    for lines, rows in blocks:
        start = 0
        if spec is None:
            at = _first(rows[:_LOOK - seen], _is_tag_row)
            seen += len(rows)
            if at is None and seen < _LOOK:
                continue
            if at is None:
                break
            spec, start = _hxl_spec(path, rows[at]), at + 1
        if rows[start:]:
            chunk = spec.expand(lines[start:], rows[start:])
            if len(chunk):
                yield chunk
    if spec is None:
        raise DataFileError(f"{path}: no row of HXL hashtags in the first {_LOOK} rows")


@dataclass(frozen=True, slots=True)
class _HxlSpec:
    fields: dict[str, int]
    values: list[tuple[int, str | None, str | None]]

    def expand(self, lines: Sequence[int], rows: list[Sequence[Any]]) -> RawChunk:
        """One record per filled value cell, row by row, in the order of the value columns."""
        index = {**self.fields, **{f"v{k}": i for k, (i, _, _) in enumerate(self.values)}}
        cols = _columns(rows, index)
        m = len(self.values)
        if m == 1:
            values = cols["v0"]
            fields = {f: cols[f] for f in self.fields}
            record_lines: Sequence[int] = lines
        else:
            per_row = zip(*(cols[f"v{k}"] for k in range(m)), strict=True)
            values = [v for cells in per_row for v in cells]
            fields = {f: [c for c in cols[f] for _ in range(m)] for f in self.fields}
            record_lines = [n for n in lines for _ in range(m)]
        fields["sex"] = [s for _, s, _ in self.values] * len(rows)
        fields["age_group"] = [a for _, _, a in self.values] * len(rows)
        filled = [v is not None and bool(v.strip() if isinstance(v, str) else str(v).strip())
                  for v in values]
        fields["value"] = values
        if all(filled):
            return RawChunk(record_lines, fields)
        return RawChunk(list(compress(record_lines, filled)),
                        {f: list(compress(c, filled)) for f, c in fields.items()})


def _hxl_spec(path: Path, tags: Sequence[Any]) -> _HxlSpec:
    try:
        from hxl.model import Column
    except ImportError:
        raise MissingExtraError("HXL import", "all", "libhxl") from None
    columns = [Column.parse(str(t).strip()) if t is not None and str(t).strip() else None
               for t in tags]

    def find(tag: str, *, attrs: set[str] | None = None) -> int | None:
        for i, c in enumerate(columns):
            if c is not None and c.tag == tag and (attrs is None or attrs <= set(c.attributes)):
                return i
        return None

    admin = {i: str(c.tag) for i, c in enumerate(columns)
             if c is not None and c.tag and c.tag.startswith("#adm") and "code" in c.attributes}
    found = {"indicator": find("#indicator"), "date": find("#date"),
             "pcode": max(admin, key=admin.__getitem__) if admin else None,
             "source": find("#meta", attrs={"source"})}
    if found["source"] is None:
        found["source"] = find("#org")
    value_tag = next((t for t in _VALUE_TAGS if find(t) is not None), None)
    missing = [t for t, k in (("#indicator", "indicator"), ("#date", "date"))
               if found[k] is None] + ([] if value_tag else ["#value (or #reached …)"])
    if missing:
        raise DataFileError(f"{path}: the HXL tags lack {', '.join(missing)}")
    values = [(i, _hxl_sex(c.attributes), _hxl_age(c.attributes))
              for i, c in enumerate(columns) if c is not None and c.tag == value_tag]
    return _HxlSpec({k: i for k, i in found.items() if i is not None}, values)


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
