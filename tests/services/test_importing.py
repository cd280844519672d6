"""Importing real bundles (real X25519 keys, real SQLite files): what arrives, re-imports, newer and older exports,
and bad input refused with one plain line and nothing written."""

from __future__ import annotations

import json
import re

import pyrage
import pytest

from cafe_desk.central import bundle_trust
from cafe_desk.central.bundle_reader import local_id
from cafe_desk.central.bundle_trust import Consent
from cafe_desk.core.errors import ReadOnlyError
from cafe_desk.export import bundle
from tests.central import make_cafe, snapshot
from tests.conftest import CODED, coded, exactly, mental_health_plan


@pytest.fixture
def source(services):
    return make_cafe(services)


def sealed(services, cafe, identity) -> bytes:
    return services.exporting.export_cafe(cafe.id, [str(identity.to_public())])[0]


def resealed(services, cafe, identity, change) -> bytes:
    """A bundle whose files were changed by `change(files, manifest)` and whose manifest was made to match."""
    files = dict(services.exporting.build(cafe.id).files)
    manifest = json.loads(files.pop(bundle.MANIFEST))
    change(files, manifest)
    meta = {k: v for k, v in manifest.items() if k not in ("format", "version", "app_version", "files")}
    rebuilt = bundle.with_manifest(files, **meta)
    if manifest["version"] != bundle.VERSION:
        listing = json.loads(rebuilt[bundle.MANIFEST])
        rebuilt[bundle.MANIFEST] = bundle.dumps({**listing, "version": manifest["version"]})
    rebuilt = bundle.sign(rebuilt, services.signing_key.secret())
    return bundle.seal(bundle.pack(rebuilt), [str(identity.to_public())])


def test_export_and_import_count_the_same_points_summaries_and_comments(services, source, central, identity):
    table = services.planning.items(source.id, "table")[0]
    round_ = services.planning.items(source.id, "round")[0]
    services.notes.set_summary(source.id, table.id, round_.id, "Benches and buses")
    data, exported = services.exporting.export_cafe(source.id, [str(identity.to_public())])
    assert exported.summary().startswith("Exported “Perth café”: 2 points, 1 summary, 1 comment; ")
    imported = central.importing.import_bundle(data, [identity])
    assert coded(imported.line()).startswith("Imported “Perth café” as CODE (CODE on the facilitator's laptop): "
                                             "2 points, 1 summary, 1 comment; votes: 1 phone ballot and 4 dots on "
                                             "paper — ")
    assert central.receipts.counts(imported.cafe_id).phrase() == "2 points, 1 summary, 1 comment"


def test_import_into_another_database(services, source, central, identity):
    result = central.importing.import_bundle(sealed(services, source, identity), [identity])
    fingerprint = services.signing_key.fingerprint()
    assert coded(result.line()) == f"Imported “Perth café”{CODED}signed by {fingerprint}, not on the list"
    cafe = central.cafes.cafe(result.cafe_id)
    assert cafe.id == local_id(source.id) != source.id and cafe.state == "closed" and cafe.title == "Perth café"
    assert central.importing.is_imported(cafe.id)
    assert central.store.cafe_origin(cafe.id) == "imported"
    notes = central.notes.list(cafe.id)
    assert [n.text for n in notes] == ["More benches in the park", "Waited eight months for a first appointment",
                                       "Peer support groups helped me most"]
    tables = {t.id: t.number for t in central.planning.items(cafe.id, "table")}
    rounds = {r.id: r.number for r in central.planning.items(cafe.id, "round")}
    assert [(tables.get(n.table_id), rounds.get(n.round_id)) for n in notes] == [(1, 1), (2, 2), (None, None)]
    assert notes[1].is_quote and notes[2].source == "participant" and notes[2].consent
    assert all(n.created_at.startswith("2026-03-14T00:") for n in notes)  # the café's date, minutes from its start
    outcomes = central.planning.items(cafe.id, "outcome")
    themes = central.planning.items(cafe.id, "theme")
    groups = central.planning.items(cafe.id, "group")
    assert [t.name for t in themes] == [t.name for t in services.planning.items(source.id, "theme")]
    waiting = next(t for t in themes if t.name == "Waiting times")
    assert notes[0].outcome_ids == (outcomes[0].id,) and [o.title for o in outcomes] == [
        o.title for o in services.planning.items(source.id, "outcome")]
    assert notes[1].theme_ids == (waiting.id,) and notes[2].group_id == groups[0].id
    status = central.cafes.status(cafe.id)
    assert (status["tables"], status["rounds"], status["comments"]) == (len(tables), len(rounds), 1)
    assert (status["paper_votes"], status["phone_ballots"], status["votes"]) == (4, 1, 5)  # as the import line
    assert status["attendance"] == 10  # the table's total: its 3 carers and the 7 that would give them back are hidden
    record = central.store.import_record_for_source(source.id)
    assert record["cafe_id"] == cafe.id and record["votes"]["phone_ballots"] == 1
    assert re.fullmatch(r"\d{8}T\d{6}\.\d{6}Z", record["exported_at"])  # ISO 8601 basic, UTC: sorts as text


