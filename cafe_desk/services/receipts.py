"""Receipts: the central desk writes one for an imported export; the facilitator's laptop checks it against its own
record of that export and only then deletes the café's raw data.

A receipt matches when its export id, bundle SHA-256 and per-file counts are those of the newest export of a local
café recorded on this laptop (an "export" entry in the café's audit log), it carries the secret from inside that
export's encrypted manifest (the laptop keeps only its SHA-256, so a receipt can't be made from the laptop's own
records), and nothing the export carries was added or changed since. An export recorded before bundles carried a
secret can't be checked at all: it must be exported again.

Deleting removes the café and everything that belongs to it in one transaction; the audit log keeps
a line saying it was deleted after a matching receipt.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
from dataclasses import dataclass, field
from pathlib import Path

from cafe_desk.core.changes import Changes
from cafe_desk.core.counts import Counts, counted
from cafe_desk.core.errors import NotFoundError, UserError
from cafe_desk.core.synthesis import CentralCafe
from cafe_desk.export.receipt import (
    Receipt,
    ReceiptError,
    manifest_counts,
    manifest_secret,
    read_receipt,
    secret_hash,
)
from cafe_desk.services.base import ServiceBase

EXPORT_AGAIN = "export again and ask for the receipt of the new file"
DIFFERENT_EXPORT = ("This receipt is for a different export of this café — export again or ask for the receipt of "
                    "the latest file.")
OLD_EXPORT = ("This export was made before receipts carried proof that the central team opened it, so the receipt "
              f"can't be checked and nothing was deleted — {EXPORT_AGAIN}.")
NO_PROOF = ("This receipt carries no proof that the central team opened the file (it could have been made from this "
            "laptop's own records), so nothing was deleted.")
WRONG_PROOF = ("This receipt's proof does not match the file exported from this laptop, so nothing was deleted — "
               f"{EXPORT_AGAIN}.")
DELETED = Changes(cafes=True, plan=True, run=True, notes=True, attendance=True, votes=True, themes=True)


@dataclass(frozen=True)
class ReceiptCheck:
    """A receipt that matches the newest export of a café on this laptop: safe to delete that café's raw data."""

    cafe_id: str
    short_code: str
    title: str
    export_id: str
    exported_at: str  # UTC ISO: when this laptop recorded the export
    imported_at: str  # as the central desk wrote it
    counts: dict[str, int] = field(default_factory=dict)
    items: Counts | None = None  # its points, summaries and comments, as this laptop recorded them (None: not known)

    @property
    def notes(self) -> int:
        """How many items (points, summaries and comments together) the export held."""
        return self.counts.get("notes.jsonl", 0)

    @property
    def exported_on(self) -> str:
        """The export's date as people read it, in this computer's time zone ("14 March 2026")."""
        return readable_date(self.exported_at)

    def line(self) -> str:
        """The one sentence that says what the receipt confirms."""
        held = self.items.phrase() if self.items is not None else counted(self.notes, "item")
        return f"The central team received “{self.title}” whole ({held}, exported {self.exported_on})."


def readable_date(iso: str) -> str:
    """A UTC ISO time as a local date people read ("14 March 2026"); anything unreadable is shown as it is."""
    try:
        when = dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except (ValueError, AttributeError):
        return iso
    return f"{when.day} {when:%B %Y}"


def _items(recorded) -> Counts | None:
    """The points, summaries and comments an export entry recorded (older entries did not: None)."""
    try:
        return Counts(**{k: int(recorded[k]) for k in ("points", "summaries", "comments")})
    except (KeyError, TypeError, ValueError):
        return None


def _detail(entry: dict) -> dict:
    try:
        detail = json.loads(entry.get("detail") or "{}")
    except json.JSONDecodeError:
        return {}
    return detail if isinstance(detail, dict) else {}


SIGNED_VERSION = 2  # café files from this version on carry a receipt secret (export.bundle.SIGNED_FROM)


