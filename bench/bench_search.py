"""Benchmark: full-text search of the central synthesis (first 50 hits by relevance, with the count of all matches):
the plan before (FTS5 ranks every match), the plan now (the ranking index picks the page, FTS5 counts), and what
each engine alone takes on the same file.

The database is the one bench/bench_import.py leaves with --keep DIR (1,000 bundles: 1 M items), or, without --db,
one built here the same way from --bundles generated bundles (small by default). For each query, each run times:

  after     `SynthesisService(store).find(SynthesisFilter(text=q), limit=50)`: the page of items (café, table,
            round, group, tags, highlighted snippet) and the count; `after 2000` the same with the page's 2,000
  before    the FTS5 plan as it was: `find_items` ranked by FTS5 `rank` (with `highlight()`) + `count_items`
  floor     bare FTS5 `SELECT rowid FROM note_fts WHERE note_fts MATCH ? ORDER BY rank LIMIT 50`
  bm25()    bare FTS5 ordered by `bm25(note_fts)` instead of `rank`
  unranked  bare FTS5 rowids with no order (not a relevance order: what ranking costs)
  count     bare FTS5 `COUNT(*)` of the matches
  tantivy   `SearchIndex.best(query, 50)`: the ranking index's top 50 rowids alone

Runs alternate the order of `after` and `floor` after one warm-up of everything; medians and worst over --runs runs.
Goals: word or phrase ≤ 50 ms, prefix ≤ 150 ms (NEAR, OR/NOT and a filtered search shown too).
--build also times building the ranking index from nothing and bringing it up to date after one more café;
--stall times the Qt stall of searches run from the Synthesis page.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_search.py [--db central.sqlite3] [--bundles 20]
       [--runs 7] [--build] [--stall]
Without --db it builds its own database under /tmp (about a minute for 20 bundles) and removes it afterwards.
"""

from __future__ import annotations

import argparse
import dataclasses
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
    ("two words", "peer support", 0.050),
    ("phrase", '"peer support"', 0.050),
    ("prefix", "recov*", 0.150),
    ("prefix, 5 words", "help*", 0.150),
    ("OR / NOT", "help* OR care NOT online", None),
    ("NEAR", "NEAR(waiting lists, 10)", None),
]
FILTERED = ("word + one town", "support")  # with the locality of the first imported café
BARE = {
    "floor": "SELECT rowid FROM note_fts WHERE note_fts MATCH ? ORDER BY rank LIMIT 50",
    "bm25()": "SELECT rowid FROM note_fts WHERE note_fts MATCH ? ORDER BY bm25(note_fts) LIMIT 50",
    "unranked": "SELECT rowid FROM note_fts WHERE note_fts MATCH ? LIMIT 50",
    "count": "SELECT COUNT(*) FROM note_fts WHERE note_fts MATCH ?",
}
COLUMNS = ["after", "after 2000", "before", "floor", "bm25()", "unranked", "count", "tantivy"]


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


def steps_for(store, service, bare: sqlite3.Connection, index, f) -> dict:
    """What each column runs for the filter `f`."""
    from cafe_desk.core.search_query import fts5_query, parse

    node = parse(f.text)
    old = dataclasses.replace(f, text=fts5_query(node))
    steps = {"after": lambda: service.find(f, limit=LIMIT),
             "after 2000": lambda: service.find(f, limit=2000),
             "before": lambda: (store.find_items(old, LIMIT), store.count_items(old))}
    if f == dataclasses.replace(type(f)(), text=f.text):  # the bare engines know nothing of filters
        steps |= {name: (lambda sql=sql: bare.execute(sql, [old.text]).fetchall()) for name, sql in BARE.items()}
        if index.best(node, 1) is not None:  # NEAR is left to FTS5
            steps["tantivy"] = lambda: index.best(node, LIMIT)
    return steps


def measure_query(steps: dict, runs: int) -> tuple[dict, object]:
    """Median and worst seconds of each step over `runs` runs after a warm-up; and what `after` found."""
    samples: dict[str, list[float]] = {k: [] for k in steps}
    found = None
    for run in range(runs + 1):  # the first is a warm-up, not counted
        first = ["after", "floor"] if run % 2 == 0 else ["floor", "after"]
        for name in [n for n in first if n in steps] + [n for n in steps if n not in first]:
            seconds, out = timed(steps[name])
            if name == "after":
                found = out
            if run:
                samples[name].append(seconds)
    return {k: (statistics.median(v), max(v)) for k, v in samples.items()}, found


def measure(db: Path, runs: int) -> tuple[list[dict], int]:
    """Per query: median and worst seconds of each column; and the items held."""
    from cafe_desk.core.synthesis import SynthesisFilter
    from cafe_desk.services import Services
    from cafe_desk.storage.search_index import SearchIndex
    from cafe_desk.storage.store import Store

    store = Store(db)
    service = Services.build(store).synthesis
    if not service.update_search_index():
        raise SystemExit("the ranking index could not be brought up to date")
    index = SearchIndex(db)
    bare = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    held = bare.execute("SELECT COUNT(*) FROM note").fetchone()[0]
    town = service.cafes()[0].locality
    forms = [(kind, SynthesisFilter(text=text), goal) for kind, text, goal in QUERIES]
    forms.append((f"{FILTERED[0]} ({town})", SynthesisFilter(text=FILTERED[1], locality=town), None))
    rows = []
    for kind, f, goal in forms:
        times, found = measure_query(steps_for(store, service, bare, index, f), runs)
        rows.append({"kind": kind, "text": f.text, "goal": goal, "total": found.total, "times": times})
        print(f"{kind:24} {f.text:28} {found.total:>9,} hits  after {times['after'][0] * 1000:8.1f} ms  before "
              f"{times['before'][0] * 1000:8.1f} ms", file=sys.stderr, flush=True)
    bare.close()
    store.close()
    return rows, held


