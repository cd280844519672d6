"""Benchmark: importing many `.cafe` bundles (search index included) beside a bare-SQLite floor, with peak memory and
the Qt event-loop stall while an import runs.

Bundles (not timed): ONE realistic café is built through the services (bench/bench_export.py's café: notes,
summaries, comments, votes, attendance; corpus texts with names and numbers) and exported with
`ExportService.build`, so its files are anonymised as the app makes them. From it, N variants are written to a
temporary folder: a new café id, export id, note ids and outcome, group and theme ids; a new title, locality and date;
every note's text re-drawn from the sentences of the redacted notes (so lengths and [NAME]/[PHONE] placeholders stay
realistic); each made with `bundle.with_manifest`, `bundle.pack` and `bundle.seal` to one X25519 key.

Each run, in a fresh interpreter and a fresh database:

  import  `services.importing.import_files(paths, key file)`: what the Central page runs (`cafe-desk import`
          calls the same `ImportService.import_file` per file): every bundle decrypted and verified, then written in
          a transaction of its own, search index included.
          Its time includes creating the fresh database (about 0.2 s, noticeable only with few bundles).
          Peak memory is that process's peak RSS (`getrusage`). Where the time goes is taken in the same run by
          timers around `open_signed` (decrypt + verify), `read_plan` (parse + check), each bundle's writes, and
          the FTS5 insert of each batch's notes (`index_notes_of`, just before each commit).
  floor   the bare operation: the same rows (made by the importer's own `read_plan` while the bundles are generated,
          loaded untimed), every id reference turned into an integer key (the ids kept as plain data), written with
          plain sqlite3 `executemany` into plain tables (no index, no constraint; WAL, synchronous=FULL), one
          transaction per bundle, then the FTS5 index built in one `'rebuild'`. Only the writes and the rebuild are
          timed.
  stall   a Qt app (QApplication, `QT_QPA_PLATFORM=offscreen`) with a 10 ms QTimer on its main loop; `import_files`
          of --stall-bundles bundles runs through `cafe_desk.ui.shell.ops.run_op` as the Central page runs it.
          The worst gap between ticks while it runs is the stall;
          the worst gap over 2 s before it starts is the idle noise.

Goals: import ≤ 60 s for 1,000 bundles (1 M items) and ≤ 2× the floor; peak memory ≤ 1 GiB; stall < 100 ms.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_import.py [--bundles 20] [--items 1000] [--runs 3]
       [--stall-bundles 100] [--keep DIR]
The defaults take about a minute; --bundles 1000 (1 M items) about 21 minutes for 3 runs on the machine of
bench/RESULTS.md (a run is one import, one floor and one stall: about 7 minutes there). --keep DIR leaves the last
run's database (and the key file) in DIR for bench/bench_search.py; everything else is made under /tmp and removed.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import json
import os
import pickle
import platform
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

GOAL_S_PER_1000 = 60.0
GOAL_RATIO = 2.0
GOAL_RSS = 1 << 30
GOAL_STALL_S = 0.100
LOCALITIES = ["Perth", "Inverness", "Dundee", "Stirling", "Oban", "Elgin", "Ayr", "Dumfries", "Lerwick", "Wick",
              "Fort William", "Galashiels", "Kirkwall", "Portree", "Peebles", "Forfar", "Arbroath", "Nairn"]
SENTENCE = re.compile(r"(?<=[.!?])\s+")


# --- bundles ---------------------------------------------------------------------------------------------------------

def base_files(folder: Path, items: int, seed: int = 2026) -> dict[str, bytes]:
    """The anonymised files (manifest included) of one café of `items` notes and comments, built in `folder`."""
    from bench_export import build_cafe

    from cafe_desk.services import Services
    from cafe_desk.services.exporting import ExportService
    from cafe_desk.storage.store import Store

    store = Store(folder / "source.sqlite3")
    try:
        services = Services.build(store)
        cafe = build_cafe(services, items, seed)
        return ExportService(services).build(cafe.id).files
    finally:
        store.close()


class Variants:
    """Makes bundle `number` from one café's files: new ids everywhere, new title, place, date and note texts, and
    `items` notes and comments (the café's own, repeated from the start if the export left some out)."""

    def __init__(self, files: dict[str, bytes], items: int):
        from cafe_desk.export import bundle

        manifest = json.loads(files[bundle.MANIFEST])
        self.meta = {k: manifest[k] for k in ("redactions", "left_out", "suppressed")}
        self.files = {k: v for k, v in files.items() if k not in (bundle.MANIFEST, bundle.SIGNATURE)}
        self.cafe = json.loads(files["cafe.json"])
        self.outcomes = json.loads(files["outcomes.json"])
        self.groups = json.loads(files["groups.json"])
        self.themes = json.loads(files["themes.json"])
        self.votes = json.loads(files["votes.json"])
        notes = [json.loads(line) for line in files["notes.jsonl"].decode("utf-8").splitlines()]
        self.notes = [notes[i % len(notes)] for i in range(items)]
        self.sentences = [s for n in self.notes for s in SENTENCE.split(n["text"]) if s.strip()]
        self.sizes = [len(SENTENCE.split(n["text"])) for n in self.notes]

    def make(self, number: int) -> dict[str, bytes]:
        """The files (manifest included) of variant `number`; the same number gives the same files but the
        export time."""
        from cafe_desk.export import bundle
        from cafe_desk.export.cafe_export import exported_at

        rng = random.Random(number)

        def new_id() -> str:
            return str(uuid.UUID(int=rng.getrandbits(128), version=4))

        ids = {row["id"]: new_id() for row in (*self.outcomes, *self.groups, *self.themes)}
        locality = LOCALITIES[number % len(LOCALITIES)]
        date = (dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(330))).isoformat()
        cafe = {**self.cafe, "title": f"{locality} café {number + 1}", "locality": locality, "date": date}
        notes = [{**n, "id": new_id(), "text": " ".join(rng.choices(self.sentences, k=k)),
                  "outcome_ids": sorted(ids[o] for o in n["outcome_ids"])}
                 for n, k in zip(self.notes, self.sizes, strict=True)]
        votes = {**self.votes,
                 "outcomes": [{**o, "id": ids[o["id"]]} for o in self.votes["outcomes"]],
                 "by_group": [{**g, "outcomes": [{**o, "id": ids[o["id"]]} for o in g["outcomes"]]}
                              for g in self.votes["by_group"]]}
        files = {**self.files,
                 "cafe.json": bundle.dumps(cafe),
                 "outcomes.json": bundle.dumps([{**o, "id": ids[o["id"]]} for o in self.outcomes]),
                 "groups.json": bundle.dumps([{**g, "id": ids[g["id"]]} for g in self.groups]),
                 "themes.json": bundle.dumps([{**t, "id": ids[t["id"]]} for t in self.themes]),
                 "notes.jsonl": bundle.dumps_lines(notes),
                 "votes.json": bundle.dumps(votes)}
        listed = bundle.with_manifest(files, export_id=new_id(), cafe_id=new_id(), created=date,
                                      exported_at=exported_at(), receipt_secret=f"{rng.getrandbits(256):064x}",
                                      **self.meta)
        return bundle.sign(listed, BENCH_SIGNING_KEY)  # every variant from one facilitator's laptop


