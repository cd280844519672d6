"""SQL for cafés and their plan: tables, rounds, outcomes, groups, themes; templates; the running round."""

from __future__ import annotations

import dataclasses
import json

from cafe_desk.core.model import Cafe, CafeSummary
from cafe_desk.storage import rows

# entity -> (SQL table, columns in dataclass order, row converter, ORDER BY)
ENTITIES = {
    "table": ("cafe_table", ("id", "cafe_id", "number", "name"), rows.table, "number"),
    "round": ("round", ("id", "cafe_id", "number", "prompt", "follow_ups", "duration_s"), rows.round_, "number"),
    "outcome": ("outcome", ("id", "cafe_id", "position", "title"), rows.outcome, "position"),
    "group": ("cafe_group", ("id", "cafe_id", "position", "name"), rows.group, "position"),
    "theme": ("theme", ("id", "cafe_id", "name", "description"), rows.theme, "name COLLATE NOCASE"),
}


def _sql_value(value):
    if isinstance(value, tuple | list):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


class CafeStore:
    """Mixin for `Store`: expects `self.conn`."""

    # --- cafés ------------------------------------------------------------------------------------------------

    def insert_cafe(self, cafe: Cafe) -> None:
        """Add a café row from `cafe`'s fields; raises IntegrityError if its id or short code is taken."""
        values = dataclasses.astuple(cafe)
        self.conn.execute(f"INSERT INTO cafe ({rows.CAFE_COLUMNS}) VALUES ({', '.join('?' * len(values))})",
                          values)

    def get_cafe(self, key: str) -> Cafe | None:
        """A café by UUID or short code (any case)."""
        row = self.conn.execute(f"SELECT {rows.CAFE_COLUMNS} FROM cafe WHERE id = ? OR short_code = ?",
                                [key, (key or "").upper()]).fetchone()
        return rows.cafe(row) if row else None

    def update_cafe(self, cafe_id: str, **fields) -> None:
        """Set the given columns of one café (keys go into the SQL as written); updated_at only if given."""
        sets = ", ".join(f"{k} = ?" for k in fields)
        self.conn.execute(f"UPDATE cafe SET {sets} WHERE id = ?", [*fields.values(), cafe_id])

    def short_code_taken(self, code: str) -> bool:
        """Whether a café already has this short code (exact case, unlike `get_cafe`)."""
        return self.conn.execute("SELECT 1 FROM cafe WHERE short_code = ?", [code]).fetchone() is not None

    def list_cafes(self, search: str = "") -> list[CafeSummary]:
        """Cafés, newest date first, with their points, summaries and comments; `search` matches title, locality,
        date or short code. Points are counted as all notes less the other two, each read from an index."""
        sql = ("SELECT c.id, c.short_code, c.title, c.date, c.locality, c.state, "
               "(SELECT COUNT(*) FROM note n WHERE n.cafe_id = c.id), "
               "(SELECT COUNT(*) FROM note n WHERE n.cafe_id = c.id AND n.kind = 'summary'), "
               "(SELECT COUNT(*) FROM note n WHERE n.cafe_id = c.id AND n.source IN ('participant', 'paper')), "
               "c.origin FROM cafe c")
        params: list = []
        if search.strip():
            like = f"%{search.strip()}%"
            sql += " WHERE c.title LIKE ? OR c.locality LIKE ? OR c.date LIKE ? OR c.short_code LIKE ?"
            params = [like] * 4
        sql += " ORDER BY c.date DESC, c.created_at DESC"
        return [CafeSummary(*r[:6], points=r[6] - r[7] - r[8], summaries=r[7], comments=r[8], origin=r[9] or "local")
                for r in self.conn.execute(sql, params)]

    # --- plan items: one generic set of operations for tables, rounds, outcomes, groups, themes ----------------

    def insert_item(self, entity: str, item) -> None:
        """Add a plan item of `entity` ('table', 'round', …); lists are stored as JSON, booleans as 0/1."""
        table, cols, _, _ = ENTITIES[entity]
        values = [_sql_value(v) for v in dataclasses.astuple(item)]
        self.conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)

    def insert_items(self, entity: str, items: list) -> None:
        """`insert_item` of many plan items of one `entity`, in one statement."""
        table, cols, _, _ = ENTITIES[entity]
        self.conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                              [[_sql_value(getattr(item, c)) for c in cols] for item in items])

    def update_item(self, entity: str, item) -> None:
        """Overwrite every field of the plan item with `item.id` except its id and café."""
        table, cols, _, _ = ENTITIES[entity]
        values = [_sql_value(getattr(item, c)) for c in cols[2:]]
        self.conn.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in cols[2:])} WHERE id = ?",
                          [*values, item.id])

    def delete_item(self, entity: str, item_id: str) -> None:
        """Delete a plan item by id; the schema's cascades remove or detach whatever refers to it."""
        table = ENTITIES[entity][0]
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [item_id])

    def get_item(self, entity: str, item_id: str):
        """One plan item of `entity` by id, as its dataclass, or None."""
        table, cols, convert, _ = ENTITIES[entity]
        row = self.conn.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE id = ?", [item_id]).fetchone()
        return convert(row) if row else None

    def list_items(self, entity: str, cafe_id: str) -> list:
        """A café's plan items of `entity` in display order (number, position, or theme name)."""
        table, cols, convert, order = ENTITIES[entity]
        sql = f"SELECT {', '.join(cols)} FROM {table} WHERE cafe_id = ? ORDER BY {order}"
        return [convert(r) for r in self.conn.execute(sql, [cafe_id])]

    # --- templates saved by the facilitator ---------------------------------------------------------------------

    def save_template(self, name: str, body: str) -> None:
        """Save a template under `name`, replacing the body of any template with that name."""
        self.conn.execute(
            "INSERT INTO template (id, name, body, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET body = excluded.body",
            [rows.new_id(), name, body, rows.utc_now()],
        )

    def list_templates(self) -> list[tuple[str, str]]:
        """Every saved template as (name, body), by name ignoring case."""
        return list(self.conn.execute("SELECT name, body FROM template ORDER BY name COLLATE NOCASE"))

    def delete_template(self, name: str) -> None:
        """Delete the template called `name` (nothing happens if there is none)."""
        self.conn.execute("DELETE FROM template WHERE name = ?", [name])

    # --- the running round ----------------------------------------------------------------------------------------

    def get_run_state(self, cafe_id: str) -> tuple[str | None, dict]:
        """A café's running round id and timer dict, or (None, {}) when nothing has been run yet."""
        row = self.conn.execute("SELECT round_id, timer FROM run_state WHERE cafe_id = ?", [cafe_id]).fetchone()
        return (row[0], json.loads(row[1])) if row else (None, {})

    def set_run_state(self, cafe_id: str, round_id: str | None, timer: dict) -> None:
        """Save a café's running round and its timer, replacing what was saved before."""
        self.conn.execute(
            "INSERT INTO run_state (cafe_id, round_id, timer, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(cafe_id) DO UPDATE SET round_id = excluded.round_id, timer = excluded.timer, "
            "updated_at = excluded.updated_at",
            [cafe_id, round_id, json.dumps(timer), rows.utc_now()],
        )
