"""The risk finder: each kind found in the ways people write it, the lookalikes that talk *about* the subject left
alone, the words shown as they were written, and no text that can make it fail.

These examples are written here, apart from the labelled sets the finder was tuned and trained on."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cafe_desk.core.model import Note
from cafe_desk.core.risk_words import read, tokens
from cafe_desk.core.safeguarding import KIND_LABELS, RiskFinder, held_back, kind_label


@pytest.fixture(scope="module")
def finder():
    return RiskFinder.default()


@pytest.fixture(scope="module")
def rules_only():
    return RiskFinder(model=None)


RISK = {
    "suicide": [
        "Honestly I've been thinking about ending my life most nights",
        "im done with it all tbh, cant keep going like this",
        "Everyone would be better off without me, I'm only a weight on them",
        "I've been putting my sleeping tablets aside in a drawer, I know when I'll use them",
        "Tha mi airson bàsachadh",
        "i just want to go to sleep and not wake up",
        "Wrote letters to my kids last night. Sorted my affairs. Nearly time.",
    ],
    "self_harm": [
        "I started cutting again last week, only my thighs so nobody sees",
        "my pal keeps hurting herself and hides it with long sleeves",
        "Burnt my arm on purpose with a lighter again yesterday",
    ],
    "harmed": [
        "I'm scared to go home tonight, he hits me when he's had a drink",
        "My carer takes my pension every week and won't let me see my bank card",
        "He checks my phone and won't let me out without him",
    ],
    "child": [
        "My daughter is 12 and says her stepdad hits her when mum's out",
        "the wee one hides under the bed when her dad comes home drunk",
        "My son (14) has been cutting himself and says he wants to die",
    ],
}

ORDINARY = [
    "Carers not told about discharge",  # a service complaint, nothing more
    "The suicide prevention training for our volunteers was excellent",
    "We had a self-harm awareness session at the school last term",
    "I lost my uncle to suicide twenty years ago; now I help run a peer group",
    "Overdose prevention work and naloxone kits save lives in our area",
    "This waiting list is killing me, honestly",
    "Domestic abuse services need far more funding",
    "Child protection training should be offered to every café host",
    "I cut my finger chopping onions for the soup, nothing a plaster won't fix",
    "Ten years ago I was in a very dark place. Now I'm doing well and I volunteer.",
    "I'm dying for a cup of tea after that session",
]


@pytest.mark.parametrize(("kind", "text"), [(k, t) for k, texts in RISK.items() for t in texts])
def test_each_kind_is_found_in_the_ways_people_write_it(finder, kind, text):
    found = finder.check(text)
    assert found is not None, text
    assert found.kind == kind, (text, found)
    assert found.label == KIND_LABELS[kind]


@pytest.mark.parametrize("text", ORDINARY)
def test_talk_about_the_subject_is_not_flagged(finder, text):
    assert finder.check(text) is None, (text, finder.check(text))


def test_the_kinds_say_what_the_facilitator_is_reading():
    assert kind_label("suicide") == "May be thinking of ending their life"
    assert kind_label("self_harm") == "May be harming themselves"
    assert kind_label("harmed") == "May be being harmed by someone"
    assert kind_label("child") == "A child may be at risk"
    assert kind_label("risk") == "May need support"  # flagged by an earlier version: the kind is not known
    assert kind_label("") == ""


def test_words_are_shown_as_they_were_written(finder):
    found = finder.check("Honestly I WANT TO DIE some days")
    assert (found.kind, found.words) == ("suicide", "WANT TO DIE")
    assert finder.check("I keep thinking about Ending My Life").words == "Ending My Life"


def test_every_form_of_a_phrase_reads_the_same():
    assert tokens("ending my life") == tokens("ended ma life") == tokens("end my life")
    assert tokens("self harming") == tokens("self-harming") == tokens("selfharming")
    assert tokens("I'm cuttin masel") == tokens("im cutting myself")
    assert tokens("cannae go on") == tokens("can't go on") == tokens("cant go on")
    assert tokens("bàsachadh") == tokens("basachadh")


def test_a_negation_or_the_past_lowers_a_match_rather_than_hiding_the_rest(finder, rules_only):
    assert rules_only.check("I want to end my life").score == 4.0
    assert rules_only.check("I would never end my life, I have my kids") is None
    lowered = rules_only.check("Years ago I tried to end my life. I run a peer group now.")
    assert lowered.score == 2.0, "the past lowers the phrase's score (3.5 + 0.5 for 'I', - 2 for 'years ago')"
    assert finder.check("Years ago I tried to end my life. I run a peer group now.") is None, \
        "a lowered phrase flags only if the model also reads risk in the text"
    # talk about the subject lowers that sentence only: what comes after it still counts
    text = "The suicide prevention training was good. Since then I've been thinking about ending my life."
    assert finder.check(text).kind == "suicide"


def test_stems_keep_the_spans_of_the_original_text():
    words, spans = read("Ah'm feart tae gang hame")
    assert words[:2] == ["i", "be"]
    assert all("Ah'm feart tae gang hame"[a:b] for a, b in spans)


def test_an_item_held_back_at_export_is_a_participants_flagged_words_not_yet_followed_up():
    comment = Note("n1", "c", None, None, "x", source="participant", flag="suicide")
    assert held_back(comment)
    assert held_back(Note("n2", "c", None, None, "x", source="paper", flag="harmed"))
    assert not held_back(Note("n3", "c", None, None, "x", source="note-taker", flag="suicide"))
    assert not held_back(Note("n4", "c", None, None, "x", source="participant", flag="suicide", followed_up=True))
    assert not held_back(Note("n5", "c", None, None, "x", source="participant"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_no_text_makes_the_finder_fail(text):
    finder = RiskFinder.default()
    found = finder.check(text)
    assert found is None or (found.kind in KIND_LABELS and found.words in text)


def test_very_long_text_is_checked_without_trouble(finder):
    text = "The bus was late again and the café was warm. " * 400 + "I want to end my life."
    assert finder.check(text).kind == "suicide"


@pytest.mark.parametrize("text", [
    "I want to k\u200bill my\u200bself",  # zero-width spaces inside words
    "I want to kill\nmyself",  # a line break inside a phrase
    "i want to k-i-l-l m-y-s-e-l-f",  # letters spelled out
    "I want to kill\u00admyself".replace("\u00ad", "\u00ad "),  # a soft hyphen
])
def test_hidden_or_spelled_out_words_are_read_as_words(finder, text):
    assert finder.check(text).kind == "suicide"


@pytest.mark.parametrize("text", ["I", "me", "he he he", "He is my rock", "My GP said he would call me back"])
def test_a_word_or_two_is_never_flagged_by_the_model_alone(finder, text):
    assert finder.check(text) is None


@pytest.mark.parametrize(("text", "kind"), [
    ("I want to end my life, my kids would be better off without me", "suicide"),
    ("I cut myself again last night after the kids went to bed", "self_harm"),
    ("I think he will kill me", "harmed"),
])
def test_the_writer_at_risk_is_not_read_as_a_child_at_risk(finder, text, kind):
    assert finder.check(text).kind == kind



@pytest.mark.parametrize("text", ["I want to kill\u200bmyself", "end\u200bmy\u200blife please"])
def test_a_zero_width_space_in_place_of_a_space_is_read_as_one(finder, text):
    assert finder.check(text).kind == "suicide"


@pytest.mark.parametrize("text", ["I don't want to live in this town any more", "I can't go on the bus alone",
                                  "I feel like a burden on the NHS sometimes"])
def test_everyday_sentences_that_share_the_words(finder, text):
    assert finder.check(text) is None


@pytest.mark.parametrize("text", [
    "Peer support group at the library kept me going. Sometimes I feel like I can't go on though.",
    "Group was good tonight. honestly i dont want to be here anymore",
])
def test_good_news_in_one_sentence_does_not_hide_risk_in_the_next(finder, text):
    assert finder.check(text) is not None and finder.check(text).kind == "suicide"


@pytest.mark.parametrize("text", [
    "Peer support group at the library kept me going. The meeting can't go on past nine though.",
    "The group kept me going. The film can't go on past nine, the hall shuts.",
])
def test_a_sentence_read_alone_still_needs_words_that_suggest_risk(finder, text):
    assert finder.check(text) is None
