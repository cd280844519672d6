"""Numbered, append-only schema migrations, recorded in the `_migrations` table.

Never edit a migration that has been released: add the next one. A database whose newest recorded migration is
beyond this list was written by a newer app and is refused before anything is written to it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from cafe_desk.core.imported_ids import clustered, scoped_from_old

if TYPE_CHECKING:
    import sqlite_utils


def _run(db: sqlite_utils.Database, script: str) -> None:
    """Run `;`-separated DDL inside the caller's transaction (executescript would commit first)."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def m001_initial(db: sqlite_utils.Database) -> None:
    """Create the first schema: cafés, their plan, notes and tags, attendance, tallies, templates, audit."""
    _run(
        db,
        """
        CREATE TABLE cafe (
            id TEXT PRIMARY KEY,
            short_code TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            date TEXT NOT NULL DEFAULT '',
            locality TEXT NOT NULL DEFAULT '',
            vote_method TEXT NOT NULL DEFAULT 'dots' CHECK (vote_method IN ('dots', 'ranking', 'agreement')),
            dots_per_person INTEGER NOT NULL DEFAULT 3,
            state TEXT NOT NULL DEFAULT 'planning' CHECK (state IN ('planning', 'running', 'closed')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE cafe_table (
            id TEXT PRIMARY KEY,
            cafe_id TEXT NOT NULL REFERENCES cafe(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            UNIQUE (cafe_id, number)
        );
        CREATE TABLE round (
            id TEXT PRIMARY KEY,
            cafe_id TEXT NOT NULL REFERENCES cafe(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            prompt TEXT NOT NULL,
            follow_ups TEXT NOT NULL DEFAULT '[]',
            duration_s INTEGER NOT NULL
        );
        CREATE INDEX round_cafe ON round(cafe_id, number);
        CREATE TABLE outcome (
            id TEXT PRIMARY KEY,
            cafe_id TEXT NOT NULL REFERENCES cafe(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL
        );
        CREATE INDEX outcome_cafe ON outcome(cafe_id, position);
        CREATE TABLE cafe_group (
            id TEXT PRIMARY KEY,
            cafe_id TEXT NOT NULL REFERENCES cafe(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL
        );
        CREATE TABLE theme (
            id TEXT PRIMARY KEY,
            cafe_id TEXT NOT NULL REFERENCES cafe(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE note (
            id TEXT PRIMARY KEY,
            cafe_id TEXT NOT NULL REFERENCES cafe(id) ON DELETE CASCADE,
            table_id TEXT REFERENCES cafe_table(id) ON DELETE SET NULL,
            round_id TEXT REFERENCES round(id) ON DELETE SET NULL,
            source TEXT NOT NULL DEFAULT 'note-taker' CHECK (source IN ('note-taker', 'participant', 'paper')),
            kind TEXT NOT NULL DEFAULT 'point' CHECK (kind IN ('point', 'summary')),
            text TEXT NOT NULL,
            is_quote INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX note_place ON note(cafe_id, table_id, round_id);
        CREATE TABLE note_outcome (
            note_id TEXT NOT NULL REFERENCES note(id) ON DELETE CASCADE,
            outcome_id TEXT NOT NULL REFERENCES outcome(id) ON DELETE CASCADE,
            PRIMARY KEY (note_id, outcome_id)
        );
        CREATE TABLE note_theme (
            note_id TEXT NOT NULL REFERENCES note(id) ON DELETE CASCADE,
            theme_id TEXT NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
            PRIMARY KEY (note_id, theme_id)
        );
        CREATE TABLE attendance (
            table_id TEXT NOT NULL REFERENCES cafe_table(id) ON DELETE CASCADE,
            round_id TEXT NOT NULL REFERENCES round(id) ON DELETE CASCADE,
            group_id TEXT NOT NULL REFERENCES cafe_group(id) ON DELETE CASCADE,
            count INTEGER NOT NULL CHECK (count >= 0),
            PRIMARY KEY (table_id, round_id, group_id)
        );
        CREATE TABLE vote_tally (
            id TEXT PRIMARY KEY,
            cafe_id TEXT NOT NULL REFERENCES cafe(id) ON DELETE CASCADE,
            outcome_id TEXT NOT NULL REFERENCES outcome(id) ON DELETE CASCADE,
            table_id TEXT REFERENCES cafe_table(id) ON DELETE CASCADE,
            group_id TEXT REFERENCES cafe_group(id) ON DELETE CASCADE,
            level INTEGER NOT NULL DEFAULT 0,
            count INTEGER NOT NULL CHECK (count >= 0),
            updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX vote_tally_scope
            ON vote_tally(outcome_id, IFNULL(table_id, ''), IFNULL(group_id, ''), level);
        CREATE TABLE run_state (
            cafe_id TEXT PRIMARY KEY REFERENCES cafe(id) ON DELETE CASCADE,
            round_id TEXT REFERENCES round(id) ON DELETE SET NULL,
            timer TEXT NOT NULL DEFAULT '{}',
            updated_at TEXT NOT NULL
        );
        CREATE TABLE template (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE app_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            cafe_id TEXT,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT,
            detail TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX audit_cafe ON audit(cafe_id, seq);
        """
    )


