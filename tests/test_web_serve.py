"""``missionplan serve --workers N``: several processes serve one workspace as one."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from missionplan.web.security import Argon2Params
from missionplan.web.serve import settings_from_json, settings_to_json
from missionplan.web.settings import Settings


def test_settings_travel_to_workers_whole() -> None:
    settings = Settings(db_url="sqlite:///x.db", secret_key="s3cret", secure_cookies=True,
                        session_max_age=60, risk_samples=10, deploy_time_limit=1.5,
                        argon2=Argon2Params(1, 8, 1))
    assert settings_from_json(settings_to_json(settings)) == settings
    assert replace(settings, secret_key="other") != settings  # the comparison can fail


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize("count", [1, 2])
def test_workers_share_sessions_and_every_change(tmp_path: Path, db_url: str,
                                                 count: int) -> None:
    port = _free_port()
    command = [sys.executable, "-c", "from missionplan.cli import main; main()", "serve",
               "--workers", str(count), "--port", str(port), "--db", db_url, "--json", "--open"]
    opened = tmp_path / "opened.txt"  # the "browser": a script that notes the address
    opener = tmp_path / "browser.sh"
    opener.write_text(f'#!/bin/sh\necho "$1" > {opened}\n')
    opener.chmod(0o755)
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "MISSIONPLAN_SECRET": "", "BROWSER": str(opener)})
    try:
        assert server.stdout is not None
        text = ""
        while not text.endswith("}\n"):  # the --json answer, printed over several lines
            line = server.stdout.readline()
            assert line, "the server stopped before it said where it listens"
            text += line
        started = json.loads(text)
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        for _ in range(100):  # the browser is opened once the server answers
            if opened.exists() and opened.read_text().strip():
                break
            time.sleep(0.1)
        assert opened.read_text().strip() == started["url"] == f"{base}/"
        workers = [p for p in _children(server.pid)
                   if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
        assert len(workers) == (count if count > 1 else 0)  # one: the server itself
        for pid in workers:  # the settings (the session key) reach them in no environment
            assert b'"secret_key"' not in Path(f"/proc/{pid}/environ").read_bytes()
        with httpx.Client(base_url=base) as client:
            csrf = client.get("/api/session").json()["csrf"]
            signed = client.post("/api/session", headers={"x-csrf-token": csrf}, json={
                "name": "admin", "password": started["admin_password"]})
            assert signed.status_code == 200
            token = signed.json()["csrf"]
            indicator = next(i for c in client.get("/api/criteria").json()["criteria"]
                             for i in c["indicators"])
            answer = client.post("/api/observations", headers={"x-csrf-token": token}, json={
                "indicator": indicator["indicator"], "value": 4321,
                "date": (date.today() - timedelta(days=3)).isoformat()})  # before the day
            assert answer.status_code == 200
            cookies = dict(client.cookies)
        # fresh connections land on either worker: each knows the session and the change
        for _ in range(12):
            with httpx.Client(base_url=base, cookies=cookies) as other:
                assert other.get("/api/session").json()["user"] == "admin"
                seen = other.get("/api/criteria").json()["criteria"]
                values = [o for c in seen for i in c["indicators"]
                          if i["indicator"] == indicator["indicator"]
                          for o in i["observations"]]
                assert any(o[1] == 4321 for o in values), values[-3:]
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
