"""The limits and value checks of central/bundle_checks.py: on their own (pure), and through a real import of real
bundles into a real data file, where each bad value is refused with one plain line and nothing is written."""

from __future__ import annotations

import json
import os

import pytest

from cafe_desk.central import bundle_checks
from cafe_desk.central.bundle_checks import check_unpacked
from cafe_desk.export import bundle
from cafe_desk.export.bundle import BundleError
from cafe_desk.services.bundle_intake import NOT_A_FILE
from cafe_desk.services.importing import UNFORESEEN
from tests.central import make_cafe, snapshot
from tests.central.hostile import edit_json, edit_notes, rebuilt, replace_bytes, sealed
from tests.conftest import exactly

SHAPE = "{name} is not in the expected shape ({detail}), so nothing was imported."


# --- before parsing: pure ------------------------------------------------------------------------------------------

def nested(depth: int) -> bytes:
    return b'{"a": ' + b"[" * (depth - 1) + b"1" + b"]" * (depth - 1) + b"}"


def test_nesting_up_to_the_limit_passes_and_one_more_is_refused():
    check_unpacked({"a.json": nested(bundle_checks.MAX_DEPTH)})
    with pytest.raises(BundleError, match=exactly(SHAPE.format(name="a.json", detail="it is nested more than 16 "
                                                                                      "levels deep"))):
        check_unpacked({"a.json": nested(bundle_checks.MAX_DEPTH + 1)})


def test_brackets_nan_and_long_digit_runs_inside_text_are_only_text():
    text = json.dumps({"text": "[" * 500 + " NaN Infinity " + "9" * 400 + ' \\" {{{{'}).encode()
    check_unpacked({"a.json": text, "b.jsonl": text + b"\n" + text + b"\n"})


def test_unbalanced_json_is_left_for_the_parser_to_name():
    check_unpacked({"a.json": b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})


@pytest.mark.parametrize(("data", "detail"), [
    (b'{"n": -Infinity}', "it holds NaN or Infinity, which are not numbers"),
    (b'{"n": 1' + b"0" * 20 + b"}", "a number has more than 20 digits"),
    (b'{"n": 0.' + b"1" * 25 + b"}", "a number has more than 20 digits"),
], ids=["-Infinity", "21 digits", "a long fraction"])
def test_numbers_json_has_not_or_nobody_writes(data, detail):
    with pytest.raises(BundleError, match=exactly(SHAPE.format(name="a.json", detail=detail))):
        check_unpacked({"a.json": data})


def test_items_are_counted_from_the_lines_before_any_is_read():
    lines = b"{}\n" * bundle_checks.MAX_ITEMS
    check_unpacked({"notes.jsonl": lines})
    with pytest.raises(BundleError, match=exactly(bundle_checks.TOO_MANY)):
        check_unpacked({"notes.jsonl": lines + b"{}"})


def test_a_json_list_of_more_values_than_any_cafe_is_refused_before_it_is_read():
    data = b"[" + b"1," * bundle_checks.MAX_VALUES + b"1]"
    with pytest.raises(BundleError, match=exactly(bundle_checks.TOO_MANY)):
        check_unpacked({"tables.json": data})


def test_the_file_size_limit():
    bundle_checks.check_file_size(bundle_checks.MAX_FILE_BYTES)
    with pytest.raises(BundleError, match=exactly(bundle_checks.TOO_LARGE)):
        bundle_checks.check_file_size(bundle_checks.MAX_FILE_BYTES + 1)


def test_exported_time():
    assert bundle_checks.exported_time("20260314T154502.123456Z").isoformat() == "2026-03-14T15:45:02.123456+00:00"
    assert [bundle_checks.exported_time(t) for t in ("20261314T154502.123456Z", "yesterday", "", None, 5)] == [None] * 5
    # forms the app never writes, which would sort as text before real exports and block them
    odd = ("202691T000000.0Z", "20260901t000000.000000z", "20260901T000000.9Z", " 20260901T000000.000000Z")
    assert [bundle_checks.exported_time(t) for t in odd] == [None] * len(odd)


