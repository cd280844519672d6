"""Imports the bundles listed in a file into a data file, printing each file's number as it starts, until it is
killed (run by test_import_batches.py): the first COMMITTED files are committed one by one, the rest held in one
transaction. With a fourth argument "leave-out", the import leaves the note indexes out as a large one does."""

from __future__ import annotations

import sys
from pathlib import Path

from cafe_desk.services import Services, importing
from cafe_desk.storage import import_batch

COMMITTED = 5


def main(db: str, key: str, listing: str, indexes: str = "keep") -> None:
    import_batch.COMMIT_AFTER_S = 0.0
    if indexes == "leave-out":
        importing.LEAVE_OUT_INDEXES_FROM = 1
    paths = Path(listing).read_text(encoding="utf-8").splitlines()

    def progress(done: int, total: int) -> None:
        if done > COMMITTED:
            import_batch.COMMIT_AFTER_S = 3600.0
        print(done, flush=True)

    with Services.open(db) as services:
        services.importing.import_files(paths, key, progress)
    print("done", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