def test_status_of_an_imported_cafe_counts_votes_as_the_laptop_and_the_import_line_do(services, source, central,
                                                                                      identity):
    result = central.importing.import_bundle(sealed(services, source, identity), [identity])
    here, there = central.cafes.status(result.cafe_id), services.cafes.status(source.id)
    counted = ("votes", "paper_votes", "phone_ballots")
    assert [here[k] for k in counted] == [there[k] for k in counted] == [5, 4, 1]
    assert result.votes.phrase() == "votes: 1 phone ballot and 4 dots on paper"


def test_an_imported_cafe_is_read_only(services, source, central, identity):
    cafe_id = central.importing.import_bundle(sealed(services, source, identity), [identity]).cafe_id
    table = central.planning.items(cafe_id, "table")[0]
    title = central.cafes.cafe(cafe_id).title
    with pytest.raises(ReadOnlyError, match=exactly(
            f"“{title}” was imported, so it is kept exactly as it arrived and can't be changed.")):
        central.notes.add(cafe_id, table.id, None, "A new point")
    with pytest.raises(ReadOnlyError, match=exactly(
            "An imported café can't be changed; it is kept exactly as it arrived.")):
        central.cafes.reopen(cafe_id)
    assert central.cafes.cafe(cafe_id).state == "closed"


def test_own_cafe_imported_beside_the_original(services, source, identity):
    result = services.importing.import_bundle(sealed(services, source, identity), [identity])
    assert result.cafe_id != source.id and len(services.cafes.list()) == 2
    assert services.store.cafe_origin(source.id) == "local" and services.cafes.cafe(source.id).state == "running"
    table = services.planning.items(source.id, "table")[0]
    services.notes.add(source.id, table.id, None, "The original still takes notes")
    assert len(services.notes.list(source.id)) == 4 and len(services.notes.list(result.cafe_id)) == 3


def test_the_same_export_twice_changes_nothing(services, source, central, identity):
    data = sealed(services, source, identity)
    importer = central.importing
    first = importer.import_bundle(data, [identity])
    before = snapshot(central.store)
    again = importer.import_bundle(data, [identity])
    assert again.line() == "Already imported: “Perth café” — nothing changed"
    assert again.cafe_id == first.cafe_id and snapshot(central.store) == before


