"""The web workspace under load: 50 clients on loopback, reads and writes, SQLite and PostgreSQL.

    .venv/bin/python bench/web.py [--duration 60] [--clients 50] [--think 1.0] [--db both]
                                  [--workers 2] [--warmup 5] [--abuse 1000]

The server is ``missionplan serve``'s (uvicorn; ``--workers`` processes, one by
default as for ``serve``) in a subprocess on 127.0.0.1 and a free port, over a
seeded demo workspace (SQLite in a temp folder; PostgreSQL in a fresh database
made from ``$MISSIONPLAN_TEST_PG_URL``, skipped with a message if unreachable).
Each client signs in (httpx async) and loops: pages, API reads, and writes
(observations, actual dates, item edits by etag), with a random pause of mean
``--think`` seconds between requests, as people work. It prints requests per
second, p50/p95 latency per kind after the first ``--warmup`` seconds (all the
clients sign in at the same instant, which no team does; the whole run's page
p95 is printed beside it), errors (any 5xx, a refused sign-in, a network
error: target none), edits refused as stale (409: expected, never an error),
and lost updates (target none), checked against the audit log: every
acknowledged write is there, and each item's changes chain (every change
starts from the state the previous one left).

Abuse phase (``--abuse 1000``; 0 leaves it out): once the warm-up is over, one more
client, from another loopback address (127.0.0.2), fires that many wrong passwords at
one account (``monitor``, which no normal client uses) as fast as the server answers,
never waiting. The normal clients' page p95 during it is printed beside the target
(under 200 ms), with what the abuser got (401 wrong, 429 held or locked), whether the
account ended locked, and, after an administrator's lift, that its right password
signs in at once.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from scratchdb import scratch_postgres

PAGES = ["/", "/timeline", "/criteria", "/directive", "/versions", "/products",
         "/products/mission_concept", "/work"]
API_READS = ["/api/schedule", "/api/criteria", "/api/plans", "/api/items/ddr_started"]
# (user, what they write): a planner edits items of their component, a contributor
# records observations, leads do everything; viewers only read.
USERS = ["lead", "police", "agency", "admin", "viewer"]
EDITABLE = ["component_conops_aligned_police", "conops_police"]
PASSWORD = "correct horse battery"
VICTIM = "monitor"  # the account the abuse phase guesses at: no normal client uses it
ABUSER = "127.0.0.2"


@dataclass
class Tally:
    # (when the request started, seconds into the run; how long it took), by kind
    latency: dict[str, list[tuple[float, float]]] = field(
        default_factory=lambda: defaultdict(list))
    begun: float = field(default_factory=time.perf_counter)
    errors: list[str] = field(default_factory=list)
    stale: int = 0
    edits: list[tuple[str, str]] = field(default_factory=list)  # (item, marker) acknowledged
    observations: int = 0
    actuals: int = 0
    abuse: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # status: count
    abuse_window: tuple[float, float] = (0.0, 0.0)  # seconds into the run
    by_page: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve(url: str, port: int, workers: int) -> None:
    """(In the subprocess) run the workspace at ``url`` on ``port``."""
    import dataclasses

    from missionplan.web.serve import run
    from missionplan.web.testing import demo_workspace

    folder = Path(tempfile.mkdtemp(prefix="mp-bench-web-"))
    settings = demo_workspace(folder, db_url=None if url == "sqlite" else url).settings
    settings = dataclasses.replace(settings, secret_key="bench-" + uuid.uuid4().hex)
    print(f"ready {settings.db_url}", flush=True)
    run(settings, host="127.0.0.1", port=port, workers=workers)


async def sign_in(client: httpx.AsyncClient, name: str) -> str:
    csrf = (await client.get("/api/session")).json()["csrf"]
    answer = await client.post("/api/session", json={"name": name, "password": PASSWORD},
                               headers={"x-csrf-token": csrf})
    answer.raise_for_status()
    token: str = answer.json()["csrf"]
    return token


async def timed(tally: Tally, kind: str, call: object) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        response: httpx.Response = await call  # type: ignore[misc]
    except httpx.HTTPError as exc:
        tally.errors.append(f"{kind}: {type(exc).__name__} {exc}")
        return None
    tally.latency[kind].append((started - tally.begun, time.perf_counter() - started))
    if response.status_code >= 500:
        tally.errors.append(f"{kind}: {response.status_code} {response.text[:120]}")
    return response


async def edit(client: httpx.AsyncClient, token: str, user: str, tally: Tally) -> None:
    item_id = random.choice(EDITABLE)
    got = await timed(tally, "api read", client.get(f"/api/items/{item_id}"))
    if got is None or got.status_code != 200:
        return
    record = got.json()
    marker = f"{user}-{uuid.uuid4().hex[:8]}"
    data = {**record["data"], "note": f"bench edit {marker}"}
    put = await timed(tally, "write", client.put(
        f"/api/items/{item_id}", headers={"x-csrf-token": token},
        json={"etag": record["etag"], "data": data}))
    if put is not None and put.status_code == 200:
        tally.edits.append((item_id, marker))
    elif put is not None and put.status_code == 409:
        tally.stale += 1
    elif put is not None and put.status_code < 500:
        tally.errors.append(f"edit refused: {put.status_code} {put.text[:120]}")


async def write(client: httpx.AsyncClient, token: str, user: str, tally: Tally) -> None:
    headers = {"x-csrf-token": token}
    if user in ("agency", "admin") or (user == "lead" and random.random() < 0.5):
        day = f"2027-02-{random.randint(1, 28):02d}"
        r = await timed(tally, "write", client.post("/api/observations", headers=headers, json={
            "indicator": "idps_returned", "date": day, "value": random.randint(0, 400000)}))
        if r is not None and r.status_code == 200:
            tally.observations += 1
        elif r is not None and r.status_code < 500:
            tally.errors.append(f"observation refused: {r.status_code} {r.text[:120]}")
    elif user in ("police", "lead"):
        if random.random() < 0.7:
            await edit(client, token, user, tally)
        else:
            r = await timed(tally, "write", client.post("/api/actuals", headers=headers, json={
                "event": "component_conops_aligned_police",
                "date": f"2027-02-{random.randint(1, 28):02d}"}))
            if r is not None and r.status_code == 200:
                tally.actuals += 1


async def one_client(base: str, user: str, until: float, think: float, tally: Tally) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30.0) as client:
        try:
            token = await sign_in(client, user)
        except httpx.HTTPError as exc:
            tally.errors.append(f"sign-in of {user}: {exc}")
            return
        while time.monotonic() < until:
            roll = random.random()
            if roll < 0.55:
                path = random.choice(PAGES)
                started = time.perf_counter()
                if await timed(tally, "page", client.get(path)) is not None:
                    tally.by_page[path].append(time.perf_counter() - started)
            elif roll < 0.8:
                await timed(tally, "api read", client.get(random.choice(API_READS)))
            elif user != "viewer":
                await write(client, token, user, tally)
            await asyncio.sleep(random.expovariate(1 / think) if think > 0 else 0)


async def abuser(base: str, count: int, after: float, tally: Tally) -> None:
    """``count`` wrong passwords for :data:`VICTIM` from :data:`ABUSER`, back to back."""
    await asyncio.sleep(after)
    transport = httpx.AsyncHTTPTransport(local_address=ABUSER)
    async with httpx.AsyncClient(base_url=base, timeout=30.0, transport=transport) as client:
        csrf = (await client.get("/api/session")).json()["csrf"]
        start = time.perf_counter() - tally.begun
        for i in range(count):
            answer = await client.post("/api/session", headers={"x-csrf-token": csrf},
                                       json={"name": VICTIM, "password": f"guess {i} wrong"})
            tally.abuse[answer.status_code] += 1
        tally.abuse_window = (start, time.perf_counter() - tally.begun)


def lift_and_sign_in(url: str, base: str) -> tuple[bool, int]:
    """Whether :data:`VICTIM` was locked; the status of its right password after a lift."""
    from missionplan.store import open_workspace
    from missionplan.web.signin import lift, locked

    with open_workspace(url) as ws:
        was_locked = any(h.key == f"account:{VICTIM}" for h in locked(ws.engine))
        lift(ws.engine, by="bench", name=VICTIM)
    transport = httpx.HTTPTransport(local_address=ABUSER)
    with httpx.Client(base_url=base, timeout=30.0, transport=transport) as client:
        csrf = client.get("/api/session").json()["csrf"]
        answer = client.post("/api/session", headers={"x-csrf-token": csrf},
                             json={"name": VICTIM, "password": PASSWORD})
    return was_locked, answer.status_code


def last_audit_id(url: str) -> int:
    from missionplan.store import open_workspace

    with open_workspace(url) as ws:
        newest = ws.audit(limit=1)
        return newest[0].id if newest else 0


def lost_updates(url: str, tally: Tally, skip: int) -> list[str]:
    """Acknowledged writes missing from the audit log, and item changes that skip a state."""
    from missionplan.store import open_workspace

    problems: list[str] = []
    with open_workspace(url) as ws:
        log = sorted((e for e in ws.audit() if e.id > skip), key=lambda e: e.id)
        changes: dict[str, list[tuple[object, object]]] = defaultdict(list)
        for e in log:
            if e.action == "item.change":
                changes[e.item].append((e.before, e.after))
        notes = {json.dumps(after, sort_keys=True) for chain in changes.values()
                 for _, after in chain}
        for item_id, marker in tally.edits:
            if not any(marker in n for n in notes):
                problems.append(f"edit {marker} of {item_id} acknowledged, not in the log")
        for item_id, chain in changes.items():
            for (_, after), (before, _) in itertools.pairwise(chain):
                if after != before:
                    problems.append(f"{item_id}: a change started from a stale state: "
                                    f"{json.dumps(after)[-80:]} then {json.dumps(before)[-80:]}")
        logged = sum(int((e.after or {}).get("rows", 0)) for e in log
                     if e.action == "observations.import")
        if logged != tally.observations:
            problems.append(f"{tally.observations} observations acknowledged, {logged} logged")
    return problems


def peak_memory(pid: int) -> int:
    """Peak resident bytes of process ``pid`` and its children (the workers), from /proc."""
    def hwm(p: int) -> int:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    children = Path(f"/proc/{pid}/task/{pid}/children")
    kids = [int(c) for c in children.read_text().split()] if children.exists() else []
    return hwm(pid) + sum(peak_memory(k) for k in kids)


def pct(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000 \
        if len(values) > 1 else values[0] * 1000


def run(label: str, url: str, args: argparse.Namespace) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", url, "--port", str(port),
                               "--workers", str(args.workers)],
                              stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline() if server.stdout else ""
        match = re.match(r"ready (\S+)", line)
        if match is None:
            print(f"{label}: the server did not start ({line.strip()!r})")
            return
        db_url = match.group(1)
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(f"{base}/login", timeout=1.0)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        tally = Tally()
        skip = last_audit_id(db_url)
        wall = time.perf_counter()
        until = time.monotonic() + args.duration

        async def everyone() -> None:
            abuse = [abuser(base, args.abuse, args.warmup, tally)] if args.abuse else []
            await asyncio.gather(*(one_client(base, USERS[i % len(USERS)], until, args.think,
                                              tally) for i in range(args.clients)), *abuse)

        asyncio.run(everyone())
        wall = time.perf_counter() - wall
        memory = peak_memory(server.pid)
        report(label, tally, wall, args, lost_updates(db_url, tally, skip))
        if args.abuse:
            report_abuse(tally, *lift_and_sign_in(db_url, base))
        print(f"  server memory: peak resident {memory / 2**20:.0f} MiB"
              + (f" over {args.workers} processes" if args.workers > 1 else ""))
    finally:
        server.terminate()
        server.wait(timeout=20)


def report(label: str, tally: Tally, wall: float, args: argparse.Namespace,
           lost: list[str]) -> None:
    total = sum(len(v) for v in tally.latency.values())
    print(f"\n{label}, {args.workers} server process{'es' if args.workers > 1 else ''}: "
          f"{args.clients} clients, {wall:.0f} s, think time mean {args.think:g} s; "
          f"{total / wall:.1f} requests/s; load average {os.getloadavg()[0]:.1f}")
    def took(kind: str, after: float = 0.0) -> list[float]:
        return [d for at, d in tally.latency.get(kind, []) if at >= after]

    print(f"  after the first {args.warmup:g} s (everyone signing in at once):")
    print(f"  {'kind':10} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind in ("page", "api read", "write"):
        values = took(kind, args.warmup)
        print(f"  {kind:10} {len(values):9d} {pct(values, 50):8.1f} {pct(values, 95):8.1f} "
              f"{max(values, default=0) * 1000:8.1f}")
    page_p95 = pct(took("page", args.warmup), 95)
    print(f"  page p95 {page_p95:.0f} ms (target under 200 ms on SQLite): "
          f"{'met' if page_p95 < 200 else 'NOT met'}; over the whole run, the first "
          f"{args.warmup:g} s included: {pct(took('page'), 95):.0f} ms")
    pages = tally.latency.get("page", [])
    windows = [[d for at, d in pages if start <= at < start + 10]
               for start in range(0, int(max((at for at, _ in pages), default=0)) + 1, 10)]
    print("  page p95 by 10 s of the run: "
          + ", ".join(f"{pct(w, 95):.0f}" for w in windows if w) + " ms")
    slowest = sorted(tally.by_page.items(), key=lambda kv: -pct(kv[1], 95))
    print("  page p95 by page: " + ", ".join(f"{path} {pct(v, 95):.0f}" for path, v in slowest)
          + " ms")
    print(f"  writes acknowledged: {len(tally.edits)} item edits, {tally.observations} "
          f"observations, {tally.actuals} actual dates; {tally.stale} edits refused as stale "
          "(409, shown to the person with both versions)")
    print(f"  errors: {len(tally.errors)} (target 0)"
          + "".join(f"\n    {e}" for e in tally.errors[:5]))
    print(f"  lost updates: {len(lost)} (target 0)" + "".join(f"\n    {p}" for p in lost[:5]))


def report_abuse(tally: Tally, was_locked: bool, after_lift: int) -> None:
    start, end = tally.abuse_window
    during = [d for at, d in tally.latency.get("page", []) if start <= at < end]
    p95 = pct(during, 95)
    print(f"  abuse: {sum(tally.abuse.values())} wrong passwords for '{VICTIM}' from "
          f"{ABUSER} in {end - start:.1f} s; answers "
          + ", ".join(f"{code}: {n}" for code, n in sorted(tally.abuse.items())))
    print(f"  normal clients' page p95 meanwhile {p95:.0f} ms over {len(during)} pages "
          f"(target under 200 ms): {'met' if p95 < 200 else 'NOT met'}")
    print(f"  account locked at the end: {'yes' if was_locked else 'NO'}; after the "
          f"administrator's lift its right password answers {after_lift} "
          f"({'signed in' if after_lift == 200 else 'NOT signed in'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per database")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause between a client's requests, seconds (0: none)")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes (missionplan serve --workers)")
    parser.add_argument("--warmup", type=float, default=5.0,
                        help="first seconds left out of the latency table (reported apart)")
    parser.add_argument("--abuse", type=int, default=1000,
                        help="wrong passwords fired at one account meanwhile (0: none)")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port, args.workers)
        return
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} before the run "
          "(latency stretches with other load on the machine)")
    if args.db in ("sqlite", "both"):
        run("SQLite", "sqlite", args)
    if args.db in ("postgresql", "both"):
        with scratch_postgres("mp_bench_web") as url:
            if url is not None:
                run("PostgreSQL", url, args)


if __name__ == "__main__":
    main()
