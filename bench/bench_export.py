"""Benchmark: exporting a 4,000-item café end to end (goal: at most 2 s), beside its floor (zip + encrypt alone).

The café is built once through the services on a real SQLite file in a temporary folder: the mental-health template
(6 tables, 3 rounds, 6 outcomes, 4 groups, 8 themes), 70% table notes (some quotes, some tagged with an outcome or a
theme, a summary per table and round) and 30% participant comments (with group, round or outcome, a few hidden), paper
votes, phone ballots and attendance. Texts are one to four lines of the labelled corpus (tests/export/corpus.jsonl),
as bench/bench_anonymise.py makes them, so they hold names, phone numbers and the like to redact.

Each run is a fresh interpreter, so the first export pays every import and the anonymiser's first call, as the app
does when the facilitator first exports. It times, on the same file:

  import     importing `cafe_desk.services.exporting` (as the export dialog does)
  first      the first `ExportService(services).export_cafe(cafe_id, [public key])`: read, redact, manifest, zip,
             encrypt, record the export in the audit log
  warm       the same call again (median of --repeat calls)
  build      `ExportService.build` alone (reading + anonymising + manifest: the anonymiser's share)
  floor      `bundle.pack` + `bundle.seal` of the same files alone
  reference  bench/bench_anonymise.py's own measure (`redact` over its 4,000 corpus items, no café names), to
             compare this machine's speed today with the figure recorded for it in bench/RESULTS.md

The table shows the median over --runs runs. Goal: import + first export ≤ 2 s.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_export.py [--items 4000] [--runs 5] [--repeat 3]
(about 2 minutes with the defaults).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sqlite3
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

GOAL_S = 2.0
LOCALITIES = ["Perth", "Inverness", "Dundee", "Stirling", "Oban", "Elgin", "Ayr", "Dumfries", "Lerwick", "Wick"]
COMMENT_SHARE = 0.3
HIDDEN_EVERY = 97  # one comment in this many is hidden by the facilitator (left out of the export)


def corpus_texts(n: int, seed: int) -> list[str]:
    """`n` texts of one to four corpus lines, as bench_anonymise.py builds them."""
    from bench_anonymise import items

    return items(n, seed)


def build_cafe(services, n_items: int, seed: int = 2026, title: str = "Perth café", locality: str = "Perth"):
    """A café that ran, with `n_items` notes and comments written through the services; returns the café."""
    from cafe_desk.core.model import Plan, RoundSpec

    rng = random.Random(seed)
    template = next(t for t in services.templates.built_in() if t.name.startswith("Help shape"))
    plan: Plan = template.plan
    plan.title, plan.date, plan.locality = title, "2026-03-14", locality
    plan.tables = [(i, name) for i, name in enumerate(["Oak", "Birch", "Rowan", "", "", ""], 1)]
    plan.rounds = [RoundSpec(r.prompt, r.follow_ups, r.minutes) for r in plan.rounds]
    cafe = services.planning.create(plan)[0]
    items = {e: services.planning.items(cafe.id, e) for e in ("table", "round", "outcome", "group", "theme")}
    tables, rounds, outcomes, groups, themes = (items[e] for e in ("table", "round", "outcome", "group", "theme"))
    services.running.start(cafe.id)
    services.channel.set_voting_open(cafe.id, True)  # a new café's voting starts closed
    texts = corpus_texts(n_items, seed)
    comments = round(n_items * COMMENT_SHARE)
    summaries = [(t, r) for t in tables for r in rounds][:max(0, n_items - comments)]
    for (table, rnd), text in zip(summaries, texts, strict=False):
        services.notes.set_summary(cafe.id, table.id, rnd.id, text)
    for text in texts[len(summaries):n_items - comments]:
        roll = rng.random()
        services.notes.add(cafe.id, rng.choice(tables).id, rng.choice(rounds).id, text, is_quote=roll < 0.1,
                           outcome_ids=[rng.choice(outcomes).id] if roll < 0.3 else (),
                           theme_ids=[rng.choice(themes).id] if 0.2 < roll < 0.45 else ())
    for number, text in enumerate(texts[n_items - comments:]):
        note, _ = services.comments.submit(
            cafe.id, text[:1000], consent=True, round_id=rng.choice(rounds).id if rng.random() < 0.5 else None,
            outcome_id=rng.choice(outcomes).id if rng.random() < 0.3 else None,
            group_id=rng.choice(groups).id if rng.random() < 0.7 else None)
        if number % HIDDEN_EVERY == 0:
            services.comments.set_hidden(note.id, True)
    for outcome in outcomes:
        services.votes.set_tally(cafe.id, outcome.id, rng.randint(5, 40))
        for group in groups[:2]:
            services.votes.set_tally(cafe.id, outcome.id, rng.randint(2, 12), group_id=group.id)
    for voter in range(40):
        chosen = rng.sample(outcomes, 3)
        services.ballots.cast(cafe.id, f"bench-voter-{voter}", {o.id: 1 for o in chosen})
    for table in tables:
        for rnd in rounds:
            for group in groups:
                services.notes.set_attendance(cafe.id, table.id, rnd.id, group.id, rng.randint(0, 9))
    return cafe


# --- one run, in a fresh interpreter ---------------------------------------------------------------------------------

def child(db: str, cafe_id: str, public: str, repeat: int) -> None:
    """Time import, first export, warm exports, build alone and the floor on `db`; print them as JSON."""
    start = time.perf_counter()
    from cafe_desk.services import Services
    from cafe_desk.services.exporting import ExportService
    from cafe_desk.storage.store import Store

    imported = time.perf_counter() - start
    from cafe_desk.export import bundle

    store = Store(Path(db))
    service = ExportService(Services.build(store))
    start = time.perf_counter()
    data, result = service.export_cafe(cafe_id, [public])
    first = time.perf_counter() - start
    warm, build, floor = [], [], []
    from bench_anonymise import items as anonymise_items
    from bench_anonymise import timed as anonymise_timed

    reference = anonymise_timed(anonymise_items(4000), [], 1)
    for _ in range(repeat):
        start = time.perf_counter()
        service.export_cafe(cafe_id, [public])
        warm.append(time.perf_counter() - start)
        start = time.perf_counter()
        service.build(cafe_id)
        build.append(time.perf_counter() - start)
        start = time.perf_counter()
        bundle.seal(bundle.pack(result.files), [public])
        floor.append(time.perf_counter() - start)
    store.close()
    plain = sum(len(v) for v in result.files.values())
    print(json.dumps({"import": imported, "first": first, "warm": statistics.median(warm),
                      "build": statistics.median(build), "floor": statistics.median(floor), "reference": reference,
                      "bytes": len(data),
                      "plain": plain, "notes": result.counts.total, "left_out": sum(result.left_out.values()),
                      "redactions": sum(result.redactions.values())}))


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=4000, help="notes and comments in the café (4000)")
    parser.add_argument("--runs", type=int, default=5, help="fresh interpreters, one run each (5)")
    parser.add_argument("--repeat", type=int, default=3, help="warm exports and floors per run (3)")
    args = parser.parse_args()

    from cafe_desk.export.keys import new_identity
    from cafe_desk.services import Services
    from cafe_desk.storage.store import Store

    _secret, public = new_identity()
    with tempfile.TemporaryDirectory(prefix="cafe-bench-export-") as tmp:
        db = Path(tmp) / "cafe.sqlite3"
        start = time.perf_counter()
        store = Store(db)
        cafe = build_cafe(Services.build(store), args.items)
        store.close()
        print(f"built the café ({args.items:,} items) in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        runs = []
        for run in range(args.runs):
            out = subprocess.run([sys.executable, __file__, "child", str(db), cafe.id, public, str(args.repeat)],
                                 capture_output=True, text=True, cwd=ROOT, check=True)
            runs.append(json.loads(out.stdout))
            print(f"run {run + 1}: {runs[-1]}", file=sys.stderr)
    med = {k: statistics.median(r[k] for r in runs) for k in ("import", "first", "warm", "build", "floor",
                                                              "reference")}
    lo = {k: min(r[k] for r in runs) for k in med}
    hi = {k: max(r[k] for r in runs) for k in med}
    last = runs[-1]
    cold = med["import"] + med["first"]
    print(f"### Export of a {args.items:,}-item café ({dt.date.today().isoformat()})\n")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}; Python "
          f"{platform.python_version()}; SQLite {sqlite3.sqlite_version}. {last['notes']:,} items exported "
          f"({last['left_out']} hidden left out, {last['redactions']:,} redactions), {last['plain']:,} bytes of "
          f"files, {last['bytes']:,} bytes sealed. Median of {args.runs} runs (a fresh interpreter each).\n")
    print("| measure | median | min | max |")
    print("|---|---:|---:|---:|")
    rows = (("import `cafe_desk.services.exporting`", "import"), ("first `export_cafe` (cold)", "first"),
            ("`export_cafe` again (warm)", "warm"), ("`ExportService.build` alone (read + anonymise)", "build"),
            ("floor: `bundle.pack` + `bundle.seal` of the same files", "floor"),
            ("reference: bench_anonymise's 4,000 items through `redact`", "reference"))
    for label, key in rows:
        print(f"| {label} | {med[key] * 1000:,.0f} ms | {lo[key] * 1000:,.0f} ms | {hi[key] * 1000:,.0f} ms |")
    print(f"\nimport + first export = {cold:.2f} s (goal ≤ {GOAL_S:.0f} s): {'met' if cold <= GOAL_S else 'NOT met'}; "
          f"warm export / floor = {med['warm'] / med['floor']:.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
