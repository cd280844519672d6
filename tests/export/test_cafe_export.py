"""One café exported: the anonymised files round-trip through a real bundle, and planted personal data never leaves."""

from __future__ import annotations

import io
import json
import zipfile

import pyrage
import pytest

from cafe_desk.export.bundle import open_bundle
from cafe_desk.services.ballots import new_voter_token, voter_hash
from cafe_desk.services.exporting import ExportService
from tests.conftest import mental_health_plan

PLANTED = ["Aisha Rahman", "Eilidh Macdonald", "Siobhán Kowalski", "07700 900418", "siobhan.k@example.org",
           "14 Hope Street", "G2 6AB", "943 476 5919", "Mairi Macleod", "Zebulon Featherstonehaugh",
           "CafeNet-Perth", "hunter2-wifi-pass", "Callum Ferguson"]


@pytest.fixture
def planted(services):
    """A café with personal data typed into every field that allows it, plus secrets that must never leave."""
    plan = mental_health_plan(services)
    plan.title = "Perth café hosted by Aisha Rahman"
    plan.locality = "Perth (ask Callum Ferguson)"
    plan.tables = [(1, "Eilidh Macdonald"), (2, "Oak")]
    cafe = services.planning.create(plan)[0]
    tables = services.planning.items(cafe.id, "table")
    rounds = services.planning.items(cafe.id, "round")
    groups = services.planning.items(cafe.id, "group")
    outcomes = services.planning.items(cafe.id, "outcome")
    services.running.start(cafe.id)
    add = services.notes.add
    add(cafe.id, tables[0].id, rounds[0].id, "Ring Siobhán Kowalski on 07700 900418 or siobhan.k@example.org")
    add(cafe.id, tables[1].id, rounds[0].id, "She lives at 14 Hope Street, Glasgow G2 6AB", is_quote=True,
        outcome_ids=[outcomes[0].id])
    add(cafe.id, tables[1].id, rounds[1].id, "Her NHS number 943 476 5919 was read out; Eilidh Macdonald agreed")
    services.comments.submit(cafe.id, "My CPN Mairi Macleod was great", consent=True, group_id=groups[0].id)
    hidden, _ = services.comments.submit(cafe.id, "Zebulon Featherstonehaugh says hello", consent=True)
    services.comments.set_hidden(hidden.id, True)
    flagged, _ = services.comments.submit(cafe.id, "Some days I can't go on", consent=True)
    assert flagged.flag
    services.channel.set_wifi("CafeNet-Perth", "hunter2-wifi-pass")
    token = new_voter_token()
    services.ballots.cast(cafe.id, token, {outcomes[0].id: 2, outcomes[1].id: 1})
    services.votes.set_tally(cafe.id, outcomes[0].id, 4)
    services.notes.set_attendance(cafe.id, tables[0].id, rounds[0].id, groups[0].id, 3)
    services.notes.set_attendance(cafe.id, tables[0].id, rounds[0].id, groups[1].id, 7)
    channel = services.channel.settings(cafe.id)
    secrets = [token, voter_hash(services.channel.salt(cafe.id), token), channel.token,
               services.channel.salt(cafe.id), services.channel.host_token(tables[0].id)]
    return cafe, secrets


@pytest.fixture(scope="module")
def identity():
    return pyrage.x25519.Identity.generate()


def export(services, cafe, identity):
    data, result = ExportService(services).export_cafe(cafe.id, [str(identity.to_public())])
    manifest, files = open_bundle(data, [identity])
    return data, result, manifest, files


