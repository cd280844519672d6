"""One café exported: the anonymised files round-trip through a real bundle, and planted personal data never leaves."""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from dataclasses import replace

import pyrage
import pytest

from cafe_desk.core.counts import Counts
from cafe_desk.export.anonymise import Span, redact
from cafe_desk.export.bundle import open_bundle
from cafe_desk.export.cafe_export import (
    PreviewItem,
    RedactionChoices,
    build,
    chosen_spans,
    replaced,
    whole_words,
)
from cafe_desk.services.ballots import new_voter_token, voter_hash
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
    services.channel.set_voting_open(cafe.id, True)
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
    data, result = services.exporting.export_cafe(cafe.id, [str(identity.to_public())])
    manifest, files = open_bundle(data, [identity])
    return data, result, manifest, files


def test_round_trip_counts_and_manifest(services, planted, identity):
    cafe, _ = planted
    _, result, manifest, files = export(services, cafe, identity)
    assert manifest["cafe_id"] == cafe.id and manifest["format"] == "cafe-desk-bundle"
    assert set(files) == {"cafe.json", "prompts.json", "outcomes.json", "tables.json", "groups.json", "notes.jsonl",
                          "votes.json", "attendance.json", "themes.json", "README.txt"}
    assert manifest["files"]["notes.jsonl"]["count"] == 4 == result.counts.total
    assert (result.counts, result.left) == (Counts(points=3, comments=1), Counts(comments=2))
    assert manifest["left_out"] == {"hidden": 1, "flagged": 1} and manifest["suppressed"] == 2
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
    assert line.startswith("Exported “Perth café hosted by Aisha Rahman”: 3 points, 1 comment; votes: 1 phone "
                           "ballot and 4 dots on paper; 2 comments left out; ")
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
    """3 and 7 people at table 1: the 3 is small, and the table's total would give it back from the 7."""
    cafe, _ = planted
    _, _, _, files = export(services, cafe, identity)
    groups = [g.name for g in services.planning.items(cafe.id, "group")]
    counts = {row["group"]: row["count"] for row in json.loads(files["attendance.json"])}
    assert counts == {groups[0]: None, groups[1]: None, groups[2]: 0, groups[3]: 0, None: 10}


def test_flagged_comments_go_in_only_when_asked(services, planted, identity):
    cafe, _ = planted
    data, result = services.exporting.export_cafe(cafe.id, [str(identity.to_public())], include_flagged=True)
    manifest, files = open_bundle(data, [identity])
    assert result.counts == Counts(points=3, comments=2) and manifest["left_out"] == {"hidden": 1, "flagged": 0}
    assert "Some days I can't go on" in files["notes.jsonl"].decode()


def test_each_export_has_a_new_id(services, planted, identity):
    cafe, _ = planted
    first = export(services, cafe, identity)[2]["export_id"]
    assert first != export(services, cafe, identity)[2]["export_id"]


# --- the facilitator's changes to the proposed redactions ------------------------------------------------------------

RING = "Ring Siobhán Kowalski on 07700 900418 or siobhan.k@example.org"


def notes_of(files) -> dict[str, str]:
    return {row["id"]: row["text"] for row in map(json.loads, files["notes.jsonl"].decode().splitlines())}


def exported(services, cafe, identity, overrides=None):
    data, result = services.exporting.export_cafe(cafe.id, [str(identity.to_public())], overrides=overrides)
    manifest, files = open_bundle(data, [identity])
    return result, manifest, notes_of(files)


def ring_item(services, cafe) -> PreviewItem:
    return next(i for i in services.exporting.preview(cafe.id) if i.text == RING)


def test_no_overrides_changes_nothing_but_the_ids_and_times(services, planted):
    cafe, _ = planted
    snap = replace(services.exporting.snapshot(cafe.id), started_at="2026-03-14T10:00:00Z")
    plain = build(snap)
    for overrides in ({}, {ring_item(services, cafe).id: RedactionChoices()}, {"no-such-note": RedactionChoices()}):
        again = build(snap, overrides=overrides)
        assert {k: v for k, v in again.files.items() if k != "manifest.json"} == {
            k: v for k, v in plain.files.items() if k != "manifest.json"}
        first, second = (json.loads(r.files["manifest.json"]) for r in (plain, again))
        for varies in ("export_id", "exported_at", "receipt_secret"):
            first.pop(varies), second.pop(varies)
        assert first == second
    for note in services.notes.list(cafe.id):
        if not note.hidden and not note.flag:
            assert notes_of(plain.files)[note.id] == redact(note.text, ["Eilidh Macdonald", "Oak"]).text