_VARIANTS: Variants | None = None
BENCH_SIGNING_KEY = bytes(range(32))


def _start_worker(files: dict[str, bytes], items: int) -> None:
    global _VARIANTS
    _VARIANTS = Variants(files, items)


def _write_bundles(folder: str, public: str, numbers: list[int]) -> int:
    """Seal variants `numbers` into folder/bundles, and their rows for the floor into folder/rows; items written."""
    from cafe_desk.central.bundle_reader import read_plan
    from cafe_desk.export import bundle
    from cafe_desk.storage.rows import utc_now

    items = 0
    for number in numbers:
        files = _VARIANTS.make(number)
        name = f"cafe-{number + 1:04d}"
        Path(folder, "bundles", f"{name}.cafe").write_bytes(bundle.seal(bundle.pack(files), [public]))
        manifest = json.loads(files[bundle.MANIFEST])
        plan = read_plan(manifest, {k: v for k, v in files.items() if k not in (bundle.MANIFEST, bundle.SIGNATURE)},
                         utc_now(), verified=True)
        Path(folder, "rows", f"{name}.pickle").write_bytes(pickle.dumps(floor_rows(plan, manifest),
                                                                        pickle.HIGHEST_PROTOCOL))
        items += len(plan.note_rows)
    return items


def make_bundles(folder: Path, count: int, items: int, public: str, workers: int = 2) -> tuple[list[Path], int]:
    """`count` bundles sealed to `public` in folder/bundles (and the floor's rows in folder/rows); (paths, items)."""
    (folder / "bundles").mkdir(parents=True, exist_ok=True)
    (folder / "rows").mkdir(exist_ok=True)
    files = base_files(folder, items)
    chunks = [list(range(start, count, workers)) for start in range(workers)]
    with concurrent.futures.ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(files, items)) as pool:
        total = sum(pool.map(_write_bundles, [str(folder)] * workers, [public] * workers, chunks))
    return sorted((folder / "bundles").glob("*.cafe")), total


# --- the floor: the same rows, plain executemany ---------------------------------------------------------------------

def floor_rows(plan, manifest: dict) -> dict[str, list[tuple]]:
    """The rows the importer writes for one bundle, as plain tuples per table."""
    import dataclasses

    from cafe_desk.core.imported_ids import scoped_id
    from cafe_desk.storage.cafe_store import ENTITIES, _sql_value
    from cafe_desk.storage.note_store import NOTE_COLUMNS

    cafe = dataclasses.replace(plan.cafe, short_code=plan.cafe.id.upper())
    rows: dict[str, list[tuple]] = {"cafe": [(*dataclasses.astuple(cafe), "imported", plan.source_cafe_id)]}
    for entity, items in plan.items.items():
        rows[ENTITIES[entity][0]] = [tuple(_sql_value(v) for v in dataclasses.astuple(i)) for i in items]
    assert NOTE_COLUMNS[7] == "is_quote" and NOTE_COLUMNS[-1] == "flag_words"
    rows["note"] = list(plan.note_rows)
    rows["note_outcome"] = list(plan.note_outcomes)
    rows["note_theme"] = list(plan.note_themes)
    rows["vote_tally"] = [(scoped_id(plan.source_cafe_id, "vote", f"{plan.export_id}:vote:{i}"), plan.cafe.id,
                           t.outcome_id, t.table_id, t.group_id,
                           t.level, t.count, plan.cafe.created_at) for i, t in enumerate(plan.tallies)]
    rows["attendance"] = [(a.table_id, a.round_id, a.group_id, a.count) for a in plan.attendance]
    rows["import_record"] = [(plan.export_id, plan.cafe.id, plan.source_cafe_id, plan.exported_at, "0" * 64,
                              plan.cafe.created_at, json.dumps(manifest, ensure_ascii=False),
                              json.dumps(plan.votes, ensure_ascii=False))]
    rows["audit"] = [(plan.cafe.created_at, plan.cafe.id, "import", "cafe", plan.cafe.id,
                      json.dumps({"export_id": plan.export_id, "replaced": False}))]
    return rows


BARE_SCHEMA = """
CREATE TABLE cafe (key INTEGER PRIMARY KEY, id TEXT, short_code TEXT, title TEXT, date TEXT, locality TEXT,
    vote_method TEXT, dots_per_person INTEGER, state TEXT, created_at TEXT, updated_at TEXT, origin TEXT,
    source_cafe_id TEXT);
CREATE TABLE cafe_table (key INTEGER PRIMARY KEY, id TEXT, cafe INTEGER, number INTEGER, name TEXT);
CREATE TABLE round (key INTEGER PRIMARY KEY, id TEXT, cafe INTEGER, number INTEGER, prompt TEXT, follow_ups TEXT,
    duration_s INTEGER);
CREATE TABLE outcome (key INTEGER PRIMARY KEY, id TEXT, cafe INTEGER, position INTEGER, title TEXT);
CREATE TABLE cafe_group (key INTEGER PRIMARY KEY, id TEXT, cafe INTEGER, position INTEGER, name TEXT);
CREATE TABLE theme (key INTEGER PRIMARY KEY, id TEXT, cafe INTEGER, name TEXT, description TEXT);
CREATE TABLE note (key INTEGER PRIMARY KEY, id TEXT, cafe INTEGER, tbl INTEGER, rnd INTEGER, text TEXT, source TEXT,
    kind TEXT, is_quote INTEGER, created_at TEXT, updated_at TEXT, grp INTEGER, consent INTEGER, hidden INTEGER,
    pinned INTEGER, flag TEXT, flag_words TEXT);
CREATE TABLE note_outcome (note INTEGER, outcome INTEGER);
CREATE TABLE note_theme (note INTEGER, theme INTEGER);
CREATE TABLE vote_tally (key INTEGER PRIMARY KEY, id TEXT, cafe INTEGER, outcome INTEGER, tbl INTEGER, grp INTEGER,
    level INTEGER, count INTEGER, updated_at TEXT);
CREATE TABLE attendance (tbl INTEGER, rnd INTEGER, grp INTEGER, count INTEGER);
CREATE TABLE import_record (key INTEGER PRIMARY KEY, export_id TEXT, cafe INTEGER, source_cafe_id TEXT,
    exported_at TEXT, bundle_sha256 TEXT, imported_at TEXT, manifest TEXT, votes TEXT);
CREATE TABLE audit (seq INTEGER PRIMARY KEY, at TEXT, cafe INTEGER, action TEXT, entity TEXT, entity_id TEXT,
    detail TEXT);
CREATE VIRTUAL TABLE note_fts USING fts5(text, content='note', content_rowid='key',
    tokenize='unicode61 remove_diacritics 2');
"""
PLAN_TABLES = ("cafe_table", "round", "outcome", "cafe_group", "theme")
# With --indexed-floor, a second floor: the bare tables with the indexes the central desk reads notes by (a note by its
# id, notes by table and round, by round, by café, source and quote, links by note and by outcome or theme), on integer
# keys. Not the floor: it shows what keeping those indexes costs by itself, so that what the import adds beyond
# it is our own code.
FLOOR_INDEXES = """
CREATE UNIQUE INDEX note_id ON note(id);
CREATE INDEX note_place ON note(tbl, rnd);
CREATE INDEX note_round ON note(rnd);
CREATE INDEX note_scope ON note(cafe, hidden, source, is_quote);
CREATE UNIQUE INDEX note_outcome_key ON note_outcome(note, outcome);
CREATE INDEX note_outcome_outcome ON note_outcome(outcome);
CREATE UNIQUE INDEX note_theme_key ON note_theme(note, theme);
CREATE INDEX note_theme_theme ON note_theme(theme);
"""


def bare_rows(rows: dict[str, list[tuple]], keys: dict[str, int]) -> dict[str, list[tuple]]:
    """One bundle's rows with every id reference replaced by an integer key (the id itself kept as plain data)."""
    def k(u):
        if u is None:
            return None
        return keys.setdefault(u, len(keys) + 1)

    out = {"cafe": [(k(c[0]), c[0], *c[1:]) for c in rows["cafe"]]}
    for t in PLAN_TABLES:
        out[t] = [(k(r[0]), r[0], k(r[1]), *r[2:]) for r in rows[t]]
    out["note"] = [(k(r[0]), r[0], k(r[1]), k(r[2]), k(r[3]), *r[4:10], k(r[10]), *r[11:]) for r in rows["note"]]
    out["note_outcome"] = [(k(a), k(b)) for a, b in rows["note_outcome"]]
    out["note_theme"] = [(k(a), k(b)) for a, b in rows["note_theme"]]
    out["vote_tally"] = [(k(r[0]), r[0], k(r[1]), k(r[2]), k(r[3]), k(r[4]), *r[5:]) for r in rows["vote_tally"]]
    out["attendance"] = [(k(a), k(b), k(g), n) for a, b, g, n in rows["attendance"]]
    out["import_record"] = [(None, r[0], k(r[1]), *r[2:]) for r in rows["import_record"]]
    out["audit"] = [(None, r[0], k(r[1]), *r[2:]) for r in rows["audit"]]
    return out


