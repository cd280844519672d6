"""Paper comment cards typed in at the laptop, through the comments service on a real data file: the same rules, risk
finder and moderation as a comment from a phone, the card's table, and the café's counts."""

from __future__ import annotations

import sqlite3

import pytest

from cafe_desk.core.errors import ValidationError
from cafe_desk.core.participant_words import COMMENT_LIMIT
from cafe_desk.services.comments import PAPER_CLOSED, PAPER_NO_CONSENT, CafeEnded, clean_comment
from tests.conftest import exactly


def test_a_card_is_a_comment_with_source_paper_and_its_table(services, cafe, db_path):
    table = services.planning.items(cafe.id, "table")[2]
    outcome = services.planning.items(cafe.id, "outcome")[0]
    note, changes = services.comments.add_paper(cafe.id, "  Buses after six, please\r\n", consent=True,
                                                table_id=table.id, outcome_id=outcome.id)
    assert changes.notes
    assert (note.source, note.text, note.table_id, note.round_id, note.outcome_ids, note.consent, note.group_id) == (
        "paper", "Buses after six, please", table.id, None, (outcome.id,), True, None)
    assert services.notes.get(note.id) == note
    with sqlite3.connect(db_path) as conn:  # the row itself, read over a connection of the test's own
        assert conn.execute("SELECT source, consent FROM note WHERE id = ?", [note.id]).fetchall() == [("paper", 1)]


def test_cards_and_phone_comments_are_listed_together_in_the_order_they_came(services, cafe):
    first, _ = services.comments.submit(cafe.id, "From a phone", consent=True)
    card, _ = services.comments.add_paper(cafe.id, "From a card", consent=True)
    last, _ = services.comments.submit(cafe.id, "From a phone again", consent=True)
    assert [n.id for n in services.comments.comments(cafe.id)] == [first.id, card.id, last.id]
    with services.store.transaction():  # all three in the same millisecond: still the order they came in
        services.store.conn.execute("UPDATE note SET created_at = ? WHERE cafe_id = ?", [first.created_at, cafe.id])
    assert [n.id for n in services.comments.comments(cafe.id)] == [first.id, card.id, last.id]
    assert card not in services.notes.list(cafe.id, table_id=services.planning.items(cafe.id, "table")[0].id)


def test_a_card_is_counted_as_a_comment_and_moderated_like_one(services, cafe):
    card, _ = services.comments.add_paper(cafe.id, "I want to die some days", consent=True)
    services.comments.add_paper(cafe.id, "Warm room, kind people", consent=True)
    services.comments.submit(cafe.id, "From a phone", consent=True)
    services.comments.set_hidden(card.id, True)
    status = services.cafes.status(cafe.id)
    assert (status["comments"], status["notes"]["paper"], status["hidden"], status["flagged"]) == (3, 2, 1, 1)
    assert services.safeguarding.counts(cafe.id) == {"Comments": 1, "Notes": 0}
    services.comments.set_hidden(card.id, False)
    services.comments.set_pinned(card.id, True)
    assert services.comments.pinned(cafe.id).id == card.id


def test_the_risk_finder_reads_a_card_as_it_reads_a_phone_comment(services, cafe):
    words = "Honestly I WANT TO DIE some days"
    phone, _ = services.comments.submit(cafe.id, words, consent=True)
    card, _ = services.comments.add_paper(cafe.id, words, consent=True)
    assert (card.flag, card.flag_words, card.hidden) == (phone.flag, phone.flag_words, False) == (
        "suicide", "WANT TO DIE", False)
    assert [n.id for n in services.safeguarding.needs_care(cafe.id)] == [phone.id, card.id]


def test_a_card_without_consent_is_not_kept(services, cafe):
    with pytest.raises(ValidationError, match=exactly(PAPER_NO_CONSENT)):
        services.comments.add_paper(cafe.id, "Fine words", consent=False)
    assert services.comments.comments(cafe.id) == []


@pytest.mark.parametrize("text", ["", "  \n ", "x" * 5000, "x" * (5 * 1024 * 1024)])
def test_empty_and_long_cards_get_the_phone_pages_message(services, cafe, text):
    with pytest.raises(ValidationError) as refused:
        clean_comment(text)
    with pytest.raises(ValidationError, match=exactly(str(refused.value))):
        services.comments.add_paper(cafe.id, text, consent=True)
    assert "\n" not in str(refused.value)
    assert services.comments.comments(cafe.id) == []


@pytest.mark.parametrize("text", ["Thank you 🙏🏽 — the tea was 👍", "شكراً لكم على الاستماع",
                                  "שלום, thank you for listening", "é" * COMMENT_LIMIT])
def test_emoji_right_to_left_and_the_full_limit_are_kept_whole(services, cafe, text):
    note, _ = services.comments.add_paper(cafe.id, text, consent=True)
    assert services.notes.get(note.id).text == text


def test_a_closed_cafe_takes_no_cards(services, cafe):
    services.cafes.close(cafe.id)
    with pytest.raises(CafeEnded, match=exactly(PAPER_CLOSED)):
        services.comments.add_paper(cafe.id, "Late card", consent=True)
    assert services.comments.comments(cafe.id) == []


def test_choices_that_are_not_the_cafes_are_left_out(services, cafe):
    note, _ = services.comments.add_paper(cafe.id, "Hi", consent=True, table_id="nope", round_id="nope",
                                          outcome_id="nope")
    assert (note.table_id, note.round_id, note.outcome_ids) == (None, None, ())


def test_taking_a_card_back_and_putting_it_back(services, cafe):
    """What the undo step does: the card goes, then comes back exactly as it was."""
    card, _ = services.comments.add_paper(cafe.id, "I keep getting passed between services", consent=True)
    services.notes.delete(card.id)
    assert services.comments.comments(cafe.id) == []
    services.notes.restore(card)
    assert services.comments.comments(cafe.id) == [card]
