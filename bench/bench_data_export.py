"""Benchmark: the Synthesis page's data exports (CSV for spreadsheets, CSV for analysis tools, XLSX) in items per
second at two sizes, beside bare csv.writer and bare xlsxwriter writing the same cells, with peak memory.

The databases are built as bench/bench_search.py builds them (generated bundles imported through
`services.importing.import_files`, 1,000 items a bundle), one per size, or given with --db. Each measure runs in a
fresh interpreter, so its peak RSS (`getrusage`) is its own:

  csv        `services.synthesis.export_data("csv", folder)`: items.csv, votes.csv, themes.csv for spreadsheets
  csv-plain  the same for analysis tools (no formula guard, no byte-order mark)
  xlsx       `services.synthesis.export_data("xlsx", path)`: the workbook (constant memory)
  floor-csv  bare `csv.writer(...).writerows(rows)` of the items' cells, from a plain list made untimed
  floor-xlsx bare xlsxwriter (constant_memory) writing the same typed cells (strings, numbers, dates, with the same
             per-column formats) from a plain list made untimed

  csv-before, xlsx-before  (with --before DIR) the same exports by the Café Desk source tree in DIR (an older
             version, `git archive COMMIT | tar -x -C DIR`), on the same database in the same run

The exports also write the votes and themes tables (small) and read the items from SQLite; the floors write the
items' cells only. Measures alternate within a run; the table shows the median and worst (slowest) of --runs runs.
Goal: XLSX ≤ 1.5× the bare xlsxwriter floor, memory flat (the same peak at 10k and 100k items).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_data_export.py [--sizes 10 100] [--runs 3]
       [--keep DIR] [--before DIR]
--sizes are bundles of 1,000 items. Building the databases takes about a minute for 10 + 100 bundles (not timed);
--keep DIR keeps them there (and reuses them on the next run).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CODE = os.environ.get("CAFE_DESK_BENCH_CODE", str(ROOT))  # the source tree a child measures (--before)
sys.path.insert(0, CODE)
sys.path.insert(0, str(BENCH))

MEASURES = ("csv", "csv-plain", "xlsx", "floor-csv", "floor-xlsx")
GOAL_RATIO = 1.5


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def database(folder: Path, bundles: int) -> Path:
    """A central database of `bundles` imported bundles in `folder` (built once, kept if `folder` is)."""
    db = folder / f"central-{bundles}.sqlite3"
    if not db.exists():
        from bench_search import build_database

        work = Path(tempfile.mkdtemp(prefix=f"build-{bundles}-", dir=folder))
        shutil.move(build_database(work, bundles, 1000), db)
        shutil.rmtree(work, ignore_errors=True)
    return db


def plain_rows(db: str) -> tuple[list[list], object]:
    """The items' cells as the export writes them, in a plain list (made untimed, for the floors)."""
    from cafe_desk.central import tables_export
    from cafe_desk.services import Services

    with Services.open(db) as services:
        syn = services.synthesis
        rows = [list(r) for r in tables_export.item_rows(syn, tables_export.SynthesisFilter(),
                                                         lambda d, t: None, lambda: False, 0)]
    return rows, tables_export


def child_export(db: str, kind: str, out: str) -> dict:
    import cafe_desk
    from cafe_desk.services import Services

    assert Path(cafe_desk.__file__).is_relative_to(CODE), (cafe_desk.__file__, CODE)
    with Services.open(db) as services:
        total = services.synthesis.find(limit=0).total
        start, cpu = time.perf_counter(), time.process_time()
        if kind == "xlsx":
            services.synthesis.export_data("xlsx", Path(out) / "data.xlsx")
        elif kind == "csv":
            services.synthesis.export_data("csv", out)
        else:
            services.synthesis.export_data("csv", out, csv_for="analysis")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "items": total, "rss": peak_rss()}


def child_floor_csv(db: str, out: str) -> dict:
    rows, tables = plain_rows(db)
    header = [c[0] for c in tables.ITEM_COLUMNS]
    start, cpu = time.perf_counter(), time.process_time()
    with open(Path(out) / "items.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "items": len(rows), "rss": peak_rss()}


def child_floor_xlsx(db: str, out: str) -> dict:
    import xlsxwriter

    rows, tables = plain_rows(db)
    columns = tables.ITEM_COLUMNS
    for row in rows:  # the cells as typed in the workbook: dates as dates
        for c, (name, _) in enumerate(columns):
            if name == "date" and row[c]:
                row[c] = dt.datetime.fromisoformat(row[c])
    start, cpu = time.perf_counter(), time.process_time()
    book = xlsxwriter.Workbook(str(Path(out) / "floor.xlsx"), {"constant_memory": True, "tmpdir": out})
    sheet = book.add_worksheet("Items")
    plain = book.add_format({"valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    date = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top", "align": "left"})
    formats = [wrap if name in ("text", "question") else plain for name, _ in columns]
    for c, (name, _) in enumerate(columns):
        sheet.write_string(0, c, name)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                sheet.write_string(r, c, value, formats[c])
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, date)
            else:
                sheet.write_number(r, c, value, formats[c])
    book.close()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "items": len(rows), "rss": peak_rss()}


