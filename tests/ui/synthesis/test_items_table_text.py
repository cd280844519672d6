"""The Synthesis page's items table at 1366×768: a long text shows as whole lines with "…" at the end of the last,
never a line cut across, and the Themes column takes room only once the codebook has a theme."""

from __future__ import annotations

import os

import pytest
from PySide6.QtGui import QTextDocument

from cafe_desk.core.synthesis import HIT_END, HIT_START
from cafe_desk.ui.synthesis.synthesis_models import (
    COL_TEXT,
    COL_THEMES,
    HTML_ROLE,
    LEAD_CHARS,
    from_first_hit,
    last_whole_line,
)
from tests.central import cafe_at, send

SHOTS = os.environ.get("CAFE_DESK_SHOTS")
LONG = ("A long discussion on stigma at work; several had hidden their diagnosis from employers, and two had lost a "
        "job after telling their manager. Everyone agreed that peer workers in every GP practice would help, and that "
        "waiting lists for talking therapies are far too long in rural areas.")


@pytest.fixture
def page(qtbot, services, identity, main_window):
    send(services, cafe_at(services, "Perth café", "2026-04-02", "Perth", (LONG, "Walking groups helped")),
         services.store, identity)
    main_window.show_page(main_window.page_index(main_window.synthesis_slot))
    page = main_window.synthesis_page
    page.reload()
    qtbot.waitUntil(lambda: not page.runner.busy and page.model.rowCount() == 2, timeout=5000)
    return page


def test_the_themes_column_shows_once_the_codebook_has_a_theme(page, qtbot):
    width = page.table.horizontalHeader().sectionSize(COL_TEXT)
    assert page.table.isColumnHidden(COL_THEMES)
    page.codebook.new_theme("Stigma")
    qtbot.waitUntil(lambda: not page.table.isColumnHidden(COL_THEMES), timeout=5000)
    assert page.table.horizontalHeader().sectionSize(COL_THEMES) > 0
    assert page.table.horizontalHeader().sectionSize(COL_TEXT) < width  # the text gave the room
    page.codebook.confirm = lambda title, text: True
    page.codebook.delete(page.codebook.themes[0].id)
    qtbot.waitUntil(lambda: page.table.isColumnHidden(COL_THEMES), timeout=5000)
    assert page.table.horizontalHeader().sectionSize(COL_TEXT) == width


def test_a_long_text_shows_whole_lines_then_an_ellipsis(page, qtbot):
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, COL_TEXT).data() == LONG)
    rect = page.table.visualRect(page.model.index(row, COL_TEXT))
    doc = QTextDocument()
    doc.setDefaultFont(page.table.font())
    doc.setDocumentMargin(3)
    doc.setPlainText(LONG)
    doc.setTextWidth(rect.width())
    right, bottom, more = last_whole_line(doc, rect.height())
    assert more and bottom <= rect.height() and right > 0
    picture = page.table.viewport().grab(rect).toImage()
    background = picture.pixelColor(1, picture.height() - 1)
    # below the last whole line, only the row's background: no tops of a line cut across
    below = {picture.pixelColor(x, y).name() for x in range(picture.width())
             for y in range(int(bottom) + 1, picture.height() - 1)}
    assert below <= {background.name()}, below
    # the "…" is drawn at the end of that line: dark pixels in its last few pixels' width
    ink = [x for x in range(picture.width() - 20, picture.width())
           for y in range(int(bottom) - 6, int(bottom)) if picture.pixelColor(x, y).lightness() < 128]
    assert ink, "no ellipsis at the end of the last line"
    if SHOTS:
        page.window().grab().save(os.path.join(SHOTS, "synthesis-long-text.png"))


def test_last_whole_line_of_a_short_text_says_nothing_is_left():
    doc = QTextDocument()
    doc.setPlainText("Walking groups helped")
    doc.setTextWidth(300)
    right, bottom, more = last_whole_line(doc, 200)
    assert not more and 0 < bottom <= 200 and 0 < right <= 300
    assert last_whole_line(doc, 1) is None


def test_a_row_whose_hit_comes_late_starts_a_few_words_before_it(page, qtbot):
    page.search.setText("talking")  # in LONG's last sentence, far past the three lines a row shows
    page.refresh_items()
    qtbot.waitUntil(lambda: not page.runner.busy and page.model.rowCount() == 1, timeout=5000)
    row = page.model.index(0, COL_TEXT).data(HTML_ROLE)
    assert row.startswith("… ") and "<b>talking</b>" in row[:LEAD_CHARS + 20]
    assert row.endswith("rural areas.")
    page.table.selectRow(0)
    assert "A long discussion on stigma" in page.detail.toPlainText()  # the reading pane has it all


def test_from_first_hit_keeps_an_early_hit_where_it_is():
    early = f"Peer {HIT_START}support{HIT_END} helped"
    assert from_first_hit(early) == early
    late = "word " * 40 + f"{HIT_START}bus{HIT_END} stops"
    assert from_first_hit(late) == "… " + "word " * 7 + f"{HIT_START}bus{HIT_END} stops"
