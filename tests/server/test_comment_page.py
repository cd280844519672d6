"""The participant comment page on a real server on 127.0.0.1: sending, refusing kindly, keeping the text, and what
ends up in the data file (checked through the services)."""

from __future__ import annotations

import sqlite3

import pytest

from tests.server.conftest import alert, client_for, form_token, path_of, textarea

CONSENT_MESSAGE = "Please tick the box to say your comment can be used, without your name, in the report."
EMPTY_MESSAGE = "Please write your comment in the box before sending it."


def send(phone, live, text, *, consent=True, **fields):
    page = phone.get(path_of(live, live.cafe_url))
    data = {"csrf": form_token(page), "comment": text, **fields}
    if consent:
        data["consent"] = "yes"
    return phone.post(path_of(live, live.cafe_url) + "/comment", data=data)


def test_comment_page_shows_the_question_the_limit_and_support(phone, live, services, cafe):
    page = phone.get(path_of(live, live.cafe_url))
    assert page.status_code == 200
    question = services.running.state(cafe.id).round.prompt
    assert question in page.text
    assert cafe.title in page.text
    assert "Up to 1,000 characters" in page.text
    assert '<label for="consent">My comment can be used, without my name, in the report</label>' in page.text
    assert '<option value="">Not sure / general</option>' in page.text
    assert '<option value="">Prefer not to say</option>' in page.text
    assert "If you need to talk to someone now:" in page.text
    assert '<a href="tel:0800838587">' in page.text and '<a href="tel:116123">' in page.text
    assert f'href="{path_of(live, live.vote_url)}"' not in page.text  # voting hasn't opened yet
    assert "Voting opens later: the facilitator will say when." in page.text
    assert phone.head(path_of(live, live.cafe_url)).status_code == 200


def test_a_comment_is_stored_then_thanked(phone, live, services, cafe, events):
    outcome = services.planning.items(cafe.id, "outcome")[1]
    group = services.planning.items(cafe.id, "group")[0]
    reply = send(phone, live, "  More peer workers, please  ", about=f"o:{outcome.id}", group=group.id)
    assert reply.status_code == 303
    assert reply.headers["location"] == path_of(live, live.cafe_url) + "/thanks"
    [note] = services.comments.comments(cafe.id)
    assert (note.text, note.consent, note.outcome_ids, note.group_id, note.source) == (
        "More peer workers, please", True, (outcome.id,), group.id, "participant")
    assert events.seen == [("comment", {"cafe_id": cafe.id, "note_id": note.id, "flag": ""})]
    thanks = phone.get(reply.headers["location"])
    assert "Thank you — your comment has been added." in thanks.text
    assert f'href="{path_of(live, live.cafe_url)}">Add another comment</a>' in thanks.text
    assert "More peer workers" not in thanks.text  # no page shows what participants sent


def test_a_comment_about_a_question(phone, live, services, cafe):
    rnd = services.planning.items(cafe.id, "round")[2]
    assert send(phone, live, "Round three thought", about=f"r:{rnd.id}").status_code == 303
    assert services.comments.comments(cafe.id)[0].round_id == rnd.id


def test_consent_is_needed_and_the_text_and_choices_are_kept(phone, live, services, cafe):
    group = services.planning.items(cafe.id, "group")[2]
    reply = send(phone, live, "Keep this text", consent=False, group=group.id)
    assert reply.status_code == 400
    assert alert(reply) == CONSENT_MESSAGE
    assert 'href="#consent"' in reply.text
    assert textarea(reply, "comment") == "Keep this text"
    assert f'<option value="{group.id}" selected>' in reply.text
    assert services.comments.comments(cafe.id) == []


def test_an_empty_comment_is_refused(phone, live, services, cafe):
    reply = send(phone, live, "   \n ")
    assert reply.status_code == 400
    assert alert(reply) == EMPTY_MESSAGE
    assert 'href="#comment"' in reply.text and 'aria-invalid="true"' in reply.text
    assert services.comments.comments(cafe.id) == []


def test_an_over_long_comment_keeps_the_text(phone, live, services, cafe):
    text = "word " * 200 + "end"  # 1,003 characters
    reply = send(phone, live, text)
    assert reply.status_code == 400
    assert alert(reply) == ("Your comment is 1,003 characters long; the limit is 1,000. Please shorten it a "
                            "little — what you wrote is still in the box.")
    assert textarea(reply, "comment") == text
    assert services.comments.comments(cafe.id) == []


def test_script_in_a_comment_is_escaped_when_shown_again(phone, live, services, cafe):
    reply = send(phone, live, '<script>alert("x")</script> & more', consent=False)
    assert reply.status_code == 400
    assert "<script>" not in reply.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more" in reply.text
    assert textarea(reply, "comment") == '<script>alert("x")</script> & more'


def test_words_that_suggest_risk_are_flagged_not_hidden(phone, live, services, cafe, events):
    assert send(phone, live, "Some days I can’t go on like this").status_code == 303
    [note] = services.comments.comments(cafe.id)
    assert (note.flag, note.hidden) == ("suicide", False)
    assert events.seen == [("comment", {"cafe_id": cafe.id, "note_id": note.id, "flag": "suicide"})]