def test_vote_levels_count_as_items():
    votes = {"outcomes": [{"paper": {str(level): 1 for level in range(1001)}, "phone": {}} for _ in range(100)],
             "by_group": []}
    with pytest.raises(BundleError, match=exactly(bundle_checks.TOO_MANY)):
        bundle_checks._check_levels(votes)
    bundle_checks._check_levels({"outcomes": votes["outcomes"][:99], "by_group": []})  # 99,099 levels: fine


# --- through a real import ------------------------------------------------------------------------------------------

@pytest.fixture
def source(services):
    return make_cafe(services)


def _set(name: str, key: str, value):
    def edit(data):
        (data if isinstance(data, dict) else data[0])[key] = value
    return edit_json(name, edit)


def _manifest(key: str, value):
    def change(files, manifest):
        manifest[key] = value
    return change


def _note(key: str, value):
    def edit(rows):
        rows[0][key] = value
    return edit_notes(edit)


def _paper(level: str):
    def edit(votes):
        votes["outcomes"][0]["paper"] = {level: 1}
    return edit_json("votes.json", edit)


def _surrogate_in(key: str):
    """notes.jsonl with a lone surrogate (valid JSON, not valid text) in the first note's `key`."""
    def change(files, manifest):
        rows = [json.loads(line) for line in files["notes.jsonl"].decode().splitlines()]
        rows[0][key] = "broken \ud800 text"
        files["notes.jsonl"] = "".join(json.dumps(r) + "\n" for r in rows).encode()  # ASCII, so \ud800 as an escape
    return change


def _declares(total: int):
    def after(files, manifest):
        manifest["files"]["notes.jsonl"]["count"] = total
    return after


@pytest.mark.parametrize(("change", "message"), [
    (_manifest("exported_at", "yesterday"),
     SHAPE.format(name="manifest.json", detail="the time of the export is missing or not a real time")),
    (_set("cafe.json", "date", "2026-02-30"), SHAPE.format(name="cafe.json", detail="its date is not a real date")),
    (_set("cafe.json", "dots_per_person", 0),
     SHAPE.format(name="cafe.json", detail="dots per person should be a whole number, at least 1")),
    (_set("cafe.json", "title", 5), SHAPE.format(name="cafe.json", detail="“title” is missing or of the wrong kind")),
    (_set("prompts.json", "minutes", -5),
     SHAPE.format(name="prompts.json", detail="a round's length is not a sensible number of minutes")),
    (_set("prompts.json", "minutes", "20"),
     SHAPE.format(name="prompts.json", detail="a round's length is not a sensible number of minutes")),
    (_set("outcomes.json", "position", 2**31), SHAPE.format(name="outcomes.json",
                                                             detail="a count is below zero or far too large")),
    (_set("attendance.json", "count", -1), SHAPE.format(name="attendance.json",
                                                         detail="a count is below zero or far too large")),
    (_set("themes.json", "description", "x" * 20_001),
     SHAPE.format(name="themes.json", detail="a text is longer than 20,000 characters")),
    (_paper("1001"), SHAPE.format(name="votes.json", detail="a vote level ('1001') is not one Café Desk writes")),
    (_paper("-0"), SHAPE.format(name="votes.json", detail="a vote level ('-0') is not one Café Desk writes")),
    (_note("text", "x" * 20_001),
     "notes.jsonl line 1 is longer than any note may be (20,000 characters), so nothing was imported."),
    (_surrogate_in("text"), SHAPE.format(name="notes.jsonl line 1", detail="its text holds a broken character")),
    (replace_bytes("notes.jsonl", b'"minutes_from_start": 0', b'"minutes_from_start": ' + b"7" * 5000),
     "notes.jsonl line 1 is not in the expected shape."),
    (replace_bytes("notes.jsonl", b'"themes": []', b'"themes": ' + b"[" * 60_000 + b"]" * 60_000),
     "notes.jsonl line 1 is not in the expected shape."),
    (replace_bytes("notes.jsonl", b'"minutes_from_start": 0', b'"minutes_from_start": NaN'),
     SHAPE.format(name="notes.jsonl line 1", detail="“minutes_from_start” is missing or of the wrong kind")),
    (replace_bytes("notes.jsonl", b'"minutes_from_start": 0', b'"minutes_from_start": 1e400'),
     SHAPE.format(name="notes.jsonl line 1", detail="“minutes_from_start” is missing or of the wrong kind")),
], ids=["export time", "date", "no dots", "title not text", "minutes below zero", "minutes as text",
        "position too large", "count below zero", "long description", "level for dots", "minus zero", "long note",
        "broken text", "note: 5,000 digits", "note: nested 60,000 deep", "note: NaN", "note: 1e400"])
