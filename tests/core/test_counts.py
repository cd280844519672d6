"""One way of saying counts: points, summaries and comments, each in the singular or plural as it should be."""

from __future__ import annotations

import pytest

from cafe_desk.core.counts import Counts, VoteCounts, counted, label, shown_of, what
from cafe_desk.core.model import Note


@pytest.mark.parametrize(("n", "word", "said"), [
    (0, "point", "0 points"), (1, "point", "1 point"), (2, "point", "2 points"), (1, "summary", "1 summary"),
    (3, "summary", "3 summaries"), (1, "comment", "1 comment"), (12, "comment", "12 comments"),
    (1, "item", "1 item"), (2400, "item", "2,400 items"),
])
def test_singular_and_plural(n, word, said):
    assert counted(n, word) == said


def test_a_filtered_list_says_how_many_it_shows_only_when_it_hides_some():
    assert shown_of(12, 12) == "12 points"
    assert shown_of(11, 12) == "11 of 12 points shown"
    assert shown_of(0, 1) == "0 of 1 point shown"
    assert shown_of(1, 1) == "1 point"


def test_each_note_is_one_of_three_and_paper_cards_are_comments():
    assert [what(s, k) for s, k in (("note-taker", "point"), ("note-taker", "summary"), ("participant", "point"),
                                     ("paper", "point"))] == ["point", "summary", "comment", "comment"]
    assert label("note-taker", "point") == "Point" and label("note-taker", "summary") == "Summary"
    assert label("participant", "point") == "Comment" and label("paper", "point") == "Paper comment"


def test_phrase_names_points_and_comments_always_and_summaries_when_there_are_some():
    notes = [Note(str(i), "c", None, None, "x", source=s, kind=k) for i, (s, k) in enumerate(
        [("note-taker", "point")] * 12 + [("participant", "point")] * 3)]
    assert Counts.of_notes(notes).phrase() == "12 points, 3 comments"
    assert Counts(1, 1, 1).phrase() == "1 point, 1 summary, 1 comment"
    assert Counts(0, 0, 0).phrase() == "0 points, 0 comments"
    assert Counts(0, 0, 2).phrase(always=()) == "2 comments"
    assert Counts(1, 2, 0).phrase(always=()) == "1 point, 2 summaries"
    assert Counts(3, 2, 1).total == 6 and Counts(3, 2, 1).as_dict() == {"points": 3, "summaries": 2, "comments": 1}


@pytest.mark.parametrize(("method", "votes", "said"), [
    ("dots", {"method": "dots", "phone_ballots": 3, "outcomes": [{"paper": {"0": 5}}, {"paper": {"0": 4}}]},
     "votes: 3 phone ballots and 9 dots on paper"),
    ("ranking", {"method": "ranking", "phone_ballots": 1, "outcomes": [{"paper": {"1": 2, "2": 1}}]},
     "votes: 1 phone ballot and 3 ranked choices on paper"),
    ("agreement", {"method": "agreement", "phone_ballots": 0, "outcomes": [{"paper": {"4": 1}, "phone": {}}]},
     "votes: 1 agreement score on paper"),
    ("dots", {"method": "dots", "phone_ballots": 2, "outcomes": [{"paper": {}, "phone": {"0": 6}}]},
     "votes: 2 phone ballots"),
    ("dots", {"method": "dots", "phone_ballots": 0, "outcomes": [{"paper": {}, "phone": {}}]}, "no votes"),
    ("ranking", {}, "no votes"),
])
def test_votes_are_said_in_words_true_for_each_vote_method(method, votes, said):
    assert VoteCounts.of_bundle(votes, method).phrase() == said


def test_paper_votes_split_by_group_are_not_counted_twice():
    votes = {"method": "dots", "phone_ballots": 0, "outcomes": [{"id": "o", "paper": {"0": 9}, "phone": {}}],
             "by_group": [{"group": "Carers", "voters": 5, "outcomes": [{"id": "o", "paper": {"0": 6}}]}]}
    assert VoteCounts.of_bundle(votes, "dots").phrase() == "votes: 9 dots on paper"
