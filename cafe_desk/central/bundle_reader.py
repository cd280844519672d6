"""Reading a verified `.cafe` bundle's files into the rows one café will become, checking each as it is read
(pure: no Qt, no storage; the import itself is services/importing.py).

An imported café gets local ids derived from the ids in the bundle and its source café's id
(core/imported_ids.py), so importing a facilitator's own café on the same laptop never collides with the original,
importing again maps to the same ids, and a café reusing another café's ids can't block it. Times: a note's
`created_at` is the café's date at 00:00 UTC plus its minutes from the café's start (keeps the order; no clock time
is invented). Votes: each group's paper votes (where the bundle splits them) become tally rows of that group; the rest
of the paper and phone totals per outcome and level become one whole-room row each, so rows never overlap.
Attendance: every count by group the bundle shows is kept, zeros included, and each table's total per round (the row
with no group) apart from them; a count the bundle hides (null) is left out, so a group with no count at a place
that has any is one the café file held back (core/attendance.py); counts the small-count rule hides are left out
the same way, whatever the file says (central/bundle_people.py). Bundles from before the totals have none. Newer
bundles give no table's counts by group, but each round's counts by group over every table (rows with no table),
kept the same way; older bundles have none of those.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
from dataclasses import dataclass, field
from itertools import repeat

from cafe_desk.central.bundle_people import people_shown
from cafe_desk.core.imported_ids import local_id, scoped_id, scoper
from cafe_desk.core.model import (
    NOTE_KINDS,
    NOTE_SOURCES,
    VOTE_METHODS,
    Attendance,
    Cafe,
    Group,
    Note,
    Outcome,
    Round,
    RoundGroup,
    Table,
    TableTotal,
    Tally,
    Theme,
)
from cafe_desk.export.bundle import BundleError

_decode = json.JSONDecoder().decode  # json.loads without its per-call checks (same values, same errors here)
DATA_FILES = ("cafe.json", "prompts.json", "outcomes.json", "tables.json", "groups.json", "themes.json",
              "notes.jsonl", "votes.json", "attendance.json")
MAX_MINUTES = 60 * 24 * 366  # a note more than a year from the café's start is not a café note
ENTITY_ORDER = ("table", "round", "outcome", "group", "theme")
TOTAL_LABEL = "all voters"  # what the data files call every group together (tables_export.ALL_VOTERS)


def _unique(name: str, ids: list[str]) -> None:
    if len(set(ids)) != len(ids):
        raise _shape(name, "an id is there twice")


def _is_total_label(name: str) -> bool:
    """Whether a group's name is the one the data files give the total of every group (it is renamed, so a filter
    on that label never picks a group's row too)."""
    return " ".join(name.split()).casefold() == TOTAL_LABEL


def _shape(name: str, detail: str) -> BundleError:
    return BundleError(f"{name} is not in the expected shape ({detail}), so nothing was imported.")


def _get(row: object, key: str, kinds: tuple[type, ...], where: str, *, optional: bool = False):
    """row[key] if it is one of `kinds` (never a bool standing in for an int); BundleError otherwise."""
    if not isinstance(row, dict):
        raise _shape(where, "a record is not an object")
    value = row.get(key)
    if value is None and optional:
        return None
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        raise _shape(where, f"“{key}” is missing or of the wrong kind")
    return value


@dataclass
class ImportPlan:
    """Everything one bundle will write, read and checked before the transaction starts."""

    export_id: str
    source_cafe_id: str
    exported_at: str
    manifest: dict
    votes: dict
    cafe: Cafe
    items: dict[str, list] = field(default_factory=dict)
    #: the notes as the rows they become: the note table's (in the order of storage's NOTE_COLUMNS, booleans as 0
    #: and 1) and their outcome and theme tags' (note id, outcome or theme id); built straight from notes.jsonl, with
    #: no note objects in between (a bundle holds up to thousands of notes)
    note_rows: list[tuple] = field(default_factory=list)
    note_outcomes: list[tuple[str, str]] = field(default_factory=list)
    note_themes: list[tuple[str, str]] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    totals: list[TableTotal] = field(default_factory=list)
    round_groups: list[RoundGroup] = field(default_factory=list)
    source_code: str = ""  # the café's short code on the facilitator's laptop ("" from bundles that don't say)