def test_a_name_put_back_and_words_added_export_as_the_review_shows(services, planted, identity):
    cafe, _ = planted
    _, before, _ = exported(services, cafe, identity)
    item = ring_item(services, cafe)
    name = next(s for s in item.spans if s.kind == "name")
    changed = item.with_put_back(name).with_removal(0, 4, "other")  # "Ring" as another personal detail
    assert changed.redacted == "[REDACTED] Siobhán Kowalski on [PHONE] or [EMAIL]"
    result, manifest, texts = exported(services, cafe, identity, {item.id: changed.choices})
    assert texts[item.id] == changed.redacted
    expected = Counter(before["redactions"]) - Counter({"name": 1}) + Counter({"other": 1})
    assert manifest["redactions"] == dict(sorted(expected.items())) == dict(result.redactions)
    assert "1 other personal detail" in result.summary()
    for preview in services.exporting.preview(cafe.id, {item.id: changed.choices}):  # the review says the same
        if preview.id in texts:
            assert texts[preview.id] == preview.redacted


def test_an_added_span_overlapping_proposed_ones_makes_one_replacement(services, planted, identity):
    cafe, _ = planted
    _, before, _ = exported(services, cafe, identity)
    item = ring_item(services, cafe)
    inside = item.with_removal(RING.index("Kowalski"), RING.index("Kowalski") + 3)  # part of a proposed name
    assert inside is item
    joined = item.with_removal(RING.index("Kowalski"), RING.index(" or"), "phone")  # name end to phone: one [PHONE]
    assert joined.redacted == "Ring [PHONE] or [EMAIL]"
    _, manifest, texts = exported(services, cafe, identity, {item.id: joined.choices})
    assert texts[item.id] == "Ring [PHONE] or [EMAIL]"
    assert manifest["redactions"]["name"] == before["redactions"]["name"] - 1
    assert manifest["redactions"]["phone"] == before["redactions"]["phone"]
    assert joined.with_put_back(joined.removed[0]).redacted == "Ring Siobhán Kowalski on 07700 900418 or [EMAIL]"


def test_bad_spans_are_ignored(services, planted, identity):
    cafe, _ = planted
    _, before, plain = exported(services, cafe, identity)
    item = ring_item(services, cafe)
    bad = RedactionChoices(
        put_back=frozenset({(0, 3), (-5, 2), (5, 999)}),
        added=(Span(-1, 4, "name"), Span(10, 10, "name"), Span(12, 5, "name"), Span(0, len(RING) + 1, "name"),
               Span(0, 4, "password"), Span(True, 4, "name"), Span(0, 4.5, "name"), Span(4, 5, "name"),
               Span(0, 4, ["name"]), "junk", None),  # type: ignore[arg-type]
        for_text=RING)
    assert ring_item(services, cafe).spans == replace(item, choices=bad).removed
    stale = RedactionChoices(put_back=frozenset((s.start, s.end) for s in item.spans), for_text=RING + " (edited)")
    for choices in (bad, stale):
        _, manifest, texts = exported(services, cafe, identity, {item.id: choices, "no-such-note": choices})
        assert texts == plain and manifest["redactions"] == before["redactions"]


def test_whole_words_and_how_spans_join():
    text = "Ask Mary-Jane O'Hara at the café"
    assert whole_words(text, 6, 8) == Span(4, 13, "name")  # "ry-J" -> "Mary-Jane"
    assert whole_words(text, 15, 17, "other") == Span(14, 20, "other")  # "Ha" -> "O'Hara"
    assert whole_words(text, 3, 4) is None and whole_words(text, 0, 0) is None  # only a space; empty
    assert whole_words(text, 0, 3, "nonsense") is None and whole_words(text, 0, 99) is None
    proposed = (Span(4, 13, "name"), Span(14, 20, "name"))
    bridge = RedactionChoices(added=(Span(10, 16, "address"),))  # across both proposed names: one span
    assert chosen_spans(text, proposed, bridge) == (Span(4, 20, "address"),)
    assert replaced(text, chosen_spans(text, proposed, bridge)) == "Ask [ADDRESS] at the café"
    kept = RedactionChoices(put_back=frozenset({(4, 13)}), added=(Span(28, 32, "other"),))
    assert replaced(text, chosen_spans(text, proposed, kept)) == "Ask Mary-Jane [NAME] at the [REDACTED]"


