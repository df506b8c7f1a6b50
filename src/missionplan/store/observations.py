"""Observations in the database: bulk insert and the one-query headline series.

Inserts take checked columns (:class:`~missionplan.monitor.columns.ColumnBatch`)
straight to the driver's fastest path, in the caller's transaction:
``executemany`` over zipped columns on SQLite, ``COPY ... FROM STDIN`` in CSV
form on PostgreSQL (the csv module formats whole chunks in C). The headline series of every
indicator (see :mod:`missionplan.monitor.observations` for the rule) comes
from a single ``GROUP BY`` over the covering index, never a loop per indicator.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice, repeat
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, func, insert, select

from ..monitor.columns import ColumnBatch
from ..monitor.observations import Observation, Series
from .schema import ImportBatch, ObservationRow, table

__all__ = ["headline", "insert_columns", "insert_observations", "new_batch", "observations"]

_O = table(ObservationRow)
_B = table(ImportBatch)
CHUNK = 50_000
_COPY_CHUNK = 20_000
_OPTIONAL = ("source", "pcode", "sex", "age_group")
_VARIES = object()


def new_batch(conn: Connection, *, source_name: str, user: str, at: Any,
              branch: str = "") -> int:
    batch_id: int = conn.execute(insert(_B).values(
        source_name=source_name[:400], rows=0, created_at=at, created_by=user, branch=branch)
        .returning(_B.c.id)).scalar_one()
    return batch_id


def _seen_by(conn: Connection, branch: str) -> list[ColumnElement[bool]]:
    """The condition that keeps the observations ``branch`` sees: the workspace's own
    ('' branch) and its own imports, not another syndicate's. None at all (the index
    alone answers) while no syndicate has imported any."""
    others = select(_B.c.id).where(_B.c.branch.not_in(["", branch]))
    if conn.execute(others.limit(1)).first() is None:
        return []
    return [_O.c.batch_id.not_in(others)]


def set_batch_rows(conn: Connection, batch_id: int, rows: int) -> None:
    conn.execute(_B.update().where(_B.c.id == batch_id).values(rows=rows))


def insert_columns(conn: Connection, batch: ColumnBatch, *, batch_id: int) -> int:
    """Insert checked columns in the current transaction; returns how many rows.

    An optional column that is empty throughout the chunk (no P-code, no breakdowns, no
    source) is not sent row by row: it is left out (NULL) or written once in the SQL.
    """
    iso = {d: d.isoformat() for d in set(batch.date)}
    columns: dict[str, list[Any]] = {
        "indicator": batch.indicator, "date": list(map(iso.__getitem__, batch.date)),
        "value": batch.value, "source": batch.source, "pcode": batch.pcode, "sex": batch.sex,
        "age_group": batch.age_group}
    fixed = {name: _constant(columns[name]) for name in _OPTIONAL}
    fixed = {name: value for name, value in fixed.items() if value is not _VARIES}
    driver: Any = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        sent = [n for n in columns if fixed.get(n, _VARIES) is not None]
        _copy_postgres(driver, sent, zip(repeat(batch_id), *(columns[n] for n in sent)))
    else:
        sent = [n for n in columns if n not in fixed]
        names = ["batch_id", *sent, *(n for n, v in fixed.items() if v is not None)]
        values = [str(int(batch_id)), *("?" * len(sent)),
                  *("''" for v in fixed.values() if v is not None)]
        driver.executemany(f"INSERT INTO observation ({', '.join(names)}) "
                           f"VALUES ({', '.join(values)})",
                           zip(*(columns[n] for n in sent), strict=True))
    return len(batch)


def _constant(cells: list[Any]) -> Any:
    """``None`` or ``''`` when every cell is that, else ``_VARIES``."""
    if cells and (cells[0] is None or cells[0] == "") and cells.count(cells[0]) == len(cells):
        return cells[0]
    return _VARIES


def insert_observations(conn: Connection, rows: Iterable[Observation], *, batch_id: int,
                        chunk: int = CHUNK) -> int:
    """Insert ready observations in the current transaction, in chunks; returns how many."""
    it = iter(rows)
    total = 0
    while part := list(islice(it, chunk)):
        total += insert_columns(conn, ColumnBatch.of(part), batch_id=batch_id)
    return total


def _copy_postgres(driver: Any, names: list[str], rows: Iterator[tuple[Any, ...]]) -> None:
    """COPY in CSV form: the csv module formats whole chunks in C, one write each.

    In CSV an unquoted empty field is NULL; ``source`` is NOT NULL, so there it is ''.
    """
    force = ", FORCE_NOT_NULL (source)" if "source" in names else ""
    sql = (f"COPY observation (batch_id, {', '.join(names)}) FROM STDIN "
           f"WITH (FORMAT csv{force})")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    with driver.cursor() as cur, cur.copy(sql) as copy:
        while part := list(islice(rows, _COPY_CHUNK)):
            writer.writerows(part)
            copy.write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()


def headline(conn: Connection, *, as_of: date | None = None,
             indicators: Sequence[str] | None = None, branch: str = "") -> dict[str, Series]:
    """Every indicator's headline series up to ``as_of``, in one aggregate query."""
    national = func.avg(case((_O.c.pcode.is_(None), _O.c.value)))
    by_place = func.sum(case((_O.c.pcode.is_not(None), _O.c.value)))
    where: list[ColumnElement[bool]] = [_O.c.sex.is_(None), _O.c.age_group.is_(None),
                                        *_seen_by(conn, branch)]
    if as_of is not None:
        where.append(_O.c.date <= as_of)
    if indicators is not None:
        where.append(_O.c.indicator.in_(list(indicators)))
    query = (select(_O.c.indicator, _O.c.date, national, by_place).where(and_(*where))
             .group_by(_O.c.indicator, _O.c.date).order_by(_O.c.indicator, _O.c.date))
    out: dict[str, Series] = defaultdict(list)
    for indicator, day, nat, place in conn.execute(query):
        out[indicator].append((day, float(nat if nat is not None else place)))
    return dict(out)


def observations(conn: Connection, indicator: str | None = None, *,
                 as_of: date | None = None, branch: str = "") -> list[Observation]:
    """Stored observations (of one indicator, or all), oldest first."""
    query = select(_O.c.indicator, _O.c.date, _O.c.value, _O.c.source, _O.c.pcode, _O.c.sex,
                   _O.c.age_group).where(*_seen_by(conn, branch))
    if indicator is not None:
        query = query.where(_O.c.indicator == indicator)
    if as_of is not None:
        query = query.where(_O.c.date <= as_of)
    query = query.order_by(_O.c.indicator, _O.c.date, _O.c.id)
    return [Observation(r.indicator, r.date, r.value, r.source, r.pcode, r.sex, r.age_group)
            for r in conn.execute(query)]


def count(conn: Connection, *, branch: str = "") -> int:
    return int(conn.execute(select(func.count()).select_from(_O).where(
        *_seen_by(conn, branch))).scalar_one())