def _load(files: dict[str, bytes], name: str, verified: bool = False):
    """The JSON in `name`: a .jsonl file as a list of its lines' values. `verified`: the files came through
    `open_bundle`, which read every line of a .jsonl file as one JSON object, so the lines are read in one go."""
    if name not in files:
        raise BundleError(f"This café file is incomplete ({name} is missing): ask the facilitator to send it again.")
    try:
        text = files[name].decode("utf-8")
        if name.endswith(".jsonl"):
            lines = [line for line in text.split("\n") if line != ""]
            if verified:
                return _decode("[" + ",".join(lines) + "]")
            return [_decode(line) for line in lines]
        return _decode(text)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _shape(name, "it is not JSON") from None


def _list(files: dict[str, bytes], name: str, verified: bool = False) -> list:
    value = _load(files, name, verified)
    if not isinstance(value, list):
        raise _shape(name, "it should be a list")
    return value


def _note_time(date: str, minutes: int | None) -> str:
    try:
        base = dt.datetime.combine(dt.date.fromisoformat(date), dt.time(), dt.UTC)
    except ValueError:
        base = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    when = base + dt.timedelta(minutes=minutes or 0)
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def read_plan(manifest: dict, files: dict[str, bytes], now: str, *, verified: bool = False,
              records: dict[str, list] | None = None) -> ImportPlan:
    """The rows one verified bundle will become; BundleError naming the first thing that is not as expected.
    `verified`: `files` are what `open_bundle` returned (its checks let the notes be read faster); `records`: the
    objects of its .jsonl files as opening it read them (`Opened.records`), not read again."""
    export_id = _get(manifest, "export_id", (str,), "manifest.json")
    source = _get(manifest, "cafe_id", (str,), "manifest.json")
    exported_at = _get(manifest, "exported_at", (str,), "manifest.json", optional=True) or ""
    cafe_id = local_id(source)
    info = _load(files, "cafe.json")
    method = _get(info, "vote_method", (str,), "cafe.json")
    if method not in VOTE_METHODS:
        raise _shape("cafe.json", f"unknown vote method {method[:20]!r}")
    date = _get(info, "date", (str,), "cafe.json")
    cafe = Cafe(cafe_id, "", _get(info, "title", (str,), "cafe.json"), date,
                _get(info, "locality", (str,), "cafe.json"), method,
                _get(info, "dots_per_person", (int,), "cafe.json"), "closed", now, now)
    plan = ImportPlan(export_id, source, exported_at, manifest, {}, cafe)
    code = manifest.get("cafe_code")
    plan.source_code = code if isinstance(code, str) and code.isascii() and code.isalnum() and len(code) <= 12 else ""
    tables = {}
    for row in _list(files, "tables.json"):
        number = _get(row, "number", (int,), "tables.json")
        tables[number] = Table(local_id(f"{source}:table:{number}"), cafe_id, number,
                               _get(row, "name", (str,), "tables.json"))
    rounds = {}
    for row in _list(files, "prompts.json"):
        number = _get(row, "round", (int,), "prompts.json")
        follow_ups = _get(row, "follow_ups", (list,), "prompts.json")
        if not all(isinstance(f, str) for f in follow_ups):
            raise _shape("prompts.json", "a follow-up question is not text")
        rounds[number] = Round(local_id(f"{source}:round:{number}"), cafe_id, number,
                               _get(row, "prompt", (str,), "prompts.json"), tuple(follow_ups),
                               round(_get(row, "minutes", (int, float), "prompts.json") * 60))
    outcomes = {_get(r, "id", (str,), "outcomes.json"): Outcome(
        scoped_id(source, "outcome", r["id"]), cafe_id, _get(r, "position", (int,), "outcomes.json"),
        _get(r, "title", (str,), "outcomes.json")) for r in _list(files, "outcomes.json")}
    groups = [Group(scoped_id(source, "group", _get(r, "id", (str,), "groups.json")), cafe_id,
                    _get(r, "position", (int,), "groups.json"), _get(r, "name", (str,), "groups.json"))
              for r in _list(files, "groups.json")]
    themes = [Theme(scoped_id(source, "theme", _get(r, "id", (str,), "themes.json")), cafe_id,
                    _get(r, "name", (str,), "themes.json"),
                    _get(r, "description", (str,), "themes.json")) for r in _list(files, "themes.json")]
    for name, made in (("outcomes.json", outcomes.values()), ("groups.json", groups), ("themes.json", themes)):
        _unique(name, [m.id for m in made])
    if len(outcomes) != len(_list(files, "outcomes.json")):
        raise _shape("outcomes.json", "an id is there twice")
    group_ids = {g.name: g.id for g in reversed(groups)}
    groups = [Group(g.id, g.cafe_id, g.position, f"{g.name} (group)") if _is_total_label(g.name) else g
              for g in groups]
    theme_ids = {t.name: t.id for t in reversed(themes)}
    plan.items = {"table": list(tables.values()), "round": list(rounds.values()), "outcome": list(outcomes.values()),
                  "group": groups, "theme": themes}
    rows = (records or {}).get("notes.jsonl")
    if rows is None:
        rows = _list(files, "notes.jsonl", verified)
    plan.note_rows, plan.note_outcomes, plan.note_themes = _note_rows(
        rows, source, cafe, {"table": tables, "round": rounds}, outcomes, group_ids, theme_ids)
    _unique("notes.jsonl", [row[0] for row in plan.note_rows])
    plan.votes = _load(files, "votes.json")
    plan.tallies = _tallies(plan.votes, outcomes, group_ids)
    attendance, plan.totals, round_groups = _attendance(_list(files, "attendance.json"), tables, rounds, group_ids)
    plan.attendance, plan.round_groups = people_shown([g.id for g in groups], attendance, plan.totals, round_groups)
    return plan


