"""Schema migrations 7 to 14: QR addresses, summary and totals indexes, the search generation, round groups,
clustered imported ids and an index for every column that points at another row. Released: never edited, only
followed by new steps (migrations.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cafe_desk.core.imported_ids import clustered
from cafe_desk.storage.migration_ids import ID_COLUMNS, scope_imported_ids
from cafe_desk.storage.migrations_1_to_6 import run_script

if TYPE_CHECKING:
    import sqlite_utils


def m007_qr_addresses(db: sqlite_utils.Database) -> None:
    """Add where each café's QR codes point: the address (host:port) its ballot cards were last printed with, and
    the one its comment-page code was last shown with when it was opened to phones ('' for none)."""
    run_script(
        db,
        """
        ALTER TABLE cafe ADD COLUMN qr_printed_address TEXT NOT NULL DEFAULT '';
        ALTER TABLE cafe ADD COLUMN qr_shown_address TEXT NOT NULL DEFAULT ''
        """,
    )


def m008_summary_index(db: sqlite_utils.Database) -> None:
    """Index each café's round summaries, so the café list counts points, summaries and comments apart quickly
    (points and comments come from the note_scope index; a summary is told apart only by its kind)."""
    run_script(db, "CREATE INDEX note_summary ON note(cafe_id) WHERE kind = 'summary'")


def m009_table_totals(db: sqlite_utils.Database) -> None:
    """Add each imported table's total people per round, as its bundle gave it: the counts by group beside it may be
    partly hidden, so the total is the only true headcount. Apart from `attendance`, whose rows are always one
    group's (a café's own laptop never stores a total: there it is its groups' sum)."""
    run_script(
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
    run_script(
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
    run_script(
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
    scope_imported_ids(db.conn, lambda source, _kind, held: clustered(source, held),
                        (*ID_COLUMNS, ("attendance_round", "group_id")))


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
        run_script(db, _KEYED_TAGS.format(tag=tag, parent=parent))
    run_script(
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

