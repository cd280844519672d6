"""The vote page on a real server on 127.0.0.1, for each vote method: one ballot per phone (cookie) or per printed
card (code), changeable until voting closes; ballots checked through the services."""

from __future__ import annotations

import html
import re

import pytest

from tests.server.conftest import alert, form_token, path_of


@pytest.fixture
def cafe(cafe, services):
    """The café with voting opened by the facilitator (a new café's voting starts closed)."""
    services.channel.set_voting_open(cafe.id, True)
    return cafe


def vote(phone, live, choices: dict[str, object], **extra):
    page = phone.get(path_of(live, live.vote_url))
    data = {"csrf": form_token(page), **{f"o-{k}": str(v) for k, v in choices.items()}, **extra}
    return phone.post(path_of(live, live.vote_url), data=data)


def outcomes(services, cafe):
    return [o.id for o in services.planning.items(cafe.id, "outcome")]


def test_dots_cast_change_and_one_ballot_per_phone(phone, live, services, cafe, events):
    a, b, c = outcomes(services, cafe)[:3]
    page = phone.get(path_of(live, live.vote_url))
    assert "You have <strong>3 dots</strong> to give." in page.text
    assert f'<input type="number" id="o-{a}" name="o-{a}" value="" min="0" max="3"' in page.text
    reply = vote(phone, live, {a: 2, b: 1})
    assert reply.status_code == 303
    assert reply.headers["location"] == path_of(live, live.vote_url) + "/thanks"
    cookie = reply.headers["set-cookie"]
    assert cookie.startswith("cd_voter=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and f"Path={path_of(live, live.cafe_url)}" in cookie
    token = phone.cookies.get("cd_voter")
    [ballot] = services.ballots.ballots(cafe.id)
    assert ballot.choices == {a: 2, b: 1}
    assert services.ballots.current(cafe.id, token) == ballot
    assert events.seen == [("ballot", {"cafe_id": cafe.id})]
    thanks = phone.get(reply.headers["location"])
    assert "Thank you — your vote has been counted." in thanks.text and "Change your vote" in thanks.text
    again = phone.get(path_of(live, live.vote_url))
    assert f'id="o-{a}" name="o-{a}" value="2"' in again.text and "Change my vote" in again.text
    assert vote(phone, live, {a: 0, c: 3}).status_code == 303
    [changed] = services.ballots.ballots(cafe.id)
    assert (changed.id, changed.choices) == (ballot.id, {c: 3})
    # the raw token is never stored: only its salted hash
    dump = "\n".join(services.store.conn.iterdump())
    assert token not in dump


def test_too_many_dots_keeps_the_choices(phone, live, services, cafe):
    a, b = outcomes(services, cafe)[:2]
    reply = vote(phone, live, {a: 3, b: 2})
    assert reply.status_code == 400
    assert alert(reply) == "You have 3 dots to give, and this ballot uses 5. Please take some away."
    assert f'name="o-{a}" value="3"' in reply.text and f'name="o-{b}" value="2"' in reply.text
    assert f'href="#o-{a}"' in reply.text
    assert services.ballots.ballots(cafe.id) == []


def test_a_fresh_phone_votes_separately(live, services, cafe):
    from tests.server.conftest import client_for

    a, b = outcomes(services, cafe)[:2]
    with client_for(live) as one, client_for(live) as two:
        assert vote(one, live, {a: 1}).status_code == 303
        assert vote(two, live, {b: 1}).status_code == 303
        assert vote(one, live, {b: 3}).status_code == 303
    assert sorted(b.choices[next(iter(b.choices))] for b in services.ballots.ballots(cafe.id)) == [1, 3]


def test_ranking(phone, live, services, cafe):
    services.planning.update_details(cafe.id, vote_method="ranking")
    ids = outcomes(services, cafe)
    page = phone.get(path_of(live, live.vote_url))
    assert "1 is the most important" in page.text
    assert len(re.findall(rf'<select id="o-{ids[0]}"', page.text)) == 1
    assert f'<option value="{len(ids)}">{len(ids)}</option>' in page.text
    reply = vote(phone, live, {ids[0]: 1, ids[1]: 1})
    assert reply.status_code == 400
    assert alert(reply) == "Each number can be used only once; please check your ranking."
    assert vote(phone, live, {ids[0]: 2, ids[1]: 1, ids[2]: ""}).status_code == 303
    assert services.ballots.ballots(cafe.id)[0].choices == {ids[0]: 2, ids[1]: 1}
    again = phone.get(path_of(live, live.vote_url))
    assert '<option value="2" selected>2</option>' in again.text


def test_agreement(phone, live, services, cafe):
    services.planning.update_details(cafe.id, vote_method="agreement")
    ids = outcomes(services, cafe)
    page = phone.get(path_of(live, live.vote_url))
    assert page.text.count("<fieldset") == len(ids) and page.text.count("<legend>") == len(ids)
    assert f'<label for="o-{ids[0]}-5">5 — Strongly agree</label>' in page.text
    reply = vote(phone, live, {ids[0]: 7})
    assert reply.status_code == 400
    assert alert(reply) == "Please choose from 1 (strongly disagree) to 5 (strongly agree)."
    assert vote(phone, live, {ids[0]: 5, ids[1]: "", ids[2]: 2}).status_code == 303
    assert services.ballots.ballots(cafe.id)[0].choices == {ids[0]: 5, ids[2]: 2}
    again = phone.get(path_of(live, live.vote_url))
    assert f'id="o-{ids[0]}-5" name="o-{ids[0]}" value="5" checked' in again.text


def test_ballot_codes_when_the_cafe_uses_printed_cards(phone, live, services, cafe):
    services.channel.set_ballot_rule(cafe.id, "code")
    first, second = services.ballots.issue_codes(cafe.id, 2)
    a, b = outcomes(services, cafe)[:2]
    page = phone.get(path_of(live, live.vote_url))
    assert '<label for="code">Code from your ballot card</label>' in page.text
    reply = vote(phone, live, {a: 1})
    assert reply.status_code == 400
    assert alert(reply) == "Please type the code printed on your ballot card."
    reply = vote(phone, live, {a: 1}, code="WRONG234")
    assert reply.status_code == 400
    assert alert(reply) == "That ballot code isn't one of this café's cards; please check it and try again."
    assert 'value="WRONG234"' in reply.text and 'href="#code"' in reply.text
    typed = " ".join([first[:4].lower(), first[4:]])
    reply = vote(phone, live, {a: 2}, code=typed)
    assert reply.status_code == 303 and "cd_voter" not in reply.headers.get("set-cookie", "")
    assert vote(phone, live, {b: 3}, code=first).status_code == 303  # the same card changes its ballot
    assert vote(phone, live, {a: 1}, code=second).status_code == 303
    assert sorted(tuple(x.choices.items()) for x in services.ballots.ballots(cafe.id)) == sorted(
        [((b, 3),), ((a, 1),)])
    assert "same card code" in phone.get(path_of(live, live.vote_url) + "/thanks").text


def test_closed_voting_shows_a_kind_message_and_no_form(phone, live, services, cafe):
    a = outcomes(services, cafe)[0]
    page = phone.get(path_of(live, live.vote_url))
    services.channel.set_voting_open(cafe.id, False)
    closed = phone.get(path_of(live, live.vote_url))
    assert closed.status_code == 200
    assert "Voting isn't open at the moment. If you voted earlier, your vote is counted." in html.unescape(closed.text)
    assert "<form" not in closed.text and "If you need to talk to someone now:" in closed.text
    reply = phone.post(path_of(live, live.vote_url), data={"csrf": form_token(page), f"o-{a}": "1"})
    assert reply.status_code == 409 and "<form" not in reply.text
    assert services.ballots.ballots(cafe.id) == []
    services.channel.set_voting_open(cafe.id, True)
    assert vote(phone, live, {a: 1}).status_code == 303


def test_a_vote_needs_the_form_token(phone, live, services, cafe):
    a = outcomes(services, cafe)[0]
    phone.get(path_of(live, live.vote_url))
    reply = phone.post(path_of(live, live.vote_url), data={f"o-{a}": "2"})
    assert reply.status_code == 400
    assert alert(reply) == "This page had expired; please try again."
    assert f'name="o-{a}" value="2"' in reply.text
    assert services.ballots.ballots(cafe.id) == []
