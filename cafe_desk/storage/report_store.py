"""SQL for the synthesis report: the items the Synthesis page's filter finds, counted per café, source and theme in the
database (the report never walks the items one by one), and each café's first table summaries."""

from __future__ import annotations

import sqlite3

from cafe_desk.core.synthesis import SynthesisFilter, plain_query
from cafe_desk.storage.central_store import _joins, _where


class ReportStore:
    """Mixin for `Store`: expects `self.conn`."""

    def _report_rows(self, f: SynthesisFilter, select: str, join: str = "", tail: str = "", outer: str = "{}",
                     extra: tuple = ()) -> list[tuple]:
        """Rows of `select` over the items matching `f` (only the joins the filter needs, plus `join`), the query put
        in `outer` at {} with `extra` parameters after its own; a search FTS5 can't read is run again with each word
        quoted, as on the Synthesis page."""
        def sql(query: str) -> tuple[str, list]:
            where, params = _where(f)
            joins = f"{_joins(f, counting=True)} {join}"
            if query:
                inner = (f"SELECT {select} {joins} JOIN note_fts ON note_fts.rowid = n.rowid "
                         f"WHERE note_fts MATCH ? AND {' AND '.join(where)} {tail}")
                return outer.format(inner), [query, *params, *extra]
            return outer.format(f"SELECT {select} {joins} WHERE {' AND '.join(where)} {tail}"), [*params, *extra]

        query = f.text.strip()
        try:
            return list(self.conn.execute(*sql(query)))
        except sqlite3.OperationalError:
            if not query:
                raise
        plain = plain_query(query)
        return list(self.conn.execute(*sql(plain))) if plain else []

    def report_item_counts(self, f: SynthesisFilter) -> list[tuple[str, str, str, int]]:
        """(café id, source, kind, items) for the items matching `f`."""
        return self._report_rows(f, "n.cafe_id, n.source, n.kind, COUNT(*)",
                                 tail="GROUP BY n.cafe_id, n.source, n.kind")

    def report_theme_counts(self, f: SynthesisFilter) -> list[tuple[str, str, int]]:
        """(codebook theme id, café id, items) for the items matching `f`."""
        return self._report_rows(f, "k.theme_id, n.cafe_id, COUNT(*)", join="JOIN coding k ON k.note_id = n.id",
                                 tail="GROUP BY k.theme_id, n.cafe_id")

    def report_summaries(self, f: SynthesisFilter, per_cafe: int) -> list[tuple[str, str]]:
        """(café id, text) of the first `per_cafe` table summaries of each café among the items matching `f`, in the
        order they were written."""
        return self._report_rows(
            f, "n.cafe_id, n.text, ROW_NUMBER() OVER (PARTITION BY n.cafe_id ORDER BY n.created_at, n.rowid) AS k",
            tail="AND n.kind = 'summary' AND n.source = 'note-taker'",
            outer="SELECT cafe_id, text FROM ({}) WHERE k <= ?", extra=(per_cafe,))
