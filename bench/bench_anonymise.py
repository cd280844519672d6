"""Benchmark: redacting a 4,000-item café (goal: the whole export under 2 s, so the anonymiser well under that).

Run: .venv/bin/python bench/bench_anonymise.py [--items N] [--runs R]
Items are built from the labelled corpus (tests/export/corpus.jsonl): one to four of its notes joined, so lengths
vary like real notes and comments. Prints a markdown table: start-up cost (import and first call, in a fresh
process), items per second, and the total for N items, with and without names typed into the café.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cafe_desk.export.anonymise import redact  # noqa: E402

GOAL_S = 2.0
CORPUS = ROOT / "tests" / "export" / "corpus.jsonl"
EXTRA = ["Oak", "Birch", "Rowan table", "The Bothy", "Jo Bloggs", "Sam Facilitator", "Kelvin Hall", "Table Thistle"]
STARTUP = ("import time; t = time.perf_counter(); from cafe_desk.export.anonymise import redact; "
           "i = time.perf_counter(); redact('Dr Okonkwo rang 07700 900418 from G12 8QQ'); "
           "print(i - t, time.perf_counter() - i)")


def items(n: int, seed: int = 2026) -> list[str]:
    """`n` note texts of one to four corpus lines each."""
    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(seed)
    return [" ".join(rng.sample(texts, rng.randint(1, 4))) for _ in range(n)]


def startup(runs: int) -> tuple[float, float]:
    """Median (import, first call) seconds in a fresh interpreter."""
    samples = [tuple(map(float, subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True,
                                               cwd=ROOT, check=True).stdout.split())) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def timed(texts: list[str], extra: list[str], runs: int) -> float:
    """Median seconds to redact all `texts`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            redact(text, extra)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    texts = items(args.items)
    chars = sum(map(len, texts))
    imported, first = startup(args.runs)
    redact("warm-up")
    plain, with_extra = timed(texts, [], args.runs), timed(texts, EXTRA, args.runs)
    print(f"{args.items} items, {chars:,} characters (median of {args.runs} runs)\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| start-up: import | {imported * 1000:.0f} ms |")
    print(f"| start-up: first call (loads name lists, compiles) | {first * 1000:.0f} ms |")
    for label, seconds in (("no café names", plain), (f"{len(EXTRA)} café names", with_extra)):
        print(f"| {label}: items/s | {args.items / seconds:,.0f} |")
        ok = "ok" if seconds + imported + first < GOAL_S else "OVER"
        print(f"| {label}: total for {args.items} items | {seconds * 1000:.0f} ms ({ok}, goal < {GOAL_S:.0f} s "
              "with start-up) |")


if __name__ == "__main__":
    main()
