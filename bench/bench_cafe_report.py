"""Benchmark: the café summary PDF of a 4,000-item café, beside its floor (goal: layout at most 1.2× the floor).

The café is bench/bench_export.py's: built once through the services on a real SQLite file (6 tables, 3 rounds,
70% table notes with quotes and a summary per table and round, 30% participant comments, votes, attendance), texts
from the labelled corpus so there are names and phone numbers to take out. Each run, in this one process:

  anonymise  `services.cafe_report.summary(cafe_id)`: reading the café and anonymising it through the export's own
             files (`ExportService.build`), measured apart from the layout
  layout     `cafe_summary_pdf(summary)`: the whole report laid out to PDF bytes (headings, tables, charts, page
             numbers "Page n of N", bookmarks)
  floor      bare reportlab laying out the same already-anonymised paragraphs (the report's own markup of each
             item): a SimpleDocTemplate with one Paragraph per item in the same font and size, nothing else

A first, untimed report warms imports and the anonymiser's lists. Each run makes the report and the floor five times
each, alternately, and keeps the fastest of each (in processor time, this process's own, which a busy shared machine
disturbs far less than wall-clock time; wall-clock times are shown too). The table shows the median and the worst of
--runs runs; goal: layout ≤ 1.2× the floor of the same run.

Usage: .venv/bin/python bench/bench_cafe_report.py [--items 4000] [--runs 5]   (about four minutes)
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

GOAL = 1.2
TRIES = 5  # layouts and floors per run, alternated; each run keeps the fastest of each


def floor_pdf(paragraphs: list[str]) -> bytes:
    """Bare reportlab: one Paragraph per item, in the report's font and size, on A4."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from cafe_desk.reports.fonts import register

    regular, _ = register()
    style = ParagraphStyle("floor", fontName=regular, fontSize=9.5, leading=12.5, spaceAfter=3)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([Paragraph(p, style) for p in paragraphs])
    return out.getvalue()


def item_texts(summary) -> list[str]:
    """Every item the report prints (points, summaries, comments), as the very Paragraph markup it sets."""
    from cafe_desk.reports.cafe_summary import comment_markup, point_markup, text

    return [*(point_markup(p) for t in summary.notes for _, ps in t.rounds for p in ps),
            *(text(c.text) for c in summary.carried), *(comment_markup(c) for c in summary.comments)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=4000, help="notes and comments in the café (4000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (5)")
    args = parser.parse_args()

    from bench_export import build_cafe

    from cafe_desk.reports.cafe_summary import cafe_summary_pdf
    from cafe_desk.services import Services
    from cafe_desk.storage.store import Store

    with tempfile.TemporaryDirectory(prefix="cafe-bench-report-") as tmp:
        store = Store(Path(tmp) / "cafe.sqlite3")
        services = Services.build(store)
        start = time.perf_counter()
        cafe = build_cafe(services, args.items)
        print(f"built the café ({args.items:,} items) in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        cafe_summary_pdf(services.cafe_report.summary(cafe.id))  # warm-up, untimed
        runs = []
        for run in range(args.runs):
            start = time.perf_counter()
            summary = services.cafe_report.summary(cafe.id)
            anonymise = time.perf_counter() - start
            paragraphs = item_texts(summary)
            tries = {"layout": [], "floor": []}
            for _ in range(TRIES):  # alternated, so a busy moment on the machine falls on both alike
                for name, make, given in (("layout", cafe_summary_pdf, summary), ("floor", floor_pdf, paragraphs)):
                    start, cpu = time.perf_counter(), time.process_time()
                    made = make(given)
                    tries[name].append((time.perf_counter() - start, time.process_time() - cpu, made))
            layout, layout_cpu, pdf = min(tries["layout"], key=lambda t: t[1])
            bare, bare_cpu, floor = min(tries["floor"], key=lambda t: t[1])
            runs.append({"anonymise": anonymise, "layout": layout, "floor": bare, "layout_cpu": layout_cpu,
                         "floor_cpu": bare_cpu, "ratio": layout_cpu / bare_cpu, "wall_ratio": layout / bare,
                         "bytes": len(pdf), "floor_bytes": len(floor), "items": len(paragraphs),
                         "pages": pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ")})
            print(f"run {run + 1}: {runs[-1]}", file=sys.stderr)
        store.close()

    def ms(key: str, pick) -> str:
        return f"{pick(r[key] for r in runs) * 1000:,.0f} ms"

    med_ratio, worst_ratio = statistics.median(r["ratio"] for r in runs), max(r["ratio"] for r in runs)
    last = runs[-1]
    print(f"### Café summary of a {args.items:,}-item café ({dt.date.today().isoformat()})\n")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}; Python "
          f"{platform.python_version()}. {last['items']:,} items printed, {last['bytes']:,} bytes "
          f"(floor {last['floor_bytes']:,} bytes). {args.runs} runs in one process after an untimed warm-up.\n")
    print("| measure | median | worst |")
    print("|---|---:|---:|")
    print(f"| anonymise: `services.cafe_report.summary` (read + anonymise via the export's files) | "
          f"{ms('anonymise', statistics.median)} | {ms('anonymise', max)} |")
    print(f"| layout: `cafe_summary_pdf` (the whole report) | {ms('layout', statistics.median)} | "
          f"{ms('layout', max)} |")
    print(f"| floor: SimpleDocTemplate, one Paragraph per item, same font | {ms('floor', statistics.median)} | "
          f"{ms('floor', max)} |")
    print(f"| layout, processor time | {ms('layout_cpu', statistics.median)} | {ms('layout_cpu', max)} |")
    print(f"| floor, processor time | {ms('floor_cpu', statistics.median)} | {ms('floor_cpu', max)} |")
    print(f"| layout ÷ floor, processor time (same run) | {med_ratio:.2f}× | {worst_ratio:.2f}× |")
    print(f"| layout ÷ floor, wall-clock (same run) | {statistics.median(r['wall_ratio'] for r in runs):.2f}× | "
          f"{max(r['wall_ratio'] for r in runs):.2f}× |")
    verdict = "met" if worst_ratio <= GOAL else "met by the median only" if med_ratio <= GOAL else "NOT met"
    print(f"\nGoal layout ≤ {GOAL}× the floor: {verdict}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
