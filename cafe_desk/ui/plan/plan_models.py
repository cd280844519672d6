"""The Plan page's lists of tables, rounds, outcomes, groups and themes: specs, table model, editor and section."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.changes import Changes
from cafe_desk.core.plan import MAX_MINUTES
from cafe_desk.services.planning import PlanningService
from cafe_desk.ui.cafes.new_cafe_dialog import AlertLabel
from cafe_desk.ui.shell.panel import PushStep

_Index = QModelIndex | QPersistentModelIndex

COL_TABLE_NUMBER, COL_TABLE_NAME = range(2)
COL_ROUND_NUMBER, COL_ROUND_PROMPT, COL_ROUND_FOLLOW_UPS, COL_ROUND_MINUTES = range(4)
COL_OUTCOME_NUMBER, COL_OUTCOME_TITLE = range(2)
COL_GROUP_NUMBER, COL_GROUP_NAME = range(2)
COL_THEME_NAME, COL_THEME_DESCRIPTION = range(2)


def _minutes(seconds: int) -> str:
    minutes = seconds / 60
    return f"{minutes:g} min"


@dataclass(frozen=True)
class Field:
    """One input of the item editor: `key` names the value in the editor's dict."""

    key: str
    label: str
    kind: str = "line"  # "line", "lines" (one entry per line) or "minutes"
    hint: str = ""


@dataclass(frozen=True)
class ItemSpec:
    """How one kind of plan item is shown and edited."""

    entity: str  # the planning service's name: "table", "round", "outcome", "group", "theme"
    noun: str  # for buttons and messages: "table", "round", …
    headers: tuple[str, ...]
    cells: Callable[[object], tuple[str, ...]]  # the item's cells, in COL_* order
    fields: tuple[Field, ...]
    values: Callable[[object], dict]  # the editor's values for an existing item
    apply: Callable[[object, dict], object]  # the item with the editor's values applied
    orderable: bool = False
    stretch: tuple[int, ...] = (1,)  # the columns that share the spare width


TABLES = ItemSpec(
    "table", "table", ("Table", "Name"),
    lambda t: (str(t.number), t.name),
    (Field("name", "&Name (optional)", hint="e.g. By the window"),),
    lambda t: {"name": t.name},
    lambda t, v: dataclasses.replace(t, name=v["name"].strip()),
)
ROUNDS = ItemSpec(
    "round", "round", ("Round", "Question", "Follow-up prompts", "Length"),
    lambda r: (str(r.number), r.prompt, "\n".join(r.follow_ups), _minutes(r.duration_s)),
    (Field("prompt", "&Question", hint="The question every table talks about"),
     Field("follow_ups", "&Follow-up prompts", "lines", "One per line (optional)"),
     Field("minutes", "&Minutes", "minutes")),
    lambda r: {"prompt": r.prompt, "follow_ups": list(r.follow_ups), "minutes": round(r.duration_s / 60)},
    lambda r, v: dataclasses.replace(r, prompt=v["prompt"], follow_ups=tuple(v["follow_ups"]),
                                     duration_s=v["minutes"] * 60),
    orderable=True, stretch=(COL_ROUND_PROMPT, COL_ROUND_FOLLOW_UPS),
)
OUTCOMES = ItemSpec(
    "outcome", "outcome", ("No.", "Outcome"),
    lambda o: (str(o.position), o.title),
    (Field("title", "&Outcome", hint="Something people can vote for"),),
    lambda o: {"title": o.title},
    lambda o, v: dataclasses.replace(o, title=v["title"]),
    orderable=True,
)
GROUPS = ItemSpec(
    "group", "group", ("No.", "Participant group"),
    lambda g: (str(g.position), g.name),
    (Field("name", "&Group", hint="e.g. Lived experience"),),
    lambda g: {"name": g.name},
    lambda g, v: dataclasses.replace(g, name=v["name"]),
    orderable=True,
)
THEMES = ItemSpec(
    "theme", "theme", ("Theme", "Description"),
    lambda t: (t.name, t.description),
    (Field("name", "&Theme"), Field("description", "&Description", hint="What belongs here (optional)")),
    lambda t: {"name": t.name, "description": t.description},
    lambda t, v: dataclasses.replace(t, name=v["name"], description=v["description"].strip()),
    stretch=(COL_THEME_DESCRIPTION,),
)
SPECS = {s.entity: s for s in (TABLES, ROUNDS, OUTCOMES, GROUPS, THEMES)}