def _attendance(rows: list, tables: dict, rounds: dict,
                group_ids: dict[str, str]) -> tuple[list[Attendance], list[TableTotal], list[RoundGroup]]:
    """attendance.json as counts by group (those shown, zeros included), tables' totals (rows with no group) and
    rounds' counts by group over every table (rows with no table), each checked: whole counts from zero, one per
    place and group, a total no smaller than its groups shown, a round's groups no more than its tables' totals."""
    where = "attendance.json"
    counts: dict[tuple[str, str, str], int] = {}
    totals: dict[tuple[str, str], int] = {}
    rounds_shown: dict[tuple[str, str], int] = {}
    round_keys: set[tuple[str, str]] = set()
    for row in rows:
        count = _get(row, "count", (int,), where, optional=True)
        keys = [_get(row, k, (int,), where, optional=True) for k in ("table", "round")]
        group = _get(row, "group", (str,), where, optional=True)
        if count is not None and count < 0:
            raise _shape(where, "a count is below zero")
        if keys[0] is None and keys[1] in rounds and group is not None:
            if group not in group_ids:
                raise _shape(where, "it names a group that is not in this café file")
            key = (rounds[keys[1]].id, group_ids[group])
            if key in round_keys:
                raise _shape(where, "a group's count in a round is there twice")
            round_keys.add(key)
            if count is not None:
                rounds_shown[key] = count
            continue
        if None in keys:
            continue  # not tied to one table and round: nothing the desk shows
        if keys[0] not in tables or keys[1] not in rounds or (group is not None and group not in group_ids):
            raise _shape(where, "it names a table, round or group that is not in this café file")
        place = (tables[keys[0]].id, rounds[keys[1]].id)
        if group is None:
            if count is None:
                continue  # a total the café held back: its groups' counts are all there is
            if place in totals:
                raise _shape(where, "a table's total for a round is there twice")
            totals[place] = count
        elif count is not None:
            key = (*place, group_ids[group])
            if key in counts:
                raise _shape(where, "a group's count at a table is there twice")
            counts[key] = count
    shown: dict[tuple[str, str], int] = {}
    for (table_id, round_id, _group), count in counts.items():
        shown[(table_id, round_id)] = shown.get((table_id, round_id), 0) + count
    if any(totals[place] < n for place, n in shown.items() if place in totals):
        raise _shape(where, "a table's total is smaller than its groups' counts")
    per_round: dict[str, int] = {}
    for (_table_id, round_id), n in totals.items():
        per_round[round_id] = per_round.get(round_id, 0) + n
    in_round: dict[str, int] = {}
    for (round_id, _group), n in rounds_shown.items():
        in_round[round_id] = in_round.get(round_id, 0) + n
    if any(n > per_round.get(round_id, 0) for round_id, n in in_round.items()):
        raise _shape(where, "a round's groups count more people than its tables' totals")
    return ([Attendance(t, r, g, n) for (t, r, g), n in counts.items()],
            [TableTotal(t, r, n) for (t, r), n in totals.items()],
            [RoundGroup(r, g, n) for (r, g), n in rounds_shown.items()])