def measure_build(db: Path) -> dict:
    """Seconds to build the ranking index from nothing, and to bring it up to date after one more café."""
    from cafe_desk.services import Services
    from cafe_desk.storage.search_index import SearchIndex

    index = SearchIndex(db)
    with Services.open(db) as services:
        store = services.store
        index.discard()
        full, _ = timed(lambda: services.synthesis.update_search_index())
        cafes = store.search_cafes()
        one = next(iter(cafes))
        index.catch_up("", {c: s for c, s in cafes.items() if c != one}, store.notes_to_index)  # one café out
        again, _ = timed(lambda: services.synthesis.update_search_index())  # and back in
    size = sum(p.stat().st_size for p in index.folder.iterdir())
    return {"full": full, "one": again, "size": size}


def measure_stall(db: Path, rounds: int) -> dict:
    """The Synthesis page searching each query `rounds` times: the longest gap between 10 ms QTimer ticks while a
    search runs, and the same over 2 s idle before (noise)."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from cafe_desk.services import Services
    from cafe_desk.ui.synthesis.synthesis_panel import SynthesisPanel

    app = QApplication.instance() or QApplication([])
    out = {}
    with Services.open(db) as services:
        page = SynthesisPanel(services, QUndoStack())
        page.confirm = lambda title, text: True
        page.show()
        clock, state = QElapsedTimer(), {"last": 0, "worst": 0, "on": False}
        timer = QTimer(interval=10)

        def tick() -> None:
            now = clock.elapsed()
            if state["on"]:
                state["worst"] = max(state["worst"], now - state["last"])
            state["last"] = now

        timer.timeout.connect(tick)
        clock.start()
        timer.start()

        def wait(ms: int, until=lambda: False) -> None:
            end = clock.elapsed() + ms
            while clock.elapsed() < end and not until():
                app.processEvents()
                time.sleep(0.001)

        state["on"] = True
        wait(2000)
        out["idle"] = state["worst"]
        for _kind, text, _goal in QUERIES:
            state["worst"] = 0
            for _ in range(rounds):
                page.search.setText(text)
                page.refresh_items()
                wait(60_000, lambda: not page.runner.busy)
            out[text] = state["worst"]
        timer.stop()
        page.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a central database to search (from bench_import.py --keep DIR)")
    parser.add_argument("--bundles", type=int, default=20, help="bundles to build a database from, without --db (20)")
    parser.add_argument("--items", type=int, default=1000, help="items per bundle, without --db (1000)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per query (7)")
    parser.add_argument("--build", action="store_true", help="also time building the ranking index")
    parser.add_argument("--stall", action="store_true", help="also time the Qt stall of the Synthesis page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cafe-bench-search-") as tmp:
        db = args.db or build_database(Path(tmp), args.bundles, args.items)
        load = os.getloadavg()
        built = measure_build(db) if args.build else None
        rows, held = measure(db, args.runs)
        stall = measure_stall(db, 3) if args.stall else None
        size = db.stat().st_size
        load = (load, os.getloadavg())
    ms = lambda v: f"{v * 1000:,.1f}"  # noqa: E731
    print(f"### Search over {held:,} items ({dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC)\n")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}; Python "
          f"{platform.python_version()}; SQLite {sqlite3.sqlite_version}. Database {size / 2**20:,.0f} MiB, in the "
          f"page cache; load average {load[0][0]:.1f} before, {load[1][0]:.1f} after; median / worst of {args.runs} "
          "runs after a warm-up, in ms.\n")
    print("| query | matches | " + " | ".join(COLUMNS) + " | goal (after) |")
    print("|---|---:|" + "---:|" * len(COLUMNS) + "---|")
    for r in rows:
        t = r["times"]
        cells = [f"{ms(t[c][0])} / {ms(t[c][1])}" if c in t else "—" for c in COLUMNS]
        goal = (f"≤ {r['goal'] * 1000:.0f}: {'met' if t['after'][0] <= r['goal'] else 'NOT met'}"
                if r["goal"] else "—")
        print(f"| {r['kind']} `{r['text']}` | {r['total']:,} | " + " | ".join(cells) + f" | {goal} |")
    if built:
        print(f"\nRanking index: built from nothing in {built['full']:.1f} s ({built['size'] / 2**20:,.0f} MiB); "
              f"brought up to date after one more café in {built['one'] * 1000:,.0f} ms.")
    if stall:
        worst = max(v for k, v in stall.items() if k != "idle")
        print(f"\nQt stall, searches from the Synthesis page (3 each): worst gap between 10 ms ticks {worst} ms "
              f"(idle before: {stall['idle']} ms); per query: "
              + ", ".join(f"`{k}` {v} ms" for k, v in stall.items() if k != "idle") + ".")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
