"""Importing `.cafe` bundles into this data file: each bundle is checked and read whole (central/bundle_reader.py)
before anything is written, then written in one transaction.

An imported café is stored closed and marked 'imported', with an import record naming the export it came from (the
bundle's own votes.json is kept in it). Imported notes are added to the search index; when a newer export replaces
an older one, the central team's codings and shortlist of notes that are still there are kept.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cafe_desk.central import bundle_checks
from cafe_desk.central.bundle_reader import ENTITY_ORDER, ImportPlan, local_id, read_plan
from cafe_desk.core.errors import UserError
from cafe_desk.core.text import printable
from cafe_desk.export import keys
from cafe_desk.export.bundle import BundleError, open_bundle
from cafe_desk.services.base import ServiceBase
from cafe_desk.storage.rows import new_short_code, utc_now

UNFORESEEN = "Something in this file can't be read as a café's bundle, so nothing from it was imported."


@dataclass
class ImportResult:
    """What happened to one bundle: 'imported', 'already' or 'replaced'."""

    status: str
    title: str
    cafe_id: str
    notes: int = 0
    comments: int = 0

    def line(self) -> str:
        """The one line the user is shown (the title as it can safely be printed or shown)."""
        return printable(self._line())

    def _line(self) -> str:
        if self.status == "already":
            return f"Already imported: “{self.title}” — nothing changed"
        if self.status == "replaced":
            return f"Replaced an older export of “{self.title}”"
        notes = f"{self.notes} note{'s' if self.notes != 1 else ''}"
        return f"Imported “{self.title}” ({notes}, {self.comments} comment{'s' if self.comments != 1 else ''})"



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
        """How many files were imported or refused (fewer than `total` when stopped early)."""
        return len(self.lines)

    def closing_line(self) -> str:
        """The sentence under the list: all done, or stopped part way and what that means."""
        if self.cancelled:
            left = self.total - self.handled
            return (f"Stopped after {self.handled} of {self.total} files: those already imported stay imported; "
                    f"the other {left} file{'s were' if left != 1 else ' was'} not touched.")
        refused = f", {self.refused} refused" if self.refused else ""
        return f"Done: {self.imported} of {self.total} file{'s' if self.total != 1 else ''} imported{refused}."


def _code_by_theme_names(store, plan: ImportPlan) -> None:
    """Code the café's notes with the codebook themes whose names match the café's own theme tags (names compared
    by the database, without regard to case), from the plan's notes: no query over the links of every café held."""
    for theme in plan.items["theme"]:
        code = store.code_theme_named(theme.name)
        if code is not None:
            store.add_codings([n.id for n in plan.notes if theme.id in n.theme_ids], code.id)


