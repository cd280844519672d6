"""Phone pages in Chromium at 390×844: comments and ballots with JavaScript on and off, WCAG 2.2 AA, 200% zoom."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import OUTCOMES, check_axe, shot

COMMENT = "Peer support kept me going when the waiting list was a year long — ça m'a aidé 💬"
CONSENT_MESSAGE = "Please tick the box to say your comment can be used, without your name, in the report."
SUPPORT = ("Breathing Space", "0800 83 85 87", "Samaritans", "116 123", "NHS 24", "111")


# --- helpers: what a participant does ---------------------------------------------------------------------------------

def submit_button(page):
    return page.locator("main form[method=post] button[type=submit]").last


def write_comment(page, text: str = COMMENT, *, consent: bool = True) -> None:
    box = page.get_by_role("textbox", name=re.compile("comment", re.I))
    box.fill(text)
    if consent:
        page.get_by_role("checkbox", name=re.compile("without my name", re.I)).check()
    submit_button(page).click()


def assert_support_lines(page) -> None:
    text = page.locator("body").inner_text()
    missing = [s for s in SUPPORT if s not in text]
    assert not missing, f"support lines missing from {page.url}: {missing}"


def outcome_ids(services, cafe) -> dict[str, str]:
    return {o.title: o.id for o in services.planning.items(cafe.id, "outcome")}


def fill_ballot(page, method: str, values: dict[str, int]) -> None:
    """Fill the vote form the way a participant would, by each outcome's visible name."""
    for title, value in values.items():
        if method == "agreement":
            group = page.get_by_role("group", name=re.compile(re.escape(title)))
            group.get_by_role("radio", name=re.compile(rf"^{value}\b")).check()
        elif method == "ranking":
            page.get_by_label(re.compile(re.escape(title))).select_option(str(value))
        else:
            page.get_by_label(re.compile(re.escape(title))).fill(str(value))


def vote_thanks(page) -> None:
    assert page.url.endswith("/vote/thanks"), page.url
    assert re.search("thank", page.locator("main").inner_text(), re.I)


# --- comments ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_comment_is_stored_and_thanked(phone, serve, services, running_cafe, js):
    cafe = running_cafe()
    server = serve(cafe.id)
    page = phone(js=js)
    response = page.goto(server.cafe_url)
    assert response.status == 200
    assert "What helps you look after your mental health?" in page.locator("main").inner_text()
    assert_support_lines(page)
    shot(page, f"comment_form_{'js' if js else 'nojs'}")

    write_comment(page)

    page.wait_for_url(re.compile(r"/thanks$"))
    assert re.search("thank", page.locator("main").inner_text(), re.I)
    assert_support_lines(page)
    shot(page, f"thanks_{'js' if js else 'nojs'}")
    stored = services.comments.comments(cafe.id)
    assert [(n.text, n.consent, n.source) for n in stored] == [(COMMENT, True, "participant")]
    assert "comment" in server.events.kinds()

    page.get_by_role("link", name=re.compile("add another", re.I)).click()
    page.wait_for_url(server.cafe_url)
    assert page.get_by_role("textbox", name=re.compile("comment", re.I)).input_value() == ""


@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_missing_consent_is_explained_and_keeps_the_text(phone, serve, services, running_cafe, js):
    cafe = running_cafe()
    server = serve(cafe.id)
    page = phone(js=js)
    page.goto(server.cafe_url)

    write_comment(page, consent=False)

    page.wait_for_load_state()
    assert CONSENT_MESSAGE in page.locator("main").inner_text()
    assert page.get_by_role("textbox", name=re.compile("comment", re.I)).input_value() == COMMENT
    assert services.comments.comments(cafe.id) == []
    shot(page, f"consent_error_{'js' if js else 'nojs'}")


