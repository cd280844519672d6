"""Each table host's link from the Run page while the café is open to phones: the real server on 127.0.0.1, a
"Table hosts' links…" button opening a dialog whose links match it, each readable whole at 1366×768, copied one by
one or all together, each table's code (and one larger code) decoded."""

from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.ui.run.test_phones_box import decode_qr, open_channel

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(cafe_window):
    return cafe_window


def test_the_run_page_offers_each_table_hosts_link_and_code(qtbot, window, services, cafe, tmp_path):
    box = window.run_page.phones
    links = box.table_links
    window.show_page(2)
    assert links.isHidden() and links.links == [], "no links before the café is open to phones"

    server = open_channel(qtbot, window)
    tables = services.planning.items(cafe.id, "table")
    assert len(tables) > 1
    assert links.isVisible() and links.button.isVisible() and links.button.text() == "Ta&ble hosts' links…"
    assert links.links == [(t.label, server.table_url(t.id)) for t in tables]

    qtbot.mouseClick(links.button, LEFT)
    dialog = links.dialog
    qtbot.waitExposed(dialog)
    assert [row.title.text() for row in dialog.rows] == [f"{t.label} host" for t in tables]
    assert [row.link.text() for row in dialog.rows] == [server.table_url(t.id) for t in tables]
    assert dialog.rows[0].link.text().startswith("http://127.0.0.1:")
    assert len({url for _, url in dialog.links}) == len(tables), "every table has its own link"
    assert httpx.get(dialog.links[1][1], timeout=5).status_code == 200, "the link opens the table's host page"
    assert decode_qr(dialog.rows[2].code.pixmap(), tmp_path / "table3.png") == [server.table_url(tables[2].id)]

    qtbot.mouseClick(dialog.rows[1].copy_btn, LEFT)
    assert QGuiApplication.clipboard().text() == server.table_url(tables[1].id)
    assert dialog.copied.text() == f"Copied {tables[1].label} host's link."
    qtbot.mouseClick(dialog.copy_all_btn, LEFT)
    assert QGuiApplication.clipboard().text().splitlines() == [
        f"{t.label} host: {server.table_url(t.id)}" for t in tables]
    assert dialog.copied.text() == f"Copied all {len(tables)} links."

    qtbot.mouseClick(dialog.rows[1].larger_btn, LEFT)
    large = dialog.qr_dialog
    qtbot.waitExposed(large)
    assert large.qr.image.width() > box.cafe_qr.image.width() > dialog.rows[1].code.width(), "larger than the others"
    assert decode_qr(large.qr.image.pixmap(), tmp_path / "table2.png") == [server.table_url(tables[1].id)]
    assert large.qr.text.text() == server.table_url(tables[1].id)

    added = services.planning.add_table(cafe.id)
    window.broadcast(added[1])
    assert links.links[-1] == (added[0].label, server.table_url(added[0].id)), "a table added meanwhile is listed"
    assert dialog.rows[-1].link.text() == server.table_url(added[0].id), "in the open dialog too"

    qtbot.mouseClick(box.stop_btn, LEFT)
    assert links.isHidden() and links.links == []
    assert not dialog.isVisible() and not large.isVisible(), "the links and codes go when closed to phones"


def test_the_links_are_readable_whole_at_1366_by_768(qtbot, window, services, cafe, tmp_path):
    for _ in range(8 - len(services.planning.items(cafe.id, "table"))):
        services.planning.add_table(cafe.id)
    window.broadcast(services.planning.add_table(cafe.id)[1])  # nine tables: more than fit without scrolling
    assert window.width() == 1366 and window.height() == 768
    open_channel(qtbot, window)
    window.run_page.phones.table_links.button.click()
    dialog = window.run_page.phones.table_links.dialog
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    dialog.grab().save(str(tmp_path / "table-links.png"))  # to look at

    assert len(dialog.rows) == 9
    assert dialog.width() <= 1366 and dialog.height() <= 768
    for row in dialog.rows:
        link = row.link
        assert link.fontMetrics().horizontalAdvance(link.text()) <= link.width(), f"{link.text()} is cut off"
        assert row.code.width() >= 100, "a code a phone can read from the screen"
    viewport = dialog.scroll.viewport()
    assert all(row.mapTo(viewport, row.rect().topRight()).x() < viewport.width() for row in dialog.rows), \
        "nothing cut off at the right"
    assert not dialog.scroll.horizontalScrollBar().isVisible()
    assert dialog.scroll.verticalScrollBar().isVisible(), "the ninth table is reached by scrolling"
    top_rows = [row for row in dialog.rows if row.y() < 10]
    assert len(top_rows) == 2, "two tables to a line"
