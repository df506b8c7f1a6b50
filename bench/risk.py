"""Benchmark of the risk engine: activity-samples per second, vectorised vs plain.

Generated plan-shaped networks (synthetic: work streams of chained activities
with cross-links between streams, mixed duration kinds, shared drivers, a few
risks and deadlines) of 1,000, 10,000 and 100,000 activities. The vectorised
engine runs the full analysis (``simulate``); the plain per-sample
implementation runs on a subsample and its rate is extrapolated, as labelled.
Peak RSS is measured for the whole process.

    .venv/bin/python bench/risk.py [--samples N] [--workers N] [--sizes 1000,10000]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import threading
import time
from pathlib import Path
from typing import Any

from missionplan.model import Plan
from missionplan.risk import simulate
from missionplan.risk.network import compile_network
from missionplan.risk.reference import reference_run

KINDS = ("triangular", "triangular", "uniform", "pert", "lognormal", "fixed")


def duration(rng: random.Random, k: int) -> dict[str, Any]:
    kind = KINDS[k % len(KINDS)]
    lo = rng.randint(1, 20)
    mid, hi = lo + rng.randint(0, 10), lo + rng.randint(11, 30)
    spec: dict[str, Any] = {"distribution": kind}
    if kind == "fixed":
        spec["likely"] = f"{mid}d"
    elif kind == "lognormal":
        spec.update(median=f"{mid}d", p90=f"{hi}d")
    else:
        spec.update(min=f"{lo}d", likely=f"{mid}d", max=f"{hi}d")
    if k % 7 == 0:
        spec["driver"] = f"d{k % 3}"
    return spec


def plan_of(n: int, seed: int = 1) -> Plan:
    """A synthetic plan: sqrt(n) streams of chained activities, with cross-links."""
    rng = random.Random(seed)
    streams = max(2, int(n ** 0.5) // 2)
    per = -(-n // streams)
    events = [{"id": "start"}] + [{"id": f"e{s}_{i}"} for s in range(streams)
                                  for i in range(per)]
    acts: list[dict[str, Any]] = []
    for s in range(streams):
        for i in range(per):
            if len(acts) >= n:
                break
            prev = "start" if i == 0 else f"e{s}_{i - 1}"
            if i and rng.random() < 0.3:            # a cross-link from another stream
                prev = f"e{rng.randrange(streams)}_{rng.randrange(i)}"
            acts.append({"id": f"a{len(acts)}", "start": prev, "end": f"e{s}_{i}",
                         "duration": duration(rng, len(acts))})
    last = [f"e{s}_{per - 1}" for s in range(min(streams, 4))]
    rels = [{"id": f"dl{k}", "from": "start", "to": ev, "max": f"{per * 12}d"}
            for k, ev in enumerate(last)]
    risks = [{"id": f"k{k}", "probability": 0.1, "impacts": [
        {"target": f"a{rng.randrange(len(acts))}",
         "delay": {"distribution": "uniform", "min": "5d", "max": "30d"}}]} for k in range(5)]
    return Plan.model_validate({
        "id": "bench", "events": events, "activities": acts, "relations": rels,
        "risks": risks, "anchors": [{"event": "start", "date": "2027-01-01"}],
        "drivers": [{"id": f"d{k}", "low": 0.9, "likely": 1.0, "high": 1.4} for k in range(3)],
        "criteria": [{"id": "all", "deadlines": [r["id"] for r in rels]}],
    })


class Watch:
    """Peak RSS and CPU time of this process and every process under it (from /proc).

    Worker processes start from a forkserver, so they are not our direct children and
    getrusage cannot see them; a thread reads /proc every 0.1 s instead.
    """

    def __init__(self) -> None:
        self.peak: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self.before_mb = 0.0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Watch:
        # reset this process's peak so it measures the run, not building the plan
        with contextlib.suppress(OSError):
            Path("/proc/self/clear_refs").write_text("5")
        self._sample()
        self.before_mb = _rss_now_mb()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self._sample()

    def _sample(self) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        for pid in _descendants(os.getpid()) | {os.getpid()}:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            hwm = next((int(line.split()[1]) for line in status.splitlines()
                        if line.startswith("VmHWM:")), 0)
            self.peak[pid] = max(self.peak.get(pid, 0), hwm)
            self.cpu[pid] = (int(stat[11]) + int(stat[12])) / tick

    def main_mb(self) -> float:
        return self.peak.get(os.getpid(), 0) / 1024

    def worker_mb(self) -> float:
        return max((v for k, v in self.peak.items() if k != os.getpid()), default=0) / 1024

    def total_mb(self) -> float:
        return sum(self.peak.values()) / 1024

    def total_cpu(self) -> float:
        return sum(self.cpu.values())


def _rss_now_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines()
                if line.startswith("VmRSS:")) / 1024


def _descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def bench(n: int, samples: int, workers: int, plain_samples: int) -> None:
    plan = plan_of(n)
    net = compile_network(plan)
    simulate(plan_of(100), samples=128, seed=1)       # load the compiled kernel first
    with Watch() as watch:
        cpu0 = watch.total_cpu()
        t0 = time.perf_counter()
        simulate(plan, samples=samples, seed=7, workers=workers)
        fast = time.perf_counter() - t0
    cpu = watch.total_cpu() - cpu0
    t0 = time.perf_counter()
    reference_run(net, 7, 0, plain_samples)
    plain = (time.perf_counter() - t0) / plain_samples * samples
    rate = n * samples / fast
    print(f"{n:>8,} activities × {samples:,} samples: vectorised {fast:7.2f} s "
          f"({rate / 1e6:6.1f} M activity-samples/s, {workers} worker(s), "
          f"{cpu:.1f} s CPU in all processes); "
          f"plain {plain:9.1f} s extrapolated from {plain_samples} samples "
          f"({n / (plain / samples) / 1e6:6.3f} M/s); ratio {plain / fast:6.0f}×; "
          f"peak RSS: main {watch.main_mb():,.0f} MB ({watch.before_mb:,.0f} MB holding the "
          f"plan before the run; workers are threads in it), other processes "
          f"{watch.total_mb() - watch.main_mb():,.0f} MB; load average after "
          f"{os.getloadavg()[0]:.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--plain-samples", type=int, default=20)
    args = parser.parse_args()
    print(f"load average before the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for n in (int(x) for x in args.sizes.split(",")):
        bench(n, args.samples, args.workers, args.plain_samples)


if __name__ == "__main__":
    main()
