"""SQL for the central synthesis: imported items filtered and searched (FTS5), the codebook, codings, the shortlist,
and the vote counts of imported cafés."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator

from cafe_desk.core.synthesis import (
    HIT_END,
    HIT_START,
    CentralCafe,
    CodeTheme,
    Facets,
    Item,
    SynthesisFilter,
    plain_query,
)
from cafe_desk.core.vote_synthesis import Pile

_ITEM_COLUMNS = ("n.id, n.cafe_id, c.title, c.date, c.locality, t.number, r.number, r.prompt, n.source, n.kind, "
                 "n.text, n.is_quote, g.name, n.created_at, (s.note_id IS NOT NULL)")
_JOINS = {
    "t": "LEFT JOIN cafe_table t ON t.id = n.table_id",
    "r": "LEFT JOIN round r ON r.id = n.round_id",
    "g": "LEFT JOIN cafe_group g ON g.id = n.group_id",
    "s": "LEFT JOIN shortlist s ON s.note_id = n.id",
}


def _joins(f: SynthesisFilter, counting: bool) -> str:
    """FROM and JOINs: every table when rows are shown, only those the filter needs when counting (much faster)."""
    needed = {"r": bool(f.question), "g": bool(f.group), "s": f.shortlisted_only}
    parts = ["FROM note n JOIN cafe c ON c.id = n.cafe_id AND c.origin = 'imported'"]
    parts += [sql for alias, sql in _JOINS.items() if not counting or needed.get(alias)]
    return " ".join(parts)


# filter field -> the condition it adds, with one ? for its value
_CONDITIONS = {
    "cafe_id": "n.cafe_id = ?",
    "date_from": "c.date >= ?",
    "date_to": "c.date <= ?",
    "locality": "c.locality = ? COLLATE NOCASE",
    "group": "g.name = ? COLLATE NOCASE",
    "question": "r.prompt = ?",
    "outcome": "EXISTS (SELECT 1 FROM note_outcome l JOIN outcome o ON o.id = l.outcome_id "
               "WHERE l.note_id = n.id AND o.title = ? COLLATE NOCASE)",
    "theme_id": "EXISTS (SELECT 1 FROM coding k WHERE k.note_id = n.id AND k.theme_id = ?)",
}


def _where(f: SynthesisFilter) -> tuple[list[str], list]:
    """WHERE conditions (without the text search) and their parameters."""
    where, params = ["n.hidden = 0"], []
    for name, condition in _CONDITIONS.items():
        value = getattr(f, name).strip()
        if value:
            where.append(condition)
            params.append(value)
    if f.sources:
        where.append(f"n.source IN ({', '.join('?' * len(f.sources))})")
        params.extend(f.sources)
    if f.quotes_only:
        where.append("n.is_quote = 1")
    if f.shortlisted_only:
        where.append("s.note_id IS NOT NULL")
    if f.leave_out_cafes:
        where.append(f"n.cafe_id NOT IN ({', '.join('?' * len(f.leave_out_cafes))})")
        params.extend(f.leave_out_cafes)
    return where, params


def _minutes(date: str, created_at: str) -> int | None:
    try:
        start = dt.datetime.combine(dt.date.fromisoformat(date), dt.time(), dt.UTC)
        return int((dt.datetime.fromisoformat(created_at.replace("Z", "+00:00")) - start).total_seconds() // 60)
    except (ValueError, TypeError):
        return None


class CentralStore:
    """Mixin for `Store`: expects `self.conn`."""

    # --- the search index: imported notes only, kept in step by the importer ----------------------------------

    def index_cafe_notes(self, cafe_id: str) -> None:
        """Add a café's notes to the full-text index; call once, after its notes are inserted. Inside an import
        batch they go in when the batch commits (storage/import_batch.py), with every other café of it."""
        batch = getattr(self, "_batch", None)
        if batch is not None:
            batch.unindexed.append(cafe_id)
        else:
            self.index_notes_of([cafe_id])

    def index_notes_of(self, cafe_ids: list[str], after: int = 0) -> None:
        """Add these cafés' notes to the full-text index, in rowid order (FTS5 appends them fastest so). `after`: a
        rowid every one of their notes is above (an import's batch knows it, and the notes' indexes may be left out)."""
        self.conn.execute("INSERT INTO note_fts (rowid, text) SELECT rowid, text FROM note "
                          "WHERE rowid > ? AND cafe_id IN (SELECT value FROM json_each(?)) ORDER BY rowid",
                          [after, json.dumps(cafe_ids)])
        self.bump_search_generation()

    def unindex_cafe_notes(self, cafe_id: str) -> None:
        """Take a café's notes out of the full-text index; call before deleting them (it needs their text)."""
        batch = getattr(self, "_batch", None)
        if batch is not None and cafe_id in batch.unindexed:
            batch.unindexed.remove(cafe_id)  # written earlier in this batch: its notes are not in the index yet
        else:
            self.conn.execute("INSERT INTO note_fts (note_fts, rowid, text) "
                              "SELECT 'delete', rowid, text FROM note WHERE cafe_id = ?", [cafe_id])
        self.bump_search_generation()

    # --- imported cafés and what the filters offer ---------------------------------------------------------

    def central_cafes(self) -> list[CentralCafe]:
        """Imported cafés with their import record and note count, newest date first."""
        rows = self.conn.execute(
            "SELECT c.id, c.title, c.date, c.locality, c.vote_method, c.dots_per_person, "
            "IFNULL(i.export_id, ''), IFNULL(i.imported_at, ''), "
            # the manifest's count of notes.jsonl is what was imported: no need to count a million rows
            "IFNULL(json_extract(i.manifest, '$.files.\"notes.jsonl\".count'), "
            "(SELECT COUNT(*) FROM note n WHERE n.cafe_id = c.id)), c.short_code, "
            "IFNULL(json_extract(i.manifest, '$.cafe_code'), '') "
            "FROM cafe c LEFT JOIN import_record i ON i.cafe_id = c.id "
            "WHERE c.origin = 'imported' ORDER BY c.date DESC, c.title COLLATE NOCASE")
        return [CentralCafe(*r) for r in rows]

    def central_facets(self) -> Facets:
        """What the filters offer: localities, groups, questions, outcomes, date range of imported cafés."""
        imported = "cafe_id IN (SELECT id FROM cafe WHERE origin = 'imported')"

        def distinct(sql: str) -> list[str]:
            return [r[0] for r in self.conn.execute(sql) if r[0]]

        dates = self.conn.execute("SELECT MIN(date), MAX(date) FROM cafe WHERE origin = 'imported' AND date != ''")
        first, last = dates.fetchone()
        return Facets(
            localities=distinct("SELECT DISTINCT locality FROM cafe WHERE origin = 'imported' "
                                "ORDER BY locality COLLATE NOCASE"),
            groups=distinct(f"SELECT DISTINCT name FROM cafe_group WHERE {imported} ORDER BY name COLLATE NOCASE"),
            questions=distinct(f"SELECT DISTINCT prompt FROM round WHERE {imported} ORDER BY prompt COLLATE NOCASE"),
            outcomes=distinct(f"SELECT title FROM outcome WHERE {imported} "
                              "GROUP BY title COLLATE NOCASE ORDER BY title COLLATE NOCASE"),
            first_date=first or "", last_date=last or "")

    # --- items --------------------------------------------------------------------------------------------

    def _item_query(self, f: SynthesisFilter, query: str, select: str, tail: str = "") -> tuple[str, list]:
        where, params = _where(f)
        joins = _joins(f, counting=select == "COUNT(*)")
        if query and select == "COUNT(*)":  # the matches' rowids once, then the filter's notes checked against them
            sql = (f"SELECT {select} {joins} WHERE n.rowid IN (SELECT rowid FROM note_fts WHERE note_fts MATCH ?) "
                   f"AND {' AND '.join(where)} {tail}")
            return sql, [query, *params]
        if query:
            sql = (f"SELECT {select} {joins} JOIN note_fts ON note_fts.rowid = n.rowid "
                   f"WHERE note_fts MATCH ? AND {' AND '.join(where)} {tail}")
            return sql, [query, *params]
        return f"SELECT {select} {joins} WHERE {' AND '.join(where)} {tail}", params

    def _run_search(self, f: SynthesisFilter, select: str, tail: str, extra: list) -> sqlite3.Cursor:
        """Run with the text as typed; if FTS5 can't read it as a query, run again with each word quoted."""
        query = f.text.strip()
        sql, params = self._item_query(f, query, select, tail)
        try:
            return self.conn.execute(sql, [*params, *extra])
        except sqlite3.OperationalError:
            if not query:
                raise
        plain = plain_query(query)
        if not plain:
            return self.conn.execute("SELECT 1 WHERE 0")
        sql, params = self._item_query(f, plain, select, tail)
        return self.conn.execute(sql, [*params, *extra])

    def count_items(self, f: SynthesisFilter) -> int:
        """How many items match `f`; a text search with no other filter is counted in the index alone."""
        if f.text.strip() and dataclasses.replace(f, text="") == SynthesisFilter():
            # the index holds exactly the imported notes, so a plain search is counted there alone (much faster)
            try:
                return self.conn.execute("SELECT COUNT(*) FROM note_fts WHERE note_fts MATCH ?",
                                         [f.text.strip()]).fetchone()[0]
            except sqlite3.OperationalError:
                plain = plain_query(f.text)
                return self.conn.execute("SELECT COUNT(*) FROM note_fts WHERE note_fts MATCH ?",
                                         [plain]).fetchone()[0] if plain else 0
        row = self._run_search(f, "COUNT(*)", "", []).fetchone()
        return row[0] if row else 0

    def item_ids(self, f: SynthesisFilter) -> list[str]:
        """The ids of every item matching `f` (to code them all at once), in no particular order."""
        return [row[0] for row in self._run_search(f, "n.id", "", [])]

    def find_items(self, f: SynthesisFilter, limit: int | None = None, offset: int = 0) -> list[Item]:
        """Items matching `f`: by relevance when searching (best first), else by café date, café, round, table."""
        return list(self.iter_items(f, limit, offset))

    def iter_items(self, f: SynthesisFilter, limit: int | None = None, offset: int = 0) -> Iterator[Item]:
        """Like `find_items`, one at a time (for data exports of any size)."""
        searching = bool(f.text.strip())
        select = _ITEM_COLUMNS + (f", highlight(note_fts, 0, '{HIT_START}', '{HIT_END}')" if searching else ", ''")
        order = ("ORDER BY note_fts.rank" if searching else
                 "ORDER BY c.date DESC, c.title COLLATE NOCASE, n.cafe_id, r.number, t.number, n.created_at, n.rowid")
        tail = order + (" LIMIT ? OFFSET ?" if limit is not None else "")
        extra = [limit, offset] if limit is not None else []
        yield from self._items_of(self._run_search(f, select, tail, extra))

    def _items_of(self, rows: Iterable) -> Iterator[Item]:
        """Items from rows of `_ITEM_COLUMNS` and a snippet, their tags read 500 rows at a time."""
        rows = iter(rows)
        while True:
            batch = list(itertools.islice(rows, 500))
            if not batch:
                return
            links = self._links([r[0] for r in batch])
            for r in batch:
                outcomes, themes, codes = (links[kind].get(r[0], ()) for kind in ("outcome", "theme", "code"))
                yield Item(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or "", r[8], r[9], r[10], bool(r[11]),
                           r[12] or "", _minutes(r[3], r[13]), tuple(outcomes), tuple(themes), tuple(codes),
                           bool(r[14]), r[15] or "")

    def _links(self, note_ids: list[str]) -> dict[str, dict[str, list[str]]]:
        found: dict[str, dict[str, list[str]]] = {k: defaultdict(list) for k in ("outcome", "theme", "code")}
        marks = ", ".join("?" * len(note_ids))
        for kind, sql in (
            ("outcome", f"SELECT l.note_id, o.title FROM note_outcome l JOIN outcome o ON o.id = l.outcome_id "
                        f"WHERE l.note_id IN ({marks}) ORDER BY o.position"),
            ("theme", f"SELECT l.note_id, t.name FROM note_theme l JOIN theme t ON t.id = l.theme_id "
                      f"WHERE l.note_id IN ({marks}) ORDER BY t.name COLLATE NOCASE"),
            ("code", f"SELECT note_id, theme_id FROM coding WHERE note_id IN ({marks})"),
        ):
            for note_id, value in self.conn.execute(sql, note_ids):
                found[kind][note_id].append(value)
        return found

    def marks(self, note_ids: Iterable[str]) -> dict[str, tuple[tuple[str, ...], bool]]:
        """Item id -> (its codebook theme ids, whether it is shortlisted), for items already shown."""
        ids = list(note_ids)
        codes: dict[str, list[str]] = defaultdict(list)
        listed: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            for note_id, theme_id in self.conn.execute(
                    f"SELECT note_id, theme_id FROM coding WHERE note_id IN ({marks})", chunk):
                codes[note_id].append(theme_id)
            listed.update(r[0] for r in self.conn.execute(
                f"SELECT note_id FROM shortlist WHERE note_id IN ({marks})", chunk))
        return {i: (tuple(codes.get(i, ())), i in listed) for i in ids}

    def imported_note_ids(self, note_ids: Iterable[str]) -> list[str]:
        """The ids among `note_ids` that are notes of imported cafés."""
        ids = list(note_ids)
        out = []
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            out += [r[0] for r in self.conn.execute(
                f"SELECT n.id FROM note n JOIN cafe c ON c.id = n.cafe_id AND c.origin = 'imported' "
                f"WHERE n.id IN ({', '.join('?' * len(chunk))})", chunk)]
        return out

    # --- the codebook and its codings ---------------------------------------------------------------------

    def code_themes(self) -> list[CodeTheme]:
        """The codebook: every theme with how many items it codes, by name ignoring case."""
        rows = self.conn.execute(
            "SELECT t.id, t.name, t.description, (SELECT COUNT(*) FROM coding k WHERE k.theme_id = t.id) "
            "FROM code_theme t ORDER BY t.name COLLATE NOCASE")
        return [CodeTheme(*r) for r in rows]

    def code_theme_named(self, name: str) -> CodeTheme | None:
        """The codebook theme with this name (ignoring case), or None; its item count is left at 0."""
        row = self.conn.execute("SELECT id, name, description, 0 FROM code_theme WHERE name = ? COLLATE NOCASE",
                                [name]).fetchone()
        return CodeTheme(*row) if row else None

    def insert_code_theme(self, theme_id: str, name: str, description: str, at: str) -> None:
        """Add a codebook theme; raises IntegrityError if the name is taken (ignoring case)."""
        self.conn.execute("INSERT INTO code_theme (id, name, description, created_at) VALUES (?, ?, ?, ?)",
                          [theme_id, name, description, at])

    def update_code_theme(self, theme_id: str, name: str, description: str) -> None:
        """Rename and re-describe a codebook theme; raises IntegrityError if the name is taken."""
        self.conn.execute("UPDATE code_theme SET name = ?, description = ? WHERE id = ?",
                          [name, description, theme_id])

    def delete_code_theme(self, theme_id: str) -> None:
        """Delete a codebook theme; its codings go with it (cascade)."""
        self.conn.execute("DELETE FROM code_theme WHERE id = ?", [theme_id])

    def move_codings(self, from_id: str, to_id: str) -> None:
        """Give every item coded `from_id` the theme `to_id` instead (an item with both keeps one)."""
        self.conn.execute("INSERT OR IGNORE INTO coding (note_id, theme_id) "
                          "SELECT note_id, ? FROM coding WHERE theme_id = ?", [to_id, from_id])
        self.conn.execute("DELETE FROM coding WHERE theme_id = ?", [from_id])

    def add_codings(self, note_ids: Iterable[str], theme_id: str) -> int:
        """Code these items with `theme_id`; returns how many codings are new (existing ones are skipped)."""
        before = self.conn.total_changes
        self.conn.executemany("INSERT OR IGNORE INTO coding (note_id, theme_id) VALUES (?, ?)",
                              [(n, theme_id) for n in note_ids])
        return self.conn.total_changes - before

    def remove_codings(self, note_ids: Iterable[str], theme_id: str) -> int:
        """Take `theme_id` off these items; returns how many codings were actually removed."""
        before = self.conn.total_changes
        self.conn.executemany("DELETE FROM coding WHERE note_id = ? AND theme_id = ?",
                              [(n, theme_id) for n in note_ids])
        return self.conn.total_changes - before

    def codings_of_cafe(self, cafe_id: str) -> list[tuple[str, str]]:
        """Every (note id, theme id) coding of a café's items, to keep across a re-import."""
        return list(self.conn.execute("SELECT k.note_id, k.theme_id FROM coding k JOIN note n ON n.id = k.note_id "
                                      "WHERE n.cafe_id = ?", [cafe_id]))

    def restore_codings(self, pairs: list[tuple[str, str]]) -> None:
        """Put back codings whose note still exists (after a newer export replaced a café)."""
        self.conn.executemany("INSERT OR IGNORE INTO coding (note_id, theme_id) SELECT ?, ? "
                              "WHERE EXISTS (SELECT 1 FROM note WHERE id = ?)", [(n, t, n) for n, t in pairs])

    def theme_counts_by_cafe(self) -> list[tuple[str, str, int]]:
        """(theme id, café id, items) for every theme used in an imported café."""
        return list(self.conn.execute(
            "SELECT k.theme_id, n.cafe_id, COUNT(*) FROM coding k JOIN note n ON n.id = k.note_id "
            "GROUP BY k.theme_id, n.cafe_id"))

    # --- the quotes shortlist -----------------------------------------------------------------------------

    def shortlist_add(self, note_ids: Iterable[str], at: str) -> None:
        """Put these items on the quotes shortlist at `at`; items already there keep their date."""
        self.conn.executemany("INSERT OR IGNORE INTO shortlist (note_id, added_at) VALUES (?, ?)",
                              [(n, at) for n in note_ids])

    def shortlist_remove(self, note_ids: Iterable[str]) -> None:
        """Take these items off the quotes shortlist (ids not on it are ignored)."""
        self.conn.executemany("DELETE FROM shortlist WHERE note_id = ?", [(n,) for n in note_ids])

    def shortlist_of_cafe(self, cafe_id: str) -> list[tuple[str, str]]:
        """A café's shortlisted (note id, added at) pairs, to keep across a re-import."""
        return list(self.conn.execute("SELECT s.note_id, s.added_at FROM shortlist s JOIN note n ON n.id = s.note_id "
                                      "WHERE n.cafe_id = ?", [cafe_id]))

    def restore_shortlist(self, pairs: list[tuple[str, str]]) -> None:
        """Put back shortlist entries whose note still exists (after a newer export replaced a café)."""
        self.conn.executemany("INSERT OR IGNORE INTO shortlist (note_id, added_at) SELECT ?, ? "
                              "WHERE EXISTS (SELECT 1 FROM note WHERE id = ?)", [(n, a, n) for n, a in pairs])

    # --- votes of imported cafés --------------------------------------------------------------------------

    def vote_piles(self, cafe_ids: Iterable[str] | None = None) -> list[Pile]:
        """Every tally row of imported cafés as a `Pile` (group "" where the count was not split by group)."""
        sql = ("SELECT c.id, c.vote_method, c.dots_per_person, "
               "(SELECT COUNT(*) FROM outcome x WHERE x.cafe_id = c.id), o.title, IFNULL(g.name, ''), v.level, "
               "v.count FROM vote_tally v JOIN cafe c ON c.id = v.cafe_id AND c.origin = 'imported' "
               "JOIN outcome o ON o.id = v.outcome_id LEFT JOIN cafe_group g ON g.id = v.group_id")
        params: list = []
        if cafe_ids is not None:
            ids = list(cafe_ids)
            sql += f" WHERE c.id IN ({', '.join('?' * len(ids))})"
            params = ids
        return [Pile(*r) for r in self.conn.execute(sql, params)]

    def ballot_titles(self) -> dict[str, list[str]]:
        """Imported café id -> the titles of the outcomes it voted on."""
        found: dict[str, list[str]] = defaultdict(list)
        for cafe_id, title in self.conn.execute(
                "SELECT o.cafe_id, o.title FROM outcome o JOIN cafe c ON c.id = o.cafe_id AND c.origin = 'imported' "
                "ORDER BY o.cafe_id, o.position"):
            found[cafe_id].append(title)
        return dict(found)
