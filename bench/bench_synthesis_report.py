"""Benchmark: the national synthesis report (PDF and Word) over a central database of imported cafés, beside a floor of
bare reportlab and python-docx writing the same paragraphs and tables, with the peak memory of each.

Databases (not timed): --cafes generated bundles of --items items each, and the same cafés with --small-items items
each, built and imported as bench/bench_search.py builds them (bench/bench_import.py's generator); then a codebook of
8 themes, each coding the items a common word finds, and 40 items shortlisted.

Each run, in a fresh interpreter per measurement:

  report  `services.synthesis_report.write(path)`: what `cafe-desk report --central --out FILE` and the Synthesis
          page's button run: every café's items streamed and counted, votes across cafés, people by group, then the
          layout (PDF: two passes for the contents; Word: one) and the file moved into place.
  floor   the same report's paragraphs and tables (its blocks, gathered untimed) written by bare reportlab
          (`SimpleDocTemplate.build`, one pass, no contents, charts or bookmarks) and bare python-docx (plain
          paragraphs and tables), timed alone.

Peak memory is each child's peak RSS (`getrusage`): it should not grow with the items (10 k against 100 k).
Goals: PDF ≤ 10 s and Word ≤ 10 s for 100 cafés of 100,000 items.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_synthesis_report.py [--cafes 100] [--items 1000]
       [--small-items 100] [--runs 3]
Building the two databases takes a few minutes (not timed); everything is made under /tmp and removed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
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

GOAL_S = 10.0
THEME_WORDS = ("support", "wait*", "help*", "family", "work*", "time", "school", "home")


def build(folder: Path, cafes: int, items: int) -> Path:
    """A central database of `cafes` imported cafés of `items` items each, with a codebook and a shortlist."""
    from bench_search import build_database

    from cafe_desk.core.synthesis import SynthesisFilter
    from cafe_desk.services import Services

    folder.mkdir(parents=True)
    db = build_database(folder, cafes, items)
    with Services.open(db) as services:
        syn = services.synthesis
        for word in THEME_WORDS:
            theme, _ = syn.create_theme(word.rstrip("*").capitalize())
            found = syn.find(SynthesisFilter(text=word), limit=5000).items
            syn.apply_theme([i.id for i in found], theme.id)
            syn.shortlist([i.id for i in found[:5]])
    return db


def peak_rss() -> int:
    """This process's peak RSS in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def child_report(db: str, kind: str, out: str) -> dict:
    from cafe_desk.services import Services

    with Services.open(db) as services:
        start = time.perf_counter()
        written = services.synthesis_report.write(Path(out) / f"synthesis.{kind}")
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "rss": peak_rss(), "bytes": written.path.stat().st_size, "items": written.items}


def child_floor(db: str, kind: str, out: str) -> dict:
    from cafe_desk.reports.synthesis_content import Heading, Para, Table, blocks
    from cafe_desk.services import Services

    with Services.open(db) as services:
        laid_out = list(blocks(services.synthesis_report.snapshot()))
    paragraphs = [b.text for b in laid_out if isinstance(b, (Heading, Para))]
    tables = [[b.header, *b.rows] for b in laid_out if isinstance(b, Table)]
    start = time.perf_counter()
    data = _bare_pdf(paragraphs, tables) if kind == "pdf" else _bare_docx(paragraphs, tables)
    Path(out, f"floor.{kind}").write_bytes(data)
    return {"seconds": time.perf_counter() - start, "rss": peak_rss(), "bytes": len(data),
            "paragraphs": len(paragraphs), "tables": len(tables)}


def _bare_pdf(paragraphs: list[str], tables: list[list]) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from reportlab.platypus import Table as RLTable

    from cafe_desk.reports import fonts

    regular, _ = fonts.register()
    style = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=9, leading=12)
    story = [Paragraph(escape(t), style) for t in paragraphs]
    story += [RLTable([[Paragraph(escape(v), cell) for v in row] for row in rows], repeatRows=1) for rows in tables]
    out = io.BytesIO()
    SimpleDocTemplate(out).build(story)
    return out.getvalue()


def _bare_docx(paragraphs: list[str], tables: list[list]) -> bytes:
    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    for rows in tables:
        table = doc.add_table(rows=0, cols=len(rows[0]))
        for row in rows:
            for c, value in zip(table.add_row().cells, row, strict=True):
                c.text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def spawn(*argv: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "child", *argv], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")})
    if out.returncode != 0:
        raise SystemExit(f"child {argv[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "child":
        kind, *argv = sys.argv[2:]
        print(json.dumps({"report": child_report, "floor": child_floor}[kind](*argv)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cafes", type=int, default=100, help="imported cafés (100)")
    parser.add_argument("--items", type=int, default=1000, help="items per café in the large database (1000)")
    parser.add_argument("--small-items", type=int, default=100, help="items per café in the small one (100)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-synthesis-report-") as temp:
        sizes = {}
        for per_cafe in (args.small_items, args.items):
            sizes[per_cafe] = build(Path(temp) / f"db-{per_cafe}", args.cafes, per_cafe)
        runs: dict[tuple, list[dict]] = {}
        for run in range(args.runs):
            for per_cafe, db in sizes.items():
                for what in ("report", "floor"):
                    for kind in ("pdf", "docx"):
                        out = Path(temp) / f"out-{run}-{per_cafe}-{what}-{kind}"
                        out.mkdir()
                        result = spawn(what, str(db), kind, str(out))
                        runs.setdefault((per_cafe, what, kind), []).append(result)
                        print(f"run {run + 1}: {per_cafe * args.cafes:,} items {what} {kind}: "
                              f"{result['seconds']:.2f} s, {mib(result['rss'])}", file=sys.stderr, flush=True)
        report(args, runs)
    return 0


def report(args, runs: dict[tuple, list[dict]]) -> None:
    print(f"\n{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs; "
          f"{args.cafes} cafés; {args.runs} runs (median / worst)\n")
    print("| items | format | report | floor | report peak RSS | floor peak RSS | goal |")
    print("|---|---|---|---|---|---|---|")
    for (per_cafe, what, kind), results in sorted(runs.items()):
        if what != "report":
            continue
        floor = runs[(per_cafe, "floor", kind)]
        times = [r["seconds"] for r in results]
        floors = [r["seconds"] for r in floor]
        ok = "✓" if max(times) <= GOAL_S else "✗"
        print(f"| {per_cafe * args.cafes:,} | {kind} | {statistics.median(times):.2f} / {max(times):.2f} s | "
              f"{statistics.median(floors):.2f} / {max(floors):.2f} s | "
              f"{mib(statistics.median(r['rss'] for r in results))} / {mib(max(r['rss'] for r in results))} | "
              f"{mib(statistics.median(r['rss'] for r in floor))} | ≤ {GOAL_S:.0f} s {ok} |")
    sample = runs[(args.items, "floor", "pdf")][0]
    print(f"\nThe floor writes {sample['paragraphs']:,} paragraphs and {sample['tables']:,} tables "
          f"(the report's own, for {args.cafes} cafés).")


if __name__ == "__main__":
    raise SystemExit(main())
