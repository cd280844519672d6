"""The redaction engine: recall per kind and text kept over the labelled corpus, and the rules one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cafe_desk.export.anonymise import PLACEHOLDERS, BadRecord, Span, redact, redact_record
from tests.conftest import exactly

CORPUS = Path(__file__).with_name("corpus.jsonl")
# names no list knows, in lower case and capitals, Gaelic and lenited, pet forms, everyday words as names, named
# workplaces and schools, flat-led addresses, short dates of birth; "d" items were written first and tuned on,
# "f" and then "g" items were written afterwards and each scored once before any change for them (bench/RESULTS.md)
OPEN_CORPUS = Path(__file__).with_name("corpus_open.jsonl")
# written by someone else, blind to the rules, after the open-vocabulary finder; scored once on arrival
DEV2_CORPUS = Path(__file__).with_name("corpus_dev2.jsonl")
DEV3_CORPUS = Path(__file__).with_name("corpus_dev3.jsonl")  # written before the rules for it, scored on arrival
# addresses, dates of birth, postcodes and hard names in every written form, written before its rules were read
DEV4_CORPUS = Path(__file__).with_name("corpus_dev4.jsonl")
STRUCTURED = ("email", "phone", "postcode", "health_id", "ni_number", "dob", "url", "handle", "address")
HELD_OUT = ("7", "8", "9")  # never looked at while writing the rules
FRESH_FROM = 212  # items from c212 on were written after the rules were set


def load_corpus(path: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(items: list[dict]) -> tuple[dict[str, tuple[int, int]], tuple[int, int]]:
    """Per kind (found, labelled), a span counting as found when redactions cover it fully; and (kept, total)
    characters outside every labelled span."""
    per_kind: dict[str, list[int]] = {}
    kept = total = 0
    for item in items:
        text = item["text"]
        redacted = [False] * len(text)
        for span in redact(text).spans:
            redacted[span.start:span.end] = [True] * (span.end - span.start)
        personal = [False] * len(text)
        for span in item["spans"]:
            counts = per_kind.setdefault(span["kind"], [0, 0])
            counts[1] += 1
            counts[0] += all(redacted[span["start"]:span["end"]])
            personal[span["start"]:span["end"]] = [True] * (span["end"] - span["start"])
        for is_personal, is_redacted in zip(personal, redacted, strict=True):
            if not is_personal:
                total += 1
                kept += not is_redacted
    return {k: (v[0], v[1]) for k, v in per_kind.items()}, (kept, total)


def table(title: str, items: list[dict]) -> tuple[dict[str, float], float]:
    per_kind, (kept, total) = score(items)
    print(f"\n{title}: {len(items)} items")
    print(f"{'kind':<11} {'found':>5} {'of':>4} {'recall':>7}")
    recall = {}
    for kind in sorted(per_kind):
        found, labelled = per_kind[kind]
        recall[kind] = found / labelled
        print(f"{kind:<11} {found:>5} {labelled:>4} {recall[kind]:>7.3f}")
    structured = [per_kind[k] for k in STRUCTURED if k in per_kind]
    all_found, all_labelled = sum(f for f, _ in structured), sum(n for _, n in structured)
    if all_labelled:
        print(f"{'structured':<11} {all_found:>5} {all_labelled:>4} {all_found / all_labelled:>7.3f}")
    print(f"non-personal characters kept: {kept} of {total} = {kept / total:.4f}")
    return recall, kept / total


@pytest.mark.parametrize("path", [CORPUS, OPEN_CORPUS, DEV3_CORPUS, DEV4_CORPUS])
def test_corpus_is_well_formed(path):
    items = load_corpus(path)
    assert len(items) >= 150
    assert len({item["id"] for item in items}) == len(items)
    assert sum(not item["spans"] for item in items) >= 50
    for item in items:
        for span in item["spans"]:
            assert span["kind"] in PLACEHOLDERS
            assert 0 <= span["start"] < span["end"] <= len(item["text"])
            assert item["text"][span["start"]:span["end"]].strip() == item["text"][span["start"]:span["end"]]


def test_recall_and_text_kept_meet_the_goals():
    items = load_corpus()
    recall, kept = table("whole corpus", items)
    table("held out (ids ending 7, 8, 9)", [i for i in items if i["id"].endswith(HELD_OUT)])
    table("the rest", [i for i in items if not i["id"].endswith(HELD_OUT)])
    table("written after the rules were set (c212 on)", [i for i in items if int(i["id"][1:]) >= FRESH_FROM])
    for kind in STRUCTURED:
        assert recall[kind] >= 0.99, kind
    assert recall["name"] >= 0.95
    assert kept >= 0.98


def test_open_corpus_recall_and_text_kept_meet_the_goals():
    items = load_corpus(OPEN_CORPUS)
    recall, kept = table("open corpus", items)
    table("written first, tuned on (d)", [i for i in items if i["id"].startswith("d")])
    table("written afterwards (f, g)", [i for i in items if i["id"].startswith(("f", "g"))])
    for kind in STRUCTURED:
        assert recall.get(kind, 1) >= 0.99, kind
    assert recall["name"] >= 0.95
    assert recall["place"] >= 0.95
    assert kept >= 0.98


def test_second_development_set_keeps_what_the_finder_reached():
    """Short of the goals on names, workplaces and addresses (bench/RESULTS.md): what it reaches is kept as a floor."""
    items = load_corpus(DEV2_CORPUS)
    per_kind, (kept, total) = score(items)
    table("second development set (e)", items)
    floor = {"name": 166, "place": 30, "address": 12, "dob": 7, "postcode": 8, "phone": 9, "email": 6, "health_id": 6,
             "ni_number": 4, "url": 4, "handle": 6}
    for kind, found in floor.items():
        assert per_kind[kind][0] >= found, kind
    assert kept / total >= 0.995


def test_third_development_set_keeps_what_the_finder_reached():
    """Dialect, Gaelic, texting, clinical shorthand and everyday-word names (bench/RESULTS.md): a floor, as above."""
    items = load_corpus(DEV3_CORPUS)
    assert len(items) >= 220 and sum(not item["spans"] for item in items) >= 0.35 * len(items)
    per_kind, (kept, total) = score(items)
    table("third development set (d3)", items)
    floor = {"name": 107, "place": 31, "address": 14, "dob": 10, "postcode": 10, "phone": 4, "email": 2,
             "health_id": 3, "ni_number": 2, "url": 2, "handle": 5}
    for kind, found in floor.items():
        assert per_kind[kind][0] >= found, kind
    assert kept / total >= 0.99


def test_fourth_development_set_keeps_what_the_finder_reached():
    """Street addresses, dates of birth and postcodes in every form, and hard names (bench/RESULTS.md): a floor."""
    items = load_corpus(DEV4_CORPUS)
    assert len(items) >= 200 and sum(not item["spans"] for item in items) >= 50
    per_kind, (kept, total) = score(items)
    table("fourth development set (dev4)", items)
    floor = {"name": 82, "place": 1, "address": 54, "dob": 32, "postcode": 26}
    for kind, found in floor.items():
        assert per_kind[kind][0] >= found, kind
    assert kept / total >= 0.98


@pytest.mark.parametrize(("text", "expected"), [
    ("Wee Jinty fae the close brings me soup.", "[NAME] fae the close brings me soup."),
    ("Piotrek fae the warehouse telt me aboot it", "[NAME] fae the warehouse telt me aboot it"),
    ("I was born on the 14th of March 1941.", "I was born on the [DOB]."),
    ("Clyde came with his mum and said nothing.", "[NAME] came with his mum and said nothing."),
])
def test_nicknames_dialect_and_long_dates(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Call 07700 900418 tonight", "Call [PHONE] tonight"),
    ("Office +44 (0)141 496 0999.", "Office [PHONE]."),
    ("Ring (0131) 496 0123 or 0141-496-0123", "Ring [PHONE] or [PHONE]"),
    ("Mail jo.bloggs@example.org now", "Mail [EMAIL] now"),
    ("Lives at Flat 2/1, 14 Hope Street, G2 6AB", "Lives at [ADDRESS], [POSTCODE]"),
    ("NI: AB 12 34 56 C", "NI: [NI_NUMBER]"),
    ("NHS number 943 476 5919", "NHS number [HEALTH_ID]"),
    ("DOB 14/02/1979", "DOB [DOB]"),
    ("see @jo_paints or https://example.com/jo", "see [HANDLE] or [URL]"),
    ("My CPN Agnieszka said so", "My CPN [NAME] said so"),
    ("Dr J. Okonkwo phoned", "Dr [NAME] phoned"),
])
def test_each_kind_gets_its_placeholder(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", [
    "Samaritans 116 123, NHS 24 on 111, Breathing Space 0800 83 85 87, Childline 0800 1111, Shout 85258.",
    "See Me ran a stall in Glasgow, Dundee and the Highlands.",
    "We watched the Grace Kelly film. Hope is what keeps me going. Will you come back in May?",
    "The café on 10 October started at 6:30pm; the grant was £1,250 for ward 4.",
    "Hope Street in Glasgow has a lot of services.",
    "The A9 and the M8 were both closed.",
    "More at nhsinform.scot and samaritans.org.",
    "Born in Dundee, lived in Perth.",
    "Mark each card with the table number.",
])
def test_public_services_places_and_everyday_words_are_kept(text):
    assert redact(text).text == text


def test_spans_point_into_the_original_text_and_counts_add_up():
    text = "Eilidh Macdonald (07700 900418) and Dr Patel, eilidh@example.org"
    result = redact(text)
    assert [text[s.start:s.end] for s in result.spans] == ["Eilidh Macdonald", "07700 900418", "Patel",
                                                           "eilidh@example.org"]
    assert result.counts == {"name": 2, "phone": 1, "email": 1}
    assert result.text == "[NAME] ([PHONE]) and Dr [NAME], [EMAIL]"


def test_extra_names_typed_into_the_cafe_are_removed_in_any_case():
    result = redact("The Rowan table and the Bothy Café; rowan table again", ["Rowan table", "Bothy Café", " "])
    assert result.text == "The [NAME] and the [NAME]; [NAME] again"


def test_health_ids_need_a_valid_date_or_check_digit():
    assert redact("CHI 1709654321").spans == (Span(4, 14, "health_id"),)
    assert redact("ref 1234567890 on the form").text == "ref 1234567890 on the form"


def test_outward_postcodes_only_where_the_words_say_so():
    assert redact("I'm in G31 and work in EH6").text == "I'm in [POSTCODE] and work in [POSTCODE]"
    assert redact("B12 injections, the A9 road").text == "B12 injections, the A9 road"


def test_dates_are_only_dates_of_birth_next_to_a_cue():
    assert redact("The referral went on 2 May and the letter came on 30/09/2025.").counts == {}
    assert redact("my birthday is 12 October").text == "my birthday is [DOB]"


def test_redacting_twice_changes_nothing_more():
    once = redact("Grace said Kwame Asante lives at 5 Glenurquhart Road, IV3 5NX").text
    assert redact(once).text == once


def test_empty_text():
    result = redact("")
    assert (result.text, result.spans, result.counts) == ("", (), {})


def test_redact_record_keeps_other_fields_and_refuses_bad_shapes():
    record = redact_record({"id": 7, "text": "Ask for Tendai", "table": "Oak"})
    assert record == {"id": 7, "text": "Ask for [NAME]", "table": "Oak",
                      "redactions": [{"start": 8, "end": 14, "kind": "name", "sure": True}]}
    with pytest.raises(BadRecord, match=exactly('it has no "id"')):
        redact_record({"text": "hi"})
    with pytest.raises(BadRecord, match=exactly('its "text" is missing or is not text')):
        redact_record({"id": 1, "text": 3})
    with pytest.raises(BadRecord, match=exactly('each line must be a JSON object with "id" and "text"')):
        redact_record(["id", "text"])
