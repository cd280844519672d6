"""Identifiers, timestamps and conversions from database rows to the dataclasses in `core.model`."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import uuid

from cafe_desk.core.model import Cafe, Group, Outcome, Round, Table, Theme

SHORT_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper


def new_id() -> str:
    return str(uuid.uuid4())


def new_short_code(length: int = 6) -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(length))


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


CAFE_COLUMNS = "id, short_code, title, date, locality, vote_method, dots_per_person, state, created_at, updated_at"


def cafe(row) -> Cafe:
    return Cafe(*row)


def table(row) -> Table:
    return Table(*row)


def round_(row) -> Round:
    rid, cafe_id, number, prompt, follow_ups, duration_s = row
    return Round(rid, cafe_id, number, prompt, tuple(json.loads(follow_ups)), duration_s)


def outcome(row) -> Outcome:
    return Outcome(*row)


def group(row) -> Group:
    return Group(*row)


def theme(row) -> Theme:
    return Theme(*row)