class ReceiptService(ServiceBase):
    """Writing receipts (central desk); checking them and deleting raw data (facilitator). `ReceiptService(store)`."""

    # --- the central desk ------------------------------------------------------------------------------------------

    def imported_cafes(self) -> list[CentralCafe]:
        """The imported cafés a receipt can be written for, the one imported last first (one query, however many)."""
        with self.store.read():
            cafes = [c for c in self.store.central_cafes() if c.imported_at]
        return sorted(cafes, key=lambda c: c.imported_at, reverse=True)

    def imported_cafe(self, cafe_key: str):
        """The café `cafe_key` names here (its id or short code at this desk), or the imported café whose id on the
        facilitator's laptop it is. NotFoundError, saying which code to use, if none."""
        with self.store.read():
            cafe = self.store.get_cafe(cafe_key)
            record = self.store.import_record_for_source(cafe_key) if cafe is None else None
            cafe = cafe or (self.store.get_cafe(record["cafe_id"]) if record else None)
        if cafe is None:
            raise NotFoundError(f"There is no café {cafe_key!r} here. An imported café gets a short code of its own "
                                "at the central desk: `cafe-desk cafes` lists them (the café's long id from the "
                                "facilitator's laptop works too).")
        return cafe

    def counts(self, cafe_key: str) -> Counts:
        """The points, summaries and comments an imported café holds, counted as its import line counts them."""
        cafe = self.imported_cafe(cafe_key)
        with self.store.read():
            return Counts.of_notes(self.store.list_notes(cafe.id))

    def receipt_for(self, cafe_key: str) -> Receipt:
        """The receipt for the export an imported café holds now (`cafe_key` as for `imported_cafe`); UserError if
        the café was not imported."""
        cafe = self.imported_cafe(cafe_key)
        with self.store.read():
            origin = self.store.cafe_origin(cafe.id)
            record = self.store.import_record_for_cafe(cafe.id)
        if origin != "imported" or record is None:
            raise UserError(f"“{cafe.title}” was made on this computer, not imported from a café file, so there is "
                            "no receipt to write for it.")
        proof = manifest_secret(record["manifest"])
        version = record["manifest"].get("version") if isinstance(record["manifest"], dict) else None
        if not proof and isinstance(version, int) and version >= SIGNED_VERSION:
            # a signed café file always carries its secret: without it, the receipt could only be refused
            raise UserError(f"The café file of “{cafe.title}” carried no receipt secret, so a receipt for it could not "
                            "prove it arrived whole: ask the facilitator to export it again, and import that file.")
        return Receipt(export_id=record["export_id"], cafe_id=record["source_cafe_id"],
                       bundle_sha256=record["bundle_sha256"], counts=manifest_counts(record["manifest"]),
                       title=cafe.title, imported_at=record["imported_at"], proof=proof)

    def write_receipt(self, cafe_key: str, target: str | Path) -> Receipt:
        """Write the receipt for an imported café to `target` (whole, or not at all) and note it in the audit log.
        UserError if the café was not imported or the file can't be written."""
        from cafe_desk.services.exporting import write_atomically  # loads encryption: only when writing

        receipt = self.receipt_for(cafe_key)
        write_atomically(target, receipt.to_bytes())
        cafe = self.imported_cafe(cafe_key)
        with self.store.transaction():
            self.store.audit(cafe.id, "receipt", "cafe", cafe.id, export_id=receipt.export_id)
        return receipt

    # --- the facilitator's laptop -----------------------------------------------------------------------------------

    def check_receipt(self, path: str | Path) -> ReceiptCheck:
        """Read the receipt at `path` and find the café on this laptop whose newest export it confirms.
        ReceiptError (one line saying what does not match) otherwise; nothing is changed either way."""
        receipt = read_receipt(path)
        with self.store.read():
            return self._match(receipt)

    def delete_raw_data(self, cafe_id: str, receipt_path: str | Path) -> Changes:
        """Check the receipt again and, only if it matches this café's newest export, delete the café with all its
        notes, comments, votes and plan in one transaction (the audit log keeps a line saying so), and from every
        backup copy on this laptop first. ReceiptError or UserError, with nothing deleted, if the receipt does not
        match, a backup copy can't be cleaned, or the café can't go."""
        receipt = read_receipt(receipt_path)
        if receipt.cafe_id != cafe_id:
            raise ReceiptError("This receipt is for another café, so nothing was deleted.")
        with self.store.backups_held():  # no copy is made until the café is gone from the data file and every copy
            with self.store.read():
                self._match(receipt)  # a receipt that does not match leaves the backups alone too
            self._erase_from_backups(cafe_id)
            with self.store.transaction():
                check = self._match(receipt)
                self.store.erase_cafe(check.cafe_id)
                self.store.audit(check.cafe_id, "delete", "cafe", check.cafe_id, reason="receipt",
                                 export_id=check.export_id, bundle_sha256=receipt.bundle_sha256, title=check.title,
                                 counts=check.counts)
            self.store.clear_write_ahead_log()
        return DELETED

    def _erase_from_backups(self, cafe_id: str) -> None:
        """Take the café out of every backup copy; UserError, with nothing deleted, if a copy can't be cleaned."""
        try:
            self.store.erase_from_backups(cafe_id)
        except OSError as exc:
            raise UserError(f"A backup copy on this laptop ({exc.filename or exc.strerror}) can't be cleaned or "
                            "removed, so nothing was deleted. Close any program using it and try again.") from exc

    def _match(self, receipt: Receipt) -> ReceiptCheck:
        """The check for a receipt (reads only; the caller holds a read or a transaction)."""
        s = self.store
        cafe = s.get_cafe(receipt.cafe_id)
        entries = s.audit_entries(receipt.cafe_id)
        if cafe is None or cafe.id != receipt.cafe_id:
            gone = [_detail(e) for e in entries if e["action"] == "delete" and e["entity"] == "cafe"]
            if gone:
                title = gone[-1].get("title") or receipt.title
                raise ReceiptError(f"“{title}” was already deleted from this laptop after a matching receipt.")
            raise NotFoundError("This receipt is for a café that is not on this laptop, so there is nothing to "
                                "delete.")
        if s.cafe_origin(cafe.id) == "imported":
            raise ReceiptError(f"“{cafe.title}” was imported from a café file, so it is kept; a receipt only "
                               "deletes cafés run on this laptop.")
        exports = [(e, _detail(e)) for e in entries if e["action"] == "export" and e["entity"] == "cafe"]
        if not exports:
            raise ReceiptError(f"This laptop has no record of exporting “{cafe.title}”, so the receipt can't be "
                               f"matched — {EXPORT_AGAIN}.")
        entry, latest = exports[-1]
        if latest.get("export_id") != receipt.export_id:
            raise ReceiptError(DIFFERENT_EXPORT)
        if latest.get("bundle_sha256") != receipt.bundle_sha256:
            raise ReceiptError("This receipt does not match the file exported from this laptop (the file the central "
                               f"team holds is different), so nothing can be deleted — {EXPORT_AGAIN}.")
        if latest.get("counts") != receipt.counts:
            raise ReceiptError("The counts in this receipt differ from what this laptop exported, so it can't confirm "
                               f"everything arrived — {EXPORT_AGAIN}.")
        expected = latest.get("receipt_secret_sha256")
        if not isinstance(expected, str) or not expected:
            raise ReceiptError(OLD_EXPORT)
        if not receipt.proof:
            raise ReceiptError(NO_PROOF)
        if not hmac.compare_digest(secret_hash(receipt.proof), expected):
            raise ReceiptError(WRONG_PROOF)
        if s.changed_since(cafe.id, latest.get("built_at") or entry["at"]):
            raise ReceiptError(f"The central team received this export whole, but “{cafe.title}” has changed since "
                               f"(new or edited points, comments or votes), so it can't be deleted yet — "
                               f"{EXPORT_AGAIN}.")
        return ReceiptCheck(cafe.id, cafe.short_code, cafe.title, receipt.export_id, entry["at"],
                            receipt.imported_at, dict(receipt.counts), _items(latest.get("items")))