def m002_participant_channel(db: sqlite_utils.Database) -> None:
    """Add the participant channel: link secrets, comment columns on notes, ballots, ballot codes."""
    _run(
        db,
        """
        ALTER TABLE cafe ADD COLUMN token TEXT;
        ALTER TABLE cafe ADD COLUMN salt TEXT;
        ALTER TABLE cafe ADD COLUMN voting_open INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE cafe ADD COLUMN ballot_rule TEXT NOT NULL DEFAULT 'phone';
        ALTER TABLE cafe ADD COLUMN support_lines TEXT NOT NULL DEFAULT '';
        CREATE UNIQUE INDEX cafe_token ON cafe(token);
        ALTER TABLE cafe_table ADD COLUMN host_token TEXT;
        CREATE UNIQUE INDEX cafe_table_host_token ON cafe_table(host_token);
        ALTER TABLE note ADD COLUMN group_id TEXT REFERENCES cafe_group(id) ON DELETE SET NULL;
        ALTER TABLE note ADD COLUMN consent INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE note ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE note ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE note ADD COLUMN flag TEXT NOT NULL DEFAULT '';
        CREATE TABLE ballot (
            id TEXT PRIMARY KEY,
            cafe_id TEXT NOT NULL REFERENCES cafe(id) ON DELETE CASCADE,
            voter_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (cafe_id, voter_hash)
        );
        CREATE TABLE ballot_item (
            ballot_id TEXT NOT NULL REFERENCES ballot(id) ON DELETE CASCADE,
            outcome_id TEXT NOT NULL REFERENCES outcome(id) ON DELETE CASCADE,
            value INTEGER NOT NULL,
            PRIMARY KEY (ballot_id, outcome_id)
        );
        CREATE TABLE ballot_code (
            code_hash TEXT PRIMARY KEY,
            cafe_id TEXT NOT NULL REFERENCES cafe(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL
        )
        """,
    )


def m003_imported_cafes(db: sqlite_utils.Database) -> None:
    """Add imported cafés: each café's origin and source id, and the import_record table."""
    _run(
        db,
        """
        ALTER TABLE cafe ADD COLUMN origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'imported'));
        ALTER TABLE cafe ADD COLUMN source_cafe_id TEXT;
        CREATE TABLE import_record (
            export_id TEXT PRIMARY KEY,
            cafe_id TEXT NOT NULL REFERENCES cafe(id) ON DELETE CASCADE,
            source_cafe_id TEXT NOT NULL,
            exported_at TEXT NOT NULL,
            bundle_sha256 TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            manifest TEXT NOT NULL,
            votes TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX import_record_source ON import_record(source_cafe_id)
        """,
    )


