"""Benchmark: full-text search of the central synthesis (first 50 hits by relevance, with the count of all matches),
beside bare FTS5 on the same file.

The database is the one bench/bench_import.py leaves with --keep DIR (1,000 bundles: 1 M items), or, without --db,
one built here the same way from --bundles generated bundles (small by default). For each query, each run times:

  service  `SynthesisService(store).find(SynthesisFilter(text=q), limit=50)`: the page of items (joins to café,
           table, round and group, outcome/theme/codebook tags, `highlight()` for the snippet) and `count_items`
  floor    bare FTS5 `SELECT rowid FROM note_fts WHERE note_fts MATCH ? ORDER BY rank LIMIT 50` on the same file

and, to show where the service's time goes, its two halves (`find_items` for the page, `count_items` for the total)
and the bare FTS5 `COUNT(*)` of the matches. Runs alternate service and floor after one warm-up of each; the table
shows medians over --runs runs. Goals: word or phrase ≤ 50 ms, prefix ≤ 150 ms (NEAR shown too).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_search.py [--db central.sqlite3] [--bundles 20]
       [--runs 7]
Without --db it builds its own database under /tmp (about a minute for 20 bundles) and removes it afterwards.
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
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

LIMIT = 50
QUERIES = [  # (kind, query as typed, goal in seconds)
    ("word", "recovery", 0.050),
    ("common word", "support", 0.050),
    ("phrase", '"peer support"', 0.050),
    ("prefix", "recov*", 0.150),
    ("prefix, 5 words", "help*", 0.150),
    ("NEAR", "NEAR(waiting lists, 10)", None),
]
BARE = "SELECT rowid FROM note_fts WHERE note_fts MATCH ? ORDER BY rank LIMIT ?"
BARE_COUNT = "SELECT COUNT(*) FROM note_fts WHERE note_fts MATCH ?"


def build_database(folder: Path, bundles: int, items: int) -> Path:
    """A central database of `bundles` generated bundles imported with `services.importing.import_files` (as
    bench_import makes them)."""
    from bench_import import prepare

    from cafe_desk.services import Services

    identity, paths, _total = prepare(folder, bundles, items)
    db = folder / "central.sqlite3"
    start = time.perf_counter()
    with Services.open(db) as services:
        run = services.importing.import_files(paths, identity)
    print(f"imported {run.imported} bundles in {time.perf_counter() - start:.0f} s (not timed)", file=sys.stderr)
    return db


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def measure_query(store, service, bare: sqlite3.Connection, text: str, runs: int) -> tuple[dict, object]:
    """Median seconds of the service, its halves, the floor and the bare count for one query; and what it found."""
    from cafe_desk.core.synthesis import SynthesisFilter

    f = SynthesisFilter(text=text)
    steps = {"service": lambda: service.find(f, limit=LIMIT),
             "floor": lambda: bare.execute(BARE, [text, LIMIT]).fetchall(),
             "find_items": lambda: store.find_items(f, LIMIT),
             "count_items": lambda: store.count_items(f),
             "count": lambda: bare.execute(BARE_COUNT, [text]).fetchone()}
    samples: dict[str, list[float]] = {k: [] for k in steps}
    found = None
    for run in range(runs + 1):  # the first is a warm-up, not counted
        order = ["service", "floor"] if run % 2 == 0 else ["floor", "service"]
        for name in [*order, "find_items", "count_items", "count"]:
            seconds, out = timed(steps[name])
            if name == "service":
                found = out
            if run:
                samples[name].append(seconds)
    med = {k: statistics.median(v) for k, v in samples.items()}
    return {**med, "max": max(samples["service"])}, found


def measure(db: Path, runs: int) -> tuple[list[dict], int]:
    """Per query: median seconds of the service, its halves, the floor and the bare count; and the items held."""
    from cafe_desk.services import Services
    from cafe_desk.storage.store import Store

    store = Store(db)
    service = Services.build(store).synthesis
    bare = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    held = bare.execute("SELECT COUNT(*) FROM note").fetchone()[0]
    rows = []
    for kind, text, goal in QUERIES:
        med, found = measure_query(store, service, bare, text, runs)
        rows.append({"kind": kind, "text": text, "goal": goal, "total": found.total, "shown": len(found.items),
                     **med})
        print(f"{kind:12} {text:28} {found.total:>9,} hits  service {med['service'] * 1000:8.1f} ms  floor "
              f"{med['floor'] * 1000:7.1f} ms", file=sys.stderr, flush=True)
    bare.close()
    store.close()
    return rows, held


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a central database to search (from bench_import.py --keep DIR)")
    parser.add_argument("--bundles", type=int, default=20, help="bundles to build a database from, without --db (20)")
    parser.add_argument("--items", type=int, default=1000, help="items per bundle, without --db (1000)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per query (7)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cafe-bench-search-") as tmp:
        db = args.db or build_database(Path(tmp), args.bundles, args.items)
        rows, held = measure(db, args.runs)
        size = db.stat().st_size
    ms = lambda v: f"{v * 1000:,.1f} ms"  # noqa: E731
    print(f"### Search over {held:,} items ({dt.date.today().isoformat()})\n")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}; Python "
          f"{platform.python_version()}; SQLite {sqlite3.sqlite_version}. Database {size / 2**20:,.0f} MiB, in the "
          f"page cache; median of {args.runs} runs after a warm-up, service and floor alternating.\n")
    print("| query | matches | `find` (page of 50 + count) | — `find_items` | — `count_items` | bare FTS5 top 50 "
          "(floor) | `find` / floor | bare FTS5 COUNT | goal |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        goal = (f"≤ {r['goal'] * 1000:.0f} ms: {'met' if r['service'] <= r['goal'] else 'NOT met'}"
                if r["goal"] else "—")
        print(f"| {r['kind']} `{r['text']}` | {r['total']:,} | {ms(r['service'])} | {ms(r['find_items'])} | "
              f"{ms(r['count_items'])} | {ms(r['floor'])} | {r['service'] / r['floor']:.2f}× | {ms(r['count'])} | "
              f"{goal} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
