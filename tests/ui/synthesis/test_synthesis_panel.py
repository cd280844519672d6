"""The Synthesis page on real imported bundles: search with hits in bold, filters, coding many items at once with
undo, the shortlist, the codebook's merge and delete (asked first), theme counts per café and votes across cafés."""

from __future__ import annotations

import csv
import json
import os

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox, QStyle, QTableView

from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.ui.synthesis.coding_scope import CODE_ALL, CODE_LISTED, coding_scope_box
from cafe_desk.ui.synthesis.result_line import found_line, shown_line
from cafe_desk.ui.synthesis.synthesis_models import COL_CAFE, COL_SHORTLIST, COL_TEXT, COL_THEMES, HTML_ROLE
from cafe_desk.ui.synthesis.synthesis_panel import SynthesisPanel
from tests.central import cafe_at, make_cafe, send
from tests.read_only import read_only_folder

SHOTS = os.environ.get("CAFE_DESK_SHOTS")


@pytest.fixture
def imported(services, identity):
    """Perth and Inverness cafés, exported and imported into the same data file (as the central team would)."""
    perth = make_cafe(services)
    inverness = cafe_at(services, "Inverness café", "2026-04-02", "Inverness", (
        "Peer workers in every GP practice", "Recovery colleges gave me a reason to get up",
        "Recovering takes time <and> patience"))
    for cafe in (perth, inverness):
        send(services, cafe, services.store, identity)
    return services


@pytest.fixture
def page(qtbot, imported, main_window):
    main_window.show_page(main_window.page_index(main_window.synthesis_slot))
    main_window.synthesis_page.confirm = lambda title, text: True
    page = main_window.synthesis_page
    page.reload()
    settle(qtbot, page)
    return page


def settle(qtbot, page: SynthesisPanel) -> None:
    """Wait for the reads running off the GUI thread (the search, the tab) to show their answers."""
    qtbot.waitUntil(lambda: not page.runner.busy and not page.tab_runner.busy, timeout=5000)


def select_rows(page: SynthesisPanel, rows) -> None:
    sel = page.table.selectionModel()
    sel.clearSelection()
    for row in rows:
        sel.select(page.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)


def texts(page) -> list[str]:
    return [page.model.index(r, COL_TEXT).data() for r in range(page.model.rowCount())]


def shortlisted(page, row: int) -> bool:
    return page.model.index(row, COL_SHORTLIST).data() == "★"


def test_only_imported_cafes_are_shown(page, model_tester):
    model_tester(page.model)
    assert page.model.rowCount() == 6  # the two local cafés' own notes are not in the synthesis
    assert page.status.text() == "6 items."
    assert not page.empty.isVisible()


def test_search_shows_hits_in_bold_best_first(page, qtbot):
    qtbot.keyClicks(page.search, "recov*")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=3000)
    settle(qtbot, page)
    assert sorted(texts(page)) == ["Recovering takes time <and> patience",
                                   "Recovery colleges gave me a reason to get up"]
    shown = [page.model.index(r, COL_TEXT).data(HTML_ROLE) for r in range(2)]
    assert "<b>Recovering</b> takes time &lt;and&gt; patience" in shown  # escaped, hits in bold
    assert page.status.text() == "2 items, best match first."
    page.search.setText('"peer workers"')
    page.refresh_items()
    settle(qtbot, page)
    assert texts(page) == ["Peer workers in every GP practice"]
    page.table.setCurrentIndex(page.model.index(0, COL_TEXT))
    detail = page.detail.toPlainText()
    assert detail.startswith("Peer workers in every GP practice") and "Inverness café" in detail
    assert "Question: " in detail


def test_typing_fast_shows_only_the_last_search(page, qtbot):
    """Searches overtaken by a newer one are never shown: the table changes once, to the last search's items. (Were
    every answer shown in order, the empty answers to "p", "pe" and "pee" would flash by first.)"""
    shown: list[list[str]] = []
    page.model.modelReset.connect(lambda: shown.append(sorted(texts(page))))
    for text in ("p", "pe", "pee", "peer"):
        page.search.setText(text)
        page.refresh_items()
    settle(qtbot, page)
    qtbot.wait(200)  # an answer dropped too late would arrive within this
    assert shown == [["Peer support groups helped me most", "Peer workers in every GP practice"]]