def note_row(note: Note) -> tuple:
    """A note as the note table's row (storage's NOTE_COLUMNS, booleans as 0 and 1)."""
    return (note.id, note.cafe_id, note.table_id, note.round_id, note.text, note.source, note.kind, int(note.is_quote),
            note.created_at, note.updated_at, note.group_id, int(note.consent), int(note.hidden), int(note.pinned),
            note.flag, note.flag_words)


#: the keys of a notes.jsonl record, as `_note_rows` takes them
_NOTE_KEYS = ("table", "round", "group", "minutes_from_start", "outcome_ids", "themes", "source", "kind", "id", "text",
              "is_quote", "consent")
_NOTE_FIELDS = operator.itemgetter(*_NOTE_KEYS)


def _note_rows(rows: list, source: str, cafe: Cafe, places: dict, outcomes: dict, group_ids: dict,
               theme_ids: dict) -> tuple[list[tuple], list[tuple[str, str]], list[tuple[str, str]]]:
    """Every row of notes.jsonl as the rows a local note becomes (see `ImportPlan.note_rows`), in order. A row of
    the expected shape is checked and converted here in one step; any other row goes to `_note`, which raises the
    BundleError naming what is wrong (or reads it as this would)."""
    tables, rounds = places["table"], places["round"]
    table_ids = {number: table.id for number, table in tables.items()} | {None: None}
    round_ids = {number: rnd.id for number, rnd in rounds.items()} | {None: None}
    outcome_ids = {key: o.id for key, o in outcomes.items()}
    times: dict[int | None, str] = {}
    note_id_of = scoper(source, "note")
    cafe_id = cafe.id
    notes: list[tuple] = []
    linked_rows: list[tuple[str, str]] = []
    tagged_rows: list[tuple[str, str]] = []
    add = notes.append
    for number, row in enumerate(rows, 1):
        if type(row) is dict:
            try:
                fields = _NOTE_FIELDS(row)
            except KeyError:  # a key left out (read as null)
                fields = tuple(map(row.get, _NOTE_KEYS))
            table, rnd, group, minutes, linked, tags, note_source, kind, note_id, text, is_quote, consent = fields
            if ((table is None or (type(table) is int and table in tables))
                    and (rnd is None or (type(rnd) is int and rnd in rounds))
                    and type(note_source) is str and note_source in NOTE_SOURCES
                    and type(kind) is str and kind in NOTE_KINDS
                    and type(linked) is list
                    and (not linked or all(type(o) is str and o in outcome_ids for o in linked))
                    and type(tags) is list and (not tags or all(type(t) is str and t in theme_ids for t in tags))
                    and (group is None or (type(group) is str and group in group_ids))
                    and (minutes is None or (type(minutes) is int and -MAX_MINUTES <= minutes <= MAX_MINUTES))
                    and type(note_id) is str and type(text) is str and type(is_quote) is bool
                    and type(consent) is bool):
                at = times.get(minutes)
                if at is None:
                    at = times[minutes] = _note_time(cafe.date, minutes)
                local = note_id_of(note_id)
                add((local, cafe_id, table_ids[table], round_ids[rnd], text, note_source, kind, int(is_quote), at, at,
                     group_ids.get(group), int(consent), 0, 0, "", ""))
                if linked:
                    linked_rows += zip(repeat(local), dict.fromkeys(map(outcome_ids.__getitem__, linked)))
                if tags:
                    tagged_rows += zip(repeat(local), dict.fromkeys(map(theme_ids.__getitem__, tags)))
                continue
        note = _note(row, f"notes.jsonl line {number}", source, cafe, places, outcomes, group_ids, theme_ids)
        add(note_row(note))
        linked_rows += [(note.id, o) for o in note.outcome_ids]
        tagged_rows += [(note.id, t) for t in note.theme_ids]
    return notes, linked_rows, tagged_rows