class ImportService(ServiceBase):
    """Imports bundles into this store: `services.importing`."""

    def __init__(self, store):
        super().__init__(store)
        self._bulk = False

    def is_imported(self, cafe_id: str) -> bool:
        """Whether a café came from a bundle (and so is read-only)."""
        with self.store.read():
            return self.store.cafe_origin(cafe_id) == "imported"

    def import_file(self, path: str | Path, identities=(), passphrase: str | None = None) -> ImportResult:
        """Read `path` and import it; BundleError (one line) if it can't be read, opened or imported: whatever
        is wrong with the file, a batch of files goes on to the next."""
        try:
            bundle_checks.check_file_size(Path(path).stat().st_size)
            with Path(path).open("rb") as file:  # never more than the limit, whatever kind of file it is
                data = file.read(bundle_checks.MAX_FILE_BYTES + 1)
        except IsADirectoryError:
            raise BundleError("This is a folder, not a bundle.") from None
        except OSError:
            raise BundleError("This file can't be read (it may be missing, or its permissions may not allow it).")\
                from None
        try:
            return self.import_bundle(data, identities, passphrase)
        except UserError:
            raise
        except Exception:  # anything the checks did not foresee: still one line, and the batch goes on
            raise BundleError(UNFORESEEN) from None

    def import_bundle(self, data: bytes, identities=(), passphrase: str | None = None) -> ImportResult:
        """Verify the bundle, then write the whole café in one transaction (or nothing, with a BundleError)."""
        if not self._bulk:
            self.store.expect_bulk_writes()
            self._bulk = True
        bundle_checks.check_file_size(len(data))
        manifest, files = open_bundle(data, identities, passphrase, inspect=bundle_checks.check_unpacked)
        bundle_checks.check_values(manifest, files)
        now = utc_now()
        plan = read_plan(manifest, files, now, verified=True)
        bundle_checks.check_notes(n.text for n in plan.notes)
        title = plan.cafe.title
        with self.store.transaction():
            s = self.store
            done = s.import_record(plan.export_id)
            if done is not None:
                return ImportResult("already", title, done["cafe_id"])
            held = s.import_record_for_source(plan.source_cafe_id)
            if held is not None and not plan.exported_at > held["exported_at"]:
                raise BundleError(f"A newer export of “{title}” is already here; this older one was not imported.")
            old = s.get_cafe(plan.cafe.id)
            if old is not None and s.cafe_origin(old.id) != "imported":
                raise BundleError(f"“{title}” can't be imported here: a café of this database has its id.")
            kept_codings, kept_shortlist = [], []
            if old is not None:
                kept_codings, kept_shortlist = s.codings_of_cafe(old.id), s.shortlist_of_cafe(old.id)
                s.unindex_cafe_notes(old.id)
                s.delete_cafe(old.id)
            code = old.short_code if old is not None else new_short_code()
            while old is None and s.short_code_taken(code):
                code = new_short_code()
            s.insert_cafe(dataclasses.replace(plan.cafe, short_code=code))
            s.mark_imported(plan.cafe.id, plan.source_cafe_id)
            for entity in ENTITY_ORDER:
                for item in plan.items[entity]:
                    s.insert_item(entity, item)
            s.insert_notes(plan.notes)
            for number, tally in enumerate(plan.tallies):
                s.insert_imported_tally(local_id(f"{plan.export_id}:vote:{number}"), plan.cafe.id, tally, now)
            s.insert_imported_attendance(plan.attendance)
            s.index_cafe_notes(plan.cafe.id)
            s.restore_codings(kept_codings)
            s.restore_shortlist(kept_shortlist)
            _code_by_theme_names(s, plan)
            s.insert_import_record({
                "export_id": plan.export_id, "cafe_id": plan.cafe.id, "source_cafe_id": plan.source_cafe_id,
                "exported_at": plan.exported_at, "bundle_sha256": hashlib.sha256(data).hexdigest(),
                "imported_at": now, "manifest": manifest, "votes": plan.votes})
            s.audit(plan.cafe.id, "import", "cafe", plan.cafe.id, export_id=plan.export_id,
                    replaced=old is not None)
        comments = sum(n.source == "participant" for n in plan.notes)
        return ImportResult("replaced" if old is not None else "imported", title, plan.cafe.id,
                            len(plan.notes) - comments, comments)

    def import_files(self, paths: Sequence[str | Path], identity_path: str | Path,
                     progress: Callable[[int, int], None] = lambda done, total: None,
                     cancelled: Callable[[], bool] = lambda: False) -> ImportRun:
        """Import each file in turn (off the GUI thread: on a registry from `Services.open`).

        `progress(n, total)` is called before file n (counting from 1); `cancelled()` is checked between files, so a
        file is either wholly imported or untouched. A file that can't be imported gets a "Refused NAME: reason" line;
        BadKey (a plain UserError) if the key file can't be used, before anything is read.
        """
        identity = keys.read_identity(identity_path)
        run = ImportRun(total=len(paths))
        for number, path in enumerate(paths, 1):
            if cancelled():
                run.cancelled = True
                break
            progress(number, run.total)
            try:
                result = self.import_file(path, [identity])
            except UserError as exc:
                run.lines.append(printable(f"Refused {Path(path).name}: {exc}"))
                run.refused += 1
            else:
                run.lines.append(result.line())
                run.imported += result.status != "already"
        return run
