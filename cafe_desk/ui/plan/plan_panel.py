"""The Plan page: the open café's details, rounds, tables, outcomes and voting, groups and themes, all undoable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.changes import Changes
from cafe_desk.core.closing import IMPORTED_LINE
from cafe_desk.core.model import VOTE_METHOD_LABELS, VOTE_METHODS, Cafe
from cafe_desk.core.plan import MAX_DOTS
from cafe_desk.services import Services
from cafe_desk.ui.plan.item_section import ItemSection
from cafe_desk.ui.plan.plan_specs import GROUPS, OUTCOMES, ROUNDS, TABLES, THEMES, ItemSpec
from cafe_desk.ui.plan.support_lines_box import SupportLinesBox
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.widgets import codebook_import
from cafe_desk.ui.widgets.alert_label import AlertLabel
from cafe_desk.ui.widgets.cafe_details_form import CafeDetailsForm

CLOSED_LINE = "This café is closed. Reopen it from the café list to make changes."
NO_CAFE = "Open or create a café first"


class PlanPanel(Panel):
    """Edits the open café's plan. Every change is one undoable step through the planning service."""

    title = "Plan"

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(services, undo_stack, parent)
        self._loading = False
        self.sections = {spec.entity: self._build_section(spec) for spec in (ROUNDS, TABLES, OUTCOMES, GROUPS,
                                                                               THEMES)}
        self.support_box = SupportLinesBox(services, self.push)
        self.support_box.sig_message.connect(self._report)
        self.tabs = self._build_tabs()
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_placeholder())
        self.stack.addWidget(self._build_editor())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.set_cafe(None)

    # --- building -----------------------------------------------------------------------------------------------

    def _build_section(self, spec: ItemSpec) -> ItemSection:
        section = ItemSection(spec, self.services.planning, self.push)
        section.sig_message.connect(self.sig_message)
        return section

    def _build_placeholder(self) -> QLabel:
        self.placeholder = QLabel(f"<h2>{NO_CAFE}</h2><p>Choose a café on the Cafés page, or create a new one "
                                  "there.</p>")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        return self.placeholder

    def _build_editor(self) -> QWidget:
        """What shows while a café is open: whether it is closed, the last refusal, Save as template, the tabs."""
        self.closed_label = QLabel(CLOSED_LINE)
        self.closed_label.setWordWrap(True)
        self.closed_label.setStyleSheet("QLabel { font-weight: bold; padding: 6px; border: 1px solid palette(mid);"
                                        " border-radius: 4px; }")
        self.message_label = AlertLabel()
        self.template_button = QPushButton("Save as &template…")
        self.template_button.setAccessibleName("Save as template")
        self.template_button.clicked.connect(self._ask_template_name)
        top = QHBoxLayout()
        top.addWidget(self.closed_label, 3)
        top.addStretch(1)
        top.addWidget(self.template_button)
        editor = QWidget()
        layout = QVBoxLayout(editor)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addWidget(self.tabs, 1)
        return editor

    def _build_tabs(self) -> QTabWidget:
        tabs = QTabWidget()
        tabs.setAccessibleName("Plan sections")
        tabs.addTab(self._details_tab(), "Details")
        tabs.addTab(self._wrap(self.sections["round"], "The questions, in the order the tables discuss them. "
                               "Follow-up prompts help a table that runs out of things to say."), "Rounds")
        tabs.addTab(self._wrap(self.sections["table"], "The tables people sit at. Names are optional."), "Tables")
        tabs.addTab(self._voting_tab(), "Outcomes && voting")
        tabs.addTab(self._wrap(self.sections["group"], "Groups people can say they belong to. Only counts are "
                               "kept, never names."), "Groups")
        tabs.addTab(self._themes_tab(), "Themes")
        tabs.addTab(self.support_box, "Support && safeguarding")
        return tabs

    @staticmethod
    def _wrap(section: QWidget, explanation: str, above: QWidget | None = None) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(explanation)
        note.setWordWrap(True)
        layout.addWidget(note)
        if above is not None:
            layout.addWidget(above)
        layout.addWidget(section, 1)
        return page

    def _details_tab(self) -> QWidget:
        self.details = CafeDetailsForm()
        self.title_edit = self.details.title_edit
        self.date_edit = self.details.date_edit
        self.locality_edit = self.details.locality_edit
        for edit in (self.title_edit, self.locality_edit):
            edit.setMinimumWidth(560)
        self.details.sig_edited.connect(lambda key, text: self._save_detail(key, key, text))
        self.details.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.saved_hint = QLabel("Everything you type is saved as you go; Undo takes a change back.")
        self.saved_hint.setWordWrap(True)
        self.details.form.addRow(self.saved_hint)
        return self.details

    def _voting_tab(self) -> QWidget:
        self.method_box = QComboBox()
        for method in VOTE_METHODS:
            self.method_box.addItem(VOTE_METHOD_LABELS[method], method)
        self.method_box.setAccessibleName("Vote method")
        self.dots_spin = QSpinBox()
        self.dots_spin.setRange(1, MAX_DOTS)
        self.dots_spin.setAccessibleName("Dots per person")
        self.method_box.activated.connect(lambda _i: self._save_detail(
            "vote_method", "vote method", self.method_box.currentData()))
        self.dots_spin.editingFinished.connect(lambda: self._save_detail(
            "dots_per_person", "dots per person", self.dots_spin.value()))
        voting = QWidget()
        form = QFormLayout(voting)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Vote metho&d:", self.method_box)
        form.addRow("Dots &per person:", self.dots_spin)
        return self._wrap(self.sections["outcome"], "What people vote on at the end of the café, and how.", voting)

    def _themes_tab(self) -> QWidget:
        self.codebook_button = QPushButton(codebook_import.BUTTON_TEXT)
        self.codebook_button.setToolTip(codebook_import.BUTTON_TIP)
        self.codebook_button.clicked.connect(self._choose_codebook)
        return self._wrap(self.sections["theme"], "The codebook: themes points can be tagged with.",
                          self.codebook_button)

    # --- showing ------------------------------------------------------------------------------------------------

    def set_cafe(self, cafe: Cafe | None) -> None:
        changed = cafe is None or self.cafe is None or cafe.id != self.cafe.id
        super().set_cafe(cafe)
        if changed:
            self.message_label.show_message("")
            for section in self.sections.values():
                section.load(None, [])
        self.refresh()

    def on_changes(self, changes: Changes) -> None:
        if self.cafe is not None and (changes.plan or changes.themes or changes.cafes):
            self.cafe = self.attempt(lambda: self.services.cafes.cafe(self.cafe.id))
            self.refresh()

    def refresh(self) -> None:
        """Show the current café's plan (or the placeholder), enabling editing only when it may change."""
        cafe = self.cafe
        self.stack.setCurrentIndex(0 if cafe is None else 1)
        if cafe is None:
            return
        self._load_details()
        for entity, section in self.sections.items():
            section.load(cafe.id, self.attempt(lambda e=entity: self.services.planning.items(cafe.id, e)) or [])
        editable = not cafe.is_closed
        self.closed_label.setVisible(not editable)
        if not editable:
            imported = bool(self.attempt(lambda: self.services.cafes.is_imported(cafe.id)))
            self.closed_label.setText(IMPORTED_LINE if imported else CLOSED_LINE)
        self.saved_hint.setVisible(editable)
        for widget in (self.title_edit, self.date_edit, self.locality_edit, self.method_box, self.codebook_button):
            widget.setEnabled(editable)
        self.dots_spin.setEnabled(editable and cafe.vote_method == "dots")
        for section in self.sections.values():
            section.set_editable(editable)
        self.support_box.load(cafe.id, editable)

    def _load_details(self) -> None:
        cafe = self.cafe
        if cafe is None:
            return
        self._loading = True
        try:
            self.details.show_details(cafe.title, cafe.date, cafe.locality)
            self.method_box.setCurrentIndex(max(0, self.method_box.findData(cafe.vote_method)))
            self.dots_spin.setValue(cafe.dots_per_person)
        finally:
            self._loading = False

    # --- changing -----------------------------------------------------------------------------------------------

    def refused(self, message: str) -> None:
        self._report(message)

    def accepted(self) -> None:
        self.message_label.show_message("")

    def add_codebook(self, path: str | Path) -> str | None:
        """Add the themes of a codebook file to the open café (one undoable step); the message if refused."""
        if self.cafe is None:
            return None
        message, ok = codebook_import.add_codebook(self, self.cafe.id, path)
        if ok:
            self.message_label.show_message("")  # the red line is for what went wrong; this went right
            self.sig_message.emit(message)
            return None
        self._report(message)
        return message

    def _choose_codebook(self) -> None:
        path = codebook_import.choose_codebook(self)
        if path:
            self.add_codebook(path)

    def _report(self, message: str) -> None:
        self.message_label.show_message(message)
        self.sig_message.emit(message)

    def _save_detail(self, key: str, label: str, new) -> None:
        cafe = self.cafe
        if self._loading or cafe is None or cafe.is_closed or getattr(cafe, key) == new:
            return
        old, svc = getattr(cafe, key), self.services.planning
        problem = self.push(f"Change {label}", lambda: svc.update_details(cafe.id, **{key: new}),
                            lambda: svc.update_details(cafe.id, **{key: old}))
        if problem:
            self._load_details()

    def save_as_template(self, name: str) -> bool:
        """Keep this café's plan as a template called `name`; True on success."""
        if self.cafe is None:
            return False
        cafe_id = self.cafe.id
        template = self.attempt(lambda: self.services.templates.save_from_cafe(cafe_id, name))
        if template is None:
            return False
        self.sig_message.emit(f"Saved as the template “{template.name}”; choose it when you plan a new café.")
        return True

    def _ask_template_name(self) -> None:
        if self.cafe is None:
            return
        name, ok = QInputDialog.getText(self, "Save as template", "Name for the template:", text=self.cafe.title)
        if ok:
            self.save_as_template(name)