def test_values_out_of_range_are_refused_before_anything_is_written(services, source, central, identity, change,
                                                                     message):
    data = sealed(rebuilt(services, source.id, change), str(identity.to_public()))
    before = snapshot(central.store)
    with pytest.raises(BundleError, match=exactly(message)):
        central.importing.import_bundle(data, [identity])
    assert snapshot(central.store) == before and central.cafes.list() == []


def test_a_manifest_that_declares_too_many_items_is_refused_before_they_are_read(services, source, central,
                                                                                  identity):
    files = rebuilt(services, source.id, lambda files, manifest: None, _declares(bundle_checks.MAX_ITEMS))
    with pytest.raises(BundleError, match=exactly(bundle_checks.TOO_MANY)):
        central.importing.import_bundle(sealed(files, str(identity.to_public())), [identity])


def test_a_note_of_exactly_the_longest_length_is_imported(services, source, central, identity):
    files = rebuilt(services, source.id, _note("text", "é" * bundle_checks.MAX_TEXT_CHARS))
    result = central.importing.import_bundle(sealed(files, str(identity.to_public())), [identity])
    assert max(len(n.text) for n in central.notes.list(result.cafe_id)) == bundle_checks.MAX_TEXT_CHARS


def test_whatever_the_checks_did_not_foresee_is_still_one_line(services, source, central, identity, tmp_path):
    path = tmp_path / "odd.cafe"
    path.write_bytes(sealed(rebuilt(services, source.id, _surrogate_in("id")), str(identity.to_public())))
    before = snapshot(central.store)
    with pytest.raises(BundleError, match=exactly(UNFORESEEN)):
        central.importing.import_file(path, [identity])
    assert snapshot(central.store) == before


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(central, identity, tmp_path):
    path = tmp_path / "huge.cafe"
    with path.open("wb") as f:
        f.truncate(2**30)  # 1 GiB, sparse
    with pytest.raises(BundleError, match=exactly(bundle_checks.TOO_LARGE)):
        central.importing.import_file(path, [identity])


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused_before_anything_is_read_from_it(central, identity, device):
    with pytest.raises(BundleError, match=exactly(NOT_A_FILE)):
        central.importing.import_file(device, [identity])


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(central, identity, tmp_path):
    pipe = tmp_path / "pipe.cafe"
    os.mkfifo(pipe)
    with pytest.raises(BundleError, match=exactly(NOT_A_FILE)):
        central.importing.import_file(pipe, [identity])


def test_the_bundle_checks_are_what_opening_it_uses(identity):
    files = bundle.with_manifest({"a.json": nested(bundle_checks.MAX_DEPTH + 1)})
    data = bundle.seal(bundle.pack(files), [str(identity.to_public())])
    with pytest.raises(BundleError, match="nested more than 16 levels deep"):
        bundle.open_bundle(data, [identity], inspect=check_unpacked)


def test_the_first_line_too_long_is_named_before_it_is_read():
    check_unpacked({"notes.jsonl": b"{}\n" + b"x" * bundle_checks.MAX_LINE_BYTES})
    long = b'{"text": "' + b"x" * bundle_checks.MAX_LINE_BYTES + b'"}'
    with pytest.raises(BundleError, match=exactly("notes.jsonl line 3 is far longer than any note's record can be, "
                                                  "so nothing was imported.")):
        check_unpacked({"notes.jsonl": b"{}\n{}\n" + long + b"\n{}\n"})


def test_a_short_note_made_long_by_its_links_is_not_called_a_long_note(services, source, central, identity):
    def links(rows):
        rows[0]["outcome_ids"] = rows[0]["outcome_ids"] * 5000
    data = sealed(rebuilt(services, source.id, edit_notes(links)), str(identity.to_public()))
    with pytest.raises(BundleError, match=exactly("notes.jsonl line 1 is far longer than any note's record can be, so "
                                                  "nothing was imported.")):
        central.importing.import_bundle(data, [identity])