def _note(row, where: str, source: str, cafe: Cafe, places: dict, outcomes: dict, group_ids: dict,
          theme_ids: dict) -> Note:
    """One note of notes.jsonl as a local note; BundleError if it refers to something the bundle lacks."""
    found = {}
    for key in ("table", "round"):
        number = _get(row, key, (int,), where, optional=True)
        if number is not None and number not in places[key]:
            raise _shape(where, f"{key} {number} is not in this café file")
        found[key] = places[key][number].id if number is not None else None
    note_source, kind = _get(row, "source", (str,), where), _get(row, "kind", (str,), where)
    if note_source not in NOTE_SOURCES or kind not in NOTE_KINDS:
        raise _shape(where, "unknown source or kind")
    linked = _get(row, "outcome_ids", (list,), where)
    tags = _get(row, "themes", (list,), where)
    if not all(isinstance(v, str) for v in (*linked, *tags)):
        raise _shape(where, "an outcome or theme is not named by text")
    if any(o not in outcomes for o in linked) or any(t not in theme_ids for t in tags):
        raise _shape(where, "it names an outcome or theme that is not in this café file")
    group = _get(row, "group", (str,), where, optional=True)
    if group is not None and group not in group_ids:
        raise _shape(where, "its group is not in this café file")
    minutes = _get(row, "minutes_from_start", (int,), where, optional=True)
    if minutes is not None and abs(minutes) > MAX_MINUTES:
        raise _shape(where, "its minutes from the start are out of range")
    at = _note_time(cafe.date, minutes)
    return Note(scoped_id(source, "note", _get(row, "id", (str,), where)), cafe.id, found["table"], found["round"],
                _get(row, "text", (str,), where), note_source, kind, _get(row, "is_quote", (bool,), where),
                tuple(dict.fromkeys(outcomes[o].id for o in linked)), tuple(dict.fromkeys(theme_ids[t] for t in tags)),
                at, at,
                group_ids.get(group), _get(row, "consent", (bool,), where))


def _levels(value: object, where: str) -> dict[int, int]:
    """{"level": count} checked: whole, non-negative counts."""
    if not isinstance(value, dict):
        raise _shape(where, "vote counts are not an object")
    out = {}
    for level, count in value.items():
        if not level.lstrip("-").isdigit() or isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise _shape(where, "a vote count is not a whole number")
        out[int(level)] = count
    return out


def _tallies(votes: object, outcomes: dict, group_ids: dict[str, str]) -> list[Tally]:
    """Votes as tally rows that don't overlap: each group's paper votes (where the bundle splits them) under that
    group, and the rest (other paper votes and phone ballots) for the whole room."""
    rows = _get(votes, "outcomes", (list,), "votes.json")
    totals: dict[tuple[str, int], int] = {}
    for row in rows:
        source = _get(row, "id", (str,), "votes.json")
        if source not in outcomes:
            raise _shape("votes.json", "it names an outcome that is not in this café file")
        for part in ("paper", "phone"):
            for level, count in _levels(_get(row, part, (dict,), "votes.json"), "votes.json").items():
                key = (outcomes[source].id, level)
                totals[key] = totals.get(key, 0) + count
    split: list[Tally] = []
    for group in _get(votes, "by_group", (list,), "votes.json", optional=True) or []:
        name = _get(group, "group", (str,), "votes.json")
        if name not in group_ids:
            raise _shape("votes.json", "it names a group that is not in this café file")
        for row in _get(group, "outcomes", (list,), "votes.json"):
            source = _get(row, "id", (str,), "votes.json")
            if source not in outcomes:
                raise _shape("votes.json", "it names an outcome that is not in this café file")
            for level, count in _levels(_get(row, "paper", (dict,), "votes.json"), "votes.json").items():
                key = (outcomes[source].id, level)
                if count > totals.get(key, 0):
                    raise _shape("votes.json", "a group has more votes than the whole room")
                totals[key] -= count
                if count:
                    split.append(Tally(key[0], None, group_ids[name], level, count))
    return [Tally(o, None, None, level, n) for (o, level), n in sorted(totals.items()) if n] + split
