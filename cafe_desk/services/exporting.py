"""Exporting a café as an anonymised, signed, encrypted `.cafe` bundle (the files themselves: export/cafe_export.py;
the signature: this laptop's key, services/signing_key.py)."""

from __future__ import annotations

import errno
import hashlib
import json
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from pathlib import Path

from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import Cancelled, UserError
from cafe_desk.core.exports import CafeSnapshot, ExportResult
from cafe_desk.core.redaction import Overrides, PreviewItem
from cafe_desk.export import bundle, cafe_export, keys
from cafe_desk.export.receipt import manifest_counts, secret_hash
from cafe_desk.platforms import FileInUseError, finishing, replace_file
from cafe_desk.services.base import ServiceBase
from cafe_desk.services.files import write_beside
from cafe_desk.storage.rows import utc_now

RECIPIENTS_KEY = "export.recipients"


MAX_KEY_FILE = 64 * 1024  # a key file is a few lines; never read a large file picked by mistake


class ExportService(ServiceBase):
    """Built on the other services: `services.exporting`."""

    def __init__(self, services):
        super().__init__(services.store)
        self.services = services
        self._built_at: dict[str, str] = {}  # export id -> when its contents were read (UTC ISO)

    def started_at(self, cafe_id: str) -> str | None:
        """When the café's countdown first ran (UTC, ISO), from its audit log; None if it never ran."""
        with self.store.read():
            entries = self.store.audit_entries(cafe_id)
        for entry in entries:
            if entry["action"] == "run" and json.loads(entry["detail"] or "{}").get("status") == "running":
                return entry["at"]
        return None

    def build(self, cafe_key: str, *, include_flagged: bool = False, leave_out: AbstractSet[str] = frozenset(),
              overrides: Overrides | None = None) -> ExportResult:
        """The café's anonymised files (manifest included), not yet packed or encrypted. `overrides`: note id ->
        the facilitator's changes to its redactions (see cafe_export.RedactionChoices)."""
        return cafe_export.build(self.snapshot(cafe_key), include_flagged=include_flagged, leave_out=leave_out,
                                 overrides=overrides)

    def export_cafe(self, cafe_key: str, recipients: list[str], passphrase: str | None = None, *,
                    include_flagged: bool = False, leave_out: AbstractSet[str] = frozenset(),
                    overrides: Overrides | None = None, record: bool = True) -> tuple[bytes, ExportResult]:
        """(the encrypted bundle, what went into it). Signs the manifest with this laptop's key (made on the first
        export) and encrypts to every recipient "age1…", or to `passphrase`.
        `leave_out`: ids of notes the facilitator chose to leave out; `overrides`: note id -> their changes to its
        redactions. With `record`, the export is remembered at once (see `record_export`); a caller that writes
        the file itself passes False and records after writing."""
        if passphrase is None:
            for r in recipients:
                bundle.parse_recipient(r)
        built_at = utc_now()
        result = self.build(cafe_key, include_flagged=include_flagged, leave_out=leave_out, overrides=overrides)
        result.files = bundle.sign(result.files, self.services.signing_key.secret())
        data = bundle.seal(bundle.pack(result.files), recipients, passphrase)
        self._built_at[json.loads(result.files[bundle.MANIFEST])["export_id"]] = built_at
        if record:
            self.record_export(result, data)
        return data, result

    def record_export(self, result: ExportResult, data: bytes) -> Changes:
        """Remember in the café's audit log that `data` (the encrypted bundle, byte for byte as written) left this
        laptop: its export id, SHA-256, the manifest's record counts (and its points, summaries and comments apart),
        when its contents were read (UTC ISO), and the SHA-256 of the receipt secret inside the encrypted manifest
        (never the secret itself). A receipt from the central team must carry that secret, and match the rest, before
        anything is deleted."""
        manifest = json.loads(result.files[bundle.MANIFEST])
        cafe_id, export_id = manifest["cafe_id"], manifest["export_id"]
        secret = manifest.get("receipt_secret")
        with self.store.transaction():
            self.store.audit(cafe_id, "export", "cafe", cafe_id, export_id=export_id,
                             bundle_sha256=hashlib.sha256(data).hexdigest(), counts=manifest_counts(manifest),
                             items=result.counts.as_dict(),
                             built_at=self._built_at.pop(export_id, None) or utc_now(),
                             receipt_secret_sha256=secret_hash(secret) if isinstance(secret, str) else None)
        return Changes()

    def preview(self, cafe_key: str, overrides: Overrides | None = None) -> list[PreviewItem]:
        """Every note and comment of the café with the redactions an export would make, for review before export
        (with `overrides`, each item carries the facilitator's changes and its `removed` follows them)."""
        return cafe_export.preview(self.snapshot(cafe_key), overrides)

    def snapshot(self, cafe_key: str) -> CafeSnapshot:
        """Everything an export reads of the café, gathered through the other services."""
        s, cafe = self.services, self.cafe(cafe_key)
        items = {e: s.planning.items(cafe.id, e) for e in ("table", "round", "outcome", "group", "theme")}
        return CafeSnapshot(cafe, items["table"], items["round"], items["outcome"], items["group"], items["theme"],
                            s.notes.list(cafe.id), s.notes.attendance(cafe.id), s.votes.tallies(cafe.id),
                            s.ballots.ballots(cafe.id), self.started_at(cafe.id))

    def recipients_in(self, text: str) -> list[str]:
        """The public keys typed or pasted in `text`, one a line, each checked, without repeats; a BadKey naming
        the line that is wrong, or asking for a key when there is none."""
        found: list[str] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                keys.parse_recipient(line)
            except keys.BadKey:
                raise keys.BadKey(f"Line {number} of the public keys isn't a whole public key: check it was copied in "
                                  f"full and with no typing mistake (it starts with {keys.PUBLIC_PREFIX} and is 62 "
                                  "characters long).") from None
            if line.strip() not in found:
                found.append(line.strip())
        if not found:
            raise keys.BadKey(f"Paste the central team's public key (it starts with {keys.PUBLIC_PREFIX}…) or open "
                              "their key file, so only they can open the export.")
        return found

    def public_keys_in_file(self, path: str | Path) -> list[str]:
        """The public keys (words starting with age1) in a key file the facilitator opened; a BadKey saying
        plainly why there are none (unreadable, the secret key instead, or no key at all)."""
        path = Path(path)
        try:
            with open(path, "rb") as f:
                text = f.read(MAX_KEY_FILE).decode("utf-8", errors="replace")
        except OSError:
            raise keys.BadKey(f"{path.name} can't be read, so no key was added.") from None
        if keys.SECRET_PREFIX in text:  # a key file made by `age-keygen` names its public key in a comment too
            raise keys.BadKey(f"{path.name} is the central team's secret key: it must stay with them. Ask them "
                              "for their public key instead.")
        found = []
        for word in (w for line in text.splitlines() for w in line.replace("#", " ").replace(":", " ").split()):
            if word.startswith(keys.PUBLIC_PREFIX) and word not in found:
                try:
                    keys.parse_recipient(word)
                except keys.BadKey:
                    continue
                found.append(word)
        if not found:
            raise keys.BadKey(f"{path.name} has no public key in it (a line starting with {keys.PUBLIC_PREFIX}).")
        return found

    def last_recipients(self) -> list[str]:
        """The public keys used for the last export from this laptop (none yet: [])."""
        with self.store.read():
            return [r for r in (self.store.get_state(RECIPIENTS_KEY) or "").split() if r]

    def remember_recipients(self, recipients: list[str]) -> None:
        """Keep these public keys for the next export."""
        with self.store.transaction():
            self.store.set_state(RECIPIENTS_KEY, "\n".join(recipients))

    def export_to_file(self, cafe_key: str, recipients: list[str], target: str | Path, *,
                       passphrase: str | None = None,
                       leave_out: AbstractSet[str] = frozenset(), include_flagged: bool = False,
                       overrides: Overrides | None = None, cancelled: Callable[[], bool] = lambda: False,
                       progress: Callable[[int, int], None] = lambda done, total: None) -> ExportResult:
        """Export a café to `target` (off the GUI thread: on a registry from `Services.open`); the export is
        recorded (for a later receipt) once the file is in place. `passphrase` and `overrides`: as for
        `export_cafe`.
        Raises Cancelled when `cancelled()` turns true (nothing written), UserError for anything the person can fix."""
        progress(0, 3)
        data, result = self.export_cafe(cafe_key, recipients, passphrase, include_flagged=include_flagged,
                                        leave_out=leave_out, overrides=overrides, record=False)
        if cancelled():
            raise Cancelled("Export cancelled; nothing was written.")
        progress(2, 3)
        write_atomically(target, data, cancelled)
        self.record_export(result, data)
        progress(3, 3)
        return result


