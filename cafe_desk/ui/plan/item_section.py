"""One of the Plan page's lists (tables, rounds, outcomes, groups or themes) with its Add, Edit, Remove and Move
buttons; each change is one undoable step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableView, QVBoxLayout, QWidget

from cafe_desk.core.changes import Changes
from cafe_desk.services.planning import PlanningService
from cafe_desk.ui.plan.item_editor import ItemEditor
from cafe_desk.ui.plan.plan_models import ItemTableModel
from cafe_desk.ui.plan.plan_specs import ItemSpec
from cafe_desk.ui.shell.panel import PushStep

ADDERS: dict[str, Callable] = {
    "table": lambda svc, cid, v: svc.add_table(cid, v.get("name", "")),
    "round": lambda svc, cid, v: svc.add_round(cid, v["prompt"], v["minutes"], tuple(v["follow_ups"])),
    "outcome": lambda svc, cid, v: svc.add_outcome(cid, v["title"]),
    "group": lambda svc, cid, v: svc.add_group(cid, v["name"]),
    "theme": lambda svc, cid, v: svc.add_theme(cid, v["name"], v.get("description", "")),
}
NEW_VALUES = {"round": {"minutes": 20}}


class ItemSection(QWidget):
    """A list of one kind of plan item with Add, Edit, Remove (and Move up/down) buttons.

    Keys in the list: Enter edits, Delete removes, Ctrl+Up/Ctrl+Down move. `editor` is the open add/edit dialog.
    Each change is one step through `push`, the page's undo path.
    """

    #: str — a one-line message for the person at the laptop
    sig_message = Signal(str)

    def __init__(self, spec: ItemSpec, planning: PlanningService, push: PushStep):
        super().__init__()
        self.spec, self.planning, self.push = spec, planning, push
        self.cafe_id: str | None = None
        self.editor: ItemEditor | None = None
        self.model = ItemTableModel(spec, self)
        self.view = self._build_view()
        column = QVBoxLayout()
        for button in self._build_buttons():
            column.addWidget(button)
        column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(column)
        self._bind_keys()
        self.view.doubleClicked.connect(lambda _index: self.edit())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.editable = True
        self._update_buttons()

    # --- building -----------------------------------------------------------------------------------------------

    def _build_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.model)
        view.setAccessibleName(f"{self.spec.noun.capitalize()}s")
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)
        view.setWordWrap(True)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in self.spec.stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return view

    def _build_buttons(self) -> list[QPushButton]:
        """Add, Edit, Remove (and Move up/down when the order matters): the buttons shown, top to bottom."""
        noun = self.spec.noun
        self.add_button = self._button(f"&Add {noun}…", f"Add {noun}", self.add)
        self.edit_button = self._button("Ed&it…", f"Edit {noun}", self.edit)
        self.remove_button = self._button("Re&move", f"Remove {noun}", self.remove)
        self.up_button = self._button("Move &up", f"Move {noun} up", lambda: self.move(-1))
        self.down_button = self._button("Move do&wn", f"Move {noun} down", lambda: self.move(1))
        self.buttons = [self.add_button, self.edit_button, self.remove_button]
        if self.spec.orderable:
            self.buttons += [self.up_button, self.down_button]
        return self.buttons

    def _bind_keys(self) -> None:
        keys = [(Qt.Key.Key_Return, self.edit), (Qt.Key.Key_Enter, self.edit), (QKeySequence.StandardKey.Delete,
                self.remove), (QKeySequence.StandardKey.New, self.add)]
        if self.spec.orderable:
            keys += [("Ctrl+Up", lambda: self.move(-1)), ("Ctrl+Down", lambda: self.move(1))]
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # only while the list has the focus
            shortcut.activated.connect(slot)

    def _button(self, text: str, name: str, slot: Callable) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    # --- showing ------------------------------------------------------------------------------------------------

    def load(self, cafe_id: str | None, items: list) -> None:
        """Show the café's `items`, keeping the selected item (or at least the row) selected."""
        self.cafe_id = cafe_id
        keep = self.selected()
        old_row = self.view.currentIndex().row()
        self.model.set_items(items)
        if not (keep and self.select(keep.id)) and items:
            self.view.selectRow(min(max(old_row, 0), len(items) - 1))
        self._update_buttons()

    def selected(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.items[rows[0].row()] if rows else None

    def select(self, item_id: str) -> bool:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.view.selectRow(row)
        return row >= 0

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.selected()
        row = self.model.row_of(item.id) if item else -1
        self.add_button.setEnabled(self.editable)
        self.edit_button.setEnabled(self.editable and item is not None)
        self.remove_button.setEnabled(self.editable and item is not None)
        self.up_button.setEnabled(self.editable and row > 0)
        self.down_button.setEnabled(self.editable and 0 <= row < len(self.model.items) - 1)

    # --- changing -----------------------------------------------------------------------------------------------

    def _open_editor(self, title: str, action: str, values: dict, submit: Callable[[dict], str | None]) -> None:
        self.editor = ItemEditor(self.spec, title, action, values, submit, self)
        self.editor.open()

    def add(self) -> None:
        if self.editable and self.cafe_id is not None:
            noun = self.spec.noun
            article = "an" if noun[:1] in "aeiou" else "a"
            self._open_editor(f"Add {article} {noun}", f"Add {noun}", dict(NEW_VALUES.get(self.spec.entity, {})),
                              self.add_item)

    def add_item(self, values: dict) -> str | None:
        """Add an item from the editor's values as an undoable step; the message if it was refused."""
        svc, cid, entity = self.planning, self.cafe_id, self.spec.entity
        kept: list = []

        def do() -> Changes:
            if kept:  # redo puts back the very same item
                return svc.restore_item(entity, kept[0])
            item, changes = ADDERS[entity](svc, cid, values)
            kept.append(item)
            return changes

        problem = self.push(f"Add {self.spec.noun}", do, lambda: svc.remove_item(entity, kept[0].id)[1])
        if problem is None:
            self.select(kept[0].id)
        return problem

    def edit(self) -> None:
        item = self.selected()
        if self.editable and item is not None:
            self._open_editor(f"Edit {self.spec.noun}", "Save", self.spec.values(item),
                              lambda values: self.edit_item(item, values))

    def edit_item(self, item, values: dict) -> str | None:
        """Save the editor's values onto `item` as an undoable step; the message if it was refused."""
        svc, entity, spec = self.planning, self.spec.entity, self.spec
        old = spec.values(item)

        def change(new: dict) -> Changes:
            current = next((i for i in svc.items(item.cafe_id, entity) if i.id == item.id), item)
            return svc.update_item(entity, spec.apply(current, new))

        return self.push(f"Edit {spec.noun}", lambda: change(values), lambda: change(old))

    def remove(self) -> None:
        """Remove the selected item as an undoable step (undo puts back the same item)."""
        item = self.selected()
        if not self.editable or item is None:
            return
        svc, entity = self.planning, self.spec.entity
        kept = [item]

        def do() -> Changes:
            removed, changes = svc.remove_item(entity, item.id)
            kept[0] = removed or kept[0]
            return changes

        if self.push(f"Remove {self.spec.noun}", do, lambda: svc.restore_item(entity, kept[0])) is None:
            self.sig_message.emit(f"The {self.spec.noun} was removed. Undo (Ctrl+Z) brings it back.")

    def move(self, delta: int) -> None:
        item = self.selected()
        if not self.editable or item is None or not self.spec.orderable:
            return
        svc, entity = self.planning, self.spec.entity
        self.push(f"Move {self.spec.noun}", lambda: svc.move_item(entity, item.id, delta),
                  lambda: svc.move_item(entity, item.id, -delta))
        self.select(item.id)
