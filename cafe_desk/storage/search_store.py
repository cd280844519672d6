"""SQL for the ranking index (storage/search_index.py): the search generation that says when the index is stale,
what the index should hold, and the page of items for the rowids it ranked, filtered and checked against the query."""

from __future__ import annotations

import json
from collections.abc import Iterator

from cafe_desk.core.search_match import checked
from cafe_desk.core.search_query import Node
from cafe_desk.core.synthesis import Item, SynthesisFilter
from cafe_desk.storage.central_store import _ITEM_COLUMNS, _joins, _where


class SearchStore:
    """Mixin for `Store`: expects `self.conn` and CentralStore's `_items_of`."""

    def search_generation(self) -> str:
        """A token that changes whenever imported notes come or go (the ranking index records the one it holds)."""
        row = self.conn.execute("SELECT generation FROM search_generation").fetchone()
        return row[0] if row else ""

    def bump_search_generation(self) -> None:
        """Say that the imported notes changed; call inside the write's transaction."""
        self.conn.execute("UPDATE search_generation SET generation = lower(hex(randomblob(16)))")

    def search_cafes(self) -> dict[str, str]:
        """Imported café id -> a stamp of the import its notes came from (a re-import changes it)."""
        rows = self.conn.execute(
            "SELECT c.id, IFNULL(MAX(i.export_id || ' ' || i.imported_at), '') FROM cafe c "
            "LEFT JOIN import_record i ON i.cafe_id = c.id WHERE c.origin = 'imported' GROUP BY c.id")
        return dict(rows)

    def notes_to_index(self, cafe_id: str) -> Iterator[tuple[int, str]]:
        """(rowid, text) of a café's notes, as the full-text index holds them."""
        yield from self.conn.execute("SELECT rowid, text FROM note WHERE cafe_id = ?", [cafe_id])

    def items_at(self, f: SynthesisFilter, node: Node, rowids: list[int]) -> list[Item]:
        """The items among `rowids` that match `f` and the query `node` (checked word by word, as FTS5 would), with
        their snippets, in the order of `rowids`."""
        if not rowids:
            return []
        where, params = _where(f)
        # the ranked rowids drive the join (CROSS JOIN keeps that order), so only they are read, not every match
        joins = _joins(f, counting=False).replace("FROM note n JOIN", "FROM json_each(?) j CROSS JOIN note n "
                                                  "ON n.rowid = j.value JOIN", 1)
        sql = f"SELECT {_ITEM_COLUMNS}, n.rowid {joins} WHERE {' AND '.join(where)}"
        place = {rowid: i for i, rowid in enumerate(rowids)}
        rows = []
        for r in self.conn.execute(sql, [json.dumps(rowids), *params]):
            snippet = checked(node, r[10])  # None: the index and the query disagree, and the query is the truth
            if snippet is not None:
                rows.append((*r[:-1], snippet, place[r[-1]]))
        rows.sort(key=lambda r: r[-1])
        return list(self._items_of(r[:-1] for r in rows))