def test_closed_cafe_says_it_has_ended(phone, serve, services, running_cafe):
    cafe = running_cafe()
    server = serve(cafe.id)
    services.cafes.close(cafe.id)
    page = phone()
    response = page.goto(server.cafe_url)
    assert response.status == 410
    assert "this café has ended" in page.locator("body").inner_text().lower()
    assert_support_lines(page)
    shot(page, "ended")


def test_the_test_page_works_on_an_old_phone_and_tells_the_laptop(phone, serve, services, running_cafe):
    cafe = running_cafe()
    server = serve(cafe.id)
    page = phone(js=False)
    assert page.goto(server.check_url).status == 200
    main = page.locator("main").inner_text()
    assert "This phone reached the café laptop" in main and "You're all set" in main
    assert_support_lines(page)
    shot(page, "check")
    assert server.events.kinds() == ["phone_check"]


def test_after_the_cafe_ends_every_page_says_so(phone, serve, services, running_cafe):
    cafe = running_cafe()
    server = serve(cafe.id)
    page = phone(js=False)
    page.goto(server.cafe_url)
    services.cafes.close(cafe.id)
    server.end()
    write_comment(page, "Sent after the end")
    page.wait_for_load_state()
    assert "this café has ended" in page.locator("body").inner_text().lower()
    assert_support_lines(page)
    assert services.comments.comments(cafe.id) == []
    assert page.goto(server.check_url).status == 410
    shot(page, "ended_after_close")


# --- votes ---------------------------------------------------------------------------------------------------------

BALLOTS = {
    "dots": ({OUTCOMES[0]: 2, OUTCOMES[1]: 1}, {OUTCOMES[2]: 3}),
    "ranking": ({OUTCOMES[0]: 1, OUTCOMES[1]: 2, OUTCOMES[2]: 3}, {OUTCOMES[0]: 3, OUTCOMES[1]: 1, OUTCOMES[2]: 2}),
    "agreement": ({OUTCOMES[0]: 5, OUTCOMES[1]: 4, OUTCOMES[2]: 1}, {OUTCOMES[0]: 2, OUTCOMES[1]: 3, OUTCOMES[2]: 5}),
}


@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
@pytest.mark.parametrize("method", list(BALLOTS))
def test_ballot_is_cast_and_changed(phone, serve, services, running_cafe, method, js):
    cafe = running_cafe(method)
    services.channel.set_voting_open(cafe.id, True)
    server = serve(cafe.id)
    ids = outcome_ids(services, cafe)
    first, second = BALLOTS[method]
    page = phone(js=js)
    assert page.goto(server.vote_url).status == 200
    assert_support_lines(page)
    shot(page, f"vote_{method}_{'js' if js else 'nojs'}")

    fill_ballot(page, method, first)
    submit_button(page).click()
    page.wait_for_url(re.compile(r"/vote/thanks$"))
    vote_thanks(page)
    [ballot] = services.ballots.ballots(cafe.id)
    assert ballot.choices == {ids[t]: v for t, v in first.items()}
    assert "ballot" in server.events.kinds()

    # Back on the vote page the same phone changes its ballot: still one ballot, now the new choices.
    page.goto(server.vote_url)
    if method == "dots":
        for title in first:
            page.get_by_label(re.compile(re.escape(title))).fill("0")
    fill_ballot(page, method, second)
    submit_button(page).click()
    page.wait_for_url(re.compile(r"/vote/thanks$"))
    [ballot] = services.ballots.ballots(cafe.id)
    assert ballot.choices == {ids[t]: v for t, v in second.items()}


# --- the table host's page -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_table_host_adds_a_point(phone, serve, services, running_cafe, js):
    cafe = running_cafe()
    table = services.planning.items(cafe.id, "table")[0]
    server = serve(cafe.id)
    page = phone(js=js)
    assert page.goto(server.table_url(table.id)).status == 200
    assert_support_lines(page)
    page.get_by_role("textbox").fill("Walking groups help people talk")
    submit_button(page).click()
    page.wait_for_url(re.compile(r"added=1$"))
    shot(page, f"host_added_{'js' if js else 'nojs'}")
    round_id = services.running.state(cafe.id).round.id
    notes = services.notes.list(cafe.id, table_id=table.id)
    assert [(n.text, n.round_id) for n in notes] == [("Walking groups help people talk", round_id)]
    assert "host_note" in server.events.kinds()


