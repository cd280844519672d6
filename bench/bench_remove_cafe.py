"""Benchmark: taking one imported café out of a large central desk (`CentralCafeService.remove`, what "Remove from
the desk…" and `cafe-desk remove-cafe` run; replacing a café with a newer export deletes it the same way).

Each run works on a fresh copy of a desk made by `bench/bench_import.py --keep DIR` (1 M items for the figures in
bench/RESULTS.md), opened with the tree this script runs from (so a desk from an older version is first brought up to
date; that time is reported apart). Then, one at a time, --cafes cafés spread over the desk are removed, each timed.

Floor, on the same copy after the removals: the bare operation, `DELETE FROM note WHERE cafe_id = ?` for as many other
cafés with foreign keys off (one library call on an indexed column, no cascade).

Usage: .venv/bin/python bench/bench_remove_cafe.py --db DIR/central.sqlite3 [--cafes 5] [--runs 2]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cafe_desk.services import Services  # noqa: E402


def one_run(db: Path, cafes: int) -> dict:
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        copy = Path(folder) / "central.sqlite3"
        shutil.copyfile(db, copy)
        conn = sqlite3.connect(copy)
        ids = [row[0] for row in conn.execute("SELECT id FROM cafe WHERE origin = 'imported' ORDER BY id")]
        conn.close()
        step = len(ids) // (2 * cafes + 1)
        chosen, floor_ids = ids[step::2 * step][:cafes], ids[2 * step::2 * step][:cafes]
        started = time.perf_counter()
        with Services.open(copy) as services:
            opened = time.perf_counter() - started
            removals = []
            for cafe_id in chosen:
                started = time.perf_counter()
                services.central_cafes.remove(cafe_id)
                removals.append(time.perf_counter() - started)
        conn = sqlite3.connect(copy, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = OFF")
        floors = []
        for cafe_id in floor_ids:
            started = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute("DELETE FROM note WHERE cafe_id = ?", [cafe_id])
            conn.execute("COMMIT")
            floors.append(time.perf_counter() - started)
        conn.close()
    return {"open": opened, "remove": removals, "floor": floors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a desk kept by bench_import.py --keep")
    parser.add_argument("--cafes", type=int, default=5, help="cafés removed per run (5)")
    parser.add_argument("--runs", type=int, default=2, help="runs, each on a fresh copy (2)")
    args = parser.parse_args()
    runs = [one_run(args.db, args.cafes) for _ in range(args.runs)]
    removes = [t for run in runs for t in run["remove"]]
    floors = [t for run in runs for t in run["floor"]]
    notes = sqlite3.connect(args.db).execute("SELECT COUNT(*) FROM note").fetchone()[0]
    print(f"desk of {notes:,} items; {len(removes)} cafés removed over {args.runs} runs")
    opens = ", ".join(f"{r['open']:.1f} s" for r in runs)
    print(f"opening the copy (bringing it up to date if older): {opens}")
    print(f"remove one café: median {statistics.median(removes) * 1000:.0f} ms, worst {max(removes) * 1000:.0f} ms")
    print(f"floor (bare DELETE of a café's notes): median {statistics.median(floors) * 1000:.0f} ms, "
          f"worst {max(floors) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
