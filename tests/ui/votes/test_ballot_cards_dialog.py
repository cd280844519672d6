"""Printing ballot cards from the Votes page: the dialog that asks where phones will reach this laptop (this
laptop's own hotspot to print ahead, remembered per café), and "This laptop only" refused. Nothing listens or is
reached anywhere but 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QTimer

from cafe_desk.core.phone_address import LOOPBACK_REFUSED, PrintChoice, hotspot_for_platform, is_loopback
from cafe_desk.ui.votes.ballot_cards_dialog import BallotCardsDialog
from cafe_desk.ui.widgets.phone_address_picker import OPEN_ON_LOOPBACK
from tests.ui.run.test_address_warning import shows_markup_as_written
from tests.ui.run.test_phones_box import open_channel
from tests.ui.votes.test_voting_box import printed, stored_codes

WINDOWS_HOTSPOT = "This laptop's own hotspot (Windows Mobile Hotspot: 192.168.137.1)"


@pytest.fixture
def window(cafe_window):
    return cafe_window


def in_the_dialog(qtbot, box, seen: dict, act=None) -> None:
    """When the dialog opens (inside its own event loop): note what it offers, then `act(dialog)` or Cancel."""

    def look():
        dialog = box.cards_dialog
        try:
            addresses = dialog.picker.address_list
            seen["labels"] = [addresses.itemText(i) for i in range(addresses.count())]
            seen["hosts"] = [addresses.itemData(i) for i in range(addresses.count())]
            seen["selected"] = (addresses.currentData(), dialog.picker.port.value())
            seen["note"] = dialog.picker.note.text() if dialog.picker.note.isVisibleTo(dialog) else ""
            if act is not None:
                act(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, look)


def test_cards_printed_ahead_for_the_hotspot_and_the_choice_is_remembered(qtbot, window, services, cafe, tmp_path):
    box = window.votes_page.voting
    target = tmp_path / "cards.pdf"
    seen: dict = {}

    def choose_the_windows_hotspot(dialog):
        dialog.picker.choose("192.168.137.1")
        seen["meaning"] = dialog.picker.meaning.text()
        dialog.picker.port.setValue(8090)
        dialog.count_spin.setValue(2)
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)

    in_the_dialog(qtbot, box, seen, choose_the_windows_hotspot)
    op = box.print_cards(path=str(target))  # the café has never been open to phones
    printed(qtbot, box, op)
    assert WINDOWS_HOTSPOT in seen["labels"]
    assert "This laptop's own hotspot (macOS Internet Sharing: 192.168.2.1)" in seen["labels"]
    assert "This laptop's own hotspot (Linux Wi-Fi hotspot: 10.42.0.1)" in seen["labels"]
    assert not any(is_loopback(h) for h in seen["hosts"]), "“This laptop only” is never offered"
    assert seen["selected"] == (hotspot_for_platform(sys.platform).host, 8000), \
        "printing ahead starts from this laptop's own hotspot, port 8000"
    assert seen["meaning"].startswith("On the day, turn on this laptop's Windows Mobile Hotspot")
    assert stored_codes(services, cafe) == 2

    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", str(target), str(tmp_path / "p")],
                   check=True, timeout=60)
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(next(tmp_path.glob("p*.png")))], capture_output=True,
                             text=True, timeout=30).stdout.splitlines()
    token = services.channel.settings(cafe.id).token
    assert decoded == [f"http://192.168.137.1:8090/c/{token}/vote"] * 2

    again: dict = {}
    in_the_dialog(qtbot, box, again)
    assert box.print_cards(path=str(tmp_path / "more.pdf")) is None, "cancelled"
    assert again["selected"] == ("192.168.137.1", 8090), "the café's last choice comes back"
    assert not (tmp_path / "more.pdf").exists() and stored_codes(services, cafe) == 2


def test_this_laptop_only_is_refused_and_the_dialog_says_why_it_isnt_offered(qtbot, window, services, cafe,
                                                                             tmp_path):
    server = open_channel(qtbot, window)  # on 127.0.0.1: phones can't reach it
    box = window.votes_page.voting
    target = tmp_path / "cards.pdf"
    assert box.print_cards(3, str(target), f"127.0.0.1:{server.port}") is None
    assert box.message.text() == LOOPBACK_REFUSED and box.message.isVisibleTo(box)
    assert box.print_cards(3, str(target), "localhost:8080") is None
    assert box.message.text() == LOOPBACK_REFUSED
    assert not target.exists() and stored_codes(services, cafe) == 0

    seen: dict = {}
    in_the_dialog(qtbot, box, seen)
    assert box.print_cards(path=str(target)) is None
    assert seen["note"] == OPEN_ON_LOOPBACK
    assert not any(is_loopback(h) for h in seen["hosts"])
    assert not any(label.startswith("Where phones reach this café now") for label in seen["labels"])
    assert services.phone_address.printed(cafe.id) is None


def test_an_address_no_phone_can_reach_keeps_the_dialog_open_and_its_message_shows_markup_as_written(
        qtbot, services, cafe):
    dialog = BallotCardsDialog(services, cafe.id, [])
    qtbot.addWidget(dialog)
    dialog.resize(640, 420)
    dialog.show()
    for host, refused in [("0x7f.1", LOOPBACK_REFUSED),
                          ("<b>big", "A name for this laptop can only have letters a–z, digits, hyphens and dots. "
                                     "Choose the venue Wi-Fi or this laptop's own hotspot address.")]:
        dialog.picker.set_choices([PrintChoice("As the cards were printed last time", host, "printed before", 8080)],
                                  0, 8080)
        dialog.accept()
        assert dialog.isVisible() and dialog.result() == 0, "it stays open"
        assert dialog.message.text() == refused and dialog.message.isVisibleTo(dialog)
    dialog.grab().save("/tmp/ballot-cards-refused.png")
    shows_markup_as_written(dialog.message)
