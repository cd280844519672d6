"""A participant's words reach the projector exactly as typed: markup sent from a phone, pinned and revealed, is
shown as the characters it is made of, never drawn as large red text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from tests.ui.run.test_phones_box import open_channel, post_comment

HOSTILE = 'I agree<br><span style="font-size:60pt;color:red">FIRE - LEAVE THE BUILDING NOW</span>'


def red_pixels(widget) -> int:
    """How many pixels of the widget, as drawn now, are strongly red."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)  # 0xffRRGGBB, rows unpadded
    return sum(1 for p in memoryview(image.constBits()).cast("I")
               if (p >> 16) & 0xFF > 180 and (p >> 8) & 0xFF < 90 and p & 0xFF < 90)


def test_markup_from_a_phone_is_shown_literally_on_the_projector(qtbot, cafe_window, services, cafe):
    window = cafe_window
    server = open_channel(qtbot, window)
    panel = window.comments_page
    panel.ask_projector = lambda text: True  # should the finder ever flag it, the facilitator says yes
    assert post_comment(server.cafe_url, HOSTILE).status_code == 303
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=2000)
    [note] = services.comments.comments(cafe.id)
    assert note.text == HOSTILE

    window.run_page.open_presenter()
    presenter = window.run_page.presenter
    qtbot.addWidget(presenter)
    presenter.resize(1280, 720)
    panel.select(note.id)
    qtbot.mouseClick(panel.pin_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.reveal_btn, Qt.MouseButton.LeftButton)
    assert presenter.comment_box.isVisible()

    label = presenter.comment_text
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == f"“{HOSTILE}”"
    assert red_pixels(presenter) == 0, "nothing on the projector is drawn in the comment's red"
    assert label.height() < presenter.height() / 3, "the words take the comment's usual size"

    # the check above would see the markup drawn as markup
    label.setTextFormat(Qt.TextFormat.RichText)
    presenter.show_comment(note.text)
    assert red_pixels(presenter) > 1000


def test_a_comment_written_in_quote_marks_shows_them_once_on_the_projector(qtbot):
    from cafe_desk.ui.run.presenter import PresenterWindow

    presenter = PresenterWindow()
    qtbot.addWidget(presenter)
    presenter.show_comment("“We were heard, for once”")
    assert presenter.comment_text.text() == "“We were heard, for once”"
    presenter.show_comment("We were heard")
    assert presenter.comment_text.text() == "“We were heard”"
