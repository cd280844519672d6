"""The notes of a bundle read straight into the rows they become (central/bundle_reader.py): the same rows, tags
included, as reading each note on its own into a note and taking it apart."""

from __future__ import annotations

import json

from cafe_desk.central import bundle_reader
from cafe_desk.export import bundle
from cafe_desk.storage.note_store import NOTE_COLUMNS, NoteRows
from tests.central import make_cafe


def test_notes_become_the_rows_each_note_read_alone_becomes(services):
    cafe = make_cafe(services)
    files = dict(services.exporting.build(cafe.id).files)
    manifest = json.loads(files.pop(bundle.MANIFEST))
    files.pop(bundle.SIGNATURE, None)
    records = [json.loads(line) for line in files["notes.jsonl"].decode().splitlines()]
    records[0]["outcome_ids"] *= 2  # an outcome named twice is one tag
    files["notes.jsonl"] = "".join(json.dumps(r) + "\n" for r in records).encode()
    plan = bundle_reader.read_plan(manifest, files, "2026-01-01T00:00:00.000Z")
    tables = {t.number: t for t in plan.items["table"]}
    rounds = {r.number: r for r in plan.items["round"]}
    outcomes = {r["id"]: o for r, o in zip(json.loads(files["outcomes.json"]), plan.items["outcome"], strict=True)}
    groups = {g["name"]: g["id"] for g in json.loads(files["groups.json"])}
    group_ids = {g.name.removesuffix(" (group)"): g.id for g in plan.items["group"]}
    assert set(group_ids) == set(groups)
    theme_ids = {t.name: t.id for t in plan.items["theme"]}
    notes = [bundle_reader._note(r, "notes.jsonl", plan.source_cafe_id, plan.cafe,
                                 {"table": tables, "round": rounds}, outcomes, group_ids, theme_ids) for r in records]
    assert len(notes) == 3 and any(n.outcome_ids for n in notes) and any(n.theme_ids for n in notes)
    assert len(plan.note_rows[0]) == len(NOTE_COLUMNS)
    assert NoteRows(plan.note_rows, plan.note_outcomes, plan.note_themes) == NoteRows.of(notes)
