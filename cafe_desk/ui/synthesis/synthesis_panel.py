"""The Synthesis page: every imported café at once — filter and search items, code them into themes, keep a
shortlist of quotes, see votes across cafés and theme counts per café, and hand the data to analysis tools."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.changes import Changes
from cafe_desk.core.counts import counted
from cafe_desk.core.synthesis import Found, SynthesisFilter
from cafe_desk.services import Services
from cafe_desk.services.synthesis import PAGE
from cafe_desk.ui.shell.ops import Op
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.synthesis.codebook_box import CodebookBox
from cafe_desk.ui.synthesis.coding_scope import CODE_ALL, ask_coding_scope
from cafe_desk.ui.synthesis.data_export_actions import DataExportActions
from cafe_desk.ui.synthesis.export_menu import export_menu
from cafe_desk.ui.synthesis.index_builder import build_search_index
from cafe_desk.ui.synthesis.items_table import ItemsTable
from cafe_desk.ui.synthesis.report_button import ReportButton
from cafe_desk.ui.synthesis.result_line import found_line, shown_line
from cafe_desk.ui.synthesis.search_runner import SearchRunner
from cafe_desk.ui.synthesis.synthesis_filters import FiltersBox
from cafe_desk.ui.synthesis.synthesis_models import ItemsModel, ThemeCountsModel, item_html
from cafe_desk.ui.synthesis.synthesis_votes import SynthesisVotes
from cafe_desk.ui.synthesis.theme_counts_table import ThemeCountsTable
from cafe_desk.ui.widgets.plain_text import plain_labels
from cafe_desk.ui.widgets.samples_bar import SamplesBar

SEARCH_DELAY_MS = 300
FIRST_MATCHES = 50  # shown while the rest of the page is read
SEARCH_HELP = ("Words find items with all of them; \"a phrase\" in quotes; recov* finds recovery, recovering…; "
               "NEAR(peer support, 10) finds words close together; OR and NOT work too.")
NOTHING_IMPORTED = "No cafés have been imported yet: import café files on the Central page, then come back here."


class SynthesisPanel(Panel, DataExportActions):
    """All imported cafés together. Reads and codes through `SynthesisService`; never writes a café. Exports of the
    data are `DataExportActions`."""

    title = "Synthesis"

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None,
                 confirm: Callable[[str, str], bool] | None = None):
        super().__init__(services, undo_stack, parent)
        self.syn = services.synthesis
        self.runner = SearchRunner(services.opener(), self)
        self.runner.sig_failed.connect(self._search_failed)
        self.tab_runner = SearchRunner(services.opener(), self)  # apart, so a tab never drops a search
        self.tab_runner.sig_failed.connect(self._read_failed)
        self.confirm = confirm or self._ask
        self.timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.refresh_items)
        self.export_op: Op | None = None
        self.index_op: Op | None = None  # building the ranking index, when a search found it behind
        self.said_slow = False  # said once that the ranking index can't be saved, so searches are slower
        self.shown_total: tuple[SynthesisFilter, int] | None = None  # the search shown and how many it found
        self.page_size = PAGE  # items listed at most; the rest are counted and reached by narrowing
        self.export_folder: Path | None = None  # where the last data export went: the next one's dialog opens there
        self.all_total: int | None = None  # how many items every imported café holds, read with the filters
        self.loaded = False  # read what is imported when the page is first shown, not at start-up
        self.complaint = ""  # the last search that could not be read, as the status bar was told

        self.filters = FiltersBox()
        self.filters.sig_changed.connect(self._filters_changed)
        self.filters.sig_message.connect(self.sig_message)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Items, themes by café, votes")
        self.tabs.addTab(self._build_items_page(), "Items")
        self.tabs.addTab(self._build_counts_table(), "Themes by café")
        self.votes = SynthesisVotes()
        self.tabs.addTab(self.votes, "Votes")
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())
        self._build_codebook()
        self._lay_out()

    # --- building -----------------------------------------------------------------------------------------------

    def _build_search_row(self) -> QHBoxLayout:
        self.search = QLineEdit()
        self.search.setAccessibleName("Search every imported café")
        self.search.setPlaceholderText("Search every imported café, e.g. peer support, \"waiting list\", recov*")
        self.search.setToolTip(SEARCH_HELP)
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self.refresh_items)
        label = QLabel("&Search:")
        label.setBuddy(self.search)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.search, 1)
        return row

    def _build_export_button(self) -> QPushButton:
        self.export_button = QPushButton("E&xport data…")
        self.export_button.setToolTip("Save the items found (or all items), the votes and the themes for a "
                                      "spreadsheet or a qualitative analysis program")
        self.export_button.setMenu(export_menu(self.export_button, self._choose_export_target))
        return self.export_button

    def _build_items_page(self) -> QWidget:
        """The items found, the one chosen in full, and what can be done with them."""
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("The item chosen, in full")
        self.detail.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        self.detail.setPlaceholderText("Choose an item to read it in full here.")
        self.status = QLabel()
        plain_labels(self.status)  # messages may quote themes and files from outside
        self.status.setAccessibleName("How many items match")
        self.shortlist_button = QPushButton("Add to s&hortlist")
        self.shortlist_button.clicked.connect(lambda: self.shortlist_selected(True))
        self.unshortlist_button = QPushButton("Take off shortlist")
        self.unshortlist_button.clicked.connect(lambda: self.shortlist_selected(False))
        self.status.setWordWrap(True)  # on a line of its own: the buttons below keep the page within 1366 pixels
        buttons = QHBoxLayout()
        buttons.addWidget(self.shortlist_button)
        buttons.addWidget(self.unshortlist_button)
        buttons.addStretch(1)
        buttons.addWidget(self._build_export_button())
        self.report_button = ReportButton(self.services.opener(), self.current_filter,
                                          include_samples=lambda: self.samples_bar.include_samples(),
                                          samples_ready=self.samples_ready)
        self.report_button.sig_message.connect(self.sig_message)
        buttons.addWidget(self.report_button)
        self.model = ItemsModel(self)
        self.model.dataChanged.connect(self._shortlist_buttons)  # a shortlist mark changed, or was taken back
        self.table = ItemsTable(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.selectionModel().currentChanged.connect(self._selection_changed)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        return page

    def _build_counts_table(self) -> ThemeCountsTable:
        self.counts_model = ThemeCountsModel(self)
        self.counts_page = ThemeCountsTable(self.counts_model)
        self.counts_table = self.counts_page.table
        return self.counts_page

    def _build_codebook(self) -> None:
        """The codebook beside the items; it asks this page to code the selected items and to confirm."""
        self.codebook = CodebookBox(self.syn, self.push, lambda title, text: self.confirm(title, text))
        self.codebook.sig_changed.connect(self.announce)
        self.codebook.sig_message.connect(self.sig_message)
        self.codebook.sig_code.connect(lambda theme_id: self.apply_theme(theme_id))
        self.codebook.sig_uncode.connect(lambda theme_id: self.remove_theme(theme_id))

    def _lay_out(self) -> None:
        self.empty = QLabel(NOTHING_IMPORTED)
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.samples_bar = SamplesBar(self.services, offer_include=True)
        self.samples_bar.sig_message.connect(self.sig_message)
        self.samples_bar.sig_changed.connect(self.announce)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.filters)
        split.addWidget(self.tabs)
        split.addWidget(self.codebook)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 860, 230])
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.samples_bar)
        layout.addLayout(self._build_search_row())
        layout.addWidget(split, 1)

    # --- reading ------------------------------------------------------------------------------------------------

    def stop_reads(self) -> None:
        """The window is closing: no search or tab read still running delivers its answer."""
        self.runner.stop()
        self.tab_runner.stop()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.reload()

    def start_focus(self) -> QWidget:
        """Where the keyboard goes when the page is reached by its shortcut: the search box."""
        return self.search

    def on_changes(self, changes: Changes) -> None:
        if not self.loaded:
            return
        if changes.cafes:
            self.reload()
        elif changes.themes:
            self.refresh_marks()

    def refresh_marks(self) -> None:
        """After coding: the codebook's counts and the shown items' themes and stars, without searching again
        (a search over every café can take a moment; coding should not)."""
        themes = self.attempt(self.syn.themes)
        if themes is None:
            return
        gone = self.filters.fill_themes(themes)
        self.codebook.set_themes(themes)
        self.table.show_themes(bool(themes))
        f = self.current_filter()
        if gone or f.theme_id or f.shortlisted_only:  # what is shown depends on the coding: search again
            self.refresh_items()
            return
        marks = self.attempt(lambda: self.syn.marks(i.id for i in self.model.items)) or {}
        self.model.update_marks(marks, {t.id: t.name for t in themes})
        self._selection_changed()  # the reading pane shows the item's themes and star as they are now
        self._refresh_tab()

    def reload(self) -> None:
        """Fill the filters from what is imported, then show the items, the codebook and the current tab (read off
        the GUI thread; the answer arrives in `_reloaded`)."""
        self.loaded = True
        f, page = self.current_filter(), self.page_size
        self.status.setText("Looking through the imported cafés…")
        self.runner.ask(lambda syn: (syn.cafes(), syn.facets(), syn.themes(), f, syn.find(f, limit=page),
                                     syn.find(SynthesisFilter(), limit=0).total), self._reloaded)

    def _reloaded(self, answer) -> None:
        cafes, facets, themes, f, found, self.all_total = answer
        self.empty.setVisible(not cafes)
        self.samples_bar.refresh(len(cafes))
        self.filters.fill(cafes, facets, themes)
        self.model.set_codes({c.id: c.short_code for c in cafes})
        self.codebook.set_themes(themes)
        self.table.show_themes(bool(themes))
        if f == self.current_filter():
            self._show(f, found)
        else:  # a filter offered before is no longer there: search again with what the filters say now
            self.refresh_items()

    def current_filter(self) -> SynthesisFilter:
        """What the search box and the filters say, as a SynthesisFilter."""
        return self.filters.filter(self.search.text())

    def refresh_items(self) -> None:
        """Run the search and filters again (off the GUI thread) and show the result, best match first when
        searching."""
        self.timer.stop()
        f, page = self.current_filter(), self.page_size
        if not self.filters.any_source():
            self.runner.ask(lambda syn: None, lambda _none: None)  # anything still running is dropped
            self.model.set_items([], {})
            self.status.setText("Tick at least one of Points and summaries, Comments or Paper comments to see items.")
            return
        self.status.setText("Searching…")
        if f.text.strip():  # the best matches at once, then the whole page (the ranking index finds the first fast)
            self.runner.ask(lambda syn: syn.find(f, limit=FIRST_MATCHES), lambda found: self._show(f, found, True))
        else:
            self.runner.ask(lambda syn: syn.find(f, limit=page), lambda found: self._show(f, found))

    def _show(self, f: SynthesisFilter, found: Found, first: bool = False) -> None:
        if self.complaint:  # the search can be read now: the line saying it couldn't goes
            self.sig_message_gone.emit(self.complaint)
            self.complaint = ""
        names = {t.id: t.name for t in self.codebook.themes}
        self.model.set_items(found.items, names)
        self.shown_total = (f, found.total)
        if first and found.truncated:
            page = self.page_size
            self.status.setText(f"The best {len(found.items):,} of {counted(found.total, 'item')}; reading more…")
            self.runner.ask(lambda syn: syn.find(f, limit=page), lambda found: self._show(f, found))
            return
        if found.truncated:
            self.status.setText(shown_line(f, len(found.items), found.total))
        else:
            self.status.setText(found_line(f, found.total))
        self._selection_changed()
        self._refresh_tab()
        if found.index_unsaved and not self.said_slow:
            self.said_slow = True
            self.sig_message.emit(found.slow_search_line)
        if found.index_behind and (self.index_op is None or self.index_op.done):
            self.index_op = build_search_index(self, self.services.opener(), self.sig_message.emit)

    def _refresh_tab(self) -> None:
        """Theme counts per café or the votes, read off the GUI thread (they add up every imported café)."""
        page = self.tabs.currentWidget()
        if page is self.counts_page:
            themes = list(self.codebook.themes)

            def show(answer) -> None:
                cafes, counts = answer
                self.counts_model.set_counts(themes, cafes, {(c.theme_id, c.cafe_id): c.items for c in counts})

            self.tab_runner.ask(lambda syn: (syn.cafes(), syn.theme_counts()), show)
        elif page is self.votes:
            self.tab_runner.ask(lambda syn: syn.votes(), self.votes.set_outcomes)

    def _search_failed(self, message: str) -> None:
        """A search that can't be read (or run): the items of the one before go, so they can't be taken for its
        answer (or coded or exported as such)."""
        self.model.set_items([], {})
        self.shown_total = None
        self._selection_changed()
        self._read_failed(message)

    def _read_failed(self, message: str) -> None:
        self.complaint = message
        self.status.setText(message)
        self.sig_message.emit(message)

    def _filters_changed(self) -> None:
        self.refresh_items()

    def clear_filters(self) -> None:
        """Back to every imported item: search cleared, every filter on Any, every source ticked."""
        self.search.clear()
        self.filters.clear()

    # --- selection and coding ---------------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.item_at(r).id for r in rows]

    def _selection_changed(self, *_args) -> None:
        current = self.table.currentIndex()
        if current.isValid() and current.row() < self.model.rowCount():
            item = self.model.item_at(current.row())
            self.detail.setHtml(item_html(item, self.model.themes_of(item), self.model.code_of(item)))
        else:
            self.detail.clear()
        chosen = bool(self.table.selectionModel().selectedRows())
        self._shortlist_buttons()
        self.codebook.set_items_chosen(len(self.selected_ids()) if chosen else 0)

    def _shortlist_buttons(self, *_args) -> None:
        """"Add to shortlist" while a selected item is off it, "Take off shortlist" while one is on it."""
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        listed = [self.model.item_at(r).shortlisted for r in rows if r < self.model.rowCount()]
        self.shortlist_button.setEnabled(not all(listed))  # all([]) is True: nothing chosen, nothing to add
        self.unshortlist_button.setEnabled(any(listed))

    def apply_theme(self, theme_id: str, note_ids: list[str] | None = None) -> None:
        """Code the selected items (or `note_ids`) with a theme, as one undoable step."""
        target = self._coding_target(theme_id, note_ids)
        if target is None:
            return
        theme, gaining = target
        gained = [i for i, codes in gaining.items() if theme_id not in codes]
        if not gained:
            self.sig_message.emit(f"The {counted(len(gaining), 'item')} selected "
                                  f"{'have' if len(gaining) != 1 else 'has'} “{theme.name}” already.")
            return
        result = self.attempt(lambda: self.syn.apply_theme(gained, theme_id))
        if result is None:
            return
        self.push(f"Code {counted(len(gained), 'item')} as {theme.name}",
                  lambda: self.syn.apply_theme(gained, theme_id)[1],
                  lambda: self.syn.remove_theme(gained, theme_id)[1], done=True)
        self.announce(result[1])
        skipped = len(gaining) - len(gained)
        self.sig_message.emit(f"{counted(len(gained), 'item')} coded as “{theme.name}”"
                              + (f"; {skipped} had it already." if skipped else "."))

    def remove_theme(self, theme_id: str, note_ids: list[str] | None = None) -> None:
        """Take a theme off the selected items (or `note_ids`), as one undoable step."""
        target = self._coding_target(theme_id, note_ids, adding=False)
        if target is None:
            return
        theme, losing = target
        had = [i for i, codes in losing.items() if theme_id in codes]
        self.push(f"Take {theme.name} off {counted(len(had), 'item')}",
                  lambda: self.syn.remove_theme(had, theme_id)[1], lambda: self.syn.apply_theme(had, theme_id)[1])

    def _coding_target(self, theme_id: str, note_ids: list[str] | None, adding: bool = True):
        """(the theme, {item id: its codes}) for the selected items or `note_ids`; None, with a message, if there
        is no item or no such theme, or if the person cancelled. With every item listed selected and more matching
        than are listed, asks first whether to take all that match."""
        ids = note_ids if note_ids is not None else self.selected_ids()
        theme = next((t for t in self.codebook.themes if t.id == theme_id), None)
        if not ids or theme is None:
            self.sig_message.emit("Select one or more items and a theme first.")
            return None
        shown = {item.id: item.codes for item in self.model.items}
        f, total = self.shown_total or (None, 0)
        if note_ids is None and len(ids) == len(shown) < total and f == self.current_filter():
            scope = self.choose_coding_scope(len(shown), total, theme.name, adding)
            if scope is None:
                return None
            if scope == CODE_ALL:
                every = self.attempt(lambda: self.syn.item_ids(f))
                marks = self.attempt(lambda: self.syn.marks(every)) if every is not None else None
                if marks is None:
                    return None
                return theme, {i: marks.get(i, ((), False))[0] for i in every}
        return theme, {i: shown.get(i, ()) for i in ids}

    def choose_coding_scope(self, listed: int, total: int, theme: str, adding: bool) -> str | None:
        """Ask whether coding takes all `total` items that match or only the `listed` ones (`coding_scope`)."""
        return ask_coding_scope(self, listed, total, theme, adding)

    def shortlist_selected(self, keep: bool) -> None:
        """Put the selected items on the quotes shortlist (or take them off), as one undoable step."""
        ids = self.selected_ids()
        if not ids:
            return
        text = "Add to shortlist" if keep else "Take off shortlist"
        if self.push(text, lambda: self.syn.shortlist(ids, keep), lambda: self.syn.shortlist(ids, not keep)) is None:
            where = "on the quotes shortlist" if keep else "off the quotes shortlist"
            self.sig_message.emit(f"{counted(len(ids), 'item').capitalize()} {where}; Ctrl+Z takes it back.")

    @staticmethod
    def _ask(title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setTextFormat(Qt.TextFormat.PlainText)  # themes' names and files' names come from outside
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes
