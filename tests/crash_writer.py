"""Helper for test_crash: writes notes to a data file until killed, printing each note's id once it is saved.

Usage: python tests/crash_writer.py DATA_FILE

Prints `cafe <id>` once the café exists, then one note id per line, each only after `notes.add()` returned
(that is, after the note was committed).
"""

from __future__ import annotations

import sys
from pathlib import Path

from cafe_desk.core.model import Plan, RoundSpec
from cafe_desk.services import Services
from cafe_desk.storage.store import Store


def main(path: str) -> None:
    services = Services.build(Store(Path(path)))
    cafes = services.cafes.list()
    if cafes:
        cafe_id = cafes[0].id
    else:
        plan = Plan(title="Crash test café", date="2026-03-14", locality="Perth", tables=[(1, ""), (2, "")],
                    rounds=[RoundSpec("What helps?")], outcomes=["Peer support"])
        cafe_id = services.planning.create(plan)[0].id
    tables = services.planning.items(cafe_id, "table")
    rnd = services.planning.items(cafe_id, "round")[0]
    print(f"cafe {cafe_id}", flush=True)
    i = 0
    while True:
        note, _ = services.notes.add(cafe_id, tables[i % len(tables)].id, rnd.id, f"Point {i} typed before the crash")
        print(note.id, flush=True)
        i += 1


if __name__ == "__main__":
    main(sys.argv[1])
