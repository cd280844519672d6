"""The voting box on the votes page: opening and closing voting, the ballot rule, ballot cards, and phone ballots
counted live."""

from __future__ import annotations

import html
import re
import subprocess
import threading

import httpx
import pytest
from PySide6.QtCore import Qt

from cafe_desk.ui.votes.voting_box import PHONE_RULE_NOTE, too_many_ballots
from tests.ui.run.test_phones_box import hidden_fields, open_channel

CTRL = Qt.KeyboardModifier.ControlModifier
HOTSPOT = "192.168.137.1:8080"  # this laptop's own hotspot on Windows: printed ahead, never reached in a test


@pytest.fixture
def window(cafe_window):
    return cafe_window


def stored_codes(services, cafe) -> int:
    return services.store.conn.execute("SELECT count(*) FROM ballot_code WHERE cafe_id = ?", [cafe.id]).fetchone()[0]


def printed(qtbot, box, op) -> None:
    """Wait for a print to end (the GUI keeps running meanwhile)."""
    assert op is not None, box.message.text()
    qtbot.waitUntil(lambda: op.done, timeout=60_000)


def open_voting(qtbot, box) -> None:
    """Open voting with the box's button, as the facilitator does (a new café's voting starts closed)."""
    assert box.toggle_btn.text() == "&Open voting"
    qtbot.mouseClick(box.toggle_btn, Qt.MouseButton.LeftButton)
    assert "Voting is open" in box.state.text()


def test_voting_waits_for_the_facilitator_then_lets_a_ballot_in(qtbot, window, services, cafe):
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    box = window.votes_page.voting
    assert not services.channel.settings(cafe.id).voting_open, "a new café takes no votes until voting opens"
    assert "Voting hasn't opened yet" in box.state.text()
    assert box.toggle_btn.text() == "&Open voting"
    server = open_channel(qtbot, window)
    outcome = services.planning.items(cafe.id, "outcome")[0]
    with httpx.Client(timeout=5) as phone:
        closed = phone.get(server.vote_url)
        assert "Voting hasn't opened yet." in html.unescape(closed.text) and "<form" not in closed.text
        qtbot.mouseClick(box.toggle_btn, Qt.MouseButton.LeftButton)
        assert services.channel.settings(cafe.id).voting_open
        assert "Voting is open" in box.state.text()
        form = phone.get(server.vote_url)
        reply = phone.post(server.vote_url, data={**hidden_fields(form.text), f"o-{outcome.id}": "2"})
    assert reply.status_code == 303, reply.text[:500]
    assert [b.choices for b in services.ballots.ballots(cafe.id)] == [{outcome.id: 2}]
    qtbot.waitUntil(lambda: box.received.text().startswith("Phone ballots received: 1"), timeout=2000)


def test_open_and_close_voting_with_undo(qtbot, window, services, cafe):
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    box = window.votes_page.voting
    open_voting(qtbot, box)
    assert box.toggle_btn.text() == "Close v&oting"
    qtbot.mouseClick(box.toggle_btn, Qt.MouseButton.LeftButton)
    assert not services.channel.settings(cafe.id).voting_open
    assert "Voting is closed" in box.state.text()
    assert box.toggle_btn.text() == "&Open voting"
    qtbot.keyClick(window.votes_page.table, Qt.Key.Key_Z, CTRL)
    assert services.channel.settings(cafe.id).voting_open
    assert "Voting is open" in box.state.text()
    window.broadcast(services.cafes.close(cafe.id))  # voting left open, the café closed: no phone can vote
    assert box.state.text() == "<b>Voting is closed</b>: the café is closed."


def test_the_ballot_rule_with_undo(qtbot, window, services, cafe):
    box = window.votes_page.voting
    assert box.rule.currentText() == "One ballot per phone"
    box.rule.setFocus()
    qtbot.keyClick(box.rule, Qt.Key.Key_Down)  # a closed combo box changes its choice with the arrow keys
    assert box.rule.currentText() == "One ballot per printed card"
    assert services.channel.settings(cafe.id).ballot_rule == "code"
    qtbot.keyClick(box.rule, Qt.Key.Key_Z, CTRL)
    assert services.channel.settings(cafe.id).ballot_rule == "phone"
    assert box.rule.currentText() == "One ballot per phone"


