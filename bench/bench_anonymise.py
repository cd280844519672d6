"""Benchmark: redacting a 4,000-item café with the finder and with the reference (the finder before the
open-vocabulary name finder, frozen in bench/reference_anonymiser), in the same run.

Goals: the whole export under 2 s, so the anonymiser well under that; the finder at most 1.3× the reference.

Run: .venv/bin/python bench/bench_anonymise.py [--items N] [--runs R]
Items are built from the labelled corpus (tests/export/corpus.jsonl): one to four of its notes joined, so lengths
vary like real notes and comments. Runs alternate between the two finders, so a slow spell on the machine hits both.
Prints a markdown table: start-up cost (import and first call, in a fresh process), then for each finder the median
and worst of the runs for N items, with and without names typed into the café, and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.reference_anonymiser.anonymise import redact as reference_redact  # noqa: E402
from cafe_desk.export.anonymise import redact  # noqa: E402

GOAL_S = 2.0
GOAL_RATIO = 1.3
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


def once(finder: Callable, texts: list[str], extra: list[str]) -> float:
    """Seconds to redact all `texts` once."""
    start = time.perf_counter()
    for text in texts:
        finder(text, extra)
    return time.perf_counter() - start


def timed(texts: list[str], extra: list[str], runs: int) -> float:
    """Median seconds for the finder to redact all `texts` (bench/bench_export.py's reference row)."""
    return statistics.median(once(redact, texts, extra) for _ in range(runs))


def timed_both(texts: list[str], extra: list[str], runs: int) -> dict[str, list[float]]:
    """Seconds per run for the reference and the finder, runs alternating between them."""
    times: dict[str, list[float]] = {"reference": [], "finder": []}
    for _ in range(runs):
        times["reference"].append(once(reference_redact, texts, extra))
        times["finder"].append(once(redact, texts, extra))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    texts = items(args.items)
    chars = sum(map(len, texts))
    imported, first = startup(args.runs)
    redact("warm-up")
    reference_redact("warm-up")
    print(f"{args.items} items, {chars:,} characters (median and worst of {args.runs} runs)\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| start-up: import | {imported * 1000:.0f} ms |")
    print(f"| start-up: first call (loads name lists and word list, compiles) | {first * 1000:.0f} ms |")
    for label, extra in (("no café names", []), (f"{len(EXTRA)} café names", EXTRA)):
        times = timed_both(texts, extra, args.runs)
        medians = {k: statistics.median(v) for k, v in times.items()}
        for finder in ("reference", "finder"):
            print(f"| {label}, {finder}: median / worst for {args.items} items | {medians[finder] * 1000:,.0f} ms / "
                  f"{max(times[finder]) * 1000:,.0f} ms ({args.items / medians[finder]:,.0f} items/s) |")
        ratio = medians["finder"] / medians["reference"]
        ok = "ok" if ratio <= GOAL_RATIO else "OVER"
        worst = max(times["finder"]) / max(times["reference"])
        print(f"| {label}: finder ÷ reference, medians (worsts) | {ratio:.2f}× ({worst:.2f}×) ({ok}, goal ≤ "
              f"{GOAL_RATIO}×) |")
        total_ok = "ok" if medians["finder"] + imported + first < GOAL_S else "OVER"
        print(f"| {label}: finder with start-up | {(medians['finder'] + imported + first) * 1000:,.0f} ms "
              f"({total_ok}, goal < {GOAL_S:.0f} s) |")


if __name__ == "__main__":
    main()
