"""Recall per kind and text kept for each open labelled set (main, open, dev2 … dev8), side by side.

Run: .venv/bin/python bench/score_anonymise.py [--misses SET]
With --misses, also lists the labelled spans the finder leaves whole or in part in that set
(dev8, dev7, dev6, dev5, dev4, dev3, dev2, main, open).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cafe_desk.export.anonymise import redact  # noqa: E402
from tests.export.test_anonymise import load_corpus, score  # noqa: E402

SETS = {name: ROOT / "tests" / "export" / file for name, file in (
    ("main", "corpus.jsonl"), ("open", "corpus_open.jsonl"), ("dev2", "corpus_dev2.jsonl"),
    ("dev3", "corpus_dev3.jsonl"), ("dev4", "corpus_dev4.jsonl"), ("dev5", "corpus_dev5.jsonl"),
    ("dev6", "corpus_dev6.jsonl"), ("dev7", "corpus_dev7.jsonl"), ("dev8", "corpus_dev8.jsonl"))}


def misses(items: list[dict]) -> None:
    for item in items:
        text = item["text"]
        done = [False] * len(text)
        found = redact(text).spans
        for span in found:
            done[span.start:span.end] = [True] * (span.end - span.start)
        for span in item["spans"]:
            if not all(done[span["start"]:span["end"]]):
                print(f"MISS {span['kind']:<9} {text[span['start']:span['end']]!r:<30} | {text}")
        labelled = [False] * len(text)
        for span in item["spans"]:
            labelled[span["start"]:span["end"]] = [True] * (span["end"] - span["start"])
        for span in found:
            if not any(labelled[span.start:span.end]):
                print(f"EXTRA {span.kind:<8} {text[span.start:span.end]!r:<30} | {text}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", choices=sorted(SETS))
    args = parser.parse_args()
    scored = {name: score(load_corpus(path)) for name, path in SETS.items()}
    kinds = sorted({kind for per_kind, _ in scored.values() for kind in per_kind})
    print("| kind | " + " | ".join(scored) + " |")
    print("|---|" + "---|" * len(scored))
    for kind in kinds:
        cells = []
        for per_kind, _ in scored.values():
            found, labelled = per_kind.get(kind, (0, 0))
            cells.append(f"{found / labelled:.3f} ({found}/{labelled})" if labelled else "–")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    print("| kept | " + " | ".join(f"{k / t:.4f}" for _, (k, t) in scored.values()) + " |")
    if args.misses:
        misses(load_corpus(SETS[args.misses]))


if __name__ == "__main__":
    main()