def test_filters_narrow_and_clear(page, qtbot):
    page.filters.locality_combo.setCurrentIndex(page.filters.locality_combo.findData("Perth"))
    settle(qtbot, page)
    assert page.model.rowCount() == 3
    page.filters.source_boxes["note-taker"].setChecked(False)
    page.filters.source_boxes["paper"].setChecked(False)
    settle(qtbot, page)
    assert texts(page) == ["Peer support groups helped me most"]
    page.filters.source_boxes["participant"].setChecked(False)
    settle(qtbot, page)
    assert page.model.rowCount() == 0 and "Tick at least one" in page.status.text()
    page.clear_filters()
    settle(qtbot, page)
    assert page.model.rowCount() == 6


def test_code_many_items_with_undo_and_counts_per_cafe(page, main_window, qtbot):
    theme_id = page.codebook.new_theme("Peer support")
    assert [t.name for t in page.codebook.themes] == ["Peer support"]
    page.search.setText("peer")
    page.refresh_items()
    settle(qtbot, page)
    select_rows(page, range(page.model.rowCount()))
    page.codebook.select(theme_id)
    assert page.codebook.code_button.isEnabled()
    page.codebook.code_button.click()
    assert page.codebook.themes[0].count == 2
    assert all(page.model.index(r, COL_THEMES).data() == "Peer support" for r in range(page.model.rowCount()))
    main_window.central_undo.undo()
    assert page.syn.themes()[0].count == 0 and page.model.index(0, COL_THEMES).data() == ""
    main_window.central_undo.redo()
    assert page.syn.themes()[0].count == 2
    steps, said = main_window.central_undo.count(), []
    page.sig_message.connect(said.append)
    page.codebook.code_button.click()  # every selected item has it already: nothing to undo, and said so
    assert main_window.central_undo.count() == steps
    assert said == ["The 2 items selected have “Peer support” already."]
    page.tabs.setCurrentIndex(1)
    settle(qtbot, page)
    model = page.counts_model
    assert model.rowCount() == 1 and model.columnCount() == 4
    assert [model.index(0, c).data() for c in range(4)] == ["Peer support", 2, 1, 1]
    if SHOTS:
        main_window.grab().save(os.path.join(SHOTS, "synthesis-themes.png"))


def test_merge_and_delete_are_asked_first(page, qtbot):
    a = page.codebook.new_theme("Access")
    b = page.codebook.new_theme("Getting help")
    select_rows(page, [0, 1])
    page.apply_theme(a)
    select_rows(page, [1, 2])
    page.apply_theme(b)
    page.confirm = lambda title, text: False
    page.codebook.merge([a, b], a)
    assert len(page.syn.themes()) == 2
    asked = []
    page.confirm = lambda title, text: asked.append(text) or True
    page.codebook.merge([a, b], a)
    assert asked == ["Merge “Getting help” into “Access”? Their items will carry “Access”. This can't be undone."]
    assert [(t.name, t.count) for t in page.syn.themes()] == [("Access", 3)]
    page.filters.theme_combo.setCurrentIndex(page.filters.theme_combo.findData(a))
    settle(qtbot, page)
    assert page.model.rowCount() == 3
    page.codebook.delete(a)
    settle(qtbot, page)
    assert page.syn.themes() == [] and page.model.rowCount() == 6  # the theme filter went with the theme


def test_shortlist_and_codebook_file(page, tmp_path, qtbot):
    select_rows(page, [0])
    page.shortlist_button.click()
    assert shortlisted(page, 0)
    page.filters.shortlist_box.setChecked(True)
    settle(qtbot, page)
    assert page.model.rowCount() == 1
    page.undo_stack.undo()
    settle(qtbot, page)
    assert page.model.rowCount() == 0
    page.codebook.new_theme("Waiting times")
    target = tmp_path / "themes.codebook.json"
    assert page.codebook.save_codebook(target)
    assert json.loads(target.read_text(encoding="utf-8"))["themes"] == [{"name": "Waiting times", "description": ""}]
    assert not page.codebook.save_codebook(tmp_path / "missing" / "themes.json")


