"""Phones arriving the moment a fresh `cafe-desk serve` opens, beside the floor started fresh in the same way.

Each run starts a new process and loads it at once: `cafe-desk serve` (the headless phone pages, `python -m
cafe_desk --data-dir DIR serve CAFE --port 0`, on a fresh data file with one running café) or the floor
(`bench/phones_floor.py DB`: bare Starlette + SQLite in a process of its own). The load client (a separate process,
started before the server and waiting for its address) begins as soon as the server prints its URL: N phones (2,000)
arriving at R/s (100), open loop, each from its own loopback address 127.0.x.y: GET the page (cookies + form
fields), POST a comment, read the 303 (the client of `bench/bench_phones.py`). Stored comments are counted in the data
file after the server has stopped; "lost" is phones minus stored. Runs alternate which server goes first.

Prints every run's POST p50 / p99 / max / lost (and when, after the URL appeared, the slowest POST started; and the
server process's CPU time per phone, from /proc, which a busy machine hardly changes), then the median and worst p99
of each server, against the goals: worst app run p99 ≤ 250 ms, median app p99 ≤ 2× the floor's.
Only 127.0.0.0/8 is used; every wait is bounded.

Usage: .venv/bin/python bench/bench_phones_cold.py [--runs 5] [--phones 2000] [--rate 100]
       [--prelude FILE]   (Python run in the serve process before the server starts, e.g. to trace it)
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

WORST_P99_GOAL_S = 0.250
MEDIAN_RATIO_GOAL = 2.0
START_TIMEOUT_S = 60

# `cafe-desk serve` exactly as the command line runs it, with an optional prelude first (argv: prelude, data dir,
# café); `sys.argv` is set as the command line would see it.
SERVE = """
import runpy, sys
prelude, data_dir, cafe = sys.argv[1:4]
if prelude:
    runpy.run_path(prelude)
from cafe_desk.cli import main
sys.argv = ["cafe-desk", "--data-dir", data_dir, "serve", cafe, "--port", "0"]
sys.exit(main(sys.argv[1:]))
"""


def client_main(argv: list[str]) -> None:
    """The load client: waits for the server's URL on stdin, then sends the phones at once (JSON to stdout)."""
    import resource

    from bench_phones import run_client

    phones, rate = int(argv[0]), float(argv[1])
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    url = sys.stdin.readline().strip()
    print(json.dumps(asyncio.run(run_client("sustained", url, phones, rate))), flush=True)


def make_data(folder: Path) -> tuple[str, Path]:
    """A fresh data folder with one running café, as the app would leave it: (its short code, the data file)."""
    from bench_phones import make_cafe

    from cafe_desk.services import Services
    from cafe_desk.settings import Settings
    from cafe_desk.storage.store import Store

    db = Settings(folder).db_path
    cafe_id = make_cafe(db)
    store = Store(db)
    try:
        return Services.build(store).cafes.cafe(cafe_id).short_code, db
    finally:
        store.close()


