"""How well the safeguarding finder notices risk, per kind, and how long a check takes.

Quality: every labelled set in `tests/safeguarding/` — recall per kind (risk items flagged, whatever kind was named),
false flags on the ordinary items, and how often the kind named is the labelled one. `heldout.jsonl` was written apart
from the rules and never used to tune or train; the `dev*` sets were used for both (their figures show fit, not
generalisation), so `--cv` also retrains the model leaving each dev set out in turn and scores that set.

Speed: `RiskFinder.check` on every labelled text (median, p99, worst) and on a 1,000-character comment (the phone
page's limit) and a 5,000-character note (the Notes page's limit), beside the floor: one `re.search` of a compiled
50-phrase alternation over the same text (what the previous phrase list did).

Usage: .venv/bin/python bench/bench_safeguarding.py [--cv] [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cafe_desk.core.risk_model import RiskModel  # noqa: E402
from cafe_desk.core.safeguarding import RiskFinder  # noqa: E402

SETS = ROOT / "tests" / "safeguarding"
KINDS = ("suicide", "self_harm", "harm_from_others", "child")
AS_FOUND = {"harm_from_others": "harmed"}
FLOOR_PHRASES = ["can't go on", "want to die", "kill myself", "end my life", "self harm", "suicide", "overdose",
                 "hurt myself", "cut myself", "no way out", "not safe at home", "he hits me", "being abused"] * 4


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def score(finder: RiskFinder, items: list[dict]) -> dict:
    total, found, right = Counter(), Counter(), Counter()
    for item in items:
        kind = item["kind"] or "ordinary"
        flag = finder.check(item["text"])
        total[kind] += 1
        found[kind] += flag is not None
        right[kind] += flag is not None and flag.kind == AS_FOUND.get(kind, kind)
    risk = sum(total[k] for k in KINDS)
    return {"total": total, "found": found, "right": right, "recall": sum(found[k] for k in KINDS) / risk,
            "false": found["ordinary"] / max(total["ordinary"], 1)}


def row(name: str, s: dict) -> str:
    per_kind = " | ".join(f"{s['found'][k]}/{s['total'][k]}" for k in KINDS)
    kind_ok = sum(s["right"][k] for k in KINDS) / max(sum(s["found"][k] for k in KINDS), 1)
    return (f"| {name} | {per_kind} | **{s['recall']:.3f}** | {s['found']['ordinary']}/{s['total']['ordinary']} "
            f"(**{s['false']:.1%}**) | {kind_ok:.0%} |")


def timings(finder: RiskFinder, texts: list[str], runs: int) -> list[str]:
    floor = re.compile("|".join(re.escape(p) for p in FLOOR_PHRASES))
    out = []
    for label, fn in (("RiskFinder.check", finder.check), ("floor: one regex search", floor.search)):
        per_run = []
        for _ in range(runs):
            times = []
            for text in texts:
                start = time.perf_counter()
                fn(text)
                times.append(time.perf_counter() - start)
            times.sort()
            per_run.append((statistics.median(times), times[int(len(times) * 0.99)], times[-1]))
        med = [statistics.median(x) * 1e3 for x in zip(*per_run, strict=True)]
        out.append(f"| {label}, every labelled text ({len(texts)}) | {med[0]:.3f} ms | {med[1]:.3f} ms | "
                   f"{med[2]:.3f} ms |")
    filler = " ".join(texts)
    for n in (1_000, 5_000):
        text = filler[:n]
        for label, fn in (("RiskFinder.check", finder.check), ("floor", floor.search)):
            times = []
            for _ in range(runs * 5):
                start = time.perf_counter()
                fn(text)
                times.append(time.perf_counter() - start)
            out.append(f"| {label}, one text of {n:,} characters | {statistics.median(times) * 1e3:.3f} ms | | "
                       f"{max(times) * 1e3:.3f} ms |")
    return out


def cross_validated() -> list[str]:
    import train_risk_model as training

    everything, out = list(training.SETS), []
    for left_out in everything:
        training.SETS = [p for p in everything if p != left_out]
        training.OUT = Path(tempfile.mktemp(suffix=".json"))
        with contextlib.redirect_stdout(io.StringIO()):
            training.main()
        out.append(row(f"{left_out.stem}, model trained without it", score(RiskFinder(RiskModel.load(training.OUT)),
                                                                          load(left_out))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cv", action="store_true", help="also retrain leaving each dev set out (needs scikit-learn)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    finder = RiskFinder.default()
    ready = time.perf_counter() - start
    paths = sorted(SETS.glob("*.jsonl"), key=lambda p: (p.stem != "heldout", len(p.stem), p.stem))
    print("| set | suicide | self-harm | harmed by someone | child | recall | false flags | kind named right |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for path in paths:
        print(row(path.stem, score(finder, load(path))))
    if args.cv:
        for line in cross_validated():
            print(line)
    texts = [item["text"] for path in paths for item in load(path)]
    print(f"\nfinder ready (rules compiled, model read) in {ready * 1e3:.0f} ms\n")
    print("| check | median | p99 | worst |")
    print("|---|---:|---:|---:|")
    for line in timings(finder, texts, args.runs):
        print(line)


if __name__ == "__main__":
    main()
