"""The codebook beside the Synthesis page's items: themes with their counts; new, rename, merge, delete; code the
selected items; save the codebook for facilitators to tag with."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from cafe_desk.core.changes import Changes
from cafe_desk.core.counts import counted
from cafe_desk.core.errors import UserError
from cafe_desk.core.synthesis import CodeTheme
from cafe_desk.services.synthesis import SynthesisService
from cafe_desk.ui.shell.panel import PushStep
from cafe_desk.ui.widgets.line_list import fit_lines
from cafe_desk.ui.widgets.plain_text import shown, tip

CODEBOOK_SUFFIX = ".codebook.json"


class CodebookBox(QGroupBox):
    """Shows the codebook and edits it through the synthesis service: undoable edits go through `push` (the page's
    undo path), the rest are announced by signal, and coding the items selected on the page is asked of the page.
    `confirm(title, text)` asks before what can't be undone."""

    #: Changes — written here outside an undoable step (a merge, a delete)
    sig_changed = Signal(object)
    #: str — a one-line message for the person at the laptop
    sig_message = Signal(str)
    #: str — give the items selected on the page this theme (its id)
    sig_code = Signal(str)
    #: str — take this theme (its id) off the items selected on the page
    sig_uncode = Signal(str)

    def __init__(self, syn: SynthesisService, push: PushStep, confirm: Callable[[str, str], bool]):
        super().__init__("Code&book")  # Alt+B: into the theme list, the first control here
        self.syn, self.push, self.confirm = syn, push, confirm
        self.themes: list[CodeTheme] = []
        self.list = QListWidget()
        self.list.setAccessibleName("Themes in the codebook")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        fit_lines(self.list, rows=3, wrap=True)  # a long theme name wraps, never scrolled sideways
        self.list.itemSelectionChanged.connect(self._enable)
        self.list.itemDoubleClicked.connect(lambda _i: self.code_selected())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter on a theme codes the items, as a double-click does
            shortcut = QShortcut(QKeySequence(key), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.code_selected)
        self.new_button = QPushButton("Ne&w theme…")
        self.new_button.clicked.connect(self._ask_new)
        self.rename_button = QPushButton("&Rename…")
        self.rename_button.clicked.connect(self._ask_rename)
        self.merge_button = QPushButton("&Merge…")
        self.merge_button.setToolTip("Fold the selected themes into one of them")
        self.merge_button.clicked.connect(self._ask_merge)
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.clicked.connect(self._ask_delete)
        self.code_button = QPushButton("Code selected &items")
        self.code_button.setToolTip("Give the items selected on the left the theme selected here (Enter or a "
                                    "double-click on a theme does the same)")
        self.code_button.clicked.connect(self.code_selected)
        self.uncode_button = QPushButton("Ta&ke theme off selected items")
        self.uncode_button.clicked.connect(self.uncode_selected)
        self.save_button = QPushButton("Save codebook for facilitators…")
        self.save_button.clicked.connect(self._ask_save)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setMinimumHeight(self.hint.fontMetrics().height() * 3)
        label = QLabel("Themes (items coded):")
        label.setBuddy(self.list)
        edit_row = QHBoxLayout()
        for button in (self.new_button, self.rename_button):
            edit_row.addWidget(button)
        edit_row2 = QHBoxLayout()
        for button in (self.merge_button, self.delete_button):
            edit_row2.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addLayout(edit_row)
        layout.addLayout(edit_row2)
        layout.addWidget(self.code_button)
        layout.addWidget(self.uncode_button)
        layout.addWidget(self.hint)
        layout.addWidget(self.save_button)
        self.items_chosen = 0
        self._enable()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:  # Alt+B: the theme list every time, not the control here last used
            self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return super().event(event)

    def set_themes(self, themes: list[CodeTheme]) -> None:
        chosen = set(self.chosen_ids())
        self.themes = list(themes)
        self.list.clear()
        for theme in themes:
            row = QListWidgetItem(shown(f"{theme.name}  ({theme.count})"))
            row.setData(Qt.ItemDataRole.UserRole, theme.id)
            row.setToolTip(tip(theme.description or theme.name))
            self.list.addItem(row)
            row.setSelected(theme.id in chosen)
        self._enable()

    def set_items_chosen(self, count: int) -> None:
        self.items_chosen = count
        self._enable()

    def chosen_ids(self) -> list[str]:
        return [i.data(Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()]

    def select(self, *theme_ids: str) -> None:
        for i in range(self.list.count()):
            row = self.list.item(i)
            row.setSelected(row.data(Qt.ItemDataRole.UserRole) in theme_ids)

    def _enable(self) -> None:
        themes = len(self.chosen_ids())
        self.rename_button.setEnabled(themes == 1)
        self.merge_button.setEnabled(themes >= 2)
        self.delete_button.setEnabled(themes == 1)
        self.code_button.setEnabled(themes == 1 and self.items_chosen > 0)
        self.uncode_button.setEnabled(themes == 1 and self.items_chosen > 0)
        self.save_button.setEnabled(bool(self.themes))
        if not self.themes:
            self.hint.setText("Start the codebook with “New theme…”.")
        elif themes != 1 or not self.items_chosen:
            self.hint.setText("Select items on the left and one theme here, then “Code selected items”.")
        else:
            s = "s" if self.items_chosen != 1 else ""
            self.hint.setText(f"{self.items_chosen} item{s} selected.")

    # --- what the buttons do (also called directly by tests) ---------------------------------------------------

    def new_theme(self, name: str) -> str | None:
        """Add a theme (undoable) and choose it in the list; its id, or None with a message."""
        made: list[str] = []

        def do():
            theme, changes = self.syn.create_theme(name)
            made[:] = [theme.id]
            return changes

        self.push(f"New theme {name.strip()}", do, lambda: self.syn.delete_theme(made[0]))
        if made:  # chosen at once, so the items selected can be coded with it in one more click
            self.select(made[0])
        return made[0] if made else None

    def rename(self, theme_id: str, name: str) -> None:
        old = next((t.name for t in self.themes if t.id == theme_id), "")
        self.push(f"Rename theme {old}", lambda: self.syn.rename_theme(theme_id, name),
                  lambda: self.syn.rename_theme(theme_id, old))

    def merge(self, theme_ids: list[str], into_id: str) -> None:
        """Fold themes into one, after asking: it can't be undone."""
        names = [t.name for t in self.themes if t.id in theme_ids and t.id != into_id]
        into = next((t.name for t in self.themes if t.id == into_id), "")
        if not names or not into:
            return
        if not self.confirm("Merge themes", f"Merge {', '.join(f'“{n}”' for n in names)} into “{into}”? "
                            "Their items will carry “" + into + "”. This can't be undone."):
            return
        if self._write(lambda: self.syn.merge_themes(theme_ids, into_id)):
            self.sig_message.emit(f"Merged into “{into}”.")

    def delete(self, theme_id: str) -> None:
        """Remove a theme from the codebook, after asking; the items stay."""
        theme = next((t for t in self.themes if t.id == theme_id), None)
        if theme is None or not self.confirm(
                "Delete theme", f"Delete “{theme.name}” from the codebook? {counted(theme.count, 'item')} will "
                "lose it; the items themselves stay. This can't be undone."):
            return
        self._write(lambda: self.syn.delete_theme(theme_id))

    def _write(self, write: Callable[[], Changes]) -> bool:
        """A write that can't be undone: announce what it changed; False, with a message, if it was refused."""
        try:
            changes = write()
        except UserError as exc:
            self.sig_message.emit(str(exc))
            return False
        if changes:
            self.sig_changed.emit(changes)
        return True

    def code_selected(self) -> None:
        chosen = self.chosen_ids()
        if len(chosen) == 1:
            self.sig_code.emit(chosen[0])

    def uncode_selected(self) -> None:
        chosen = self.chosen_ids()
        if len(chosen) == 1:
            self.sig_uncode.emit(chosen[0])

    def save_codebook(self, path: str | Path) -> bool:
        """Write the codebook as JSON for facilitators; False, with a message, if it can't be written."""
        try:
            text = self.syn.codebook_json()
            Path(path).write_text(text, encoding="utf-8")
        except UserError as exc:
            self.sig_message.emit(str(exc))
            return False
        except OSError as exc:
            self.sig_message.emit(f"{Path(path).name} could not be written ({exc.strerror or 'the disk said no'}); "
                                  "the codebook was not saved.")
            return False
        self.sig_message.emit(f"Codebook saved to {Path(path).name}: facilitators can tag with these themes.")
        return True

    # --- dialogs ------------------------------------------------------------------------------------------------

    def _ask_new(self) -> None:
        name, ok = QInputDialog.getText(self, "New theme", "Theme name:")
        if ok and name.strip():
            self.new_theme(name)

    def _ask_rename(self) -> None:
        chosen = self.chosen_ids()
        theme = next((t for t in self.themes if chosen and t.id == chosen[0]), None)
        if theme is None:
            return
        name, ok = QInputDialog.getText(self, "Rename theme", "New name:", text=theme.name)
        if ok and name.strip() and name.strip() != theme.name:
            self.rename(theme.id, name)

    def _ask_merge(self) -> None:
        chosen = self.chosen_ids()
        names = [t.name for t in self.themes if t.id in chosen]
        into, ok = QInputDialog.getItem(self, "Merge themes", "Keep which theme?", names, 0, False)
        if ok and into:
            self.merge(chosen, next(t.id for t in self.themes if t.name == into))

    def _ask_delete(self) -> None:
        chosen = self.chosen_ids()
        if len(chosen) == 1:
            self.delete(chosen[0])

    def _ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the codebook for facilitators",
                                              str(Path.home() / f"themes{CODEBOOK_SUFFIX}"), "Codebook (*.json)")
        if path:
            self.save_codebook(path)