def count_comments(db: Path, table: str, where: str = "") -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT count(*) FROM {table} {where}").fetchone()[0]
    finally:
        conn.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def one_run(target: str, folder: Path, args) -> dict:
    """Start a fresh server process, load it at once, stop it; the run's figures."""
    folder.mkdir(parents=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    client = subprocess.Popen([sys.executable, __file__, "client", str(args.phones), str(args.rate)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    if target == "app":
        code, db = make_data(folder / "data")
        command = [sys.executable, "-c", SERVE, args.prelude or "", str(folder / "data"), code]
        count = lambda: count_comments(db, "note", "WHERE source = 'participant'")  # noqa: E731
    else:
        db = folder / "floor.sqlite3"
        command = [sys.executable, str(BENCH / "phones_floor.py"), str(db)]
        count = lambda: count_comments(db, "comment")  # noqa: E731
    log = open(folder / "server.log", "w")  # noqa: SIM115 (closed below)
    spawned = time.perf_counter()
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True, env=env, cwd=ROOT)
    try:
        url = server.stdout.readline().strip()
        started = time.perf_counter() - spawned
        if not url.startswith("http://127."):
            raise SystemExit(f"{target} did not start (see {folder / 'server.log'})")
        cpu_before = cpu_seconds(server.pid)
        client.stdin.write(url + "\n")
        client.stdin.flush()
        out, _ = client.communicate(timeout=args.phones / args.rate + 200)
        cpu = cpu_seconds(server.pid) - cpu_before
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        if client.poll() is None:
            client.kill()
    (folder / "client.json").write_text(out)
    result = json.loads(out)
    posts = result["post_s"]
    slowest = max(range(len(posts)), key=posts.__getitem__) if posts else None
    stored = count()
    return {"target": target, "started_s": started, "stored": stored, "lost": args.phones - stored,
            "errors": result["errors"], "p50": percentile(posts, 50), "p99": percentile(posts, 99),
            "max": max(posts, default=float("nan")), "get_p99": percentile(result["get_s"], 99),
            "slowest_at": result["post_at"][slowest] if slowest is not None else float("nan"),
            "late": result["max_lateness_s"], "cpu_ms_per_phone": cpu / args.phones * 1000}


def show(run: int, row: dict) -> None:
    print(f"run {run}  {row['target']:5}  up in {row['started_s']:5.2f} s  POST p50 {row['p50'] * 1000:7.1f} ms  "
          f"p99 {row['p99'] * 1000:7.1f} ms  max {row['max'] * 1000:7.1f} ms (sent at {row['slowest_at']:5.1f} s)  "
          f"GET p99 {row['get_p99'] * 1000:7.1f} ms  CPU {row['cpu_ms_per_phone']:.2f} ms/phone  lost {row['lost']}  "
          f"client late ≤ {row['late'] * 1000:.0f} ms  errors {row['errors'] or '-'}", flush=True)


def report(rows: list[dict], args) -> bool:
    print(f"\n{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite "
          f"{sqlite3.sqlite_version}, {dt.date.today()}, load average {os.getloadavg()[0]:.2f}, {args.runs} runs "
          f"of {args.phones:,} phones at {args.rate:g}/s from the moment each server printed its URL\n")
    print("| server | POST p50 (median) | POST p99: median | worst | max (worst) | lost (total) | CPU per phone |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    summary = {}
    for target in ("floor", "app"):
        mine = [r for r in rows if r["target"] == target]
        if not mine:
            continue
        summary[target] = med, worst = statistics.median(r["p99"] for r in mine), max(r["p99"] for r in mine)
        print(f"| {'cafe-desk serve' if target == 'app' else 'floor'} | "
              f"{statistics.median(r['p50'] for r in mine) * 1000:.1f} ms | {med * 1000:.1f} ms | "
              f"{worst * 1000:.1f} ms | {max(r['max'] for r in mine) * 1000:.1f} ms | {sum(r['lost'] for r in mine)} | "
              f"{statistics.median(r['cpu_ms_per_phone'] for r in mine):.2f} ms |")
    if "app" not in summary or "floor" not in summary:
        return True
    (app_med, app_worst), (floor_med, _) = summary["app"], summary["floor"]
    ratio = app_med / floor_med
    ok_worst, ok_ratio = app_worst <= WORST_P99_GOAL_S, ratio <= MEDIAN_RATIO_GOAL
    print(f"\nworst app run p99 {app_worst * 1000:.1f} ms (goal ≤ {WORST_P99_GOAL_S * 1000:.0f} ms): "
          f"{'met' if ok_worst else 'NOT met'}")
    print(f"median app p99 / median floor p99 = {app_med * 1000:.1f} / {floor_med * 1000:.1f} ms = {ratio:.2f}× "
          f"(goal ≤ {MEDIAN_RATIO_GOAL:g}×): {'met' if ok_ratio else 'NOT met'}")
    print("\nevery run:", json.dumps([{k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
                                      for r in rows]))
    return ok_worst and ok_ratio


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "client":
        client_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--phones", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--targets", type=lambda s: tuple(s.split(",")), default=("floor", "app"),
                        help="comma-separated: floor, app")
    parser.add_argument("--prelude", help="a Python file run in the serve process before it starts")
    parser.add_argument("--keep", help="keep each run's data, server log and client timings in this folder")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="cafe-desk-cold-") as tmp:
        base = Path(args.keep or tmp)
        for run in range(1, args.runs + 1):
            for target in (args.targets if run % 2 else args.targets[::-1]):
                rows.append(one_run(target, base / f"run{run}-{target}", args))
                show(run, rows[-1])
    sys.exit(0 if report(rows, args) else 1)


if __name__ == "__main__":
    main()