def test_export_data_for_analysis_tools(page, qtbot, tmp_path):
    page.search.setText("peer")
    page.refresh_items()
    settle(qtbot, page)
    messages = []
    page.sig_message.connect(messages.append)
    op = page.export_data("csv", tmp_path)
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    with open(tmp_path / "items.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 2  # the items matching the search
    assert messages[-1] == (f"Saved items.csv, votes.csv and themes.csv in {tmp_path.name}: 2 items, those matching "
                            "the search and filters.")
    op = page.export_data("qdpx", tmp_path / "missing" / "synthesis.qdpx")
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert not (tmp_path / "missing").exists() and messages[-1]


def answer_export_question(page, press) -> list:
    """Answer the export question when it shows, with `press(box)`; what it said is put in the list returned."""
    seen: list = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        seen.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()]))
        press(box)

    QTimer.singleShot(0, look)
    return seen


def button(box: QMessageBox, text: str):
    return next(b for b in box.buttons() if b.text() == text)


def test_export_says_it_takes_the_items_found_and_offers_all(page, qtbot, tmp_path):
    page.search.setText("peer")
    page.refresh_items()
    settle(qtbot, page)
    found = page.current_filter()

    seen = answer_export_question(page, lambda box: button(box, "Export all 6 items").click())
    assert page.export_scope() == SynthesisFilter()
    assert seen == [("Export data", "This exports the 2 items found (of 6), with the votes and the themes.",
                     ["Export the 2 items found", "Export all 6 items", "Cancel"])]
    answer_export_question(page, lambda box: qtbot.keyClick(box, Qt.Key.Key_Return))  # the default: those found
    assert page.export_scope() == found
    answer_export_question(page, lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    assert page.export_scope() is None

    messages = []
    page.sig_message.connect(messages.append)
    op = page.export_data("csv", tmp_path, SynthesisFilter())
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    with open(tmp_path / "items.csv", encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.DictReader(f))) == 6  # every item, though the search shows 2
    assert messages[-1] == f"Saved items.csv, votes.csv and themes.csv in {tmp_path.name}: 6 items."


def test_export_of_everything_asks_nothing(page, qtbot):
    seen = answer_export_question(page, lambda box: box.reject())
    assert page.export_scope() == SynthesisFilter()
    page.filters.locality_combo.setCurrentIndex(page.filters.locality_combo.findData("Perth"))
    page.search.setText("peer")  # a search typed but not run yet: counted when asked
    assert page.export_scope() is None  # the question was asked (and cancelled)
    assert seen[0][1] == "This exports the 1 item found (of 6), with the votes and the themes."


def test_votes_tab(page, main_window, qtbot):
    page.tabs.setCurrentWidget(page.votes)
    settle(qtbot, page)
    tree = page.votes.table
    assert tree.topLevelItemCount() > 0
    first = tree.topLevelItem(0)
    assert first.text(1).endswith("support") and int(first.text(2)) > 0
    if SHOTS:
        main_window.grab().save(os.path.join(SHOTS, "synthesis-votes.png"))


def test_screenshot_of_a_search(page, main_window, qtbot):
    page.search.setText("peer OR recov*")
    page.refresh_items()
    settle(qtbot, page)
    assert page.model.rowCount() == 4
    page.table.setCurrentIndex(page.model.index(1, COL_TEXT))
    if SHOTS:
        main_window.grab().save(os.path.join(SHOTS, "synthesis-search.png"))