def child_floor(db: str, rows_list: str, indexed: str = "") -> dict:
    """The bare floor: every bundle's rows, integer keys, into plain tables (no index, no constraint) with
    executemany, one transaction each (WAL, synchronous=FULL), then one FTS5 rebuild. With `indexed`, the tables
    carry FLOOR_INDEXES as the rows go in."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript(BARE_SCHEMA + (FLOOR_INDEXES if indexed else ""))
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA wal_autocheckpoint=10000")  # as the importer's connection has it
    sql = {t: f"INSERT INTO {t} VALUES ({', '.join('?' * len(conn.execute(f'SELECT * FROM {t}').description))})"
           for t in ("cafe", *PLAN_TABLES, "note", "note_outcome", "note_theme", "vote_tally", "attendance",
                     "import_record", "audit")}
    keys: dict[str, int] = {}
    writes = cpu = 0.0
    for path in map(Path, Path(rows_list).read_text(encoding="utf-8").splitlines()):
        rows = bare_rows(pickle.loads(path.read_bytes()), keys)
        start, cpu_start = time.perf_counter(), time.process_time()
        conn.execute("BEGIN IMMEDIATE")
        for table, statement in sql.items():
            conn.executemany(statement, rows[table])
        conn.execute("COMMIT")
        writes += time.perf_counter() - start
        cpu += time.process_time() - cpu_start
    start, cpu_start = time.perf_counter(), time.process_time()
    conn.execute("INSERT INTO note_fts (note_fts) VALUES ('rebuild')")
    index = time.perf_counter() - start
    cpu += time.process_time() - cpu_start
    conn.close()
    return {"writes": writes, "index": index, "seconds": writes + index, "cpu": cpu,
            "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}


# --- the import as the app runs it -----------------------------------------------------------------------------------

def child_import(db: str, identity: str, list_file: str) -> dict:
    """`import_files` over the listed bundles into `db`, with its peak RSS and timers around its phases."""
    from cafe_desk.services import Services, bundle_intake
    from cafe_desk.services.importing import ImportService
    from cafe_desk.storage.store import Store

    spent = {"open_bundle": 0.0, "read_plan": 0.0, "index_cafe_notes": 0.0, "write": 0.0, "read_and_write": 0.0}
    if os.environ.get("BENCH_READ_HERE"):  # every file read in this process, as a short import does
        bundle_intake.READ_AHEAD_FROM = 10**9

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start
        return wrapper

    bundle_intake.open_signed = timed("open_bundle", bundle_intake.open_signed)  # decrypt, verify signature, files
    bundle_intake.read_plan = timed("read_plan", bundle_intake.read_plan)
    ImportService._write_read = timed("write", ImportService._write_read)  # one bundle's SQL, index included
    ImportService._write = timed("read_and_write", ImportService._write)  # reading (or waiting for it), then that
    Store.index_notes_of = timed("index_cafe_notes", Store.index_notes_of)  # FTS5: once per commit of a batch
    paths = Path(list_file).read_text(encoding="utf-8").splitlines()
    start = time.perf_counter()
    with Services.open(db) as services:
        run = services.importing.import_files(paths, identity)
    seconds = time.perf_counter() - start
    me, reader = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"seconds": seconds, "rss": me.ru_maxrss * 1024, "reader_rss": reader.ru_maxrss * 1024,
            "cpu": me.ru_utime + me.ru_stime, "reader_cpu": reader.ru_utime + reader.ru_stime,
            "imported": run.imported, "refused": run.refused, "first_refusal": next(
                (line for line in run.lines if line.startswith("Refused")), ""), **spent}


def child_stall(db: str, identity: str, list_file: str) -> dict:
    """The worst Qt event-loop gap while `import_files` runs through `run_op`, and over 2 s idle before it."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from cafe_desk.services import Services
    from cafe_desk.ui.shell.ops import run_op

    paths = Path(list_file).read_text(encoding="utf-8").splitlines()
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(800, 600)
    window.show()
    state = {"last": time.perf_counter(), "worst": 0.0, "idle": 0.0, "ticks": 0}
    out: dict = {}

    def tick() -> None:
        now = time.perf_counter()
        state["worst"] = max(state["worst"], now - state["last"])
        state["last"] = now
        state["ticks"] += 1

    timer = QTimer()
    timer.setTimerType(Qt.PreciseTimer)
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()

    def done(result) -> None:
        out.update(seconds=time.perf_counter() - out["start"], stall=state["worst"], ticks=state["ticks"],
                   imported=result.imported if result is not None else 0)
        app.quit()

    def failed(message: str) -> None:
        out["error"] = message
        done(None)

    def start_import() -> None:
        out["idle"] = state["worst"]
        state.update(worst=0.0, ticks=0, last=time.perf_counter())
        out["start"] = time.perf_counter()

        def work(ctx):
            with Services.open(db) as services:
                return services.importing.import_files(paths, identity, ctx.progress, ctx.cancelled)

        out["op"] = run_op(window, "Importing café files…", work, done, failed)

    def settle() -> None:  # measure the idle gap over 2 s once the window is up
        state.update(worst=0.0, last=time.perf_counter())
        QTimer.singleShot(2000, start_import)

    QTimer.singleShot(200, settle)
    QTimer.singleShot(600_000, app.quit)  # a bound on the whole run
    app.exec()
    out.pop("op", None)
    return out


