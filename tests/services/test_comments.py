"""Participants' comments and table hosts' points through the service, on a real data file: rules and messages."""

from __future__ import annotations

import csv
import io

import pytest

from cafe_desk.core.errors import ReadOnlyError, ValidationError
from cafe_desk.services.comments import CafeEnded
from tests.conftest import exactly, mental_health_plan


def test_submit_stores_consent_choices_and_no_table(services, cafe):
    rnd = services.planning.items(cafe.id, "round")[1]
    group = services.planning.items(cafe.id, "group")[0]
    note, changes = services.comments.submit(cafe.id, "  Listen to us \r\n", consent=True, round_id=rnd.id,
                                             group_id=group.id)
    assert changes.notes
    assert (note.text, note.table_id, note.round_id, note.group_id, note.consent, note.source) == (
        "Listen to us", None, rnd.id, group.id, True, "participant")
    assert services.comments.comments(cafe.id) == [note]


def test_unknown_choices_are_dropped_not_stored(services, cafe):
    note, _ = services.comments.submit(cafe.id, "Hi", consent=True, round_id="nope", outcome_id="nope",
                                       group_id="nope")
    assert (note.round_id, note.outcome_ids, note.group_id) == (None, (), None)


@pytest.mark.parametrize(("text", "consent", "message"), [
    ("", True, "Please write your comment in the box before sending it."),
    ("\x00 \n", True, "Please write your comment in the box before sending it."),
    ("x" * 1001, True, "Your comment is 1,001 characters long; the limit is 1,000. Please shorten it a little — "
                       "what you wrote is still in the box."),
    ("Fine words", False, "Please tick the box to say your comment can be used, without your name, in the report."),
])
def test_refused_comments_have_one_clear_message(services, cafe, text, consent, message):
    with pytest.raises(ValidationError, match=exactly(message)):
        services.comments.submit(cafe.id, text, consent=consent)
    assert services.comments.comments(cafe.id) == []


def test_exactly_the_limit_is_fine(services, cafe):
    assert len(services.comments.submit(cafe.id, "é" * 1000, consent=True)[0].text) == 1000


def test_risk_words_flag_but_never_hide(services, cafe):
    flagged, _ = services.comments.submit(cafe.id, "Honestly I WANT TO DIE some days", consent=True)
    plain, _ = services.comments.submit(cafe.id, "Please send it to the council", consent=True)
    assert (flagged.flag, flagged.flag_words, flagged.hidden) == ("suicide", "WANT TO DIE", False)
    assert plain.flag == ""


def test_an_ended_cafe_takes_no_comments(services, cafe):
    services.cafes.close(cafe.id)
    with pytest.raises(CafeEnded, match=exactly("This café has ended. Thank you for taking part.")):
        services.comments.submit(cafe.id, "Late", consent=True)
    table = services.planning.items(cafe.id, "table")[0]
    with pytest.raises(CafeEnded):
        services.comments.host_add(table.id, None, "Late")


def test_host_add_is_a_note_takers_point_for_the_table(services, cafe):
    table = services.planning.items(cafe.id, "table")[1]
    rnd = services.planning.items(cafe.id, "round")[0]
    note, _ = services.comments.host_add(table.id, rnd.id, "Transport matters")
    assert (note.table_id, note.round_id, note.source, note.consent) == (table.id, rnd.id, "note-taker", False)
    assert services.notes.list(cafe.id, table.id, rnd.id) == [note]
    with pytest.raises(ValidationError, match=exactly("This table is no longer in the café's plan.")):
        services.comments.host_add("gone", rnd.id, "x")


