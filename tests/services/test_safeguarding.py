"""Safeguarding on the laptop: every written route is checked, items that need care are counted by page, a follow-up
is recorded (who, when, a note) in the audit log and can be taken back, and the café's safeguarding lead is kept."""

from __future__ import annotations

import json

import pytest

from cafe_desk.core.errors import ReadOnlyError, ValidationError
from tests.conftest import exactly

RISKY = "Some days I just want to go to sleep and not wake up"
ORDINARY = "More evening drop-ins would help a lot"


def place(services, cafe):
    table = services.planning.items(cafe.id, "table")[0]
    rnd = services.planning.items(cafe.id, "round")[0]
    return table, rnd


def test_every_route_that_writes_words_is_checked(services, cafe):
    table, rnd = place(services, cafe)
    comment, _ = services.comments.submit(cafe.id, RISKY, consent=True)
    host, _ = services.comments.host_add(table.id, rnd.id, "P says her partner takes her bank card and hits her")
    point, _ = services.notes.add(cafe.id, table.id, rnd.id, "Told us he has been cutting again this week")
    summary, _ = services.notes.set_summary(cafe.id, table.id, rnd.id, "One man said his wee boy (8) is scared to "
                                            "go home to his dad")
    plain, _ = services.notes.add(cafe.id, table.id, rnd.id, ORDINARY)
    assert [(n.flag, n.source) for n in (comment, host, point, summary)] == [
        ("suicide", "participant"), ("harmed", "note-taker"), ("self_harm", "note-taker"), ("child", "note-taker")]
    assert (plain.flag, plain.flag_words) == ("", "")
    assert services.safeguarding.counts(cafe.id) == {"Comments": 1, "Notes": 3}
    assert not any(n.hidden for n in (comment, host, point, summary)), "a flag never hides anything"


def test_an_edit_checks_the_words_again(services, cafe):
    table, rnd = place(services, cafe)
    note, _ = services.notes.add(cafe.id, table.id, rnd.id, ORDINARY)
    _before, after, _ = services.notes.update(note.id, text="Honestly I can't go on like this any more")
    assert after.flag == "suicide" and services.notes.get(note.id).flag == "suicide"
    _before, after, _ = services.notes.update(note.id, text=ORDINARY)
    assert (after.flag, after.flag_words) == ("", ""), "a typo that raised a flag can be corrected"


def test_a_follow_up_clears_the_count_is_audited_and_can_be_taken_back(services, cafe):
    comment, _ = services.comments.submit(cafe.id, RISKY, consent=True)
    changes = services.safeguarding.follow_up(comment.id, "  J B ", "Spoke with them at the break")
    assert changes.notes
    followup = services.safeguarding.followup(comment.id)
    assert (followup.by, followup.note) == ("J B", "Spoke with them at the break")
    assert services.safeguarding.counts(cafe.id) == {"Comments": 0, "Notes": 0}
    assert services.comments.comments(cafe.id)[0].followed_up
    audit = [e for e in services.store.audit_entries(cafe.id) if e["action"] == "followed up"]
    assert len(audit) == 1 and json.loads(audit[0]["detail"]) == {"by": "J B", "note": "Spoke with them at the break"}

    services.safeguarding.undo_follow_up(comment.id)
    assert services.safeguarding.followup(comment.id) is None
    assert services.safeguarding.counts(cafe.id)["Comments"] == 1
    assert services.safeguarding.needs_care(cafe.id)[0].id == comment.id


def test_a_follow_up_says_plainly_what_it_needs(services, cafe):
    comment, _ = services.comments.submit(cafe.id, RISKY, consent=True)
    plain, _ = services.comments.submit(cafe.id, ORDINARY, consent=True)
    care = services.safeguarding
    with pytest.raises(ValidationError, match=exactly("Please type your initials or name, so others know who "
                                                      "followed this up.")):
        care.follow_up(comment.id, "   ")
    with pytest.raises(ValidationError, match=exactly("Initials or a name, please (60 characters at most).")):
        care.follow_up(comment.id, "x" * 61)
    with pytest.raises(ValidationError, match=exactly("Please keep the note short (501 characters; 500 at most).")):
        care.follow_up(comment.id, "JB", "n" * 501)
    with pytest.raises(ValidationError, match=exactly("That item isn't flagged, so there is nothing to follow up.")):
        care.follow_up(plain.id, "JB")
    with pytest.raises(ValidationError, match=exactly("That item is no longer here.")):
        care.follow_up("no-such-note", "JB")
    assert care.followup(comment.id) is None, "nothing was written"


def test_a_closed_cafe_can_still_be_followed_up(services, cafe):
    comment, _ = services.comments.submit(cafe.id, RISKY, consent=True)
    services.cafes.close(cafe.id)
    services.safeguarding.follow_up(comment.id, "JB")
    assert services.safeguarding.counts(cafe.id)["Comments"] == 0


def test_the_safeguarding_lead_is_kept_per_cafe(services, cafe):
    care = services.safeguarding
    assert care.lead(cafe.id) == ""
    assert care.set_lead(cafe.id, "  Jo,  our lead, 0131 496 0000 ").plan
    assert care.lead(cafe.id) == "Jo, our lead, 0131 496 0000"
    assert not care.set_lead(cafe.id, "Jo, our lead, 0131 496 0000"), "no change, nothing written"
    with pytest.raises(ValidationError, match="300 characters at most"):
        care.set_lead(cafe.id, "x" * 301)
    services.cafes.close(cafe.id)
    with pytest.raises(ReadOnlyError):
        care.set_lead(cafe.id, "someone else")
    assert care.lead(cafe.id) == "Jo, our lead, 0131 496 0000"


def test_an_edit_after_a_follow_up_needs_care_again(services, cafe):
    table, rnd = place(services, cafe)
    note, _ = services.notes.add(cafe.id, table.id, rnd.id, "I want to kill myself tonight")
    services.safeguarding.follow_up(note.id, "AB", "Talked at the break")
    assert services.safeguarding.counts(cafe.id)["Notes"] == 0
    _before, after, _ = services.notes.update(note.id, text="My partner hits me and my kid every night")
    assert (after.flag, after.followed_up) == ("harmed", False)
    assert services.safeguarding.followup(note.id) is None
    assert services.safeguarding.counts(cafe.id)["Notes"] == 1, "new words need a person's eyes again"
    actions = [e["action"] for e in services.store.audit_entries(cafe.id)]
    assert "follow-up cleared by an edit" in actions


def test_invisible_initials_are_no_initials(services, cafe):
    comment, _ = services.comments.submit(cafe.id, RISKY, consent=True)
    for invisible in ("\u200b\u200b", "\x00", " \u2060 "):
        with pytest.raises(ValidationError, match="Please type your initials or name"):
            services.safeguarding.follow_up(comment.id, invisible)
    services.safeguarding.follow_up(comment.id, "J\u200bB", "note\x00 here")
    assert (services.safeguarding.followup(comment.id).by, services.safeguarding.followup(comment.id).note) == \
        ("JB", "note here")
    services.safeguarding.set_lead(cafe.id, "\u200b")
    assert services.safeguarding.lead(cafe.id) == ""
