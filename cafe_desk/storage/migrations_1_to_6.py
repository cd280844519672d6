"""Schema migrations 1 to 6: the first schema, then the participant channel, imported cafés, the central synthesis
tables, safeguarding and signed bundles. Released: never edited, only followed by new steps (migrations.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cafe_desk.storage.migration_ids import scope_imported_ids

if TYPE_CHECKING:
    import sqlite_utils


def run_script(db: sqlite_utils.Database, script: str) -> None:
    """Run `;`-separated DDL inside the caller's transaction (executescript would commit first)."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def m001_initial(db: sqlite_utils.Database) -> None:
    """Create the first schema: cafés, their plan, notes and tags, attendance, tallies, templates, audit."""
    run_script(
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
    run_script(
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
    run_script(
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
    run_script(
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
    run_script(
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
    run_script(
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
    scope_imported_ids(db.conn)