def m004_central_synthesis(db: sqlite_utils.Database) -> None:
    """Add the central synthesis: full-text index of notes, codebook, codings, shortlist, filter indexes."""
    # note_fts indexes imported cafés' notes only; the importer keeps it in step (imported notes never change)
    _run(
        db,
        """
        CREATE VIRTUAL TABLE note_fts USING fts5(text, content='note', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2');
        CREATE TABLE code_theme (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX code_theme_name ON code_theme(name COLLATE NOCASE);
        CREATE TABLE coding (
            note_id TEXT NOT NULL REFERENCES note(id) ON DELETE CASCADE,
            theme_id TEXT NOT NULL REFERENCES code_theme(id) ON DELETE CASCADE,
            PRIMARY KEY (note_id, theme_id)
        ) WITHOUT ROWID;
        CREATE INDEX coding_theme ON coding(theme_id);
        CREATE TABLE shortlist (
            note_id TEXT PRIMARY KEY REFERENCES note(id) ON DELETE CASCADE,
            added_at TEXT NOT NULL
        );
        CREATE INDEX cafe_origin ON cafe(origin, date);
        CREATE INDEX note_scope ON note(cafe_id, hidden, source, is_quote);
        CREATE INDEX import_record_cafe ON import_record(cafe_id)
        """,
    )


def m005_safeguarding(db: sqlite_utils.Database) -> None:
    """Add safeguarding: flag_words (old flags become 'risk'), follow-ups, each café's safeguarding lead."""
    # flags now name a kind of risk; the phrase an older version found moves to flag_words, its kind unknown ("risk")
    _run(
        db,
        """
        ALTER TABLE note ADD COLUMN flag_words TEXT NOT NULL DEFAULT '';
        UPDATE note SET flag_words = flag, flag = 'risk' WHERE flag != '';
        CREATE TABLE care_followup (
            note_id TEXT PRIMARY KEY REFERENCES note(id) ON DELETE CASCADE,
            by_whom TEXT NOT NULL,
            at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
        ALTER TABLE cafe ADD COLUMN safeguarding_lead TEXT NOT NULL DEFAULT '';
        CREATE INDEX note_flag ON note(cafe_id) WHERE flag != ''
        """,
    )


def m006_signed_bundles(db: sqlite_utils.Database) -> None:
    """Add signed bundles: the signing key that brought each imported café, the facilitators' keys the central desk
    knows or revoked, import records keyed by source café and export, and imported ids scoped to their café."""
    _run(
        db,
        """
        ALTER TABLE cafe ADD COLUMN signer_key TEXT;
        CREATE TABLE known_signer (
            public_key TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL CHECK (state IN ('known', 'revoked')),
            added_at TEXT NOT NULL,
            revoked_at TEXT
        );
        CREATE TABLE import_record_v2 (
            export_id TEXT NOT NULL,
            cafe_id TEXT NOT NULL REFERENCES cafe(id) ON DELETE CASCADE,
            source_cafe_id TEXT NOT NULL,
            exported_at TEXT NOT NULL,
            bundle_sha256 TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            manifest TEXT NOT NULL,
            votes TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (source_cafe_id, export_id)
        );
        INSERT INTO import_record_v2 (export_id, cafe_id, source_cafe_id, exported_at, bundle_sha256, imported_at,
            manifest, votes)
            SELECT export_id, cafe_id, source_cafe_id, exported_at, bundle_sha256, imported_at, manifest, votes
            FROM import_record;
        DROP TABLE import_record;
        ALTER TABLE import_record_v2 RENAME TO import_record;
        CREATE INDEX import_record_source ON import_record(source_cafe_id, exported_at);
        CREATE INDEX import_record_cafe ON import_record(cafe_id)
        """,
    )
    _scope_imported_ids(db.conn)


#: (table, id kind) of what an importer derives from the bundle's own ids (tables and rounds were always scoped)
_SCOPED = (("outcome", "outcome"), ("cafe_group", "group"), ("theme", "theme"), ("note", "note"),
           ("vote_tally", "vote"))
#: every column that holds one of those ids
_ID_COLUMNS = (("outcome", "id"), ("cafe_group", "id"), ("theme", "id"), ("note", "id"), ("vote_tally", "id"),
               ("note_outcome", "note_id"), ("note_outcome", "outcome_id"), ("note_theme", "note_id"),
               ("note_theme", "theme_id"), ("note", "group_id"), ("attendance", "group_id"),
               ("vote_tally", "outcome_id"), ("vote_tally", "group_id"), ("ballot_item", "outcome_id"),
               ("coding", "note_id"), ("shortlist", "note_id"), ("care_followup", "note_id"))


def _scope_imported_ids(conn: sqlite3.Connection, new_id: Callable[[str, str, str], str] = scoped_from_old,
                        columns: tuple[tuple[str, str], ...] = _ID_COLUMNS) -> None:
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
               if not _leads_an_index(conn, table, column)]
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


