"""The finder on input nobody should type but someone will: a megabyte with no spaces or with thousands of names,
only emoji, right-to-left scripts, combining accents. Each completes and returns a sane result (times are measured
in bench/RESULTS.md, not here)."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cafe_desk.core.redaction import PLACEHOLDERS
from cafe_desk.export.anonymise import Redacted, redact

MEGABYTE = 1_000_000


def sane(text: str, result: Redacted) -> None:
    """Spans in order, inside the text, apart from each other; the redacted text is the original with each span
    replaced by its placeholder; counts add up."""
    at, parts = 0, []
    for span in result.spans:
        assert at <= span.start < span.end <= len(text)
        assert span.kind in PLACEHOLDERS
        parts += [text[at:span.start], PLACEHOLDERS[span.kind]]
        at = span.end
    assert "".join(parts) + text[at:] == result.text
    assert sum(result.counts.values()) == len(result.spans)


@pytest.mark.slow
def test_a_megabyte_without_spaces():
    rng = random.Random(7)
    for text in ("a" * MEGABYTE, "".join(rng.choice("abcXYZ019/._-@'") for _ in range(MEGABYTE)), "7" * MEGABYTE):
        result = redact(text)
        sane(text, result)
        assert len(result.text) > MEGABYTE // 2


@pytest.mark.slow
def test_a_megabyte_of_notes_full_of_personal_data():
    line = ("Sarah McAllister said hope is 07700 900418, Flat 3, 12 Hope Street. Zebulon said he works at Kirkhill "
            "Surgery. ")
    text = line * (MEGABYTE // len(line))
    result = redact(text)
    sane(text, result)
    assert result.counts["phone"] == result.counts["address"] == result.counts["place"] == text.count(line[:20])
    assert "Sarah" not in result.text and "07700" not in result.text and "Zebulon" not in result.text


@pytest.mark.slow
def test_a_megabyte_of_capitals_is_not_one_long_name():
    text = "Abc " * (MEGABYTE // 4)  # capitalised words no list knows, a quarter of a million of them
    result = redact(text)
    sane(text, result)
    assert max((s.end - s.start for s in result.spans), default=0) < 40
    assert len(result.text) > MEGABYTE // 2


def test_a_long_run_of_capitals_still_gives_up_its_names():
    heading = ("Thank You So Much To Everyone At The Drop In On Tuesday Night Especially Sarah Mcallister And Zebulon "
               "Who Made The Tea")
    assert redact(heading).text == ("Thank You So Much To Everyone At The Drop In On Tuesday Night Especially [NAME] "
                                    "And [NAME] Who Made The Tea")
    junk = "Abc " * 40 + "Sarah"
    assert redact(junk).text == "Abc " * 40 + "[NAME]"


def test_only_emoji():
    text = "😀🙏🏽❤️‍🔥🏴󠁧󠁢󠁳󠁣󠁴󠁿" * 10_000
    result = redact(text)
    sane(text, result)
    assert result.text == text


@pytest.mark.parametrize(("text", "names"), [
    ("قال محمد إن الانتظار طويل. Fatima said مرحبا", ["Fatima"]),
    ("אמר דוד שזה קשה, and Dr Cohen agreed", ["Cohen"]),
    ("\u202eSarah said\u202c the bus was late", ["Sarah"]),
])
def test_right_to_left_text(text, names):
    result = redact(text)
    sane(text, result)
    assert [text[s.start:s.end] for s in result.spans] == names


def test_combining_accents_are_part_of_the_name():
    text = "Ma\u0300iri said Sio\u0301bha\u0301n and E\u0301ilidh came; ma\u0300iri again."
    result = redact(text)
    sane(text, result)
    assert result.text == "[NAME] said [NAME] and [NAME] came; [NAME] again."
    zalgo = "Z\u0338\u0327a\u0337\u0321l\u0334g\u0335o\u0336 said hi " * 2000
    sane(zalgo, redact(zalgo))


@pytest.mark.slow
def test_a_megabyte_of_written_out_emails_shouted_postcodes_and_capitals():
    for text, kind, each in (("jane dot doe at example dot com, " * (MEGABYTE // 33), "email", "jane dot doe"),
                             ("SENT TO WZ9 4LR " * (MEGABYTE // 16), "postcode", "SENT TO"),
                             ("GOES TO ST MIRIN'S HIGH " * (MEGABYTE // 24), "place", "GOES TO")):
        result = redact(text)
        sane(text, result)
        assert result.counts == {kind: text.count(each)}
    for text in ("a dot " * (MEGABYTE // 6) + "at b", "wz94lr" * (MEGABYTE // 6), "(at)" * (MEGABYTE // 4)):
        result = redact(text)
        sane(text, result)
        assert result.text == text


@pytest.mark.parametrize("text", ["Ta", "Strathtay", "Strathtay.", "Blargh", "Ta, thanks", "thanks Ta", "Hope",
                                  "Hope.", "MacLeod", "G4", "@", "@ ", "Mr", "Dr.", "St", "Flat", "12", "'s", "-"])
def test_a_single_word_or_mark_on_its_own(text):
    """What a phone comment often is: one word. A word no list knows, at the very end, once stopped the finder."""
    sane(text, redact(text))


TOKENS = ["Ta", "Strathtay", "Hope", "May", "said", "his", "he", "the", "at", "in", "Mr", "Dr.", "St", "Flat", "2/1",
          "12", "G4", "OAB", "eh6", "(", ")", ",", ".", "\n", "@", "@ jimmy", "'s", "-", "and", "MacLeod", "Mac",
          "a'", "Tigh", "na", "Mara", "Road", "07700", "900123", "postcode", "is", "was", "who", "ward", "Co-op",
          "علي", "Анна", "ó", "Mhàiri", "😊", "DOB", "3/4/85", "works", "School", "Primary", "lives"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=12), st.sampled_from(["", " ", "  "]))
def test_any_run_of_tricky_words_gives_a_sane_result(words, gap):
    text = (gap or " ").join(words) if gap else "".join(words)
    sane(text, redact(text))