def test_round_trip_counts_and_manifest(services, planted, identity):
    cafe, _ = planted
    _, result, manifest, files = export(services, cafe, identity)
    assert manifest["cafe_id"] == cafe.id and manifest["format"] == "cafe-desk-bundle"
    assert set(files) == {"cafe.json", "prompts.json", "outcomes.json", "tables.json", "groups.json", "notes.jsonl",
                          "votes.json", "attendance.json", "themes.json", "README.txt"}
    assert manifest["files"]["notes.jsonl"]["count"] == 4 == result.notes
    assert manifest["left_out"] == {"hidden": 1, "flagged": 1} and manifest["suppressed"] == 1
    assert manifest["redactions"]["name"] >= 5 and manifest["redactions"]["phone"] == 1
    assert len(manifest["created"]) == 10  # a date, no time
    notes = [json.loads(line) for line in files["notes.jsonl"].decode().splitlines()]
    assert {n["source"] for n in notes} == {"note-taker", "participant"}
    assert all(isinstance(n["minutes_from_start"], int) and n["minutes_from_start"] >= 0 for n in notes)
    quote = next(n for n in notes if n["is_quote"])
    assert quote["table"] == 2 and quote["round"] == 1 and quote["text"] == "She lives at [ADDRESS], Glasgow [POSTCODE]"
    comment = next(n for n in notes if n["source"] == "participant")
    assert comment["text"] == "My CPN [NAME] was great" and comment["consent"] is True
    assert comment["group"] == services.planning.items(cafe.id, "group")[0].name
    assert json.loads(files["cafe.json"]) == {"title": "Perth café hosted by [NAME]", "date": cafe.date,
                                              "locality": "Perth (ask [NAME])", "vote_method": cafe.vote_method,
                                              "dots_per_person": cafe.dots_per_person}
    assert json.loads(files["tables.json"]) == [{"number": 1, "name": "[NAME]"}, {"number": 2, "name": "Oak"}]


def test_summary_line_says_what_was_removed(services, planted, identity):
    cafe, _ = planted
    _, result, manifest, _ = export(services, cafe, identity)
    line = result.summary("out.cafe")
    assert line.startswith("Exported “Perth café hosted by Aisha Rahman”: 4 notes, 2 comments left out, ")
    assert f"{manifest['redactions']['name']} names" in line and "1 phone number" in line
    assert line.endswith(" removed → out.cafe")


def test_planted_personal_data_and_secrets_never_leave(services, planted, identity):
    cafe, secrets = planted
    sealed = export(services, cafe, identity)[0]
    zip_bytes = pyrage.decrypt(sealed, [identity])
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        everything = zip_bytes + b"".join(zf.read(name) for name in zf.namelist())
    for text in PLANTED + secrets:
        assert text.encode() not in everything, text
    for note in services.notes.list(cafe.id):  # no clock times
        assert note.created_at.encode() not in everything and note.created_at[:16].encode() not in everything


def test_votes_are_totals_without_ballots(services, planted, identity):
    cafe, _ = planted
    _, _, _, files = export(services, cafe, identity)
    votes = json.loads(files["votes.json"])
    outcomes = services.planning.items(cafe.id, "outcome")
    assert votes["method"] == cafe.vote_method == "dots" and votes["phone_ballots"] == 1
    first = next(o for o in votes["outcomes"] if o["id"] == outcomes[0].id)
    assert first == {"id": outcomes[0].id, "paper": {"0": 4}, "phone": {"0": 2}}


def test_small_attendance_counts_are_suppressed(services, planted, identity):
    cafe, _ = planted
    _, _, _, files = export(services, cafe, identity)
    counts = sorted((row["count"] is None, row["count"]) for row in json.loads(files["attendance.json"]))
    assert counts == [(False, 7), (True, None)]


def test_flagged_comments_go_in_only_when_asked(services, planted, identity):
    cafe, _ = planted
    data, result = ExportService(services).export_cafe(cafe.id, [str(identity.to_public())], include_flagged=True)
    manifest, files = open_bundle(data, [identity])
    assert result.notes == 5 and manifest["left_out"] == {"hidden": 1, "flagged": 0}
    assert "Some days I can't go on" in files["notes.jsonl"].decode()


def test_each_export_has_a_new_id(services, planted, identity):
    cafe, _ = planted
    first = export(services, cafe, identity)[2]["export_id"]
    assert first != export(services, cafe, identity)[2]["export_id"]