def _leads_an_index(conn: sqlite3.Connection, table: str, column: str) -> bool:
    """Whether `column` is the first column of an index of `table` (its rowid-table primary key included)."""
    for _seq, name, *_ in conn.execute(f"PRAGMA index_list({table})").fetchall():
        first = conn.execute(f"PRAGMA index_info({name})").fetchone()
        if first is not None and first[2] == column:
            return True
    return False


def m007_qr_addresses(db: sqlite_utils.Database) -> None:
    """Add where each café's QR codes point: the address (host:port) its ballot cards were last printed with, and
    the one its comment-page code was last shown with when it was opened to phones ('' for none)."""
    _run(
        db,
        """
        ALTER TABLE cafe ADD COLUMN qr_printed_address TEXT NOT NULL DEFAULT '';
        ALTER TABLE cafe ADD COLUMN qr_shown_address TEXT NOT NULL DEFAULT ''
        """,
    )


def m008_summary_index(db: sqlite_utils.Database) -> None:
    """Index each café's round summaries, so the café list counts points, summaries and comments apart quickly
    (points and comments come from the note_scope index; a summary is told apart only by its kind)."""
    _run(db, "CREATE INDEX note_summary ON note(cafe_id) WHERE kind = 'summary'")


def m009_table_totals(db: sqlite_utils.Database) -> None:
    """Add each imported table's total people per round, as its bundle gave it: the counts by group beside it may be
    partly hidden, so the total is the only true headcount. Apart from `attendance`, whose rows are always one
    group's (a café's own laptop never stores a total: there it is its groups' sum)."""
    _run(
        db,
        """
        CREATE TABLE attendance_total (
            table_id TEXT NOT NULL REFERENCES cafe_table(id) ON DELETE CASCADE,
            round_id TEXT NOT NULL REFERENCES round(id) ON DELETE CASCADE,
            count INTEGER NOT NULL CHECK (count >= 0),
            PRIMARY KEY (table_id, round_id)
        );
        CREATE INDEX attendance_total_round ON attendance_total(round_id)
        """,
    )


def m011_search_generation(db: sqlite_utils.Database) -> None:
    """Add the search generation: a token that changes whenever imported notes come or go, so the ranking index
    beside the data file (storage/search_index.py) knows when it is stale. A new token here makes any index built
    before this migration stale."""
    _run(
        db,
        """
        CREATE TABLE search_generation (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            generation TEXT NOT NULL
        );
        INSERT INTO search_generation (id, generation) VALUES (1, lower(hex(randomblob(16))))
        """,
    )


def m012_round_groups(db: sqlite_utils.Database) -> None:
    """Add each imported café's people by group over all its tables per round, as its bundle gave them (newer
    bundles give no table's counts by group, which beside these would give hidden ones back)."""
    _run(
        db,
        """
        CREATE TABLE attendance_round (
            round_id TEXT NOT NULL REFERENCES round(id) ON DELETE CASCADE,
            group_id TEXT NOT NULL REFERENCES cafe_group(id) ON DELETE CASCADE,
            count INTEGER NOT NULL CHECK (count >= 0),
            PRIMARY KEY (round_id, group_id)
        )
        """,
    )


def m013_clustered_ids(db: sqlite_utils.Database) -> None:
    """Give every scoped id of an imported café the café's own first eight hex digits (`clustered` in
    core/imported_ids.py), everywhere it is used: a café's notes then sit together in each index of note ids, so an
    import writes a few pages of each instead of one page per note. Codings and the shortlist follow their notes;
    rowids, and so the search indexes, stay as they were."""
    _scope_imported_ids(db.conn, lambda source, _kind, held: clustered(source, held),
                        (*_ID_COLUMNS, ("attendance_round", "group_id")))


