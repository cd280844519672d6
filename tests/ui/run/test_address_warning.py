"""The Run page says plainly when the café is open to phones somewhere other than where its printed cards point,
and before opening, how to open where they point. The café is only ever opened on 127.0.0.1 here; the cards point
to this laptop's own hotspot address, which nothing in the test reaches."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from cafe_desk.ui.shell.status_strip import ADDRESS_WARNING
from cafe_desk.ui.widgets.laptop_addresses import LOOPBACK
from cafe_desk.ui.widgets.plain_text import tip
from tests.conftest import mental_health_plan
from tests.ui.run.test_phones_box import open_channel
from tests.ui.votes.test_voting_box import printed

MARKUP = "Phones go to <b>big</b>:8080 <i>now</i>"
ON_LOOPBACK = ("The printed cards point to 192.168.137.1:8080, but the café is open on “This laptop only”, which "
               "phones can't reach. Open on 192.168.137.1:8080, or print the cards again.")


@pytest.fixture
def window(cafe_window):
    return cafe_window


def drawn_width(label: QLabel) -> int:
    """How wide the label's words are as drawn now: from the first to the last pixel column, inside its padding and
    border, holding anything but its background."""
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)  # 0xffRRGGBB, rows unpadded
    width, height = image.width(), image.height()
    pixels = memoryview(image.constBits()).cast("I")
    inside = [(x, pixels[y * width + x]) for y in range(6, height - 6) for x in range(6, width - 6)]
    background = Counter(p for _x, p in inside).most_common(1)[0][0]
    ink = [x for x, p in inside if p != background]
    return max(ink) - min(ink) if ink else 0


def shows_markup_as_written(label: QLabel) -> None:
    """`label`, showing MARKUP, draws its tags as characters; the same label reading it as HTML draws it narrower
    (which shows the check can tell the two apart)."""
    label.setText(MARKUP)
    assert label.text() == MARKUP and label.textFormat() == Qt.TextFormat.PlainText
    written = drawn_width(label)
    label.setTextFormat(Qt.TextFormat.AutoText)  # as it was: Qt reads text that looks like HTML as HTML
    as_html = drawn_width(label)
    label.setTextFormat(Qt.TextFormat.PlainText)
    assert written > as_html * 1.3 > 0, (written, as_html)


def hosts(box) -> list[str]:
    return [box.address.itemData(i) for i in range(box.address.count())]


def test_opened_elsewhere_than_the_printed_cards_the_run_page_warns(qtbot, window, services, cafe, tmp_path):
    voting, phones = window.votes_page.voting, window.run_page.phones
    printed(qtbot, voting, voting.print_cards(2, str(tmp_path / "cards.pdf"), "192.168.137.1:8080"))
    window.show_page(2)
    if "192.168.137.1" not in hosts(phones):  # this laptop's hotspot isn't on
        assert phones.address_note.isVisible()
        assert phones.address_note.text() == (
            "The printed cards point to 192.168.137.1:8080. Turn on this laptop's own hotspot (Windows Mobile "
            "Hotspot), then choose 192.168.137.1 under “Listen on” and port 8080.")

    server = open_channel(qtbot, window)
    assert services.phone_address.open_now(cafe.id).port == server.port
    assert phones.address_note.isVisible() and phones.address_note.text() == ON_LOOPBACK
    assert services.phone_address.address_warning(cafe.id) == ON_LOOPBACK, "what the status strip reads"
    strip = window.strip.phones_part  # on every page, not only the Run page
    assert (strip.text(), strip.accessibleName(), strip.toolTip()) == (ADDRESS_WARNING, ON_LOOPBACK,
                                                                          tip(ON_LOOPBACK))

    # printed again, for another address, while open: the Run page follows
    printed(qtbot, voting, voting.print_cards(1, str(tmp_path / "cards-2.pdf"), "192.168.2.1:8080"))
    assert phones.address_note.text().startswith("The printed cards point to 192.168.2.1:8080, but the café is open")
    assert strip.accessibleName() == phones.address_note.text()

    qtbot.mouseClick(phones.stop_btn, Qt.MouseButton.LeftButton)
    assert services.phone_address.address_warning(cafe.id) == "" and services.phone_address.open_now(cafe.id) is None
    assert "but the café is open" not in phones.address_note.text()
    assert strip.text() == "Closed to phones"


def test_the_run_page_starts_from_the_address_and_port_the_cards_were_printed_with(qtbot, window, services, cafe,
                                                                                   tmp_path):
    window.show_page(2)
    phones = window.run_page.phones
    own = [h for h in hosts(phones) if h != LOOPBACK]
    if not own:
        pytest.skip("this machine has no network address but 127.0.0.1")
    voting = window.votes_page.voting
    printed(qtbot, voting, voting.print_cards(2, str(tmp_path / "cards.pdf"), f"{own[-1]}:8091"))
    phones.choose_address(LOOPBACK)
    phones.port.setValue(8080)
    other = services.planning.create(mental_health_plan(services, locality="Dundee"))[0]
    window.open_cafe(other.id)
    assert (phones.address.currentData(), phones.port.value()) == (LOOPBACK, 8080), "nothing printed for that café"
    window.open_cafe(cafe.id)  # as when the café is opened again on the day
    assert (phones.address.currentData(), phones.port.value()) == (own[-1], 8091)
    assert phones.address_note.isHidden(), "this laptop has the printed address: nothing to do first"
    phones.port.setValue(8080)
    assert phones.address_note.isVisible()
    assert phones.address_note.text() == (f"The printed cards point to {own[-1]}:8091: choose {own[-1]} under "
                                          "“Listen on” and port 8091 before you open to phones.")
    phones.port.setValue(8091)
    assert phones.address_note.isHidden()


def test_the_run_pages_notes_show_markup_as_written(qtbot, window):
    window.show_page(2)
    phones = window.run_page.phones
    phones.address_note.show()
    for label in (phones.address_note, phones.status):
        shows_markup_as_written(label)


def test_an_address_changed_in_the_data_file_is_never_shown_on_the_run_page(qtbot, window, services, cafe):
    with services.store.transaction():
        services.store.set_qr_printed_address(cafe.id, "<b>big:8080")
        services.store.set_qr_shown_address(cafe.id, '<img src="x">:8080')
    window.open_cafe(cafe.id)
    window.show_page(2)
    phones = window.run_page.phones
    assert phones.address_note.isHidden(), "counted as nothing printed"
    open_channel(qtbot, window)
    assert phones.address_note.isHidden() and services.phone_address.address_warning(cafe.id) == ""
    assert window.strip.phones_part.text() != ADDRESS_WARNING
    labels = [label.text() for label in window.findChildren(QLabel)]
    assert [text for text in labels if "<b>big" in text or "<img" in text] == []


def test_once_phones_only_see_ended_the_address_warning_goes(qtbot, window, services, cafe, tmp_path):
    voting, phones = window.votes_page.voting, window.run_page.phones
    printed(qtbot, voting, voting.print_cards(1, str(tmp_path / "cards.pdf"), "192.168.137.1:8080"))
    window.show_page(2)
    open_channel(qtbot, window)
    assert phones.address_note.text() == ON_LOOPBACK
    window.broadcast(services.cafes.close(cafe.id))
    assert phones.ending, "phones see “This café has ended” for a few minutes"
    assert phones.address_note.isHidden() and window.strip.phones_part.text() != ADDRESS_WARNING
