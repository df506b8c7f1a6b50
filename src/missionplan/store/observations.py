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
from collections.abc import Iterable, Sequence
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
_COLUMNS = ("batch_id", "indicator", "date", "value", "source", "pcode", "sex", "age_group")
CHUNK = 50_000
_INSERT = (f"INSERT INTO observation ({', '.join(_COLUMNS)}) "
           f"VALUES ({', '.join('?' * len(_COLUMNS))})")
# CSV: an unquoted empty field is NULL, except for source (NOT NULL, '' when empty)
_COPY = (f"COPY observation ({', '.join(_COLUMNS)}) FROM STDIN "
         "WITH (FORMAT csv, FORCE_NOT_NULL (source))")
_COPY_CHUNK = 20_000


def new_batch(conn: Connection, *, source_name: str, user: str, at: Any) -> int:
    batch_id: int = conn.execute(insert(_B).values(
        source_name=source_name[:400], rows=0, created_at=at, created_by=user)
        .returning(_B.c.id)).scalar_one()
    return batch_id


def set_batch_rows(conn: Connection, batch_id: int, rows: int) -> None:
    conn.execute(_B.update().where(_B.c.id == batch_id).values(rows=rows))


def insert_columns(conn: Connection, batch: ColumnBatch, *, batch_id: int) -> int:
    """Insert checked columns in the current transaction; returns how many rows."""
    iso = {d: d.isoformat() for d in set(batch.date)}
    days = list(map(iso.__getitem__, batch.date))
    rows = zip(repeat(batch_id), batch.indicator, days, batch.value, batch.source, batch.pcode,
               batch.sex, batch.age_group)
    driver: Any = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        _copy_postgres(driver, rows)
    else:
        driver.executemany(_INSERT, rows)
    return len(batch)


def insert_observations(conn: Connection, rows: Iterable[Observation], *, batch_id: int,
                        chunk: int = CHUNK) -> int:
    """Insert ready observations in the current transaction, in chunks; returns how many."""
    it = iter(rows)
    total = 0
    while part := list(islice(it, chunk)):
        total += insert_columns(conn, ColumnBatch.of(part), batch_id=batch_id)
    return total


def _copy_postgres(driver: Any, rows: Iterable[tuple[Any, ...]]) -> None:
    """COPY in CSV form: the csv module formats whole chunks in C, one write each."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    with driver.cursor() as cur, cur.copy(_COPY) as copy:
        while part := list(islice(rows, _COPY_CHUNK)):
            writer.writerows(part)
            copy.write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()


def headline(conn: Connection, *, as_of: date | None = None,
             indicators: Sequence[str] | None = None) -> dict[str, Series]:
    """Every indicator's headline series up to ``as_of``, in one aggregate query."""
    national = func.avg(case((_O.c.pcode.is_(None), _O.c.value)))
    by_place = func.sum(case((_O.c.pcode.is_not(None), _O.c.value)))
    where: list[ColumnElement[bool]] = [_O.c.sex.is_(None), _O.c.age_group.is_(None)]
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
                 as_of: date | None = None) -> list[Observation]:
    """Stored observations (of one indicator, or all), oldest first."""
    query = select(_O.c.indicator, _O.c.date, _O.c.value, _O.c.source, _O.c.pcode, _O.c.sex,
                   _O.c.age_group)
    if indicator is not None:
        query = query.where(_O.c.indicator == indicator)
    if as_of is not None:
        query = query.where(_O.c.date <= as_of)
    query = query.order_by(_O.c.indicator, _O.c.date, _O.c.id)
    return [Observation(r.indicator, r.date, r.value, r.source, r.pcode, r.sex, r.age_group)
            for r in conn.execute(query)]


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(_O)).scalar_one())