def test_a_failing_listener_does_not_lose_the_comment(db_path, cafe, services, caplog):
    from cafe_desk.server.runner import ParticipantServer
    from cafe_desk.services import Services

    def broken(kind, data):
        raise RuntimeError("listener broke")

    server = ParticipantServer(Services.opener_for(db_path), cafe.id, on_event=broken)
    server.start()
    try:
        with client_for(server) as phone:
            assert send(phone, server, "Still stored").status_code == 303
    finally:
        server.stop()
    assert [n.text for n in services.comments.comments(cafe.id)] == ["Still stored"]
    assert "The app could not be told about a new comment" in caplog.text


@pytest.mark.parametrize("text", [
    "שלום, هذا تعليق — right to left",
    "e\u0301\u0301\u0301 combining Z\u0336\u0335a\u0337lgo",
    "😀" * 1000,
    "👩‍👩‍👧‍👦 family and 🏳️‍🌈 flags",
    "tab\tand\nnew lines",
])
def test_unusual_text_is_stored_faithfully(phone, live, services, cafe, text):
    assert send(phone, live, text).status_code == 303
    assert services.comments.comments(cafe.id)[0].text == text


def test_nul_bytes_are_dropped(phone, live, services, cafe):
    assert send(phone, live, "before\x00after").status_code == 303
    assert services.comments.comments(cafe.id)[0].text == "beforeafter"


def test_thousands_of_emoji_are_refused_with_the_text_kept(phone, live, services, cafe):
    reply = send(phone, live, "😀" * 1001)
    assert reply.status_code == 400
    assert alert(reply).startswith("Your comment is 1,001 characters long; the limit is 1,000.")
    assert textarea(reply, "comment") == "😀" * 1001
    assert services.comments.comments(cafe.id) == []


def test_invalid_utf8_is_refused_cleanly(phone, live, services, cafe):
    page = phone.get(path_of(live, live.cafe_url))
    body = f"csrf={form_token(page)}&consent=yes&comment=ok%FF%FEbad".encode()
    for raw in (body, b"csrf=" + form_token(page).encode() + b"&consent=yes&comment=raw\xff\xfe"):
        reply = phone.post(path_of(live, live.cafe_url) + "/comment", content=raw,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert reply.status_code == 400
        assert alert(reply) == "Some of what you sent couldn't be read. Please type your comment again and send it."
    assert services.comments.comments(cafe.id) == []


def test_a_form_that_is_not_a_plain_form_is_refused(phone, live, services, cafe):
    page = phone.get(path_of(live, live.cafe_url))
    reply = phone.post(path_of(live, live.cafe_url) + "/comment",
                       files={"comment": ("a.txt", b"hello")}, data={"csrf": form_token(page), "consent": "yes"})
    assert reply.status_code == 400
    assert services.comments.comments(cafe.id) == []


def test_a_missing_or_wrong_form_token_keeps_the_text(phone, live, services, cafe):
    url = path_of(live, live.cafe_url) + "/comment"
    phone.get(path_of(live, live.cafe_url))
    for data in ({"comment": "No token", "consent": "yes"},
                 {"comment": "No token", "consent": "yes", "csrf": "x" * 22}):
        reply = phone.post(url, data=data)
        assert reply.status_code == 400
        assert alert(reply) == "This page had expired; please try again."
        assert textarea(reply, "comment") == "No token"
        assert 'name="consent" value="yes" checked' in reply.text
    # a phone whose cookie was cleared gets a fresh token and can send at once
    phone.cookies.clear()
    reply = phone.post(url, data={"comment": "Fresh", "consent": "yes", "csrf": "y" * 22})
    assert reply.status_code == 400 and "cd_form=" in reply.headers["set-cookie"]
    retry = phone.post(url, data={"comment": "Fresh", "consent": "yes", "csrf": form_token(reply)})
    assert retry.status_code == 303
    assert [n.text for n in services.comments.comments(cafe.id)] == ["Fresh"]


def test_a_body_over_16_kb_gets_413(phone, live, services, cafe):
    page = phone.get(path_of(live, live.cafe_url))
    reply = phone.post(path_of(live, live.cafe_url) + "/comment",
                       data={"csrf": form_token(page), "consent": "yes", "comment": "a" * 17_000})
    assert reply.status_code == 413
    assert "That was more than this page can take in one go." in reply.text
    assert "If you need to talk to someone now:" in reply.text
    assert services.comments.comments(cafe.id) == []


def test_a_busy_laptop_keeps_the_words_and_asks_to_send_again(phone, live, services, cafe, db_path):
    """Another writer holds the data file past the wait (5 s): the phone gets its words back, not an error page."""
    page = phone.get(path_of(live, live.cafe_url))
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        reply = phone.post(path_of(live, live.cafe_url) + "/comment",
                           data={"csrf": form_token(page), "comment": "Please keep this", "consent": "yes"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert reply.status_code == 503
    assert alert(reply) == ("Your comment couldn't be saved just now because the laptop is busy. Your words are "
                            "still here: please press Send again in a moment.")
    assert textarea(reply, "comment") == "Please keep this"
    assert services.comments.comments(cafe.id) == []
    again = send(phone, live, "Please keep this")
    assert again.status_code == 303 and len(services.comments.comments(cafe.id)) == 1
