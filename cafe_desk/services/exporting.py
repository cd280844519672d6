"""Exporting a café as an anonymised, encrypted `.cafe` bundle (the files themselves: export/cafe_export.py)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from pathlib import Path

from cafe_desk.core.errors import UserError
from cafe_desk.export import bundle, cafe_export
from cafe_desk.export.cafe_export import ExportResult, PreviewItem
from cafe_desk.services.base import ServiceBase

RECIPIENTS_KEY = "export.recipients"


class Cancelled(UserError):
    """The person asked to stop; nothing was written."""


class ExportService(ServiceBase):
    """Built on the other services: `ExportService(services)`."""

    def __init__(self, services):
        super().__init__(services.store)
        self.services = services

    def started_at(self, cafe_id: str) -> str | None:
        """When the café's countdown first ran (UTC, ISO), from its audit log; None if it never ran."""
        with self.store.read():
            entries = self.store.audit_entries(cafe_id)
        for entry in entries:
            if entry["action"] == "run" and json.loads(entry["detail"] or "{}").get("status") == "running":
                return entry["at"]
        return None

    def build(self, cafe_key: str, *, include_flagged: bool = False,
              leave_out: AbstractSet[str] = frozenset()) -> ExportResult:
        """The café's anonymised files (manifest included), not yet packed or encrypted."""
        cafe = self.cafe(cafe_key)
        return cafe_export.build(self.services, cafe.id, started_at=self.started_at(cafe.id),
                                 include_flagged=include_flagged, leave_out=leave_out)

    def export_cafe(self, cafe_key: str, recipients: list[str], passphrase: str | None = None, *,
                    include_flagged: bool = False,
                    leave_out: AbstractSet[str] = frozenset()) -> tuple[bytes, ExportResult]:
        """(the encrypted bundle, what went into it). Encrypts to every recipient "age1…", or to `passphrase`.
        `leave_out`: ids of notes the facilitator chose to leave out."""
        if passphrase is None:
            for r in recipients:
                bundle.parse_recipient(r)
        result = self.build(cafe_key, include_flagged=include_flagged, leave_out=leave_out)
        return bundle.seal(bundle.pack(result.files), recipients, passphrase), result

    def preview(self, cafe_key: str) -> list[PreviewItem]:
        """Every note and comment of the café with the redactions an export would make, for review before export."""
        return cafe_export.preview(self.services, self.cafe(cafe_key).id)

    def last_recipients(self) -> list[str]:
        """The public keys used for the last export from this laptop (none yet: [])."""
        with self.store.read():
            return [r for r in (self.store.get_state(RECIPIENTS_KEY) or "").split() if r]

    def remember_recipients(self, recipients: list[str]) -> None:
        """Keep these public keys for the next export."""
        with self.store.transaction():
            self.store.set_state(RECIPIENTS_KEY, "\n".join(recipients))


def write_atomically(target: str | Path, data: bytes, cancelled: Callable[[], bool] = lambda: False) -> None:
    """Write `data` to a temporary file beside `target`, then move it into place: never a half-written file.
    Raises Cancelled (and leaves nothing) if `cancelled()` turns true before the move; a plain UserError if the
    file can't be written."""
    target = Path(target)
    if not target.parent.is_dir():
        raise UserError(f"The folder for {target} does not exist, so nothing was written.")
    try:
        fd, temp = tempfile.mkstemp(prefix=".export-", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise UserError(f"{target} could not be written ({exc.strerror or 'the disk said no'}).") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if cancelled():
            raise Cancelled("Export cancelled; nothing was written.")
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise UserError(f"{target} could not be written ({exc.strerror or 'the disk said no'}); "
                        "nothing was saved.") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def export_to_file(db_path: str | Path, cafe_key: str, recipients: list[str], target: str | Path, *,
                   leave_out: AbstractSet[str] = frozenset(), include_flagged: bool = False,
                   cancelled: Callable[[], bool] = lambda: False,
                   progress: Callable[[int, int], None] = lambda done, total: None) -> ExportResult:
    """Export a café to `target` on a connection of its own (safe to call off the GUI thread), closed afterwards.
    Raises Cancelled when `cancelled()` turns true (nothing written), UserError for anything the person can fix."""
    from cafe_desk.services import Services
    from cafe_desk.storage.store import Store

    store = Store(Path(db_path))
    try:
        progress(0, 3)
        data, result = ExportService(Services.build(store)).export_cafe(
            cafe_key, recipients, include_flagged=include_flagged, leave_out=leave_out)
        if cancelled():
            raise Cancelled("Export cancelled; nothing was written.")
        progress(2, 3)
        write_atomically(target, data, cancelled)
        progress(3, 3)
        return result
    finally:
        store.close()
