"""Importing `.cafe` bundles into this data file: each bundle is checked and read whole (central/bundle_reader.py)
and its signer and export time weighed (central/bundle_trust.py) before anything is written, then written in one
transaction.

An imported café is stored closed and marked 'imported', with the key that signed it (none: "unsigned") and an
import record naming the export it came from (the bundle's own votes.json is kept in it). Imported notes are added to
the search index; when a newer export replaces an older one, the central team's codings and shortlist of notes that
are still there are kept.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cafe_desk.central.bundle_reader import ENTITY_ORDER, ImportPlan
from cafe_desk.central.bundle_trust import Consent, Held, NeedsConsent, admit, lost_items
from cafe_desk.core.counts import Counts, VoteCounts
from cafe_desk.core.errors import UserError
from cafe_desk.core.imported_ids import scoped_id
from cafe_desk.core.signers import LOCKED, REPLACE, REVOKED, UNLISTED, Signer, codes_at_desk
from cafe_desk.core.text import printable
from cafe_desk.export import keys
from cafe_desk.export.bundle import BundleError
from cafe_desk.export.signing import fingerprint
from cafe_desk.services.base import ServiceBase
from cafe_desk.services.bundle_intake import LockedWithPassphrase, ReadBundle, read_bundle, read_file, reading_ahead
from cafe_desk.storage.errors import StorageError
from cafe_desk.storage.import_batch import BatchLost
from cafe_desk.storage.note_store import NoteRows
from cafe_desk.storage.rows import new_short_code

#: an import of at least this many files, into a desk holding fewer than NOTES_PER_FILE notes for each, leaves the
#: note indexes out while it writes and builds them at its end (storage/deferred_indexes.py)
LEAVE_OUT_INDEXES_FROM = 100
NOTES_PER_FILE = 100
UNFORESEEN = "Something in this file can't be read as a café file, so nothing from it was imported."
UNSIGNED = "unsigned: who sent it can't be checked"


@dataclass
class ImportResult:
    """What happened to one bundle: 'imported', 'already' or 'replaced'; `signed_by` says who signed it ("" for an
    unsigned file), `dropped` what replacing the café dropped ("1 coding and 1 shortlist entry"; "" for nothing) and
    `new_key` whether the café goes with another key from now on."""

    status: str
    title: str
    cafe_id: str
    counts: Counts = field(default_factory=Counts)  # the points, summaries and comments it brought
    signed_by: str = ""
    dropped: str = ""
    new_key: bool = False
    votes: VoteCounts = field(default_factory=VoteCounts)  # the votes it brought
    short_code: str = ""  # the café's code at this desk
    source_code: str = ""  # its code on the facilitator's laptop ("" if the file does not say)

    def line(self) -> str:
        """The one line the user is shown (the title as it can safely be printed or shown)."""
        return printable(self._line())

    def _line(self) -> str:
        if self.status == "already":
            return f"Already imported: “{self.title}” — nothing changed"
        who = f"signed by {self.signed_by}" if self.signed_by else UNSIGNED
        if self.status == "replaced":
            moved = ", the café's key from now on" if self.new_key else ""
            dropped = f"; dropped {self.dropped} on items not in the new file" if self.dropped else ""
            return f"Replaced an older export of “{self.title}” — {who}{moved}{dropped}"
        code = f" as {codes_at_desk(self.short_code, self.source_code)}" if self.short_code else ""
        return f"Imported “{self.title}”{code}: {self.counts.phrase()}; {self.votes.phrase()} — {who}"


@dataclass(frozen=True)
class Question:
    """A file that comes in only if the person agrees: what to ask, and what to import it with if they do."""

    path: str
    title: str
    text: str
    consent: Consent
    kind: str = REPLACE  # which question: bundle_trust's NEW_SIGNER, UNSIGNED_CAFE or REPLACE, or LOCKED


@dataclass
class ImportRun:
    """What importing a list of files did: one line per file handled, the questions to ask, and whether the person
    stopped it early."""

    lines: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    imported: int = 0
    refused: int = 0
    already: int = 0  # files whose export was imported before: nothing changed
    total: int = 0
    cancelled: bool = False
    refusals: list[int] = field(default_factory=list)  # which of `lines` say a file was refused
    problem: str = ""  # what stopped the import part way, when the data file could not take more (a full disk)

    def refuse(self, line: str) -> None:
        """Say in `line` that a file was refused."""
        self.refusals.append(len(self.lines))
        self.lines.append(line)
        self.refused += 1

    @property
    def handled(self) -> int:
        """How many files were imported, refused or wait for an answer (fewer than `total` when stopped early)."""
        return len(self.lines) + len(self.questions)

    def closing_line(self) -> str:
        """The sentence under the list: all done, or stopped part way and what that means."""
        already = f", {self.already} already at the desk" if self.already else ""
        refused = f", {self.refused} refused" if self.refused else ""
        if self.cancelled or self.problem:
            left = self.total - self.handled
            why = f" {self.problem}" if self.problem else ""
            return (f"Stopped after {self.handled} of {self.total} files ({self.imported} imported{already}"
                    f"{refused}).{why} Those imported stay imported; the other {left} "
                    f"file{'s were' if left != 1 else ' was'} not touched.")
        waiting = len(self.questions)
        asked = f", {waiting} waiting for your answer" if waiting else ""
        files = f"{self.total} file{'s' if self.total != 1 else ''}"
        return f"Done: {self.imported} of {files} imported{already}{refused}{asked}."


def _code_by_theme_names(store, plan: ImportPlan, rows: NoteRows) -> None:
    """Code the café's notes with the codebook themes whose names match the café's own theme tags (names compared
    by the database, without regard to case), from the bundle's own tags: no query over the links of every café
    held."""
    for theme in plan.items["theme"]:
        code = store.code_theme_named(theme.name)
        if code is not None:
            store.add_codings(rows.with_theme(theme.id), code.id)


class ImportService(ServiceBase):
    """Imports bundles into this store: `services.importing`."""

    def __init__(self, store):
        super().__init__(store)
        self._bulk = False

    def is_imported(self, cafe_id: str) -> bool:
        """Whether a café came from a bundle (and so is read-only)."""
        with self.store.read():
            return self.store.cafe_origin(cafe_id) == "imported"

    def import_file(self, path: str | Path, identities=(), passphrase: str | None = None,
                    consent: Consent = Consent()) -> ImportResult:
        """Read `path` and import it; BundleError (one line) if it can't be read, opened or imported (NeedsConsent if
        it needs the person's agreement, see `import_bundle`)."""
        return self._write(lambda: read_file(path, identities, passphrase), consent)

    def _write(self, read: Callable[[], ReadBundle], consent: Consent) -> ImportResult:
        """Write the bundle `read()` gives, with anything unforeseen in reading or writing turned into one line."""
        try:
            return self._write_read(read(), consent)
        except (UserError, BatchLost):
            raise
        except Exception:  # anything the checks did not foresee: still one line, and the batch goes on
            raise BundleError(UNFORESEEN) from None

    def _who(self, public_key: str) -> Signer:
        """What the desk knows of a key: its name and whether it is on the list or revoked (inside a read)."""
        name, state = self.store.known_signer(public_key) or ("", UNLISTED)
        return Signer(public_key, fingerprint(public_key), name, state)

    def _signer_label(self, public_key: str | None) -> str:
        return self._who(public_key).label() if public_key is not None else ""

    def _held(self, cafe, plan: ImportPlan, rows: NoteRows) -> tuple[Held, list, list]:
        """What the desk holds of the bundle's café, and its codings and shortlist to keep (inside the transaction)."""
        s = self.store
        codings, shortlist = s.codings_of_cafe(cafe.id), s.shortlist_of_cafe(cafe.id)
        record = s.import_record_for_source(plan.source_cafe_id)
        arriving = set(rows.ids())
        held = Held(cafe.title, s.cafe_signer(cafe.id), record["exported_at"] if record else "",
                    sum(n not in arriving for n, _ in codings), sum(n not in arriving for n, _ in shortlist))
        return held, codings, shortlist

    def import_bundle(self, data: bytes, identities=(), passphrase: str | None = None,
                      consent: Consent = Consent()) -> ImportResult:
        """Verify the bundle, then write the whole café in one transaction (or nothing, with a BundleError).

        Refused: a file signed by a revoked key, an export time still to come, an older export, an unsigned file for a
        café that came signed. NeedsConsent (a BundleError carrying the question) unless `consent` allows it: a file
        signed by another key than the one that signed the café, replacing a café that came unsigned, or (with
        `consent.replace` false, as the app asks) replacing a café at all."""
        return self._write_read(read_bundle(data, identities, passphrase), consent)

    def _write_read(self, read: ReadBundle, consent: Consent) -> ImportResult:
        """Write a bundle already decrypted, verified and read (see `import_bundle`)."""
        if not self._bulk:
            self.store.expect_bulk_writes()
            self._bulk = True
        opened, plan, now = read.opened, read.plan, read.now
        signer, title = opened.signer, plan.cafe.title
        with self.store.bundle_write():
            s = self.store
            if signer is not None and (s.known_signer(signer) or ("", ""))[1] == REVOKED:
                raise BundleError(f"This file is signed by a key the central team revoked ({fingerprint(signer)}), "
                                  "so it was not imported.")
            old = s.get_cafe(plan.cafe.id)
            if old is not None and s.cafe_origin(old.id) != "imported":
                raise BundleError(f"“{title}” can't be imported here: a café of this database has its id.")
            held, kept_codings, kept_shortlist = self._held(old, plan, read.rows) if old is not None else (None, [], [])
            clash = s.get_cafe(plan.source_code) if plan.source_code else None
            if clash is not None and clash.id != plan.cafe.id:
                plan.source_code = ""  # another café's code here: shown beside this café, it would read as that one
            already = s.import_record(plan.source_cafe_id, plan.export_id) is not None
            verdict = admit(held, signer, plan.exported_at, already, consent, self._who)
            if verdict == "already":
                return ImportResult("already", old.title, old.id)
            if old is not None:
                s.unindex_cafe_notes(old.id)
                s.delete_cafe(old.id)
            code = old.short_code if old is not None else new_short_code()
            while old is None and s.short_code_taken(code):
                code = new_short_code()
            s.insert_cafe(dataclasses.replace(plan.cafe, short_code=code))
            s.mark_imported(plan.cafe.id, plan.source_cafe_id, signer)
            self._write_items(plan, read.rows, now)
            s.restore_codings(kept_codings)
            s.restore_shortlist(kept_shortlist)
            _code_by_theme_names(s, plan, read.rows)
            s.insert_import_record({
                "export_id": plan.export_id, "cafe_id": plan.cafe.id, "source_cafe_id": plan.source_cafe_id,
                "exported_at": plan.exported_at, "bundle_sha256": read.sha256,
                "imported_at": now, "manifest": _kept_manifest(opened.manifest, plan), "votes": plan.votes})
            new_key = held is not None and held.signer is not None and held.signer != signer
            s.audit(plan.cafe.id, "import", "cafe", plan.cafe.id, export_id=plan.export_id,
                    replaced=old is not None, signer=signer, new_signer=new_key)
            signed_by = self._signer_label(signer)
        dropped = lost_items(held.lost_codings, held.lost_shortlist) if held is not None else ""
        return ImportResult("replaced" if old is not None else "imported", title, plan.cafe.id,
                            read.counts, signed_by, dropped, new_key,
                            VoteCounts.of_bundle(plan.votes, plan.cafe.vote_method), code, plan.source_code)

    def _write_items(self, plan: ImportPlan, rows: NoteRows, now: str) -> None:
        """Write the café's plan items, notes (`rows`), tallies and attendance, and index its notes (inside the
        transaction)."""
        s = self.store
        for entity in ENTITY_ORDER:
            s.insert_items(entity, plan.items[entity])
        s.insert_notes(rows)
        s.insert_imported_tallies(
            [(scoped_id(plan.source_cafe_id, "vote", f"{plan.export_id}:vote:{number}"), tally)
             for number, tally in enumerate(plan.tallies)], plan.cafe.id, now)
        s.insert_imported_attendance(plan.attendance)
        s.insert_imported_totals(plan.totals)
        s.insert_imported_round_groups(plan.round_groups)
        s.index_cafe_notes(plan.cafe.id)

    def import_files(self, paths: Sequence[str | Path], identity_path: str | Path | None,
                     progress: Callable[[int, int], None] = lambda done, total: None,
                     cancelled: Callable[[], bool] = lambda: False, *,
                     consents: Mapping[str, Consent] | None = None, ask: bool = False,
                     passphrases: Mapping[str, str] | None = None, passphrase: str | None = None,
                     committed: Callable[[ImportRun], None] = lambda run: None,
                     name_of: Callable[[str | Path], str] = lambda path: Path(path).name) -> ImportRun:
        """Import each file in turn (off the GUI thread: on a registry from `Services.open`).

        `progress(n, total)` is called before file n (counting from 1); `cancelled()` is checked between files, so a
        file is either wholly imported or untouched. A file that can't be imported gets a "Refused NAME: reason" line;
        BadKey (a plain UserError) if the key file can't be used, before anything is read. `consents`: what the person
        agreed to, by path (default: replace a newer export, nothing more). With `ask` (the app), replacing a café
        needs consent too, and a file that needs it becomes a `Question` instead of a refusal; so does a file locked
        with a passphrase (kind LOCKED), which `passphrases` (path -> passphrase) then opens. `passphrase` opens any
        file locked with one (the command line's); with no `identity_path`, files locked to a key are refused.
        `committed(run)` is called whenever what `run` says so far is in the data file (every few seconds, and at
        the end); `name_of(path)` names a file in its line.

        The files are written in a batch (storage/import_batch.py): each file all or nothing in a savepoint, committed
        every few seconds and at the end, so a kill loses the last few seconds' files, never part of one. Of many
        files, the next few are read in another process while one is written (services/bundle_intake.py). A large
        import into a desk holding few notes yet builds the note indexes at its end (storage/deferred_indexes.py).
        """
        identity = keys.read_identity(identity_path) if identity_path is not None else None
        left_out = self._leave_out_indexes(len(paths))
        try:
            run = self._import_all(paths, identity, progress, cancelled, consents, ask, passphrases, passphrase,
                                   committed, name_of)
            committed(run)
        finally:
            built = self._build_indexes() if left_out else ""
        if built:
            run.lines.append(built)
        return run

    def _build_indexes(self) -> str:
        """Build the note indexes left out; "" if done, else the line that says they will be built later (the files
        imported stay imported whatever happens here)."""
        try:
            self.store.build_note_indexes()
        except StorageError as exc:
            with contextlib.suppress(StorageError):
                self.store.give_up_note_indexes()
            return ("All the files above that came in are whole. The lists that make searching quick could not be "
                    "finished; Café Desk finishes them the next time it opens this data file, and until then "
                    f"searches are slower. What stopped them: {exc}")
        return ""

    def _leave_out_indexes(self, files: int) -> bool:
        """Leave the note indexes out until the import's end if it is large beside what the desk holds; whether it
        did."""
        if files < LEAVE_OUT_INDEXES_FROM:
            return False
        with self.store.transaction():
            if self.store.notes_held_bound() > NOTES_PER_FILE * files:
                return False
            self.store.leave_out_note_indexes()
        return True

    def _import_all(self, paths, identity, progress, cancelled, consents, ask, passphrases, passphrase, told,
                    name_of) -> ImportRun:
        """The files of `import_files` written, and what became of each."""
        run = ImportRun(total=len(paths))
        default = Consent(replace=not ask)
        committed = (0, copy.deepcopy(run))  # files handled, and what the run said, at the last commit
        number = 0
        own_keys = [identity] if identity is not None else []
        with reading_ahead(paths, identity, passphrase) as read, self.store.import_batch() as batch:
            while number < len(paths):
                if cancelled():
                    run.cancelled = True
                    break
                path = paths[number]
                progress(number + 1, run.total)
                phrase = (passphrases or {}).get(str(path))
                reader = (lambda n=number: read(n)) if phrase is None else \
                    (lambda p=path, phrase=phrase: read_file(p, own_keys, phrase))
                try:
                    try:
                        self._import_one(run, path, reader, (consents or {}).get(str(path), default), ask,
                                         name_of)
                    except BatchLost:
                        # the transaction went with this file's failure: write the files since the last commit
                        # again, each committed alone, then this one (which now fails alone, or not)
                        redo, run = number, copy.deepcopy(committed[1])
                        for at in range(committed[0], redo + 1):
                            again = paths[at]
                            phrase = (passphrases or {}).get(str(again), passphrase)
                            self._import_one(run, again,
                                             lambda p=again, phrase=phrase: read_file(p, own_keys, phrase),
                                             (consents or {}).get(str(again), default), ask, name_of)
                            batch.commit()
                            committed = (at + 1, copy.deepcopy(run))
                            told(run)
                    number += 1
                    due = _committing(batch, batch.commit_if_due, run, told)
                except StorageError as exc:  # the data file takes no more (a full disk): stop at the last commit
                    batch.rollback()
                    run = copy.deepcopy(committed[1])
                    run.problem = str(exc)
                    break
                if due or batch.since_commit == 0:
                    committed = (number, copy.deepcopy(run))
                    told(run)
            _committing(batch, batch.commit, run, told)
        return run

    def _import_one(self, run: ImportRun, path, read: Callable[[], ReadBundle], consent: Consent, ask: bool,
                    name_of: Callable[[str | Path], str]) -> None:
        """Write the file `read()` reads, for `import_files`, and say in `run` what became of it (BatchLost passes
        through)."""
        try:
            result = self._write(read, consent)
        except LockedWithPassphrase as exc:
            if not ask:
                run.refuse(printable(f"Refused {name_of(path)}: {exc}"))
            else:
                run.questions.append(Question(str(path), Path(path).name, str(exc), consent, LOCKED))
        except NeedsConsent as exc:
            if not ask:
                run.refuse(printable(f"Refused {name_of(path)}: {exc}"))
            else:
                run.questions.append(Question(str(path), exc.title, exc.question, exc.consent, exc.kind))
        except UserError as exc:
            run.refuse(printable(f"Refused {name_of(path)}: {exc}"))
        else:
            run.lines.append(result.line())
            run.imported += result.status != "already"
            run.already += result.status == "already"


def _committing(batch, commit: Callable[[], object], run: ImportRun, told: Callable[[ImportRun], None]):
    """`commit()`; stopped at once while it ran (a second Ctrl+C: Python raises it when the commit returns), what
    `run` says is still told if the commit went through, so every file in the data file has its line."""
    try:
        return commit()
    except KeyboardInterrupt:
        if not batch.holds_uncommitted():
            told(run)
        raise


def _kept_manifest(manifest: dict, plan) -> dict:
    """The manifest as the desk keeps it: the laptop's short code only as read and checked (`plan.source_code`),
    since the lists show it beside the desk's own code."""
    kept = {k: v for k, v in manifest.items() if k != "cafe_code"}
    if plan.source_code:
        kept["cafe_code"] = plan.source_code
    return kept
