"""A writer killed with SIGKILL in the middle of an import leaves the workspace as it was."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from missionplan.monitor import Observation
from missionplan.store import open_workspace
from missionplan.store.engine import normalise_url

ROWS = 300_000


def _big_file(path: Path) -> Path:
    start = date(2027, 1, 15)
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["indicator", "date", "value", "pcode"])
        for i in range(ROWS):
            w.writerow(["disarmed", start + timedelta(days=i % 360), i, f"CR0{i % 8 + 1}"])
    return path


def _mid_import(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> bool:
    """Wait until the writer has begun storing rows (and is still running)."""
    engine = create_engine(normalise_url(url))
    wal = Path(f"{engine.url.database}-wal")
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if engine.url.get_backend_name() == "sqlite":
                if wal.exists() and wal.stat().st_size > 1_000_000:
                    return True
            else:
                with engine.connect() as conn:
                    done = conn.execute(text(
                        "SELECT max(tuples_processed) FROM pg_stat_progress_copy")).scalar()
                if done and done > 20_000:
                    return True
            time.sleep(0.01)
        return False
    finally:
        engine.dispose()


def test_kill_9_mid_import_leaves_the_workspace_unchanged(db_url: str, tmp_path: Path,
                                                          small_plan_text: str) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="a")
        ws.add_observations([Observation("strength", date(2027, 2, 1), 20.0)], user="a")
        before = (ws.observations(), ws.audit(), ws.plan_versions())
    data = _big_file(tmp_path / "big.csv")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from missionplan.cli import main; main()", "import", str(data),
         "--db", db_url, "--user", "writer"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert _mid_import(db_url, proc), proc.stderr.read() if proc.stderr else b""
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