def text_room(view, col: int) -> int:
    """How wide a line of text column `col` can show: the column less the cell's margins either side."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return view.horizontalHeader().sectionSize(col) - 2 * margin


def test_the_tables_read_whole_at_1366_by_768(page, main_window, qtbot, identity):
    long_title = "Help Shape the Future of Mental Health in Perth and Kinross"
    send(page.services, cafe_at(page.services, long_title, "2026-05-01", "", ("Walking groups helped",)),
         page.services.store, identity)
    page.reload()
    settle(qtbot, page)
    metrics = QFontMetrics(page.table.font())
    cells = [page.model.index(r, COL_CAFE).data().split("\n") for r in range(page.model.rowCount())]
    assert ["Perth, 2026-03-14", "table 1, round 1", "Perth café"] in cells  # where first, the title last
    for lines in cells:  # where the item is from shows whole; only the title may be cut at its end
        assert all(text_room(page.table, COL_CAFE) >= metrics.horizontalAdvance(line) for line in lines[:-1]), lines
    widths = [page.table.horizontalHeader().sectionSize(c) for c in range(page.model.columnCount())]
    assert widths[COL_TEXT] == max(widths), "the text has the most room"

    page.tabs.setCurrentWidget(page.counts_page)
    settle(qtbot, page)
    assert page.counts_page.message.isVisible() and not page.counts_table.isVisible()
    assert page.counts_page.message.text().startswith("No themes coded yet.")
    theme_id = page.codebook.new_theme("Peer support")
    page.tabs.setCurrentIndex(0)
    select_rows(page, range(page.model.rowCount()))
    page.apply_theme(theme_id)
    page.tabs.setCurrentWidget(page.counts_page)
    settle(qtbot, page)
    assert page.counts_table.isVisible() and not page.counts_page.message.isVisible()
    model, header = page.counts_model, page.counts_table.horizontalHeader()
    headings = {model.headerData(c, Qt.Orientation.Horizontal): c for c in range(2, model.columnCount())}
    assert {h.rsplit("\n", 1)[0] for h in headings} >= {"Perth\n2026-03-14", "Inverness\n2026-04-02"}
    [untitled] = [h for h in headings if "\n2026-05-01\n" in h]
    assert untitled.startswith("Help Shape the") and untitled.split("\n")[0].endswith("…")  # cut at its end
    tooltip = model.headerData(headings[untitled], Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert long_title in tooltip
    header_metrics = QFontMetrics(header.font())
    for heading, col in headings.items():
        assert header.sectionSize(col) >= max(map(header_metrics.horizontalAdvance, heading.split("\n"))), heading
    if SHOTS:
        main_window.grab().save(os.path.join(SHOTS, "synthesis-themes-by-cafe.png"))


def test_a_search_far_ahead_of_the_index_answers_and_builds_it_with_progress(page, qtbot, monkeypatch):
    from cafe_desk.storage.search_index import SearchIndex

    index = SearchIndex(page.services.store.path)
    index.discard()
    monkeypatch.setattr("cafe_desk.services.ranked_search.CATCH_UP_INLINE", 0)  # two cafés missing is then "far"
    messages = []
    page.sig_message.connect(messages.append)
    qtbot.keyClicks(page.search, "recov*")
    qtbot.waitUntil(lambda: page.index_op is not None and page.index_op.done, timeout=10_000)
    assert sorted(texts(page)) == ["Recovering takes time <and> patience",
                                   "Recovery colleges gave me a reason to get up"]  # answered by FTS5 meanwhile
    assert messages[-1] == "Search is ready for every imported café."
    assert index.generation() == page.services.store.search_generation()


def test_a_search_shows_the_best_matches_first_then_the_whole_page(page, qtbot, services, identity):
    many = cafe_at(services, "Dundee café", "2026-05-20", "Dundee", tuple(f"Support idea {n}" for n in range(60)))
    send(services, many, services.store, identity)
    sizes = []
    page.model.modelReset.connect(lambda: sizes.append(page.model.rowCount()))
    qtbot.keyClicks(page.search, "support")
    qtbot.waitUntil(lambda: page.model.rowCount() == 61, timeout=10_000)
    settle(qtbot, page)
    assert sizes[-2:] == [50, 61]  # the best 50 at once, then every match
    assert page.status.text() == "61 items, best match first."


def test_tab_leaves_a_date_filter_that_shows_any(page, qtbot):
    filters = page.filters
    filters.date_from.setFocus()
    qtbot.waitUntil(lambda: filters.date_from.hasFocus(), timeout=2000)
    assert filters.date_from.text() == "Any"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # where the keyboard's keys go
    assert QApplication.focusWidget() is not filters.date_from
    assert not filters.date_from.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert filters.date_from.hasFocus()


def test_an_index_folder_it_may_not_write_is_said_once_and_nothing_is_built(page, qtbot):
    from cafe_desk.storage.search_index import SearchIndex

    index = SearchIndex(page.services.store.path)
    index.discard()
    messages = []
    page.sig_message.connect(messages.append)
    with read_only_folder(index.folder):
        for words in ("recov*", " OR peer"):  # two searches, each answered
            qtbot.keyClicks(page.search, words)
            page.refresh_items()
            settle(qtbot, page)
        assert sorted(texts(page)) == ["Peer support groups helped me most", "Peer workers in every GP practice",
                                       "Recovering takes time <and> patience",
                                       "Recovery colleges gave me a reason to get up"]
        assert messages == [f"Searches will be slower than usual, because the search index can't be saved in "
                            f"{index.folder} (Café Desk may not write there); they still find everything."]
        assert page.index_op is None  # no build tried in vain


def cafe_dates(page) -> set[str]:
    """The dates of the cafés whose items are shown."""
    return {page.model.index(r, COL_CAFE).data().split("\n")[0].split(", ")[-1] for r in range(page.model.rowCount())}


@pytest.fixture
def british_dates():
    """Dates written as this computer's language writes them: 14/11/2026."""
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