# --- accessibility: every page, axe-core at WCAG 2.2 AA -------------------------------------------------------------

def open_state(page, server, services, cafe, state: str) -> None:
    """Bring `page` to one of the participant pages' states."""
    if state == "comment":
        page.goto(server.cafe_url)
    elif state == "comment_error":
        page.goto(server.cafe_url)
        write_comment(page, consent=False)
        page.wait_for_load_state()
        assert CONSENT_MESSAGE in page.locator("main").inner_text()
    elif state == "thanks":
        page.goto(server.cafe_url)
        write_comment(page)
        page.wait_for_url(re.compile(r"/thanks$"))
    elif state.startswith("vote_"):
        page.goto(server.vote_url)
    elif state == "ended":
        services.cafes.close(cafe.id)
        assert page.goto(server.cafe_url).status == 410
    elif state == "ended_after_close":  # the server told the café has ended: every page says so
        services.cafes.close(cafe.id)
        server.end()
        assert page.goto(server.check_url).status == 410
    elif state == "host":
        page.goto(server.table_url(services.planning.items(cafe.id, "table")[0].id))
    elif state == "check":
        assert page.goto(server.check_url).status == 200
    elif state == "not_found":
        assert page.goto(server.base_url + "/c/not-a-real-link").status == 404
    else:
        raise AssertionError(state)


STATES = ["comment", "comment_error", "thanks", "vote_dots", "vote_ranking", "vote_agreement", "ended",
          "ended_after_close", "host", "check", "not_found"]


@pytest.mark.parametrize("state", STATES)
def test_page_has_no_wcag_violations(phone, serve, services, running_cafe, state):
    cafe = running_cafe(state[len("vote_"):] if state.startswith("vote_") else "dots")
    services.channel.set_voting_open(cafe.id, True)
    server = serve(cafe.id)
    page = phone(bypass_csp=True)
    open_state(page, server, services, cafe, state)
    check_axe(page, state)


def test_vote_thanks_has_no_wcag_violations(phone, serve, services, running_cafe):
    cafe = running_cafe("agreement")
    services.channel.set_voting_open(cafe.id, True)
    server = serve(cafe.id)
    page = phone(bypass_csp=True)
    page.goto(server.vote_url)
    fill_ballot(page, "agreement", BALLOTS["agreement"][0])
    submit_button(page).click()
    page.wait_for_url(re.compile(r"/vote/thanks$"))
    shot(page, "vote_thanks")
    check_axe(page, "vote thanks")


# --- 200% zoom: a 390-pixel phone at 200% is 195 CSS pixels wide -----------------------------------------------------

@pytest.mark.parametrize("state", ["comment", "comment_error", "vote_dots", "vote_ranking", "vote_agreement", "host"])
def test_usable_at_200_percent_zoom(phone, serve, services, running_cafe, state):
    cafe = running_cafe(state[len("vote_"):] if state.startswith("vote_") else "dots")
    services.channel.set_voting_open(cafe.id, True)
    server = serve(cafe.id)
    page = phone(viewport={"width": 195, "height": 422}, scale=2)
    open_state(page, server, services, cafe, state)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the {state} page scrolls sideways at 200% zoom: {widths[0]} > {widths[1]} px"
    button = submit_button(page)
    button.scroll_into_view_if_needed()
    assert button.is_visible()
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 195, f"the send button is cut off: {box}"
    button.click(trial=True)  # visible, enabled, not covered: a real tap would reach it
    shot(page, f"zoom200_{state}")
