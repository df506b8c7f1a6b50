"""A writer killed with SIGKILL in the middle of an import leaves the workspace as it was.

The writer is a child process importing a file in chunks; its progress callback,
called inside the import's transaction once the first chunk is stored, writes a
marker file and then waits. The test kills it only after seeing the marker, so
the kill always lands mid-import, with rows written but not committed, however
loaded the machine is. On SQLite the writer runs with a tiny page cache, so the
uncommitted rows are already in the WAL file when it dies (checked), and the
next opening must ignore them.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from missionplan.monitor import Observation
from missionplan.store import open_workspace
from missionplan.store.engine import normalise_url

ROWS, CHUNK = 6_000, 2_000

_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from missionplan.store import engine as engine_module, open_workspace

    url, data, marker = sys.argv[1:4]

    def stored(total: int) -> None:
        Path(marker).write_text(str(total))
        time.sleep(600)  # hold the open transaction until killed

    engine_module._CACHE_KIB = 20  # a tiny cache for the import: pages spill to the WAL early
    with open_workspace(url) as ws:
        ws.import_observations(data, user="writer", progress=stored, chunk=%d)
""") % CHUNK


def _big_file(path: Path) -> Path:
    start = date(2027, 1, 15)
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["indicator", "date", "value", "pcode"])
        for i in range(ROWS):
            w.writerow(["disarmed", start + timedelta(days=i % 360), i, f"CR0{i % 8 + 1}"])
    return path


def _wait_for(marker: Path, proc: subprocess.Popen[bytes], timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if marker.exists() and marker.read_text():
            return True
        time.sleep(0.01)
    return False


def _committed_rows(url: str) -> int:
    """Observations another connection sees (readers are not blocked by the writer)."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM observation")).scalar_one())
    finally:
        engine.dispose()


def test_kill_9_mid_import_leaves_the_workspace_unchanged(db_url: str, tmp_path: Path,
                                                          small_plan_text: str) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="a")
        ws.add_observations([Observation("strength", date(2027, 2, 1), 20.0)], user="a")
        before = (ws.observations(), ws.audit(), ws.plan_versions())
    data, marker = _big_file(tmp_path / "big.csv"), tmp_path / "stored"
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, db_url, str(data), str(marker)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert _wait_for(marker, proc), proc.stderr.read() if proc.stderr else b""
        assert 0 < int(marker.read_text()) < ROWS  # the first chunk of three stored ...
        assert _committed_rows(db_url) == 1  # ... and not committed
        if db_url.startswith("sqlite"):
            assert Path(f"{db_url.removeprefix('sqlite:///')}-wal").stat().st_size > 0
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    with open_workspace(db_url) as ws:
        assert (ws.observations(), ws.audit(), ws.plan_versions()) == before
        ws.add_observations([Observation("strength", date(2027, 3, 1), 30.0)], user="b")
        assert ws.observation_count() == 2
        if ws.engine.url.get_backend_name() == "sqlite":
            with ws.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
