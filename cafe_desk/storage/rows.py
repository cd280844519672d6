"""Identifiers, timestamps and conversions from database rows to the dataclasses in `core.model`."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import uuid

from cafe_desk.core.model import Cafe, Group, Outcome, Round, Table, Theme

SHORT_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper


def new_id() -> str:
    """A fresh random UUID (version 4) as a string: the id of every new row."""
    return str(uuid.uuid4())


def new_short_code(length: int = 6) -> str:
    """A random café short code of `length` characters without 0/O or 1/I; not checked for uniqueness."""
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(length))


def utc_now() -> str:
    """The time now in UTC, ISO 8601 with milliseconds and a trailing Z: the form every timestamp column holds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


CAFE_COLUMNS = "id, short_code, title, date, locality, vote_method, dots_per_person, state, created_at, updated_at"


def cafe(row) -> Cafe:
    """A `Cafe` from a row selected with `CAFE_COLUMNS`."""
    return Cafe(*row)


def table(row) -> Table:
    """A `Table` from an (id, cafe_id, number, name) row."""
    return Table(*row)


def round_(row) -> Round:
    """A `Round` from a row, its follow-ups decoded from the JSON list the column holds."""
    rid, cafe_id, number, prompt, follow_ups, duration_s = row
    return Round(rid, cafe_id, number, prompt, tuple(json.loads(follow_ups)), duration_s)


def outcome(row) -> Outcome:
    """An `Outcome` from an (id, cafe_id, position, title) row."""
    return Outcome(*row)


def group(row) -> Group:
    """A `Group` from an (id, cafe_id, position, name) row."""
    return Group(*row)


def theme(row) -> Theme:
    """A `Theme` from an (id, cafe_id, name, description) row."""
    return Theme(*row)