def test_a_possible_name_checked_stays_removed_as_sure_and_a_stale_check_is_ignored():
    text = "Hope and May came"
    item = PreviewItem("n1", "note-taker", "point", 1, 1, text, (Span(0, 4, "name", False), Span(9, 12, "name", False)))
    checked = item.with_checked(item.to_check[1])
    assert checked.redacted == "[NAME] and [NAME] came"
    assert [text[s.start:s.end] for s in checked.to_check] == ["Hope"]
    assert checked.with_put_back(checked.removed[0]).redacted == "Hope and [NAME] came"  # the check is kept
    assert [text[s.start:s.end] for s in checked.with_put_back(checked.removed[0]).to_check] == []
    assert chosen_spans("Hope and Ma", item.spans, checked.choices) == item.spans  # made on another text: ignored


def test_export_to_file_takes_the_overrides(services, planted, identity, tmp_path):
    cafe, _ = planted
    item = ring_item(services, cafe)
    choices = item.with_put_back(next(s for s in item.spans if s.kind == "phone")).choices
    target = tmp_path / "out.cafe"
    result = services.exporting.export_to_file(cafe.id, [str(identity.to_public())], target,
                            overrides={item.id: choices})
    manifest, files = open_bundle(target.read_bytes(), [identity])
    assert notes_of(files)[item.id] == "Ring [NAME] on 07700 900418 or [EMAIL]"
    assert "phone" not in manifest["redactions"] and "phone" not in result.redactions


def test_what_a_flag_means_at_export(services, cafe, identity):
    """A participant's flagged comment nobody has followed up stays on the laptop unless put back; one followed up,
    and a note-taker's flagged point, go in as usual; the flag itself never leaves."""
    table = services.planning.items(cafe.id, "table")[0]
    waiting, _ = services.comments.submit(cafe.id, "I've been saving my tablets for the weekend", consent=True)
    followed, _ = services.comments.submit(cafe.id, "Honestly I can't go on like this", consent=True)
    point, _ = services.notes.add(cafe.id, table.id, None, "P said her partner hits her when he drinks")
    assert waiting.flag and followed.flag and point.flag
    services.safeguarding.follow_up(followed.id, "JB", "Talked with them at the break")
    _data, _result, manifest, files = export(services, cafe, identity)
    text = files["notes.jsonl"].decode()
    assert manifest["left_out"] == {"hidden": 0, "flagged": 1}
    assert "saving my tablets" not in text
    assert "can't go on like this" in text and "partner hits her" in text
    assert "JB" not in text and "break" not in text and '"flag' not in text
    items = {i.id: i for i in services.exporting.preview(cafe.id)}
    assert (items[waiting.id].left_out, items[waiting.id].flag) == ("flagged", "suicide")
    assert (items[followed.id].left_out, items[followed.id].flag) == ("", "suicide")
    assert (items[point.id].left_out, items[point.id].flag) == ("", "harmed")


def test_a_name_found_in_one_item_is_removed_from_every_item_in_any_case(services, cafe, identity):
    """Once a name is sure somewhere in the café, it leaves no other note or comment, whatever its case; the review
    shows exactly what the export writes."""
    table = services.planning.items(cafe.id, "table")[0]
    said, _ = services.notes.add(cafe.id, table.id, None, "Zebedee Quorra said the bus never comes")
    later, _ = services.comments.submit(cafe.id, "agree with zebedee, and QUORRA's point about fares", consent=True)
    other, _ = services.notes.add(cafe.id, table.id, None, "Fares were the main worry")
    _data, result, manifest, files = export(services, cafe, identity)
    texts = notes_of(files)
    assert texts[said.id] == "[NAME] said the bus never comes"
    assert texts[later.id] == "agree with [NAME], and [NAME]'s point about fares"
    assert texts[other.id] == "Fares were the main worry"
    assert manifest["redactions"]["name"] == 3 == result.redactions["name"]
    items = {i.id: i for i in services.exporting.preview(cafe.id)}
    assert all(items[k].redacted == v for k, v in texts.items())
    assert all(s.sure for s in items[later.id].spans)


def test_unsure_finds_joined_together_stay_to_be_checked_and_join_a_sure_one_as_sure():
    text = "Ask Rowan Hope at Craigpark Nursery"
    unsure = (Span(4, 14, "name", False), Span(10, 35, "place", False))  # overlapping, neither sure
    something = RedactionChoices(put_back=frozenset({(99, 100)}))  # a choice that touches neither
    assert [s.sure for s in chosen_spans(text, unsure, something)] == [False]
    with_sure = (Span(4, 14, "name", True), Span(10, 35, "place", False))
    assert [s.sure for s in chosen_spans(text, with_sure, something)] == [True]
