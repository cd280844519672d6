"""The "Open to phones" box: the real participant server on 127.0.0.1, comments arriving live, the QR codes decoded,
and the channel closing with another café and the app (after the café closes: test_phones_ended.py)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from cafe_desk.services.qr_codes import wifi_payload
from cafe_desk.ui.run.phones_box import (
    HOTSPOT_HINT,
    LOOPBACK,
    LOOPBACK_LABEL,
    NOT_OPENED_TEXT,
    OPENING_TEXT,
    listen_addresses,
)
from cafe_desk.ui.shell.main_window import MainWindow

# --- helpers shared by the channel tests -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def open_channel(qtbot, window: MainWindow, port: int | None = None):
    """Open the café to phones from the Run page, on "This laptop only", like a facilitator would."""
    window.show_page(2)
    box = window.run_page.phones
    box.choose_address(LOOPBACK)
    assert box.address.currentText() == LOOPBACK_LABEL
    box.port.setValue(port or free_port())
    qtbot.mouseClick(box.start_btn, Qt.MouseButton.LeftButton)
    wait_until_opened(qtbot, box)
    assert box.is_open, box.status.text()
    return box.server


def wait_until_opened(qtbot, box) -> None:
    """The channel opens off the GUI thread: wait (the event loop running) until it is open or has failed."""
    qtbot.waitUntil(lambda: box.opening is None, timeout=20_000)


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self.values[a["name"]] = a.get("value") or ""


def hidden_fields(html: str) -> dict[str, str]:
    parser = _Inputs()
    parser.feed(html)
    return parser.values


def post_comment(cafe_url: str, text: str) -> httpx.Response:
    """What a phone does: open the comment page (cookie + form token), then send the form."""
    with httpx.Client(timeout=5) as client:
        form = client.get(cafe_url)
        assert form.status_code == 200
        data = {**hidden_fields(form.text), "comment": text, "consent": "yes"}
        return client.post(cafe_url + "/comment", data=data)


def decode_qr(pixmap, path: Path) -> list[str]:
    """Save a QPixmap as PNG and read it back with zbarimg."""
    assert not pixmap.isNull()
    assert pixmap.save(str(path), "PNG")
    out = subprocess.run(["zbarimg", "-q", "--raw", str(path)], capture_output=True, text=True, timeout=30)
    return out.stdout.splitlines()


def refuses(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(2)
        return s.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture
def window(cafe_window):
    return cafe_window


# --- tests -------------------------------------------------------------------------------------------------------


def test_addresses_list_private_first_and_always_this_laptop():
    choices = listen_addresses()
    assert choices[-1] == (LOOPBACK_LABEL, LOOPBACK)
    hosts = [host for _, host in choices[:-1]]
    assert LOOPBACK not in hosts and len(set(hosts)) == len(hosts)
    private = [("local network" in label) for label, _ in choices[:-1]]
    assert private == sorted(private, reverse=True), "private addresses come first"


def test_a_comment_from_a_phone_appears_on_the_comments_page_within_a_second(qtbot, window, services, cafe):
    server = open_channel(qtbot, window)
    box = window.run_page.phones
    assert server.host == LOOPBACK
    assert box.status.text() == f"Open to phones at {server.cafe_url}."
    assert box.cafe_qr.text.text() == server.cafe_url
    assert not box.start_btn.isEnabled() and not box.address.isEnabled()

    reply = post_comment(server.cafe_url, "More peer support in rural areas, please")
    assert reply.status_code == 303
    comments = window.comments_page
    qtbot.waitUntil(lambda: comments.model.rowCount() == 1, timeout=1000)
    assert comments.model.comments[0].text == "More peer support in rural areas, please"
    assert not comments.banner.isVisible()
    assert [n.text for n in services.comments.comments(cafe.id)] == ["More peer support in rural areas, please"]


def test_both_qr_codes_decode_to_exactly_the_address_and_the_wifi(qtbot, window, services, tmp_path):
    box = window.run_page.phones
    assert box.wifi_qr.text.text() == "Add the Wi-Fi details to show this code."
    typed = []

    def fill_in_the_dialog():  # runs inside the dialog's own event loop
        dialog = box.wifi_dialog
        try:
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            typed.append(dialog.message.text())
            qtbot.keyClicks(dialog.name_edit, "Church Hall; Guest")
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            typed.append(dialog.message.text())
            typed.append(dialog.name_edit.text())
            qtbot.keyClicks(dialog.password_edit, 'tea:and"cake')
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, fill_in_the_dialog)
    qtbot.mouseClick(box.wifi_btn, Qt.MouseButton.LeftButton)
    assert typed == ["Please type the network's name, as phones show it in their Wi-Fi list.",
                     "Please type the Wi-Fi password, or choose “Open network” if it has none.",
                     "Church Hall; Guest"], "each mistake gets one plain line, and nothing typed is lost"
    assert services.channel.wifi() == ("Church Hall; Guest", 'tea:and"cake', "WPA")

    server = open_channel(qtbot, window)
    assert decode_qr(box.cafe_qr.image.pixmap(), tmp_path / "cafe.png") == [server.cafe_url]
    assert decode_qr(box.wifi_qr.image.pixmap(), tmp_path / "wifi.png") == [
        wifi_payload("Church Hall; Guest", 'tea:and"cake', "WPA")]
    assert "Network: Church Hall; Guest" in box.wifi_qr.text.text()


def test_a_busy_port_is_swapped_for_a_free_one_and_the_box_says_which(qtbot, window):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        server = open_channel(qtbot, window, port=busy)
        assert server.port != busy
        assert window.run_page.phones.status.text() == (
            f"Open to phones at {server.cafe_url}. Port {busy} was busy, so it uses port {server.port}.")
        assert httpx.get(server.cafe_url, timeout=5).status_code == 200


def test_opening_another_cafe_or_quitting_stops_the_channel(qtbot, window, services):
    from tests.conftest import mental_health_plan

    port = open_channel(qtbot, window).port
    other = services.planning.create(mental_health_plan(services, locality="Dundee"))[0]
    window.open_cafe(other.id)
    assert refuses(port)
    assert window.run_page.phones.status.text() == "The channel to phones is closed because another café was opened."

    port = open_channel(qtbot, window).port
    window.close()
    assert refuses(port), "quitting the app closes the channel"


def test_stop_button_and_presenter_qr(qtbot, window, tmp_path):
    window.run_page.open_presenter()
    presenter = window.run_page.presenter
    qtbot.addWidget(presenter)
    assert presenter.qr_slot.pixmap().isNull()
    server = open_channel(qtbot, window)
    assert presenter.qr_text.text().replace("\n", "") == server.cafe_url
    assert decode_qr(presenter.qr_slot.pixmap(), tmp_path / "presenter.png") == [server.cafe_url]
    port = server.port
    qtbot.mouseClick(window.run_page.phones.stop_btn, Qt.MouseButton.LeftButton)
    assert refuses(port)
    assert presenter.qr_slot.pixmap().isNull() and presenter.qr_text.isHidden()
    assert window.run_page.phones.status.text() == "Closed to phones."


def test_presenter_shows_the_wifi_code_beside_the_comment_page_code(qtbot, window, services, tmp_path):
    services.channel.set_wifi("Church Hall; Guest", "tea:and:cake")
    window.run_page.open_presenter()
    presenter = window.run_page.presenter
    qtbot.addWidget(presenter)
    assert presenter.wifi_slot.pixmap().isNull(), "no code before the café is open to phones"
    server = open_channel(qtbot, window)
    assert decode_qr(presenter.wifi_slot.pixmap(), tmp_path / "wifi.png") == [
        "WIFI:T:WPA;S:Church Hall\\; Guest;P:tea\\:and\\:cake;;"]
    assert decode_qr(presenter.qr_slot.pixmap(), tmp_path / "page.png") == [server.cafe_url]
    assert presenter.wifi_text.text() == "Church Hall; Guest\nPassword: tea:and:cake"
    presenter.resize(1366, 768)
    presenter.grab().save(str(tmp_path / "presenter_both.png"))
    assert presenter.wifi_slot.width() + presenter.qr_slot.width() < presenter.width() / 2


def test_opening_runs_off_the_gui_thread_and_says_so_meanwhile(qtbot, window):
    box = window.run_page.phones
    window.show_page(2)
    box.choose_address(LOOPBACK)
    box.port.setValue(free_port())
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(box.status.text()))
    timer.start(5)
    qtbot.mouseClick(box.start_btn, Qt.MouseButton.LeftButton)
    assert box.status.text() == OPENING_TEXT
    assert not box.start_btn.isEnabled() and not box.stop_btn.isEnabled()
    assert not box.address.isEnabled() and not box.port.isEnabled()
    assert box.start() is None, "one opening at a time"
    wait_until_opened(qtbot, box)
    timer.stop()
    assert box.is_open and box.status.text() == f"Open to phones at {box.server.cafe_url}."
    assert OPENING_TEXT in ticks, "the GUI kept running while the server started"
    assert box.stop_btn.isEnabled() and not box.start_btn.isEnabled()
    assert box.cafe_qr.text.text() == box.server.cafe_url
    assert box.opening is None and threading.get_ident() != box.server._thread.ident


def test_an_address_this_laptop_no_longer_has_gives_a_plain_message(qtbot, window):
    box = window.run_page.phones
    window.show_page(2)
    gone = "192.0.2.10"  # a documentation address: no interface has it, so nothing can listen there
    box.address.addItem(f"{gone} (local network)", gone)  # the laptop left the network the list was read on
    box.choose_address(gone)
    port = free_port()
    box.port.setValue(port)
    qtbot.mouseClick(box.start_btn, Qt.MouseButton.LeftButton)
    assert box.status.text() == OPENING_TEXT
    wait_until_opened(qtbot, box)
    assert not box.is_open
    assert box.status.text() == (f"Café Desk can't open the phone page on {gone}:{port} (Cannot assign requested "
                                 "address).")
    assert box.start_btn.isEnabled() and box.address.isEnabled() and box.port.isEnabled()
    assert not box.stop_btn.isEnabled() and box.cafe_qr.image.pixmap().isNull()


def test_quitting_while_it_opens_leaves_nothing_listening(qtbot, window):
    box = window.run_page.phones
    window.show_page(2)
    box.choose_address(LOOPBACK)
    port = free_port()
    box.port.setValue(port)
    op = box.start()
    assert op is not None and box.status.text() == OPENING_TEXT
    window.close()
    assert not box.is_open and box.opening is None
    assert box.status.text() == NOT_OPENED_TEXT
    assert refuses(port)
    qtbot.waitUntil(lambda: op.done, timeout=20_000)  # its result, arriving late, opens nothing
    assert not box.is_open and refuses(port)


def test_a_closed_cafe_cannot_be_opened_to_phones(qtbot, window, services, cafe):
    window.broadcast(services.cafes.close(cafe.id))
    box = window.run_page.phones
    assert not box.start_btn.isEnabled()
    box.start()
    assert box.status.text() == "This café is closed, so phones can't add to it. Reopen it from the café list first."
    assert not box.is_open


def test_starting_the_main_window_imports_no_server_pdf_qr_encryption_redaction_or_unseen_page():
    """With no café open the window shows the café list: no other page is built, so none of their modules load."""
    code = ("import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
            "from cafe_desk.services import Services; from cafe_desk.storage.store import Store;"
            "from cafe_desk.ui.shell.main_window import MainWindow; import tempfile, pathlib;"
            "w = MainWindow(Services.build(Store(pathlib.Path(tempfile.mkdtemp()) / 'c.sqlite3'))); w.show();"
            "app.processEvents();"
            "heavy = [m for m in sys.modules if m.split('.')[0] in ('uvicorn', 'starlette', 'reportlab', 'qrcode',"
            " 'pyrage', 'phonenumbers', 'xlsxwriter')"
            " or m.startswith('cafe_desk.server') or m.startswith('cafe_desk.reports')"
            " or m in ('cafe_desk.central.tables_export', 'cafe_desk.central.qdpx_export',"
            " 'cafe_desk.ui.synthesis.synthesis_panel', 'cafe_desk.services.synthesis',"
            " 'cafe_desk.services.importing', 'cafe_desk.services.exporting')"
            " or m.split('.')[:3] == ['cafe_desk', 'ui', 'plan'] or m.endswith(('run_panel', 'notes_panel',"
            " 'votes_panel', 'comments_panel', 'central_panel'))];"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}, cwd=Path(__file__).parents[3])
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_events_from_the_server_thread_arrive_on_the_gui_thread(qtbot, window):
    server = open_channel(qtbot, window)
    box, seen, emitted_on = window.run_page.phones, [], []
    box.bridge.sig_event.connect(lambda kind, data: emitted_on.append(threading.get_ident()),
                                 Qt.ConnectionType.DirectConnection)  # runs where the server emitted it
    box.sig_event.connect(lambda kind, data: seen.append((kind, QApplication.instance().thread().isCurrentThread())))
    assert post_comment(server.cafe_url, "Evening groups would help").status_code == 303
    qtbot.waitUntil(lambda: bool(seen), timeout=1000)
    assert seen == [("comment", True)]
    assert emitted_on and emitted_on[0] != threading.get_ident(), "the server calls back from its own thread"
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/c/[\w-]+", server.cafe_url)


def test_the_run_page_says_how_to_keep_comments_off_a_shared_network(qtbot, window):
    window.show_page(2)
    box = window.run_page.phones
    assert box.hotspot_hint.text() == HOTSPOT_HINT and box.hotspot_hint.isVisible()
    for words in ("without encryption", "this laptop's own hotspot with a password", "stop phones reaching each other",
                  "Wi-Fi details", "the hotspot's address in “Listen on”"):
        assert words in HOTSPOT_HINT
    assert "isolation" not in HOTSPOT_HINT and "pick its address" not in HOTSPOT_HINT
    hint_at = box.hotspot_hint.mapTo(box, box.hotspot_hint.rect().topLeft()).y()
    buttons_at = box.start_btn.mapTo(box, box.start_btn.rect().bottomLeft()).y()
    assert 0 <= hint_at - buttons_at < 40, "right under the button that opens the café to phones"
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    hint = box.hotspot_hint
    assert hint.height() >= hint.heightForWidth(hint.width()), "every line of it shows at 1366×768"
    open_channel(qtbot, window)
    assert hint.isHidden(), "once phones are in, the room is the table hosts' links'"
    assert window.statusBar().currentMessage().startswith("Open on this laptop only: phones can't reach it.")
    assert "phones can't reach it" in window.statusBar().currentMessage(), "no promise that phones can come in"
    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    assert "### Keeping phones' comments private" in readme and "client isolation" in readme


def test_the_address_list_is_read_again_when_the_run_page_is_shown(qtbot, window):
    """A hotspot turned on while the page was away (or open) is listed once the page is shown again."""
    window.show_page(2)
    box = window.run_page.phones
    box.address.clear()  # as if the list had been read before the hotspot came up
    window.show_page(0)
    window.show_page(2)
    qtbot.waitUntil(lambda: box.address.count() > 0, timeout=1000)
    assert [box.address.itemData(i) for i in range(box.address.count())] == [a for _, a in listen_addresses()]


def test_the_box_says_phones_can_be_let_in_once_a_cafe_is_open(main_window, cafe):
    box = main_window.run_page.phones  # built before any café is open
    assert box.status.text() == "Open a café that isn't closed to let phones in."
    main_window.open_cafe(cafe.id)
    assert box.status.text() == "Phones can add comments and votes once you open the café to them."
    assert box.start_btn.isEnabled()
