"""Text that fits where it is shown: a combo box cuts a long choice at its end (never mid-letter, never in the middle
where a title starts) with the whole of it as the tooltip; columns fit the values they hold; a state that can't fit
one line is broken where its lines come out narrowest."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics, QStandardItemModel
from PySide6.QtWidgets import QTableView

from cafe_desk.ui.widgets.fitted_text import ElidedCombo, fit_column, two_lines

LONG = "Perth and Kinross conversation café about waiting times for mental health support · 2026-12-02 · 4SZ7NG"


def test_a_long_choice_is_cut_at_its_end_and_whole_in_the_tooltip(qtbot):
    combo = ElidedCombo()
    qtbot.addWidget(combo)
    combo.addItem("Dundee café", "a")
    combo.addItem(LONG, "b")
    combo.addItem("<b>Bold</b> café", "c")
    combo.setFixedWidth(220)
    combo.show()
    assert combo.shown_text() == "Dundee café" and combo.toolTip().endswith("Dundee café</p>")
    combo.setCurrentIndex(1)
    shown = combo.shown_text()
    assert shown.endswith("…") and LONG.startswith(shown[:-1]) and len(shown) > 10
    assert combo.fontMetrics().horizontalAdvance(shown) < combo.width()
    assert LONG in combo.toolTip()
    combo.setCurrentIndex(2)
    assert "&lt;b&gt;Bold&lt;/b&gt;" in combo.toolTip(), "a tooltip shows a title exactly, never as HTML"
    combo.grab()  # paints without trouble


def test_a_column_fits_its_widest_value_and_its_header(qtbot):
    model = QStandardItemModel(1, 2)
    model.setHorizontalHeaderLabels(["A rather long heading", "Care"])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    metrics = QFontMetrics(view.font())
    assert fit_column(view, 0, ["x"]) > metrics.horizontalAdvance("A rather long heading")
    width = fit_column(view, 1, ["⚑ Needs care", "Followed up"], bold=True)
    assert width > metrics.horizontalAdvance("⚑ Needs care") and view.columnWidth(1) == width
    assert view.horizontalHeader().sectionResizeMode(1) == view.horizontalHeader().ResizeMode.Fixed
    fit_column(view, 1, ["x"], resizable=True)
    assert view.horizontalHeader().sectionResizeMode(1) == view.horizontalHeader().ResizeMode.Interactive


def test_two_lines_break_where_the_wider_line_is_narrowest(qtbot):
    view = QTableView()
    qtbot.addWidget(view)
    metrics, text = QFontMetrics(view.font()), "Pinned (not yet on screen)"
    lines = two_lines(view.font(), text)
    words = text.split(" ")
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    assert " ".join(lines) == text and len(lines) == 2
    assert max(map(metrics.horizontalAdvance, lines)) == min(max(map(metrics.horizontalAdvance, s)) for s in splits)
    assert two_lines(view.font(), "Hidden") == ["Hidden"]
