"""Re-keying the ids of imported cafés in every column that holds them, for the migrations that change how an
imported id is derived (6 and 13)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from cafe_desk.core.imported_ids import scoped_from_old

#: (table, id kind) of what an importer derives from the bundle's own ids (tables and rounds were always scoped)
_SCOPED = (("outcome", "outcome"), ("cafe_group", "group"), ("theme", "theme"), ("note", "note"),
           ("vote_tally", "vote"))
#: every column that holds one of those ids
ID_COLUMNS = (("outcome", "id"), ("cafe_group", "id"), ("theme", "id"), ("note", "id"), ("vote_tally", "id"),
              ("note_outcome", "note_id"), ("note_outcome", "outcome_id"), ("note_theme", "note_id"),
              ("note_theme", "theme_id"), ("note", "group_id"), ("attendance", "group_id"),
              ("vote_tally", "outcome_id"), ("vote_tally", "group_id"), ("ballot_item", "outcome_id"),
              ("coding", "note_id"), ("shortlist", "note_id"), ("care_followup", "note_id"))


def scope_imported_ids(conn: sqlite3.Connection, new_id: Callable[[str, str, str], str] = scoped_from_old,
                        columns: tuple[tuple[str, str], ...] = ID_COLUMNS) -> None:
    """Give every outcome, group, theme, note and tally row of an imported café the id `new_id(source café id,
    kind, id held)`, everywhere it is used, so codings and the shortlist still point at the same items."""
    conn.create_function("cafe_desk_scoped_id", 3, new_id, deterministic=True)
    conn.execute("PRAGMA defer_foreign_keys = ON")  # parents and children change in turn; checked at commit
    # a million notes' old and new ids, looked up at random: held in memory, not read again from disk for each
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA cache_size = -262144")
    conn.execute("PRAGMA temp.cache_size = -262144")
    # SQLite finds the rows that use a changed id through an index on the column that holds it: without one, each
    # group or outcome changed would read every note or tag (hours at a million notes)
    lookups = [(f"_migration_{table}_{column}", table, column) for table, column in columns
               if not leads_an_index(conn, table, column)]
    for name, table, column in lookups:
        conn.execute(f"CREATE INDEX {name} ON {table}({column})")
    conn.execute("CREATE TEMP TABLE new_id (old TEXT PRIMARY KEY, new TEXT NOT NULL)")
    for table, kind in _SCOPED:
        conn.execute(f"INSERT INTO temp.new_id (old, new) SELECT x.id, cafe_desk_scoped_id(c.source_cafe_id, ?, x.id) "
                     f"FROM {table} x JOIN cafe c ON c.id = x.cafe_id "
                     "WHERE c.origin = 'imported' AND c.source_cafe_id IS NOT NULL", [kind])
    for table, column in columns:
        conn.execute(f"UPDATE {table} SET {column} = (SELECT new FROM temp.new_id WHERE old = {table}.{column}) "
                     f"WHERE {column} IN (SELECT old FROM temp.new_id)")
    conn.execute("DROP TABLE temp.new_id")
    for name, _table, _column in lookups:
        conn.execute(f"DROP INDEX {name}")
    conn.execute(f"PRAGMA cache_size = {cache}")


def leads_an_index(conn: sqlite3.Connection, table: str, column: str) -> bool:
    """Whether `column` is the first column of an index of `table` (its rowid-table primary key included)."""
    for _seq, name, *_ in conn.execute(f"PRAGMA index_list({table})").fetchall():
        first = conn.execute(f"PRAGMA index_info({name})").fetchone()
        if first is not None and first[2] == column:
            return True
    return False