#: a note's tag table rebuilt as one B-tree keyed by (note, tag), with an index by tag (see m014)
_KEYED_TAGS = """
    DROP TABLE IF EXISTS note_{tag}_keyed;
    CREATE TABLE note_{tag}_keyed (
        note_id TEXT NOT NULL REFERENCES note(id) ON DELETE CASCADE,
        {tag}_id TEXT NOT NULL REFERENCES {parent}(id) ON DELETE CASCADE,
        PRIMARY KEY (note_id, {tag}_id)
    ) WITHOUT ROWID;
    INSERT INTO note_{tag}_keyed (note_id, {tag}_id) SELECT note_id, {tag}_id FROM note_{tag};
    DROP TABLE note_{tag};
    ALTER TABLE note_{tag}_keyed RENAME TO note_{tag};
    CREATE INDEX IF NOT EXISTS note_{tag}_{tag} ON note_{tag}({tag}_id)
"""


def m014_child_indexes(db: sqlite_utils.Database) -> None:
    """Give every column that points at another row an index that starts with it, so that removing a row finds what
    points at it instead of reading the whole table: taking a café out of a desk of a million notes (or replacing it
    with a newer export) read every note once per table, round and group of the café, and every tag once per outcome
    and theme (about 5 s a café). The tag tables keep one B-tree each (WITHOUT ROWID), so a note's tags cost an import
    no more than before; a café's notes by table and round need no café id in front, since a table is one café's."""
    for tag, parent in (("outcome", "outcome"), ("theme", "theme")):
        _run(db, _KEYED_TAGS.format(tag=tag, parent=parent))
    _run(
        db,
        """
        DROP INDEX IF EXISTS note_place;
        CREATE INDEX IF NOT EXISTS note_place ON note(table_id, round_id) WHERE table_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS note_round ON note(round_id) WHERE round_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS note_group ON note(group_id) WHERE group_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS cafe_group_cafe ON cafe_group(cafe_id);
        CREATE INDEX IF NOT EXISTS theme_cafe ON theme(cafe_id);
        CREATE INDEX IF NOT EXISTS vote_tally_cafe ON vote_tally(cafe_id);
        CREATE INDEX IF NOT EXISTS vote_tally_table ON vote_tally(table_id) WHERE table_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS vote_tally_group ON vote_tally(group_id) WHERE group_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS attendance_round_id ON attendance(round_id);
        CREATE INDEX IF NOT EXISTS attendance_group ON attendance(group_id);
        CREATE INDEX IF NOT EXISTS attendance_round_group ON attendance_round(group_id);
        CREATE INDEX IF NOT EXISTS run_state_round ON run_state(round_id) WHERE round_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ballot_item_outcome ON ballot_item(outcome_id);
        CREATE INDEX IF NOT EXISTS ballot_code_cafe ON ballot_code(cafe_id)
        """,
    )


MIGRATIONS: list[tuple[int, str, Callable[[sqlite_utils.Database], None]]] = [
    (1, "initial", m001_initial),
    (2, "participant_channel", m002_participant_channel),
    (3, "imported_cafes", m003_imported_cafes),
    (4, "central_synthesis", m004_central_synthesis),
    (5, "safeguarding", m005_safeguarding),
    (6, "signed_bundles", m006_signed_bundles),
    (7, "qr_addresses", m007_qr_addresses),
    (8, "summary_index", m008_summary_index),
    (9, "table_totals", m009_table_totals),
    (11, "search_generation", m011_search_generation),
    (12, "round_groups", m012_round_groups),
    (13, "clustered_ids", m013_clustered_ids),
    (14, "child_indexes", m014_child_indexes),
]
LATEST = MIGRATIONS[-1][0]


def applied(conn: sqlite3.Connection) -> int:
    """The newest migration recorded in the database (0 for a new file)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").fetchone():
        return 0
    return conn.execute("SELECT MAX(number) FROM _migrations").fetchone()[0] or 0


def migrate(db: sqlite_utils.Database) -> list[int]:
    """Apply every pending migration, each in its own transaction; returns the numbers applied."""
    done = []
    with db.atomic():
        db.execute("CREATE TABLE IF NOT EXISTS _migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                   "applied_at TEXT NOT NULL)")
    for number, name, fn in MIGRATIONS:
        if number <= applied(db.conn):
            continue
        # another program may be opening the same new file: take the write lock, then check again
        db.execute("BEGIN IMMEDIATE")
        try:
            if number > applied(db.conn):
                fn(db)
                db.execute("INSERT INTO _migrations (number, name, applied_at) VALUES (?, ?, ?)",
                           [number, name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")])
                done.append(number)
            db.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            raise
    return done
