"""The status strip at the foot of every page, in the real window on a real data file and a fake clock: the round and
its time left, phones open or closed and how many reached the laptop (real HTTP to the real server on 127.0.0.1), until
when phones see that the café has ended, voting and whether phones can reach it, the warning when phones are sent
where the café isn't open (only while it is), comments not yet looked at, and what needs care; each part opens its
page, and it all fits at 1366×768."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cafe_desk.services import Services
from cafe_desk.ui.shell.status_strip import ADDRESS_WARNING, TIME_UP_STYLE, WARN_STYLE
from tests.server.conftest import client_for
from tests.ui.run.test_phones_box import open_channel, post_comment
from tests.ui.votes.test_voting_box import printed

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def services(store, clock):
    """The window's services on the test's fake clock, so the countdown moves only when the test moves it."""
    return Services.build(store, clock=clock)


def texts(window) -> list[str]:
    """What the strip shows, part by part (the hidden ones left out)."""
    strip = window.strip
    return [part.text() for part in (*strip.parts, strip.care) if part.isVisible()]


def page_title(window) -> str:
    return window.current_page().title


def test_with_no_cafe_open_the_strip_says_nothing_about_a_cafe(qtbot, main_window):
    assert texts(main_window) == []
    assert not main_window.strip.ticker.isActive()


def test_the_round_and_its_time_left_follow_the_countdown(qtbot, cafe_window, clock):
    window, strip = cafe_window, cafe_window.strip
    assert strip.round_part.text() == "Round 1 of 3 ready"
    assert strip.ticker.isActive()
    window.show_page(window.page_index(window.run_page))
    run = window.run_page
    qtbot.mouseClick(run.start_btn, LEFT)
    assert strip.round_part.text() == "Round 1 of 3 · 20:00 left"

    clock.now += 80
    strip.tick()  # what the strip's timer does every quarter second
    assert strip.round_part.text() == "Round 1 of 3 · 18:40 left"
    assert strip.round_part.accessibleName() == "Round 1 of 3, about 19 minutes left"

    qtbot.mouseClick(run.pause_btn, LEFT)
    clock.now += 300
    strip.tick()
    assert strip.round_part.text() == "Round 1 paused · 18:40 left"

    qtbot.mouseClick(run.start_btn, LEFT)
    clock.now += 18 * 60 + 40
    strip.tick()
    assert strip.round_part.text() == "Round 1 of 3 · time is up"
    assert strip.round_part.styleSheet() == TIME_UP_STYLE

    qtbot.mouseClick(run.next_btn, LEFT)
    assert strip.round_part.text() == "Round 2 of 3 ready"
    qtbot.mouseClick(run.start_btn, LEFT)
    clock.now += 59
    strip.tick()
    assert strip.round_part.text() == "Round 2 of 3 · 19:01 left"
    assert strip.round_part.styleSheet() != TIME_UP_STYLE

    window.show_page(window.page_index(window.notes_page))
    qtbot.mouseClick(strip.round_part, LEFT)
    assert page_title(window) == "Run"


def test_phones_open_and_closed_and_how_many_reached_the_laptop(qtbot, cafe_window, clock):
    window, strip = cafe_window, cafe_window.strip
    assert strip.phones_part.text() == "Closed to phones"
    server = open_channel(qtbot, window)
    assert strip.phones_part.text() == "Open to phones · none in the last 5 min"
    server.phones.clock = clock  # the five minutes pass on the test's clock
    path = server.cafe_url.removeprefix(server.base_url)
    for source in ("127.0.0.2", "127.0.0.3", "127.0.0.2", "127.0.0.4"):
        with client_for(server, source) as phone:
            assert phone.get(path).status_code == 200
    strip.tick()
    assert strip.phones_part.text() == "Open to phones · 3 in the last 5 min"
    assert strip.phones_part.accessibleName() == "Open to phones, 3 phones in the last 5 minutes"

    clock.now += 4 * 60
    with client_for(server, "127.0.0.3") as phone:
        assert phone.get(path).status_code == 200
    clock.now += 61
    strip.tick()
    assert strip.phones_part.text() == "Open to phones · 1 in the last 5 min"
    clock.now += 5 * 60
    strip.tick()
    assert strip.phones_part.text() == "Open to phones · none in the last 5 min"

    window.show_page(window.page_index(window.votes_page))
    qtbot.mouseClick(strip.phones_part, LEFT)
    assert page_title(window) == "Run"
    qtbot.mouseClick(window.run_page.phones.stop_btn, LEFT)
    assert strip.phones_part.text() == "Closed to phones"


def test_voting_open_or_closed(qtbot, cafe_window):
    window, strip = cafe_window, cafe_window.strip
    assert strip.voting_part.text() == "Voting not open yet"
    window.show_page(window.page_index(window.votes_page))
    toggle = window.votes_page.voting.toggle_btn
    qtbot.mouseClick(toggle, LEFT)
    assert strip.voting_part.text() == "Voting open · phones can't reach it yet", "not open to phones yet"
    assert strip.voting_part.accessibleName() == ("Voting open, but phones can't reach it until the café is open to "
                                                  "phones")
    qtbot.mouseClick(toggle, LEFT)
    assert strip.voting_part.text() == "Voting closed"
    window.undo_action.trigger()
    assert strip.voting_part.text() == "Voting open · phones can't reach it yet"
    QApplication.processEvents()
    bar = window.statusBar()
    assert strip.mapTo(bar, strip.rect().topRight()).x() < bar.width(), "the longer text still fits at 1366×768"
    window.show_page(window.page_index(window.run_page))
    qtbot.mouseClick(strip.voting_part, LEFT)
    assert page_title(window) == "Votes"

    open_channel(qtbot, window)
    assert strip.voting_part.text() == strip.voting_part.accessibleName() == "Voting open"
    qtbot.mouseClick(window.run_page.phones.stop_btn, LEFT)
    assert strip.voting_part.text() == "Voting open · phones can't reach it yet"
    window.broadcast(window.services.cafes.close(window.cafe.id))
    assert strip.voting_part.text() == "Voting closed", "a closed café takes no ballot"


def test_after_closing_the_strip_says_until_when_phones_see_the_cafe_has_ended(qtbot, cafe_window, services, cafe):
    window, strip = cafe_window, cafe_window.strip
    box = window.run_page.phones
    open_channel(qtbot, window)
    box.ended_grace_s = 1.0
    window.show_page(window.page_index(window.notes_page))  # on every page, not only the Run page
    window.broadcast(services.cafes.close(cafe.id))
    assert box.ending
    until = f"{box.ended_until:%H:%M}"
    assert strip.phones_part.text() == f"Phones see “ended” until {until}"
    assert strip.phones_part.accessibleName() == f"Phones see that the café has ended until {until}"
    assert strip.round_part.text() == "Café closed"

    qtbot.waitUntil(lambda: box.server is None, timeout=10_000)  # the few minutes are over
    assert strip.phones_part.text() == "Closed to phones"


def test_the_address_warning_shows_only_while_the_cafe_is_open_to_phones(qtbot, cafe_window, services, cafe,
                                                                          tmp_path):
    window, strip = cafe_window, cafe_window.strip
    voting, box = window.votes_page.voting, window.run_page.phones
    printed(qtbot, voting, voting.print_cards(1, str(tmp_path / "cards.pdf"), "192.168.137.1:8080"))
    assert strip.phones_part.text() == "Closed to phones", "nothing to warn of before opening"
    open_channel(qtbot, window)  # on "This laptop only", not where the cards point
    assert strip.phones_part.text() == ADDRESS_WARNING and strip.phones_part.styleSheet() == WARN_STYLE

    qtbot.mouseClick(box.stop_btn, LEFT)
    assert strip.phones_part.text() == "Closed to phones" and strip.address_warning == ""
    open_channel(qtbot, window)
    assert strip.phones_part.text() == ADDRESS_WARNING

    shown_meanwhile = []  # what the strip shows as the Run page's box tells the window, before the strip hears
    box.sig_channel.connect(lambda _url: shown_meanwhile.append(strip.phones_part.text()))
    window.broadcast(services.cafes.close(cafe.id))
    assert box.ending
    assert ADDRESS_WARNING not in shown_meanwhile, "not even for a moment"
    assert strip.phones_part.text().startswith("Phones see “ended” until"), "no phone can come in any more"
    assert strip.address_warning == "" and strip.phones_part.styleSheet() != WARN_STYLE
    strip.tick()
    assert strip.phones_part.text().startswith("Phones see “ended” until")
    window.strip.check_address()  # as after printing, say
    assert strip.phones_part.text().startswith("Phones see “ended” until")


def test_new_comments_are_counted_until_the_comments_page_is_seen(qtbot, cafe_window, services, cafe):
    window, strip = cafe_window, cafe_window.strip
    assert strip.comments_part.text() == "No new comments"
    server = open_channel(qtbot, window)
    for text in ("More buses to the hospital please", "A quiet room for those who need one"):
        assert post_comment(server.cafe_url, text).status_code == 303
    qtbot.waitUntil(lambda: strip.comments_part.text() == "2 new comments", timeout=2000)
    assert strip.comments_part.accessibleName() == "2 new comments"

    qtbot.mouseClick(strip.comments_part, LEFT)
    assert page_title(window) == "Comments"
    assert strip.comments_part.text() == "No new comments"
    assert post_comment(server.cafe_url, "Arrived while the page was on screen").status_code == 303
    qtbot.waitUntil(lambda: window.comments_page.model.rowCount() == 3, timeout=2000)
    assert strip.comments_part.text() == "No new comments", "a comment that arrives on screen is seen"

    window.show_page(window.page_index(window.notes_page))
    assert post_comment(server.cafe_url, "One more").status_code == 303
    qtbot.waitUntil(lambda: strip.comments_part.text() == "1 new comment", timeout=2000)
    assert services.comments.unseen(cafe.id) == 1, "kept on this laptop, so a restart still shows it"


def test_needs_care_sits_on_the_strip_and_goes_to_the_item(qtbot, cafe_window, services, cafe):
    window, strip = cafe_window, cafe_window.strip
    server = open_channel(qtbot, window)
    assert not strip.care.isVisible()
    assert post_comment(server.cafe_url, "honestly everyone would be better off without me").status_code == 303
    qtbot.waitUntil(strip.care.isVisible, timeout=2000)
    assert window.care_button is strip.care and strip.care.text() == "⚑ 1 needs care"
    assert strip.care.accessibleName() == "1 item needs care: show them"
    window.show_page(window.page_index(window.plan_page))
    qtbot.mouseClick(strip.care, LEFT)
    assert page_title(window) == "Comments"
    assert "Something new may need care" in window.statusBar().currentMessage(), "the notice outlives the page"


def test_the_strip_fits_at_1366_by_768_and_leaves_the_message_room(qtbot, cafe_window, services, cafe):
    window, strip = cafe_window, cafe_window.strip
    server = open_channel(qtbot, window)
    qtbot.mouseClick(window.run_page.start_btn, LEFT)
    path = server.cafe_url.removeprefix(server.base_url)
    for i in range(2, 30):
        with client_for(server, f"127.0.0.{i}") as phone:
            phone.get(path)
    window.show_page(window.page_index(window.notes_page))
    for i in range(12):
        services.comments.submit(cafe.id, f"Comment number {i}", consent=True)
    post_comment(server.cafe_url, "honestly everyone would be better off without me")
    qtbot.waitUntil(lambda: strip.comments_part.text() == "13 new comments", timeout=5000)
    window.broadcast(services.channel.set_voting_open(cafe.id, True))
    strip.tick()
    assert texts(window) == ["Round 1 of 3 · 20:00 left", "Open to phones · 29 in the last 5 min", "Voting open",
                             "13 new comments", "⚑ 1 needs care"]

    bar = window.statusBar()
    message = "Phones can now reach the comment page at http://192.168.100.200:8080/c/abcdefghijklmnopqrstuv."
    window.show_message(message)
    assert window.width() == 1366 and bar.width() == 1366

    def strip_left() -> int:
        return strip.mapTo(bar, strip.rect().topLeft()).x()

    # QStatusBar draws its message from 6 px in, up to the first permanent widget; the bar lays itself out again
    # once the parts' new texts and styles are polished, which a busy machine may take a few passes to do
    needed = 6 + bar.fontMetrics().horizontalAdvance(message)
    qtbot.waitUntil(lambda: needed < strip_left() and strip.mapTo(bar, strip.rect().topRight()).x() < bar.width(),
                    timeout=3000)
    assert bar.currentMessage() == message and bar.toolTip()



def test_an_imported_cafe_has_no_new_comments(qtbot, main_window, services, identity):
    from tests.central import make_cafe, send

    send(services, make_cafe(services), services.store, identity)
    imported = next(c for c in services.cafes.list() if c.origin == "imported")
    assert imported.comments
    main_window.open_cafe(imported.id)
    assert "Café closed" in texts(main_window) and main_window.strip.comments_part.text() == "No new comments"
