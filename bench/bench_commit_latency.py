"""Commit latency of saving one note (`services.notes.add`) against a bare SQLite INSERT + COMMIT.

Both write to a real file in a temporary folder with the app's pragmas (WAL, synchronous=FULL, foreign_keys,
busy_timeout). Each run times N commits of each kind, interleaved run by run so both see the same disk; the table
shows the median over RUNS runs of each run's p50 and p99. Goal: the service's p99 is at most 3× the bare p99 and
at most 20 ms.

Usage: .venv/bin/python bench/bench_commit_latency.py [--commits 500] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cafe_desk.core.model import Plan, RoundSpec
from cafe_desk.services import Services
from cafe_desk.storage.database import BUSY_TIMEOUT_MS
from cafe_desk.storage.store import Store

WARM_UP = 20
TEXT = "Peer support kept me going when the waiting list was a year long"


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def time_service(folder: Path, commits: int) -> tuple[list[float], float]:
    """Seconds per `notes.add`, and SQL statements run per add."""
    services = Services.build(Store(folder / "service.sqlite3"))
    plan = Plan(title="Bench café", date="2026-03-14", locality="Perth", tables=[(i, "") for i in range(1, 9)],
                rounds=[RoundSpec("What helps?"), RoundSpec("What gets in the way?")], outcomes=["Peer support"])
    cafe, _ = services.planning.create(plan)
    table = services.planning.items(cafe.id, "table")[0].id
    rnd = services.planning.items(cafe.id, "round")[0].id
    add = services.notes.add
    for _ in range(WARM_UP):
        add(cafe.id, table, rnd, TEXT)
    statements = []
    services.store.conn.set_trace_callback(statements.append)
    add(cafe.id, table, rnd, TEXT)
    services.store.conn.set_trace_callback(None)
    samples = []
    for _ in range(commits):
        start = time.perf_counter()
        add(cafe.id, table, rnd, TEXT)
        samples.append(time.perf_counter() - start)
    services.store.close()
    return samples, len(statements)


def time_bare(folder: Path, commits: int) -> list[float]:
    """Seconds per INSERT + COMMIT into a one-table database with the same pragmas."""
    conn = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE note (id TEXT PRIMARY KEY, text TEXT NOT NULL, created_at TEXT NOT NULL)")

    def insert() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO note VALUES (?, ?, ?)",
                     [str(uuid.uuid4()), TEXT, dt.datetime.now(dt.UTC).isoformat()])
        conn.execute("COMMIT")

    for _ in range(WARM_UP):
        insert()
    samples = []
    for _ in range(commits):
        start = time.perf_counter()
        insert()
        samples.append(time.perf_counter() - start)
    conn.close()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, dict[str, list[float]]] = {"service": {"p50": [], "p99": []}, "bare": {"p50": [], "p99": []}}
    statements = 0
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="cafe-bench-", dir=os.environ.get("BENCH_DIR")) as tmp:
            service, statements = time_service(Path(tmp), args.commits)
            bare = time_bare(Path(tmp), args.commits)
        for name, samples in (("service", service), ("bare", bare)):
            results[name]["p50"].append(percentile(samples, 50) * 1000)
            results[name]["p99"].append(percentile(samples, 99) * 1000)
    med = {name: {k: statistics.median(v) for k, v in r.items()} for name, r in results.items()}
    ratio = med["service"]["p99"] / med["bare"]["p99"]
    ok = ratio <= 3 and med["service"]["p99"] <= 20
    print(f"### Commit latency ({dt.date.today().isoformat()})\n")
    print(f"Machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {platform.platform()}; "
          f"Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}. "
          f"{args.commits} commits per run, median of {args.runs} runs, WAL + synchronous=FULL, "
          f"temp folder {tempfile.gettempdir() if not os.environ.get('BENCH_DIR') else os.environ['BENCH_DIR']}.\n")
    print("| write | p50 (ms) | p99 (ms) |")
    print("|---|---:|---:|")
    print(f"| `services.notes.add` ({statements} SQL statements) | {med['service']['p50']:.2f} | "
          f"{med['service']['p99']:.2f} |")
    print(f"| bare `INSERT` + `COMMIT` | {med['bare']['p50']:.2f} | {med['bare']['p99']:.2f} |")
    print(f"\nservice p99 / bare p99 = {ratio:.2f} (goal ≤ 3, and ≤ 20 ms): {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
