"""The central desk's small helpers: which key file imports use, and importing many files on a connection of its own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cafe_desk.core.errors import UserError
from cafe_desk.export import keys
from cafe_desk.services.base import ServiceBase

KEY_PATH_STATE = "central.key_path"
PUBLIC_KEY_NOTE = ("Facilitators: paste this public key (the line starting with age1) into “Export for the central "
                   "team”, or open this file there, so only the central team can open your café's file.")


class CentralKeys(ServiceBase):
    """Remembers where the central team's key file is (its path, never its contents): `CentralKeys(store)`."""

    def key_path(self) -> str | None:
        """The key file chosen for imports, or None if none was chosen yet."""
        with self.store.read():
            return self.store.get_state(KEY_PATH_STATE) or None

    def remember_key_path(self, path: str | Path) -> None:
        """Use the key file at `path` for imports from now on."""
        with self.store.transaction():
            self.store.set_state(KEY_PATH_STATE, str(Path(path)))


def public_key_file_text(public: str) -> str:
    """What "Save public key as a file…" writes: the age1 line and one plain sentence for the facilitator."""
    return f"{public}\n\n{PUBLIC_KEY_NOTE}\n"


@dataclass
class ImportRun:
    """What importing a list of files did: one line per file handled, and whether the person stopped it early."""

    lines: list[str] = field(default_factory=list)
    imported: int = 0
    refused: int = 0
    total: int = 0
    cancelled: bool = False

    @property
    def handled(self) -> int:
        return len(self.lines)

    def closing_line(self) -> str:
        """The sentence under the list: all done, or stopped part way and what that means."""
        if self.cancelled:
            left = self.total - self.handled
            return (f"Stopped after {self.handled} of {self.total} files: those already imported stay imported; "
                    f"the other {left} file{'s were' if left != 1 else ' was'} not touched.")
        refused = f", {self.refused} refused" if self.refused else ""
        return f"Done: {self.imported} of {self.total} file{'s' if self.total != 1 else ''} imported{refused}."



def import_files(db_path: str | Path, paths: Sequence[str | Path], identity_path: str | Path,
                 progress: Callable[[int, int], None] = lambda done, total: None,
                 cancelled: Callable[[], bool] = lambda: False) -> ImportRun:
    """Import each file in turn on a connection of its own (safe off the GUI thread), closed afterwards.

    `progress(n, total)` is called before file n (counting from 1); `cancelled()` is checked between files, so a
    file is either wholly imported or untouched. A file that can't be imported gets a "Refused NAME: reason" line;
    BadKey (a plain UserError) if the key file can't be used, before anything is read.
    """
    from cafe_desk.central.importer import ImportService
    from cafe_desk.storage.store import Store

    identity = keys.read_identity(identity_path)
    run = ImportRun(total=len(paths))
    store = Store(Path(db_path))
    try:
        importer = ImportService(store)
        for number, path in enumerate(paths, 1):
            if cancelled():
                run.cancelled = True
                break
            progress(number, run.total)
            try:
                result = importer.import_file(path, [identity])
            except UserError as exc:
                run.lines.append(f"Refused {Path(path).name}: {exc}")
                run.refused += 1
            else:
                run.lines.append(result.line())
                run.imported += result.status != "already"
    finally:
        store.close()
    return run


DATA_FORMATS = ("xlsx", "csv", "qdpx")


def export_data(db_path: str | Path, kind: str, target: str | Path, f=None,
                progress: Callable[[int, int], None] = lambda done, total: None,
                cancelled: Callable[[], bool] = lambda: False) -> Path:
    """Write the synthesis's items, votes and themes as `kind` ("xlsx", "csv" into a folder, or "qdpx") on a
    connection of its own (safe off the GUI thread), closed afterwards. Returns the file or folder written; raises
    UserError (Cancelled included) with a plain line, leaving nothing behind."""
    from cafe_desk.central.synthesis import SynthesisService
    from cafe_desk.core.synthesis import SynthesisFilter
    from cafe_desk.storage.store import Store

    if kind not in DATA_FORMATS:
        raise UserError(f"Café Desk can't write {kind!r} files.")
    store = Store(Path(db_path))
    try:
        syn = SynthesisService(store)
        f = f or SynthesisFilter()
        if kind == "csv":
            from cafe_desk.central.tables_export import write_csv

            write_csv(syn, target, f, progress, cancelled)
            return Path(target)
        if kind == "xlsx":
            from cafe_desk.central.tables_export import write_xlsx

            return write_xlsx(syn, target, f, progress, cancelled)
        from cafe_desk.central.qdpx_export import write_qdpx

        return write_qdpx(syn, target, f, progress, cancelled)
    finally:
        store.close()


def read_synthesis(db_path: str | Path, fn: Callable):
    """`fn(SynthesisService)` on a connection of its own (safe off the GUI thread), closed afterwards."""
    from cafe_desk.central.synthesis import SynthesisService
    from cafe_desk.storage.store import Store

    store = Store(Path(db_path))
    try:
        return fn(SynthesisService(store))
    finally:
        store.close()