def test_hide_pin_and_the_audit_log(services, cafe):
    a, _ = services.comments.submit(cafe.id, "First", consent=True)
    b, _ = services.comments.submit(cafe.id, "Second", consent=True)
    services.comments.set_pinned(a.id, True)
    services.comments.set_pinned(b.id, True)
    assert services.comments.pinned(cafe.id).id == b.id
    services.comments.set_hidden(b.id, True)
    assert services.comments.pinned(cafe.id) is None
    with pytest.raises(ValidationError, match=exactly("A hidden comment can't go on the projector; unhide it first.")):
        services.comments.set_pinned(b.id, True)
    assert not services.comments.set_hidden(b.id, True)  # no change, nothing logged
    rows = list(csv.reader(io.StringIO(services.comments.audit_csv(cafe.id))))
    assert rows[0] == ["when (UTC)", "action", "what", "id", "detail"]
    assert [(r[1], r[3]) for r in rows if r[2] == "comment"] == [("pin", a.id), ("unpin", a.id), ("pin", b.id),
                                                                ("hide", b.id)]
    assert "Second" not in services.comments.audit_csv(cafe.id)
    with pytest.raises(ValidationError, match=exactly("That comment is no longer here.")):
        services.comments.set_hidden("gone", True)
    services.cafes.close(cafe.id)
    with pytest.raises(ReadOnlyError):
        services.comments.set_hidden(a.id, True)


def test_status_counts_comments_hidden_flagged_and_phone_ballots(services, cafe):
    services.comments.submit(cafe.id, "More peer support in the evenings", consent=True)
    worrying, _ = services.comments.submit(cafe.id, "Some days I can't go on", consent=True)
    shown, _ = services.comments.submit(cafe.id, "Shorter waiting lists", consent=True)
    services.comments.set_hidden(shown.id, True)
    outcome = services.planning.items(cafe.id, "outcome")[0]
    services.channel.set_voting_open(cafe.id, True)
    services.ballots.cast(cafe.id, "phone-1", {outcome.id: 2})
    services.votes.set_tally(cafe.id, outcome.id, 4)
    status = services.cafes.status(cafe.id)
    assert (status["comments"], status["hidden"], status["flagged"], status["needs_care"]) == (3, 1, 1, 1)
    assert (status["paper_votes"], status["phone_ballots"], status["votes"]) == (4, 1, 5)
    assert worrying.flag == "suicide"


# --- which comments the facilitator has seen ----------------------------------------------------------------------

def test_comments_count_as_new_until_the_facilitator_has_looked(services, cafe):
    assert services.comments.unseen(cafe.id) == 0
    services.comments.submit(cafe.id, "More buses please", consent=True)
    services.comments.submit(cafe.id, "Longer opening hours", consent=True)
    services.notes.add(cafe.id, services.planning.items(cafe.id, "table")[0].id, None, "A table's point")
    assert services.comments.unseen(cafe.id) == 2, "a note-taker's point is not a comment"
    services.comments.mark_seen(cafe.id)
    assert services.comments.unseen(cafe.id) == 0
    services.comments.submit(cafe.id, "A warm room", consent=True)
    assert services.comments.unseen(cafe.id) == 1
    other = services.planning.create(mental_health_plan(services, date="2026-04-01"))[0]
    services.comments.submit(other.id, "Elsewhere", consent=True)
    assert (services.comments.unseen(cafe.id), services.comments.unseen(other.id)) == (1, 1), "each café its own"


def test_what_was_seen_goes_with_the_cafe_when_it_is_deleted(services, store, cafe):
    services.comments.submit(cafe.id, "More buses please", consent=True)
    services.comments.mark_seen(cafe.id)
    assert store.comments_seen_at(cafe.id)
    with store.transaction():
        store.erase_cafe(cafe.id)
    assert store.comments_seen_at(cafe.id) == ""
    assert store.conn.execute("SELECT count(*) FROM app_state WHERE key LIKE ?", [f"%{cafe.id}%"]).fetchone() == (0,)


def test_control_characters_and_terminal_escapes_from_a_phone_are_dropped(services, cafe):
    services.running.start(cafe.id)
    note, _ = services.comments.submit(cafe.id, "Hope \x00\x01\x1b[31m Mac\x00Donald said hi\r\nand\tbye\x07",
                                       consent=True)
    assert note.text == "Hope  MacDonald said hi\nand\tbye"
    assert services.notes.get(note.id).text == note.text