def test_a_newer_export_replaces_the_older_and_an_older_one_is_refused(services, source, central, identity):
    older = sealed(services, source, identity)
    services.notes.add(source.id, None, None, "A late point")
    newer = sealed(services, source, identity)
    importer = central.importing
    first = importer.import_bundle(older, [identity])
    replaced = importer.import_bundle(newer, [identity])
    assert replaced.line() == (f"Replaced an older export of “Perth café” — signed by "
                               f"{services.signing_key.fingerprint()}, not on the list")
    assert replaced.cafe_id == first.cafe_id and len(central.cafes.list()) == 1
    assert len(central.notes.list(first.cafe_id)) == 4
    assert central.cafes.cafe(first.cafe_id).short_code == central.cafes.list()[0].short_code
    before = snapshot(central.store)
    with pytest.raises(bundle.BundleError) as refused:
        importer.import_bundle(older, [identity])
    # made within the same minute (as here), the two times say their seconds too, or they would read the same
    assert re.fullmatch(r"A newer export of “Perth café” is already here \(made on \d+ \w+ \d{4} at \d\d:\d\d(:\d\d)? "
                        r"UTC; this file says on \d+ \w+ \d{4} at \d\d:\d\d(:\d\d)? UTC\), so this one was not "
                        r"imported\. If "
                        r"that laptop's clock was wrong when the one here was made, `cafe-desk import --take-older` "
                        r"takes this file\.", str(refused.value))
    assert snapshot(central.store) == before
    # the same laptop's older file, taken on purpose (its clock ran fast when the newer one was made)
    taken = importer.import_bundle(older, [identity], consent=Consent(take_older=True))
    assert taken.status == "replaced" and len(central.notes.list(first.cafe_id)) == 3


def _flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:]


@pytest.mark.parametrize(("spoil", "message"), [
    (lambda d: d, bundle.WRONG_KEY),
    (_flip, bundle.DAMAGED),
    (lambda d: d[: len(d) - 40], bundle.DAMAGED),
    (lambda d: b"PK\x03\x04 just a zip, or so it says", bundle.NOT_A_BUNDLE),
], ids=["wrong key", "one byte changed", "truncated", "not a bundle"])
def test_bad_files_are_refused_and_nothing_is_written(services, source, central, identity, spoil, message):
    data = sealed(services, source, identity)
    key = pyrage.x25519.Identity.generate() if message == bundle.WRONG_KEY else identity
    before = snapshot(central.store)
    with pytest.raises(bundle.BundleError, match=exactly(message)):
        central.importing.import_bundle(spoil(data), [key])
    assert snapshot(central.store) == before


def _unknown_round(files, manifest):
    rows = [json.loads(line) for line in files["notes.jsonl"].decode().splitlines()]
    rows[1]["round"] = 9
    files["notes.jsonl"] = bundle.dumps_lines(rows)


def _note_twice(files, manifest):
    first = files["notes.jsonl"].decode().splitlines()[0]
    files["notes.jsonl"] += (first + "\n").encode()


def _outcome_not_text(files, manifest):
    rows = [json.loads(line) for line in files["notes.jsonl"].decode().splitlines()]
    rows[0]["outcome_ids"] = [["a list", "not an id"]]
    files["notes.jsonl"] = bundle.dumps_lines(rows)


def _group_votes_too_many(files, manifest):
    votes = json.loads(files["votes.json"])
    outcome = votes["outcomes"][0]["id"]
    votes["by_group"] = [{"group": "Lived experience", "voters": 5, "outcomes": [{"id": outcome, "paper": {"0": 999}}]}]
    files["votes.json"] = bundle.dumps(votes)


def _unknown_version(files, manifest):
    manifest["version"] = bundle.VERSION + 1