def test_typing_a_date_filters_and_emptying_it_is_any_again(page, qtbot, british_dates):
    filters, messages = page.filters, []
    page.sig_message.connect(messages.append)
    filters.date_from.setFocus()
    qtbot.waitUntil(lambda: filters.date_from.hasFocus(), timeout=2000)
    assert filters.date_from.text() == "Any"
    qtbot.keyClicks(QApplication.focusWidget(), "2026-04-01")
    settle(qtbot, page)
    assert page.current_filter().date_from == "2026-04-01"
    assert page.status.text() == "3 items." and cafe_dates(page) == {"2026-04-02"}
    for _ in "2026-04-01":
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backspace)
    settle(qtbot, page)
    assert filters.date_from.text() == "Any" and page.current_filter().date_from == ""
    assert page.status.text() == "6 items."

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # on to the To date, typed as the locale writes it
    assert filters.date_to.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "01/04/2026")
    settle(qtbot, page)
    assert page.current_filter().date_to == "2026-04-01" and page.status.text() == "3 items."
    assert cafe_dates(page) == {"2026-03-14"}
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert filters.date_to.text() == "2026-04-01"  # shown as the page writes dates
    if SHOTS:
        page.window().grab().save(os.path.join(SHOTS, "synthesis-typed-dates.png"))

    filters.date_to.setFocus()
    filters.date_to.edit.selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "31/02/2026")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert messages[-1] == ("“31/02/2026” isn't a date Café Desk can read: type one such as 2026-11-14 or "
                            "14/11/2026, or empty the box for any date.")
    assert page.current_filter().date_to == "2026-04-01"  # the date in force stays until the typo is put right
    assert filters.date_to.text() == "31/02/2026" and filters.date_to.unreadable() == messages[-1]  # kept, marked
    assert filters.date_to.edit.toolTip() == messages[-1] and filters.date_to.edit.styleSheet()
    filters.date_to.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_End)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backspace)
    qtbot.keyClicks(QApplication.focusWidget(), "5")  # 31/02/2025 is no date either: said for what it is now
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert messages[-1].startswith("“31/02/2025” isn't a date") and filters.date_to.unreadable() == messages[-1]
    filters.date_to.setFocus()
    filters.date_to.edit.selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "2026-04-02")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    settle(qtbot, page)
    assert page.current_filter().date_to == "2026-04-02" and not filters.date_to.unreadable()
    assert not filters.date_to.edit.styleSheet()
    page.clear_filters()
    assert (filters.date_from.text(), filters.date_to.text()) == ("Any", "Any")

    filters.date_from.setFocus()  # or picked on the calendar: Alt+Down, then the keyboard
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert filters.date_from.menu.isVisible()
    filters.date_from.calendar.setSelectedDate(QDate(2026, 4, 1))
    qtbot.keyClick(filters.date_from.calendar.findChild(QTableView), Qt.Key.Key_Right)
    qtbot.keyClick(filters.date_from.calendar.findChild(QTableView), Qt.Key.Key_Return)
    settle(qtbot, page)
    assert filters.date_from.text() == "2026-04-02" and cafe_dates(page) == {"2026-04-02"}