def test_ballot_cards_printed_ahead_carry_codes_the_cafe_accepts(qtbot, window, services, cafe, tmp_path):
    box = window.votes_page.voting
    target = tmp_path / "cards.pdf"
    printed(qtbot, box, box.print_cards(3, str(target), HOTSPOT))  # the café isn't open to phones yet
    assert box.message.text() == (f"3 ballot cards saved to {target}. Their QR codes send phones to "
                                  "192.168.137.1:8080: open the café to phones there when people vote. The codes are "
                                  "shown only once, in that file: print it before you delete it.")
    assert stored_codes(services, cafe) == 3
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    codes = re.findall(r"^([A-Z2-9]{8})$", text, flags=re.M)
    assert len(codes) == 3
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", str(target), str(tmp_path / "p")],
                   check=True)
    png = next(tmp_path.glob("p*.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True).stdout
    token = services.channel.settings(cafe.id).token
    assert decoded.splitlines() == [f"http://192.168.137.1:8080/c/{token}/vote"] * 3

    assert box.print_cards(2, str(tmp_path / "missing" / "cards.pdf"), HOTSPOT) is None
    assert box.message.text() == f"The folder {tmp_path / 'missing'} isn't there; please choose another one."

    # a card's code casts one ballot through the real vote page (on 127.0.0.1 here), and the box counts it live
    server = open_channel(qtbot, window)
    assert server.vote_url.endswith(f"/c/{token}/vote"), "the printed link is the page the server serves"
    window.broadcast(services.channel.set_ballot_rule(cafe.id, "code"))
    open_voting(qtbot, box)
    assert box.received.text().startswith("Phone ballots received: 0")
    outcome = services.planning.items(cafe.id, "outcome")[0]
    with httpx.Client(timeout=5) as phone:
        form = phone.get(server.vote_url)
        assert form.status_code == 200
        reply = phone.post(server.vote_url, data={**hidden_fields(form.text), "code": codes[0].lower(),
                                                  f"o-{outcome.id}": "2"})
    assert reply.status_code == 303, reply.text[:500]
    qtbot.waitUntil(lambda: box.received.text().startswith("Phone ballots received: 1"), timeout=1000)
    totals = {t.title: t.score for t in window.votes_page.chart.totals}
    assert totals[outcome.title] == 2, "phone ballots add into the running totals"


def test_printing_runs_off_the_gui_thread_and_keeps_codes_only_with_their_pdf(qtbot, window, services, cafe,
                                                                              tmp_path):
    box = window.votes_page.voting
    folder = tmp_path / "cards.pdf"
    folder.mkdir()  # the name chosen is a folder's: the PDF can't be saved there
    op = box.print_cards(10, str(folder), HOTSPOT)
    assert op is not None and not box.print_btn.isEnabled(), "one print at a time"
    assert box.print_cards(5, str(tmp_path / "other.pdf"), HOTSPOT) is None
    printed(qtbot, box, op)
    assert box.message.text() == (f"The cards couldn't be saved to {folder} (Is a directory), so no codes were kept; "
                                  "please choose another folder and print them again.")
    assert stored_codes(services, cafe) == 0
    assert box.print_btn.isEnabled()

    op = box.print_cards(400, str(tmp_path / "cards-2.pdf"), HOTSPOT)
    op.cancel()
    printed(qtbot, box, op)
    assert box.message.text() == "Printing cancelled; no cards were saved and no codes were kept."
    assert stored_codes(services, cafe) == 0
    assert not (tmp_path / "cards-2.pdf").exists() and not list(tmp_path.glob(".ballot-cards-*"))
    assert op.worker.ident != threading.get_ident(), "the cards are drawn off the GUI thread"


def test_a_closed_cafe_cannot_change_voting(qtbot, window, services, cafe):
    window.broadcast(services.cafes.close(cafe.id))
    box = window.votes_page.voting
    assert not box.toggle_btn.isEnabled() and not box.rule.isEnabled() and not box.print_btn.isEnabled()


def test_phone_ballots_are_called_a_guide_and_too_many_are_pointed_out(qtbot, window, services, cafe):
    box = window.votes_page.voting
    assert not box.rule_note.isHidden() and box.rule_note.text() == PHONE_RULE_NOTE
    assert "a guide only" in PHONE_RULE_NOTE and "clears their browser's cookies" in PHONE_RULE_NOTE
    assert "Where the votes must count, print ballot cards" in PHONE_RULE_NOTE
    assert box.warning.isHidden()

    # one person "clearing their cookies" before each vote: three ballots from one phone
    server = open_channel(qtbot, window)
    open_voting(qtbot, box)
    outcome = services.planning.items(cafe.id, "outcome")[0]
    for _ in range(3):
        with httpx.Client(timeout=5) as phone:  # a fresh client: no cookies, like a cleared browser
            form = phone.get(server.vote_url)
            reply = phone.post(server.vote_url, data={**hidden_fields(form.text), f"o-{outcome.id}": "1"})
            assert reply.status_code == 303, reply.text[:500]
    qtbot.waitUntil(lambda: box.received.text().startswith("Phone ballots received: 3"), timeout=2000)
    assert box.warning.isHidden(), "no attendance recorded yet: nothing to compare with"

    tables = services.planning.items(cafe.id, "table")
    rounds = services.planning.items(cafe.id, "round")
    group = services.planning.items(cafe.id, "group")[0]
    window.broadcast(services.notes.set_attendance(cafe.id, tables[0].id, rounds[0].id, group.id, 2)[1])
    assert not box.warning.isHidden()
    assert box.warning.text() == too_many_ballots(3, 2)
    assert box.warning.text().startswith("There are more phone ballots (3) than people recorded in the attendance "
                                         "(2): some people may have voted more than once")
    # the same two people at a table in the next round are not counted again
    window.broadcast(services.notes.set_attendance(cafe.id, tables[0].id, rounds[1].id, group.id, 2)[1])
    assert not box.warning.isHidden()
    window.broadcast(services.notes.set_attendance(cafe.id, tables[1].id, rounds[0].id, group.id, 1)[1])
    assert box.warning.isHidden(), "three people, three ballots"

    window.broadcast(services.channel.set_ballot_rule(cafe.id, "code"))
    assert box.rule_note.isHidden(), "printed codes need no such caution"
    window.broadcast(services.channel.set_ballot_rule(cafe.id, "phone"))
    assert not box.rule_note.isHidden()


def test_too_many_ballots_is_said_only_when_there_are():
    assert too_many_ballots(5, 0) == "" and too_many_ballots(4, 4) == "" and too_many_ballots(0, 3) == ""
    assert "(5)" in too_many_ballots(5, 4) and "(4)" in too_many_ballots(5, 4)