def child(kind: str, db: str, out: str) -> None:
    if kind == "floor-csv":
        result = child_floor_csv(db, out)
    elif kind == "floor-xlsx":
        result = child_floor_xlsx(db, out)
    else:
        result = child_export(db, kind, out)
    print(json.dumps(result))


def spawn(kind: str, db: Path, before: Path | None = None) -> dict:
    code = before if kind.endswith("-before") else ROOT
    kind = kind.removesuffix("-before")
    with tempfile.TemporaryDirectory(prefix="data-export-", dir=db.parent) as out:
        done = subprocess.run([sys.executable, __file__, "child", kind, str(db), out], capture_output=True,
                              text=True, cwd=code, env={**os.environ, "PYTHONPATH": str(code),
                                                        "CAFE_DESK_BENCH_CODE": str(code)})
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(sizes: list[int], kinds: list[str], runs: dict[tuple[int, str], list[dict]], n_runs: int) -> None:
    print(f"### Data exports ({dt.date.today().isoformat()})\n")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}; Python "
          f"{platform.python_version()}; load average at the end {os.getloadavg()[0]:.1f}. Median and worst of "
          f"{n_runs} runs, each measure in a fresh interpreter, measures alternating. items/s is wall-clock; "
          "CPU s is the process's own CPU time for the same work, which other programs on the machine disturb "
          "far less.\n")
    print("| items | measure | items/s (median) | items/s (worst) | wall s (median) | CPU s (median) | "
          "peak RSS (worst) |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for size in sizes:
        for kind in kinds:
            rs = runs[(size, kind)]
            rates = [r["items"] / r["seconds"] for r in rs]
            print(f"| {rs[0]['items']:,} | {kind} | {statistics.median(rates):,.0f} | {min(rates):,.0f} | "
                  f"{statistics.median(r['seconds'] for r in rs):.2f} | {statistics.median(r['cpu'] for r in rs):.2f} "
                  f"| {max(r['rss'] for r in rs) / 2**20:,.0f} MiB |")
    print()
    for size in sizes:
        for clock in ("seconds", "cpu"):
            med = {k: statistics.median(r[clock] for r in runs[(size, k)]) for k in kinds}
            ratio = med["xlsx"] / med["floor-xlsx"]
            print(f"- {runs[(size, 'xlsx')][0]['items']:,} items, {'wall' if clock == 'seconds' else 'CPU'}: "
                  f"xlsx / bare xlsxwriter = {ratio:.2f}× (goal ≤ {GOAL_RATIO}×: "
                  f"{'met' if ratio <= GOAL_RATIO else 'NOT met'}); csv / bare csv.writer = "
                  f"{med['csv'] / med['floor-csv']:.2f}×, csv for analysis / bare = "
                  f"{med['csv-plain'] / med['floor-csv']:.2f}×"
                  + (f"; before: xlsx / floor {med['xlsx-before'] / med['floor-xlsx']:.2f}×, csv / floor "
                     f"{med['csv-before'] / med['floor-csv']:.2f}×" if "xlsx-before" in med else ""))
    print("\nevery run:", json.dumps({f"{s}:{k}": [{n: round(v, 3) if isinstance(v, float) else v
                                                    for n, v in r.items()} for r in rs]
                                      for (s, k), rs in runs.items()}))


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        child(*sys.argv[2:5])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100], help="bundles of 1,000 items (10 100)")
    parser.add_argument("--runs", type=int, default=3, help="runs of every measure (3)")
    parser.add_argument("--only", nargs="+", choices=MEASURES, help="only these measures")
    parser.add_argument("--keep", type=Path, help="build the databases here and keep them (reused next time)")
    parser.add_argument("--before", type=Path, help="also measure the exports of the source tree in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-data-export-"))
    folder.mkdir(parents=True, exist_ok=True)
    kinds = list(args.only or MEASURES) + (["csv-before", "xlsx-before"] if args.before else [])
    try:
        dbs = {size: database(folder, size) for size in args.sizes}
        runs: dict[tuple[int, str], list[dict]] = {(s, k): [] for s in args.sizes for k in kinds}
        for n in range(args.runs):
            for size in args.sizes:
                for kind in kinds:
                    result = spawn(kind, dbs[size], args.before)
                    runs[(size, kind)].append(result)
                    print(f"run {n + 1}, {size} bundles, {kind}: {result['items'] / result['seconds']:,.0f} items/s",
                          file=sys.stderr, flush=True)
        if set(MEASURES) <= set(kinds):
            report(args.sizes, kinds, runs, args.runs)
        else:
            print(json.dumps({f"{s}:{k}": rs for (s, k), rs in runs.items()}))
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