class ItemTableModel(QAbstractTableModel):
    """A list of one kind of plan item (frozen dataclasses with an `id`); `Qt.UserRole` gives the item."""

    def __init__(self, spec: ItemSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.items: list = []

    def set_items(self, items: list) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.spec.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.spec.cells(item)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.spec.cells(item)[index.column()]
            return text if len(text) > 40 else None
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.spec.headers[section]
        return None

    def row_of(self, item_id: str) -> int:
        return next((i for i, it in enumerate(self.items) if it.id == item_id), -1)


class ItemEditor(QDialog):
    """Add or edit one plan item. `submit(values)` returns None when saved, or the message saying why not.

    On a refusal the message shows inline and the dialog stays open with what was typed.
    """

    def __init__(self, spec: ItemSpec, title: str, action: str, values: dict,
                 submit: Callable[[dict], str | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.spec, self.submit = spec, submit
        self.setWindowTitle(title)
        self.setMinimumWidth(680)
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout()
        for f in spec.fields:
            widget = self._input(f, values.get(f.key))
            widget.setAccessibleName(f.label.replace("&", ""))
            form.addRow(f.label + ":", widget)
            self.inputs[f.key] = widget
        self.error_label = AlertLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.ok_button.setDefault(True)  # only once the button is inside the dialog

    @staticmethod
    def _input(f: Field, value) -> QWidget:
        if f.kind == "minutes":
            spin = QSpinBox()
            spin.setRange(1, MAX_MINUTES)
            spin.setSuffix(" min")
            spin.setValue(int(value or 20))
            return spin
        if f.kind == "lines":
            text = QPlainTextEdit("\n".join(value or ()))
            text.setTabChangesFocus(True)
            text.setPlaceholderText(f.hint)
            text.setFixedHeight(90)
            return text
        line = QLineEdit(value or "")
        line.setPlaceholderText(f.hint)
        return line

    def values(self) -> dict:
        """What is typed in the editor, keyed by field."""
        out = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, QSpinBox):
                out[key] = widget.value()
            elif isinstance(widget, QPlainTextEdit):
                out[key] = [line.strip() for line in widget.toPlainText().splitlines() if line.strip()]
            else:
                out[key] = widget.text()
        return out

    def save(self) -> None:
        problem = self.submit(self.values())
        if problem:
            self.error_label.show_message(problem)
            return
        self.accept()


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
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(f"{spec.noun.capitalize()}s")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in spec.stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        noun = spec.noun
        self.add_button = self._button(f"&Add {noun}…", f"Add {noun}", self.add)
        self.edit_button = self._button("&Edit…", f"Edit {noun}", self.edit)
        self.remove_button = self._button("Re&move", f"Remove {noun}", self.remove)
        self.up_button = self._button("Move &up", f"Move {noun} up", lambda: self.move(-1))
        self.down_button = self._button("Move do&wn", f"Move {noun} down", lambda: self.move(1))
        self.buttons = [self.add_button, self.edit_button, self.remove_button]
        if spec.orderable:
            self.buttons += [self.up_button, self.down_button]
        column = QVBoxLayout()
        for button in self.buttons:
            column.addWidget(button)
        column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(column)

        keys = [(Qt.Key.Key_Return, self.edit), (Qt.Key.Key_Enter, self.edit), (QKeySequence.StandardKey.Delete,
                self.remove), (QKeySequence.StandardKey.New, self.add)]
        if spec.orderable:
            keys += [("Ctrl+Up", lambda: self.move(-1)), ("Ctrl+Down", lambda: self.move(1))]
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # only while the list has the focus
            shortcut.activated.connect(slot)
        self.view.doubleClicked.connect(lambda _index: self.edit())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.editable = True
        self._update_buttons()

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
            self._open_editor(f"Add a {noun}", f"Add {noun}", dict(NEW_VALUES.get(self.spec.entity, {})),
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
