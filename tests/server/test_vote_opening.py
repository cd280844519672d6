"""A new café's vote page on a real server on 127.0.0.1: closed until the facilitator opens voting."""

from __future__ import annotations

import html

from tests.server.conftest import form_token, path_of

SUPPORT = "If you need to talk to someone now:"


def test_a_new_cafe_says_voting_has_not_opened_yet(phone, live, services, cafe):
    outcome = services.planning.items(cafe.id, "outcome")[0]
    page = phone.get(path_of(live, live.vote_url))
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Voting hasn't opened yet." in text and "isn't open at the moment" not in text
    assert "<form" not in page.text
    assert SUPPORT in page.text and '<a href="tel:111">' in page.text
    comment_page = phone.get(path_of(live, live.cafe_url))
    reply = phone.post(path_of(live, live.vote_url), data={"csrf": form_token(comment_page), f"o-{outcome.id}": "1"})
    assert reply.status_code == 409 and "Voting hasn't opened yet." in html.unescape(reply.text)
    assert services.ballots.ballots(cafe.id) == []

    services.channel.set_voting_open(cafe.id, True)
    form = phone.get(path_of(live, live.vote_url))
    assert f'name="o-{outcome.id}"' in form.text
    reply = phone.post(path_of(live, live.vote_url), data={"csrf": form_token(form), f"o-{outcome.id}": "1"})
    assert reply.status_code == 303
    assert [b.choices for b in services.ballots.ballots(cafe.id)] == [{outcome.id: 1}]

    services.channel.set_voting_open(cafe.id, False)
    closed = html.unescape(phone.get(path_of(live, live.vote_url)).text)
    assert "Voting isn't open at the moment. If you voted earlier, your vote is counted." in closed
    assert "hasn't opened yet" not in closed


def test_the_comment_pages_offer_the_vote_page_only_while_voting_is_open(phone, live, services, cafe):
    vote_link = f'href="{path_of(live, live.vote_url)}"'
    pages = (path_of(live, live.cafe_url), path_of(live, live.cafe_url) + "/thanks")

    def said(path: str) -> tuple[bool, bool]:
        page = phone.get(path)
        assert page.status_code == 200
        return vote_link in page.text, "Voting opens later" in page.text

    assert [said(p) for p in pages] == [(False, True), (False, True)]
    services.channel.set_voting_open(cafe.id, True)
    assert [said(p) for p in pages] == [(True, False), (True, False)]
    services.channel.set_voting_open(cafe.id, False)
    assert [said(p) for p in pages] == [(False, False), (False, False)]
