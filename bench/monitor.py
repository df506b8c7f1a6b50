"""Benchmark: import 1,000,000 observations and the status of 1,000 indicators.

Runs on SQLite (a temp file) and, when ``$MISSIONPLAN_TEST_PG_URL`` reaches a
server, on PostgreSQL (a temp database, dropped after). Side by side in the
same run: a plain row-by-row insert, one INSERT and commit per row as a
hand-written loop would do, timed on a subsample and extrapolated (labelled);
and status computed with one query per indicator instead of one aggregate.
Targets (2 cores): 1,000,000 observations in under 30 s on SQLite; the status
of 1,000 indicators as of a day in under 1 s. Each figure is given as wall time
and as this process's CPU time (``time.process_time``), with the load average,
so that a machine busy with other work can be told from a slow import.
"""

from __future__ import annotations

import csv
import os
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from scratchdb import scratch_postgres
from sqlalchemy import create_engine, text

from missionplan.monitor import indicator_status
from missionplan.store import open_workspace

INDICATORS, DATES, PLACES = 1000, 100, 10
SUBSAMPLE = 3000
START = date(2027, 1, 15)


def plan_text() -> str:
    lines = ["format: missionplan/1", "id: bench", "indicators:"]
    for i in range(INDICATORS):
        lines += [f"  - id: ind_{i:04d}", "    baseline: 0", "    baseline_date: 2027-01-15",
                  "    target: 10000", "    deadline: 2027-12-31"]
    return "\n".join(lines) + "\n"


def write_csv(path: Path) -> int:
    n = 0
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["indicator", "date", "value", "pcode"])
        for i in range(INDICATORS):
            for d in range(DATES):
                day = (START + timedelta(days=3 * d)).isoformat()
                for p in range(PLACES):
                    w.writerow([f"ind_{i:04d}", day, (d * 3 + i % 7) * (p + 1), f"CR{p:02d}"])
                    n += 1
    return n


def row_by_row(url: str, path: Path) -> float:
    """Seconds per row for one INSERT + commit per row (SUBSAMPLE rows)."""
    engine = create_engine(url)
    with path.open() as f:
        rows = list(csv.reader(f))[1:SUBSAMPLE + 1]
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO import_batch (source_name, rows, created_at, created_by)"
                          " VALUES ('rbr', 0, CURRENT_TIMESTAMP, 'bench')"))
        batch = conn.execute(text("SELECT max(id) FROM import_batch")).scalar()
    t = time.perf_counter()
    for ind, day, value, pcode in rows:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO observation (batch_id, indicator, date, value, "
                              "source, pcode) VALUES (:b, :i, :d, :v, '', :p)"),
                         {"b": batch, "i": ind, "d": date.fromisoformat(day),
                          "v": float(value), "p": pcode})
    engine.dispose()
    return (time.perf_counter() - t) / len(rows)


def run(label: str, url: str, data: Path, rows: int) -> None:
    with open_workspace(url) as ws:
        ws.import_plan(plan_text(), user="bench")
        t, cpu = time.perf_counter(), time.process_time()
        result = ws.import_observations(data, user="bench")
        bulk, bulk_cpu = time.perf_counter() - t, time.process_time() - cpu
        assert result.imported == rows
        plan = ws.current_plan()
        as_of = START + timedelta(days=200)
        t, cpu = time.perf_counter(), time.process_time()
        series = ws.headline(as_of=as_of)
        query_s = time.perf_counter() - t
        statuses = indicator_status(plan, series, as_of)
        status_s, status_cpu = time.perf_counter() - t, time.process_time() - cpu
        assert len(statuses) == INDICATORS
        t = time.perf_counter()
        for ind in plan.indicators[:100]:
            ws.headline(as_of=as_of, indicators=[ind.id])
        loop_s = (time.perf_counter() - t) * INDICATORS / 100
    per_row = row_by_row(url if "://" in url else f"sqlite:///{url}", data)
    naive = per_row * rows
    print(f"{label:10} import {rows:,} rows from CSV: {bulk:6.1f} s wall, {bulk_cpu:6.1f} s CPU "
          f"in this process ({rows / bulk:,.0f} rows/s)")
    print(f"{'':10} row-by-row INSERT+commit: {naive:8.1f} s (EXTRAPOLATED from "
          f"{SUBSAMPLE:,} rows) → bulk is {naive / bulk:,.1f}× faster")
    print(f"{'':10} status of {INDICATORS:,} indicators (one aggregate query): "
          f"{status_s:5.2f} s wall ({query_s:4.2f} s of it the query), {status_cpu:5.2f} s CPU "
          "in this process (the SQLite engine runs in it; PostgreSQL's does not)")
    print(f"{'':10} one query per indicator: {loop_s:5.2f} s (extrapolated from 100) "
          f"→ the aggregate is {loop_s / status_s:,.1f}× faster")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "observations.csv"
        rows = write_csv(data)
        print(f"{rows:,} observations, {INDICATORS:,} indicators; {os.cpu_count()} cores; "
              f"load average {os.getloadavg()[0]:.1f} (wall time stretches with other load; "
              "CPU time is this process's own)")
        run("SQLite", f"sqlite:///{Path(folder) / 'bench.db'}", data, rows)
        with scratch_postgres("mp_bench") as url:
            if url is not None:
                run("PostgreSQL", url, data, rows)


if __name__ == "__main__":
    main()