def write_atomically(target: str | Path, data: bytes, cancelled: Callable[[], bool] = lambda: False) -> None:
    """Write `data` to a file of ours beside `target`, then move it into place: never a half-written file.
    Raises Cancelled (and leaves nothing) if `cancelled()` turns true before the move; a plain UserError naming
    `target` or its folder (never the file of ours) if the file can't be written."""
    target = Path(target)
    if not target.parent.is_dir():
        raise UserError(f"The folder for {target} does not exist, so nothing was written.")
    try:
        temp = write_beside(target, data)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise UserError(f"Café Desk may not write in {target.parent}, so nothing was saved; choose another "
                            "folder, such as Documents.") from None
        raise _unsaved(target, exc) from None
    try:
        if cancelled():
            raise Cancelled("Export cancelled; nothing was written.")
        finishing()
        replace_file(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _unsaved(target, exc) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _unsaved(target: Path, exc: OSError) -> UserError:
    """One line for a file that could not be written at `target`."""
    if exc.errno == errno.ENAMETOOLONG:
        return UserError(f"The file name is too long: {target}")
    if isinstance(exc, FileInUseError):
        return UserError(f"{exc.strerror}. Nothing was saved.")
    return UserError(f"{target} could not be written ({exc.strerror or 'the disk said no'}); nothing was saved.")
