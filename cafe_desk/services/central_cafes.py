"""Taking an imported café back out of the central desk: a file imported by mistake, a test file, a café sent to the
wrong desk, or one found to be wrong. One transaction: its items with their codings and shortlist entries, its votes
and people, and the record of its import (so the same file can be imported again later). The codebook's themes stay,
as the analyst made them."""

from __future__ import annotations

from dataclasses import dataclass

from cafe_desk.core.changes import Changes
from cafe_desk.core.counts import counted
from cafe_desk.core.errors import UserError
from cafe_desk.services.base import ServiceBase

CHANGED = Changes(cafes=True, notes=True, themes=True)


@dataclass(frozen=True)
class Removal:
    """An imported café and what removing it takes with it."""

    cafe_id: str
    title: str
    short_code: str
    items: int
    codings: int
    shortlisted: int

    def what(self) -> str:
        """"“Perth café” (K7Q2XD): 1,012 items, 40 codings and 3 shortlisted quotes"."""
        taken = [counted(self.items, "item"), counted(self.codings, "coding")]
        taken.append(f"{self.shortlisted:,} shortlisted {'quote' if self.shortlisted == 1 else 'quotes'}")
        return f"“{self.title}” ({self.short_code}): {', '.join(taken[:-1])} and {taken[-1]}"


class CentralCafeService(ServiceBase):
    """Imported cafés as a whole: `services.central_cafes`."""

    def __init__(self, services):
        super().__init__(services.store)
        self.services = services

    def removal(self, cafe_key: str) -> Removal:
        """What removing the imported café `cafe_key` (its short code here, its id, or its id on the facilitator's
        laptop) would take; NotFoundError / UserError for one that is not an imported café."""
        cafe = self.services.receipts.imported_cafe(cafe_key.strip())
        with self.store.read():
            if self.store.cafe_origin(cafe.id) != "imported":
                raise UserError(f"“{cafe.title}” is a café of this laptop, not an imported one; delete it from the "
                                "Cafés page instead.")
            items = len(self.store.list_notes(cafe.id))
            codings, shortlisted = self.store.codings_of_cafe(cafe.id), self.store.shortlist_of_cafe(cafe.id)
        return Removal(cafe.id, cafe.title, cafe.short_code, items, len(codings), len(shortlisted))

    def remove(self, cafe_key: str) -> tuple[Removal, Changes]:
        """Remove the imported café `cafe_key` and everything that came with it, in one transaction."""
        removal = self.removal(cafe_key)
        with self.store.transaction():
            self.store.unindex_cafe_notes(removal.cafe_id)
            self.store.delete_cafe(removal.cafe_id)
            self.store.audit(None, "remove", "imported_cafe", removal.cafe_id, title=removal.title,
                             items=removal.items, codings=removal.codings, shortlisted=removal.shortlisted)
        return removal, CHANGED
