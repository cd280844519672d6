"""What every service shares: finding a café and refusing writes to a closed one."""

from __future__ import annotations

from cafe_desk.core.errors import NotFoundError, ReadOnlyError
from cafe_desk.core.model import Cafe
from cafe_desk.storage.store import Store


class ServiceBase:
    def __init__(self, store: Store):
        self.store = store

    def cafe(self, key: str) -> Cafe:
        """The café with this UUID or short code; NotFoundError if there is none."""
        with self.store.read():
            cafe = self.store.get_cafe(key)
        if cafe is None:
            raise NotFoundError(f"There is no café {key!r} here. `cafe-desk cafes` lists the ones there are.")
        return cafe

    def writable(self, cafe_id: str) -> Cafe:
        """The café, if it may be changed; ReadOnlyError if it is closed."""
        cafe = self.cafe(cafe_id)
        if cafe.is_closed:
            with self.store.read():
                imported = self.store.cafe_origin(cafe.id) == "imported"
            if imported:
                raise ReadOnlyError(f"“{cafe.title}” was imported, so it is kept exactly as it arrived and can't be "
                                    "changed.")
            raise ReadOnlyError(f"“{cafe.title}” is closed, so it can't be changed. Reopen it to make changes.")
        return cafe