@pytest.mark.parametrize(("change", "message"), [
    (_unknown_round, "notes.jsonl line 2 is not in the expected shape (round 9 is not in this café file), so nothing "
                     "was imported."),
    (_note_twice, "notes.jsonl is not in the expected shape (an id is there twice), so nothing was imported."),
    (_outcome_not_text, "notes.jsonl line 1 is not in the expected shape (an outcome or theme is not named by text), "
                        "so nothing was imported."),
    (_group_votes_too_many, "votes.json is not in the expected shape (a group has more votes than the whole room), "
                            "so nothing was imported."),
    (_unknown_version, "This café file was made by a newer Café Desk (format version 3): update Café "
                          "Desk on this computer, then import it again."),
], ids=["unknown round", "a note twice", "outcome not text", "group votes over the room's", "unknown version"])
def test_bundles_that_verify_but_do_not_fit_are_refused(services, source, central, identity, change, message):
    data = resealed(services, source, identity, change)
    before = snapshot(central.store)
    with pytest.raises(bundle.BundleError, match=exactly(message)):
        central.importing.import_bundle(data, [identity])
    assert snapshot(central.store) == before
    assert central.cafes.list() == []


@pytest.mark.parametrize(("method", "said"), [
    ("dots", "votes: 1 phone ballot and 4 dots on paper"),
    ("ranking", "votes: 1 phone ballot and 2 ranked choices on paper"),
    ("agreement", "votes: 1 phone ballot and 2 agreement scores on paper"),
])
def test_export_and_import_say_the_same_votes(services, central, identity, method, said):
    plan = mental_health_plan(services)
    plan.vote_method = method
    cafe = services.planning.create(plan)[0]
    outcomes = services.planning.items(cafe.id, "outcome")
    services.running.start(cafe.id)
    if method == "dots":
        services.votes.set_tally(cafe.id, outcomes[0].id, 4)
        choices = {outcomes[0].id: 2}
    else:
        services.votes.set_tally(cafe.id, outcomes[0].id, 1, level=1 if method == "ranking" else 4)
        services.votes.set_tally(cafe.id, outcomes[1].id, 1, level=2)
        choices = {o.id: n for n, o in enumerate(outcomes, 1)} if method == "ranking" else {outcomes[0].id: 5}
    services.channel.set_voting_open(cafe.id, True)
    services.ballots.cast(cafe.id, "voter-token-1", choices)
    data, exported = services.exporting.export_cafe(cafe.id, [str(identity.to_public())])
    assert f"; {said}; " in exported.summary()
    imported = central.importing.import_bundle(data, [identity])
    assert f"; {said} — " in imported.line()


def test_a_cafe_without_votes_says_no_votes_on_both_sides(services, central, identity):
    cafe = services.planning.create(mental_health_plan(services))[0]
    table, round_ = services.planning.items(cafe.id, "table")[0], services.planning.items(cafe.id, "round")[0]
    services.running.start(cafe.id)
    services.notes.add(cafe.id, table.id, round_.id, "More benches in the park")
    data, exported = services.exporting.export_cafe(cafe.id, [str(identity.to_public())])
    assert exported.summary().startswith(f"Exported “{cafe.title}”: 1 point, 0 comments; no votes; ")
    assert ": 1 point, 0 comments; no votes — " in central.importing.import_bundle(data, [identity]).line()


def test_the_central_desk_names_an_imported_cafe_by_both_its_codes(services, source, central, identity):
    result = central.importing.import_bundle(sealed(services, source, identity), [identity])
    here = central.cafes.cafe(result.cafe_id).short_code
    assert here != source.short_code
    both = f"{here} ({source.short_code} on the facilitator's laptop)"
    assert result.line().startswith(f"Imported “Perth café” as {both}: ")
    [listed] = central.signers.cafes()
    assert listed.source_code == source.short_code and listed.codes() == both
    [receivable] = central.receipts.imported_cafes()
    assert receivable.source_code == source.short_code


def test_two_export_times_in_the_same_minute_are_told_apart_by_their_seconds():
    assert bundle_trust._two_times("20261203T182301.250000Z", "20261203T182300.100000Z") == (
        "on 3 December 2026 at 18:23:01 UTC", "on 3 December 2026 at 18:23:00 UTC")
    assert bundle_trust._two_times("20261203T182401.250000Z", "20261203T182300.100000Z") == (
        "on 3 December 2026 at 18:24 UTC", "on 3 December 2026 at 18:23 UTC")
