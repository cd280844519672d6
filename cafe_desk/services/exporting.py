"""Exporting a café as an anonymised, encrypted `.cafe` bundle (the files themselves: export/cafe_export.py)."""

from __future__ import annotations

import json

from cafe_desk.export import bundle, cafe_export
from cafe_desk.export.cafe_export import ExportResult
from cafe_desk.services.base import ServiceBase


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

    def build(self, cafe_key: str, *, include_flagged: bool = False) -> ExportResult:
        """The café's anonymised files (manifest included), not yet packed or encrypted."""
        cafe = self.cafe(cafe_key)
        return cafe_export.build(self.services, cafe.id, started_at=self.started_at(cafe.id),
                                 include_flagged=include_flagged)

    def export_cafe(self, cafe_key: str, recipients: list[str], passphrase: str | None = None, *,
                    include_flagged: bool = False) -> tuple[bytes, ExportResult]:
        """(the encrypted bundle, what went into it). Encrypts to every recipient "age1…", or to `passphrase`."""
        if passphrase is None:
            for r in recipients:
                bundle.parse_recipient(r)
        result = self.build(cafe_key, include_flagged=include_flagged)
        return bundle.seal(bundle.pack(result.files), recipients, passphrase), result