def test_tab_leaves_the_tables_and_alt_b_reaches_the_theme_list(page, main_window, qtbot):
    """Tab goes from the items table on to the rest of the page (arrows move between rows); the codebook's theme
    list has an Alt key; no read-only table anywhere in the window keeps Tab for its cells."""
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, COL_TEXT))
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.table.currentIndex().row() == 1 and page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert not page.table.hasFocus()
    reached = set()
    for _ in range(30):
        reached.add(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert page.codebook.list in reached and page.export_button in reached
    page.tabs.setCurrentWidget(page.counts_page)
    settle(qtbot, page)
    for view in main_window.findChildren(QTableView):
        assert not view.tabKeyNavigation() or type(view).__name__ == "TallyTable", view.accessibleName()

    page.search.setFocus()
    qtbot.keyClick(main_window, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert page.codebook.list.hasFocus()
    page.codebook.new_button.setFocus()  # a control of the codebook used last: Alt+B still goes to the list
    page.search.setFocus()
    qtbot.keyClick(main_window, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert page.codebook.list.hasFocus()


def test_a_search_it_could_not_read_is_taken_back_by_the_next_good_one(page, main_window, qtbot):
    page.search.setText("((")
    page.refresh_items()
    settle(qtbot, page)
    complaint = page.status.text()
    assert complaint.startswith("The search has no words") and main_window.statusBar().currentMessage() == complaint
    page.search.setText("peer")
    page.refresh_items()
    settle(qtbot, page)
    assert page.status.text() == "2 items, best match first."
    assert main_window.statusBar().currentMessage() == ""
    main_window.show_message("Something else")
    page.search.setText("recov*")
    page.refresh_items()
    settle(qtbot, page)
    assert main_window.statusBar().currentMessage() == "Something else"  # only the complaint is taken back


def test_nothing_found_says_what_to_try_and_which_filters_are_on(page, qtbot):
    page.search.setText("Stornoway")
    page.refresh_items()
    settle(qtbot, page)
    assert page.model.rowCount() == 0
    assert page.status.text() == ("Nothing matches “Stornoway”: check the spelling, or try fewer words or a word start "
                                  "like recov*. The search reads what was said; a place, a date or a group is chosen "
                                  "in the Filters.")
    page.search.clear()
    f = page.filters
    f.group_combo.setCurrentIndex(1)
    f.quotes_box.setChecked(True)
    f.date_from.set_date(QDate(2026, 5, 1))
    page.refresh_items()
    settle(qtbot, page)
    assert page.model.rowCount() == 0
    assert page.status.text() == (
        "No items match the filters on (From date, Group, Quotes only). "
        "The Group filter finds comments only: points and summaries are written per table, with no group. Change a "
        "filter, or press Clear filters.")
    f.date_to.set_date(QDate(2026, 4, 1))  # before the From date: the search itself says so
    page.refresh_items()
    settle(qtbot, page)
    assert page.model.rowCount() == 0
    assert page.status.text() == ("The To date (2026-04-01) is before the From date (2026-05-01), so no café falls "
                                  "between them: please swap the two dates.")
    assert found_line(SynthesisFilter(group="Practitioner"), 3) == (
        "3 items. The Group filter finds comments only: points and summaries are written per table, with no group.")
    # a search and filters that keep each other out (a café in another town): the filters are named first
    assert found_line(SynthesisFilter(text="diagno*", cafe_id="c1", locality="Oban"), 0) == (
        "Nothing matches “diagno*” with the filters on (Café, Town or area): try it with fewer filters (or press "
        "Clear filters), or check the spelling, or try fewer words or a word start like recov*.")


def test_too_many_to_list_says_whether_they_are_the_best_or_the_first():
    assert shown_line(SynthesisFilter(text="stigma"), 2000, 5017) == (
        "Showing the best 2,000 of 5,017 items, best match first: add words or filters to narrow them down.")
    assert shown_line(SynthesisFilter(locality="Oban"), 2000, 5017) == (
        "Showing the first 2,000 of 5,017 items: search or filter to narrow them down.")


def test_cafes_of_one_title_and_day_are_told_apart_by_their_codes(page, main_window, qtbot, identity):
    """Two laptops' cafés from one template, one day, one town: the Café filter and the Themes by café headings show
    each one's short code; the chosen café reads by place, date and code in the closed box."""
    for _ in range(2):
        send(page.services, cafe_at(page.services, "Help Shape the Future of Mental Health — demo café", "2026-12-03",
                                    "Perth", ("Walking groups helped",)), page.services.store, identity)
    page.reload()
    settle(qtbot, page)
    twins = [c for c in page.services.synthesis.cafes() if c.date == "2026-12-03"]
    combo = page.filters.cafe_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    for cafe in twins:
        [text] = [t for t in texts if cafe.short_code in t]
        assert text == f"{cafe.short_code} · 2026-12-03 · Perth — {cafe.title}"
    combo.setCurrentIndex(combo.findData(twins[0].id))
    assert combo.shown_text().startswith(f"{twins[0].short_code} · 2026-12-03 · Perth")
    assert twins[0].title in combo.toolTip()

    theme_id = page.codebook.new_theme("Walking")
    select_rows(page, range(page.model.rowCount()))
    page.apply_theme(theme_id)
    page.tabs.setCurrentWidget(page.counts_page)
    settle(qtbot, page)
    model = page.counts_model
    headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2, model.columnCount())]
    assert {f"Perth\n2026-12-03\n{c.short_code}" for c in twins} <= set(headings)
    page.tabs.setCurrentIndex(0)
    combo.setCurrentIndex(0)
    settle(qtbot, page)
    for cafe in twins:  # an item's café cell and its reading pane name its café's code
        row = next(r for r in range(page.model.rowCount()) if page.model.item_at(r).cafe_id == cafe.id)
        assert f"code {cafe.short_code}" in page.model.index(row, COL_CAFE).data(Qt.ItemDataRole.ToolTipRole)
        page.table.setCurrentIndex(page.model.index(row, COL_TEXT))
        assert f"code {cafe.short_code}" in page.detail.toPlainText()
    if SHOTS:
        main_window.grab().save(os.path.join(SHOTS, "synthesis-twin-cafes.png"))


def test_the_reading_pane_shows_a_theme_just_given(page, qtbot):
    theme_id = page.codebook.new_theme("Getting help")
    page.table.setCurrentIndex(page.model.index(0, 0))  # as a click on the first item does
    assert page.detail.toPlainText() and "Getting help" not in page.detail.toPlainText()
    page.codebook.select(theme_id)
    page.codebook.code_button.click()
    assert "Getting help" in page.detail.toPlainText()


def test_shortlisting_says_so(page, qtbot):
    select_rows(page, [0, 1])
    said: list[str] = []
    page.sig_message.connect(said.append)
    page.shortlist_button.click()
    assert said[-1] == "2 items on the quotes shortlist; Ctrl+Z takes it back."
    page.unshortlist_button.click()
    assert said[-1] == "2 items off the quotes shortlist; Ctrl+Z takes it back."


def test_only_the_shortlist_button_that_would_change_something_is_on(page, qtbot):
    def on() -> tuple[bool, bool]:
        return page.shortlist_button.isEnabled(), page.unshortlist_button.isEnabled()

    assert on() == (False, False)  # nothing chosen
    select_rows(page, [0, 1])
    assert on() == (True, False)  # neither is on the shortlist
    page.shortlist_button.click()
    assert on() == (False, True)
    select_rows(page, [1, 2])
    assert on() == (True, True)  # one on it, one off it
    page.undo_stack.undo()
    select_rows(page, [0])
    assert on() == (True, False)


def test_enter_on_a_theme_codes_the_selected_items(page, qtbot):
    theme_id = page.codebook.new_theme("Getting help")
    select_rows(page, [0, 1])
    page.codebook.select(theme_id)
    page.codebook.list.setFocus()
    qtbot.keyClick(page.codebook.list, Qt.Key.Key_Return)
    assert page.syn.themes()[0].count == 2


def test_a_search_still_running_when_the_window_closes_delivers_nothing(qtbot, page, main_window):
    import threading

    started, release = threading.Event(), threading.Event()
    answers = []

    def slow(syn):
        started.set()
        release.wait(5)
        return syn.cafes()

    page.runner.ask(slow, answers.append)
    assert started.wait(5)
    main_window.close()  # the data file may close next; the read still running must not touch the page
    release.set()
    page.runner._pool.shutdown(wait=True)
    qtbot.wait(50)
    assert answers == [] and not page.runner.busy


def test_its_shortcut_puts_the_keyboard_in_the_search_box_every_time(page, main_window, qtbot):
    main_window.show()
    qtbot.waitExposed(main_window)
    central = main_window.page_index(main_window.slots["Central"])
    for _ in range(2):  # not only the first time: after an import on the Central page too
        main_window.show_page(central)
        main_window.nav.setFocus()
        qtbot.keyClick(main_window, Qt.Key.Key_1 + main_window.page_index(main_window.synthesis_slot),
                       Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search)
        qtbot.keyClicks(QApplication.focusWidget(), "recovery")
        assert page.search.text().endswith("recovery")
        page.search.clear()


def test_every_item_listed_selected_with_more_matching_asks_to_code_all_of_them(page, main_window, qtbot):
    page.page_size = 2  # as 2,000 of 2,078 are listed: the list holds fewer than match
    page.refresh_items()
    settle(qtbot, page)
    total = page.syn.find(limit=0).total
    assert page.model.rowCount() == 2 < total
    assert page.status.text() == f"Showing the first 2 of {total} items: search or filter to narrow them down."
    theme_id = page.codebook.new_theme("Peer support")
    asked = []

    def answer(scope):
        def choose(listed, all_, theme, adding):
            asked.append((listed, all_, theme, adding))
            return scope
        return choose

    select_rows(page, range(2))
    page.choose_coding_scope = answer(None)  # Cancel: nothing is coded
    page.apply_theme(theme_id)
    assert asked == [(2, total, "Peer support", True)] and page.syn.themes()[0].count == 0

    page.choose_coding_scope = answer(CODE_ALL)
    steps = main_window.central_undo.count()
    page.apply_theme(theme_id)
    assert page.syn.themes()[0].count == total
    assert main_window.central_undo.count() == steps + 1  # one step for them all
    main_window.central_undo.undo()
    assert page.syn.themes()[0].count == 0
    main_window.central_undo.redo()
    assert page.syn.themes()[0].count == total

    page.choose_coding_scope = answer(CODE_LISTED)
    page.remove_theme(theme_id)
    assert page.syn.themes()[0].count == total - 2 and asked[-1] == (2, total, "Peer support", False)
    page.choose_coding_scope = answer(CODE_ALL)
    page.remove_theme(theme_id)
    assert page.syn.themes()[0].count == 0

    select_rows(page, [0])  # not every item listed: nothing to ask
    asked.clear()
    page.apply_theme(theme_id)
    assert asked == [] and page.syn.themes()[0].count == 1


def test_the_question_names_both_choices_and_takes_all_by_default(qtbot):
    box = coding_scope_box(None, 2000, 2078, "Transport", True)
    qtbot.addWidget(box)
    assert box.text() == ("Every item listed is selected, but the list shows only the first 2,000 of the 2,078 items "
                          "that match. Code them with “Transport”: all 2,078, or only the 2,000 listed?")
    assert [b.text() for b in box.buttons() if b.property("scope")] == ["All 2,078 items", "Only the 2,000 listed"]
    assert box.defaultButton().property("scope") == CODE_ALL


def test_a_new_theme_is_chosen_so_the_items_selected_can_be_coded_at_once(page, qtbot):
    select_rows(page, [0, 1])
    page.codebook.new_theme("Transport")
    assert [t.name for t in page.codebook.themes if t.id in page.codebook.chosen_ids()] == ["Transport"]
    assert page.codebook.code_button.isEnabled()
    page.codebook.code_button.click()
    assert page.syn.themes()[0].count == 2


def test_a_search_it_can_t_read_takes_the_last_answer_away(page, qtbot):
    page.search.setText("peer")
    page.refresh_items()
    settle(qtbot, page)
    assert page.model.rowCount() == 2
    page.search.setText('"waiting list')
    page.refresh_items()
    qtbot.waitUntil(lambda: page.status.text().startswith("The search has a quote that is not closed"), timeout=5000)
    assert page.model.rowCount() == 0  # not the rows found for "peer", to be taken for this search's
    page.search.setText('"waiting list"')
    page.refresh_items()
    settle(qtbot, page)
    assert not page.status.text().startswith("The search has")