# --- orchestration ---------------------------------------------------------------------------------------------------

def child(kind: str, argv: list[str]) -> None:
    result = {"import": child_import, "floor": child_floor, "stall": child_stall}[kind](*argv)
    print(json.dumps(result))


def spawn(*argv: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "child", *argv], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")})
    if out.returncode != 0:
        raise SystemExit(f"child {argv[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def prepare(folder: Path, bundles: int, items: int) -> tuple[Path, list[Path], int]:
    """A key file in `folder` and `bundles` bundles sealed to it: (key file, bundle paths, items in all)."""
    from cafe_desk.export import keys

    identity = folder / "central.key"
    public = keys.write_identity(identity)
    start = time.perf_counter()
    paths, total = make_bundles(folder, bundles, items, public)
    size = sum(p.stat().st_size for p in paths)
    print(f"made {len(paths):,} bundles ({total:,} items, {size / 2**20:,.1f} MiB sealed) in "
          f"{time.perf_counter() - start:.0f} s (not timed)", file=sys.stderr, flush=True)
    return identity, paths, total


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "child":
        child(sys.argv[2], sys.argv[3:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=20, help="bundles to import (20; 1000 for 1 M items)")
    parser.add_argument("--items", type=int, default=1000, help="notes and comments per bundle (1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of import, floor and stall (3)")
    parser.add_argument("--stall-bundles", type=int, default=100, help="bundles imported under the Qt loop (100)")
    parser.add_argument("--bundles-dir", type=Path, help="make the bundles here once and use them again (the first "
                        "--bundles of them) instead of under /tmp")
    parser.add_argument("--read-here", action="store_true", help="read every file in the importing process, as an "
                        "import of a few files does (the default reads the next files in a second process)")
    parser.add_argument("--indexed-floor", action="store_true", help="also time the floor with the indexes the "
                        "desk reads notes by (FLOOR_INDEXES), as a reference beside the bare floor")
    parser.add_argument("--keep", type=Path, help="leave the last run's database and the key file in this folder")
    args = parser.parse_args()
    if args.read_here:
        os.environ["BENCH_READ_HERE"] = "1"
    runs: dict[str, list[dict]] = {"import": [], "floor": [], "floor_indexed": [], "stall": []}
    with tempfile.TemporaryDirectory(prefix="cafe-bench-import-") as tmp:
        folder = Path(tmp)
        made = args.bundles_dir
        if made is not None and len(list((made / "bundles").glob("*.cafe"))) >= args.bundles:
            identity = made / "central.key"
            paths = sorted((made / "bundles").glob("*.cafe"))[:args.bundles]
            total = args.bundles * args.items
        else:
            identity, paths, total = prepare(made or folder, args.bundles, args.items)
        rows_list = folder / "rows.txt"
        rows_list.write_text("\n".join(str(p.parent.parent / "rows" / f"{p.stem}.pickle") for p in paths),
                             encoding="utf-8")
        all_list, stall_list = folder / "all.txt", folder / "stall.txt"
        all_list.write_text("\n".join(map(str, paths)), encoding="utf-8")
        stall_list.write_text("\n".join(map(str, paths[:args.stall_bundles])), encoding="utf-8")
        for run in range(args.runs):
            order = ("import", "floor") if run % 2 == 0 else ("floor", "import")
            if args.indexed_floor:
                order = (*order, "floor_indexed")
            for kind in order:
                db = folder / f"{kind}.sqlite3"
                result = (spawn("import", str(db), str(identity), str(all_list)) if kind == "import" else
                          spawn("floor", str(db), str(rows_list), "indexed" if kind == "floor_indexed" else ""))
                result["db_bytes"] = db.stat().st_size
                runs[kind].append(result)
                print(f"run {run + 1} {kind}: {json.dumps(result)}", file=sys.stderr, flush=True)
                if kind == "import" and args.keep and run == args.runs - 1:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(identity, args.keep / "central.key")
                    for suffix in ("", "-wal", "-shm"):
                        if Path(f"{db}{suffix}").exists():
                            shutil.move(f"{db}{suffix}", args.keep / f"central.sqlite3{suffix}")
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)
            db = folder / "stall.sqlite3"
            runs["stall"].append(spawn("stall", str(db), str(identity), str(stall_list)))
            print(f"run {run + 1} stall: {json.dumps(runs['stall'][-1])}", file=sys.stderr, flush=True)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
    if args.runs:
        report(args, runs, total)
    else:
        print(f"{len(paths)} bundles ready in {made or folder}", file=sys.stderr)
    return 0


def report(args, runs: dict[str, list[dict]], total: int) -> None:
    imp, flo, stall = runs["import"], runs["floor"], runs["stall"]
    bad = [r for r in imp if r["imported"] != args.bundles]
    med = {k: statistics.median(r[k] for r in imp) for k in ("seconds", "rss")}
    fmed = {k: statistics.median(r[k] for r in flo) for k in ("seconds", "writes", "index", "rss")}
    ratio = med["seconds"] / fmed["seconds"]
    goal_s = GOAL_S_PER_1000 * args.bundles / 1000
    worst_rss = max(r["rss"] for r in imp)
    stalls = [r["stall"] for r in stall]
    print(f"### Import of {args.bundles:,} bundles, {total:,} items ({dt.date.today().isoformat()})\n")
    print(f"Load average at the end: {os.getloadavg()}.")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}; Python "
          f"{platform.python_version()}; SQLite {sqlite3.sqlite_version}. {args.items:,} items per bundle; "
          f"median of {args.runs} runs, import and floor alternating, a fresh database each.\n")
    print("| measure | median | min | max |")
    print("|---|---:|---:|---:|")

    def line(label: str, values: list[float], fmt) -> None:
        print(f"| {label} | {fmt(statistics.median(values))} | {fmt(min(values))} | {fmt(max(values))} |")

    secs = lambda v: f"{v:,.1f} s"  # noqa: E731
    line("`import_files` (decrypt, verify, write, index)", [r["seconds"] for r in imp], secs)
    line("— of which `open_signed` (decrypt + verify) in the importing process", [r["open_bundle"] for r in imp], secs)
    line("— of which `read_plan` (parse + check) in the importing process", [r["read_plan"] for r in imp], secs)
    line("— of which writing each bundle (SQL)", [r["write"] for r in imp], secs)
    line("— of which FTS5: a batch's notes indexed before each commit (`index_notes_of`)",
         [r["index_cafe_notes"] for r in imp], secs)
    line("— the rest (commits, creating the database, the run's lines)",
         [r["seconds"] - r["read_and_write"] - r["index_cafe_notes"] for r in imp], secs)
    line("— reading the next bundle, or waiting for the reading process to give it",
         [r["read_and_write"] - r["write"] for r in imp], secs)
    line("CPU time of the importing process", [r["cpu"] for r in imp], secs)
    line("CPU time of the reading process (0: every file read in the importing process)",
         [r["reader_cpu"] for r in imp], secs)
    line("bare floor: executemany of the same rows, integer keys, plain tables + FTS5 rebuild",
         [r["seconds"] for r in flo], secs)
    line("— floor writes", [r["writes"] for r in flo], secs)
    line("— floor FTS5 rebuild", [r["index"] for r in flo], secs)
    line("— floor CPU time (writes and rebuild)", [r["cpu"] for r in flo], secs)
    if runs["floor_indexed"]:
        fi = runs["floor_indexed"]
        line("the floor with the desk's indexes on notes and links (FLOOR_INDEXES; a reference, not the floor)",
             [r["seconds"] for r in fi], secs)
        line("— its writes", [r["writes"] for r in fi], secs)
        line("import / that reference", [i["seconds"] / f["seconds"] for i, f in zip(imp, fi, strict=True)],
             lambda v: f"{v:.2f}×")
    line("import: time per 1,000 items", [r["seconds"] * 1000 / total for r in imp], lambda v: f"{v * 1000:,.1f} ms")
    line("peak RSS of the importing process", [r["rss"] for r in imp], mib)
    line("database size after import", [r["db_bytes"] for r in imp], mib)
    line(f"worst Qt stall importing {min(args.stall_bundles, args.bundles)} bundles via `run_op`", stalls,
         lambda v: f"{v * 1000:,.0f} ms")
    line("— worst gap over 2 s idle before it (noise)", [r["idle"] for r in stall], lambda v: f"{v * 1000:,.0f} ms")
    line("— that import's time", [r["seconds"] for r in stall], secs)
    print()
    print(f"- import {med['seconds']:.1f} s (goal ≤ {goal_s:.0f} s at this size): "
          f"{'met' if med['seconds'] <= goal_s else 'NOT met'}")
    print(f"- import / floor = {ratio:.2f}× (goal ≤ {GOAL_RATIO:.0f}×): {'met' if ratio <= GOAL_RATIO else 'NOT met'}")
    print(f"- peak RSS {mib(worst_rss)} in the worst run (goal ≤ 1 GiB): "
          f"{'met' if worst_rss <= GOAL_RSS else 'NOT met'}")
    print(f"- worst Qt stall {max(stalls) * 1000:.0f} ms over every run (goal < 100 ms): "
          f"{'met' if max(stalls) < GOAL_STALL_S else 'NOT met'}")
    if bad:
        print(f"- WARNING: {len(bad)} run(s) did not import every bundle: {bad[0]['first_refusal']}")
    print("\nevery run:", json.dumps({k: [{n: (round(v, 4) if isinstance(v, float) else v) for n, v in r.items()}
                                          for r in rs] for k, rs in runs.items()}))


if __name__ == "__main__":
    raise SystemExit(main())
