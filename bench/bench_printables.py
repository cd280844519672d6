"""Benchmark: the printables for a 12-table café with 200 comment cards and 200 vote sheets (poster, table tent
cards, comment cards, vote sheets, note-taker sheets, saved as one PDF through the service, as the app and the
command line do), against a floor measured in the same run: bare reportlab drawing the same number of pages of plain
text in the same typeface.

Goal: at most 3 s.

Run: PYTHONPATH=. .venv/bin/python bench/bench_printables.py [--runs R]
Runs alternate between the two, so a slow spell on the machine hits both. Prints a markdown table: median and worst
of the runs, with the page count and file size.
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cafe_desk.core.model import Plan, RoundSpec  # noqa: E402
from cafe_desk.reports.fonts import register  # noqa: E402
from cafe_desk.services import Services  # noqa: E402

GOAL_S = 3.0
TABLES, COPIES = 12, 200
ADDRESS = "10.42.0.1:8000"
LINE = "What would make the biggest difference to you, your family and the people you work alongside?"


def plan() -> Plan:
    """A 12-table café with three rounds and eight outcomes, as a facilitator plans one."""
    return Plan(title="Help shape the future of mental health in Perth", date="2026-03-14", locality="Perth",
                tables=[(n, "") for n in range(1, TABLES + 1)],
                rounds=[RoundSpec(f"Round {n}: {LINE}") for n in range(1, 4)],
                outcomes=[f"Outcome {n}: peer support in every GP surgery and community hub" for n in range(1, 9)],
                vote_method="agreement")


def printables(services: Services, cafe_id: str, target: Path) -> float:
    """Seconds to save every printable."""
    printing = services.printables
    selection = printing.selection(["poster", "tables", "comment-cards", "vote-sheets", "note-sheets"],
                                   comment_cards=COPIES, vote_sheets=COPIES)
    start = time.perf_counter()
    printing.save(cafe_id, selection, target, ADDRESS)
    return time.perf_counter() - start


def floor(pages: int) -> float:
    """Seconds for bare reportlab to draw `pages` pages of 40 lines of plain text in the same typeface."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    regular, _bold = register()
    start = time.perf_counter()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for page in range(pages):
        pdf.setFont(regular, 10)
        for n in range(40):
            pdf.drawString(40, 800 - n * 18, f"{page}.{n} {LINE}")
        pdf.showPage()
    pdf.save()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Services.open(Path(folder) / "cafe-desk.sqlite3") as services:
        cafe = services.planning.create(plan())[0]
        target = Path(folder) / "printables.pdf"
        printables(services, cafe.id, target)  # warm: fonts registered, modules loaded
        data = target.read_bytes()
        pages = len(re.findall(rb"/Type /Page\b(?!s)", data))
        floor(pages)
        ours, bare = [], []
        for _ in range(args.runs):
            ours.append(printables(services, cafe.id, target))
            bare.append(floor(pages))
    print(f"{TABLES} tables, {COPIES} comment cards, {COPIES} vote sheets: {pages} pages, {len(data) / 1e6:.1f} MB; "
          f"{args.runs} runs")
    print()
    print("| what | median | worst |")
    print("|---|---:|---:|")
    print(f"| printables, saved through the service | **{statistics.median(ours):.2f} s** | {max(ours):.2f} s |")
    print(f"| floor: bare reportlab, {pages} pages of plain text | {statistics.median(bare):.2f} s | "
          f"{max(bare):.2f} s |")
    print()
    print(f"goal ≤ {GOAL_S:.0f} s: {'met' if statistics.median(ours) <= GOAL_S else 'NOT met'}")


if __name__ == "__main__":
    main()
