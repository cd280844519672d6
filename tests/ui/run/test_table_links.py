"""Each table host's link on the Run page while the café is open to phones: the real server on 127.0.0.1, the links
matching it, and one link's large QR code decoded."""

from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import Qt

from tests.ui.run.test_phones_box import decode_qr, open_channel


@pytest.fixture
def window(cafe_window):
    return cafe_window


def test_the_run_page_lists_each_table_hosts_link_and_shows_its_code(qtbot, window, services, cafe, tmp_path):
    box = window.run_page.phones
    links = box.table_links
    window.show_page(2)
    assert links.isHidden() and links.links == [], "no links before the café is open to phones"

    server = open_channel(qtbot, window)
    tables = services.planning.items(cafe.id, "table")
    assert len(tables) > 1
    assert links.isVisible()
    assert links.links == [(t.label, server.table_url(t.id)) for t in tables]
    assert [label.text() for label in links.link_labels] == [
        f"{t.label} host: {server.table_url(t.id)}" for t in tables]
    assert links.link_labels[0].text().startswith("Table 1 host: http://127.0.0.1:")
    assert len({url for _, url in links.links}) == len(tables), "every table has its own link"
    assert httpx.get(links.links[1][1], timeout=5).status_code == 200, "the link opens the table's host page"

    qtbot.mouseClick(links.code_buttons[1], Qt.MouseButton.LeftButton)
    dialog = links.qr_dialog
    qtbot.waitExposed(dialog)
    assert dialog.qr.image.width() > box.cafe_qr.image.width(), "larger than the codes in the box"
    assert decode_qr(dialog.qr.image.pixmap(), tmp_path / "table2.png") == [server.table_url(tables[1].id)]
    assert dialog.qr.text.text() == server.table_url(tables[1].id)

    added = services.planning.add_table(cafe.id)
    window.broadcast(added[1])
    assert links.links[-1] == (added[0].label, server.table_url(added[0].id)), "a table added meanwhile is listed"

    qtbot.mouseClick(box.stop_btn, Qt.MouseButton.LeftButton)
    assert links.isHidden() and links.links == []
    assert not dialog.isVisible(), "its code goes when the café is closed to phones"
