"""Imports the bundles listed in a file into a data file, printing each file's number as it starts and committing
every few hundredths of a second, until it is killed (run by test_import_batches.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from cafe_desk.services import Services
from cafe_desk.storage import import_batch


def main(db: str, key: str, listing: str) -> None:
    import_batch.COMMIT_AFTER_S = 0.05
    paths = Path(listing).read_text(encoding="utf-8").splitlines()
    with Services.open(db) as services:
        services.importing.import_files(paths, key, lambda done, total: print(done, flush=True))
    print("done", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
