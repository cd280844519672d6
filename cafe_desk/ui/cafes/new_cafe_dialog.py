"""The "New café" dialog: pick a template, give title, date, locality and how many tables, and create the café
through planning."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QSpinBox, QVBoxLayout, QWidget

from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import UserError
from cafe_desk.core.model import Cafe
from cafe_desk.core.plan import MAX_TABLES, with_table_count
from cafe_desk.services import Services
from cafe_desk.services.templates import Template
from cafe_desk.ui.widgets.alert_label import AlertLabel
from cafe_desk.ui.widgets.cafe_details_form import CafeDetailsForm


class NewCafeDialog(QDialog):
    """Create a café from a template. After `accepted`, `created_cafe` and `changes` describe what was written.

    A refused plan (empty title, a street address as locality, …) shows its message inline; the dialog stays open
    and keeps everything typed.
    """

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.created_cafe: Cafe | None = None
        self.changes = Changes()
        self.setWindowTitle("New café")
        self.setMinimumWidth(480)

        self.templates: list[Template] = services.templates.all()
        self.template_box = QComboBox()
        for t in self.templates:
            self.template_box.addItem(t.name if t.built_in else f"{t.name} (yours)")
        self.template_box.setAccessibleName("Template")
        self.details = CafeDetailsForm("What the café is called", above=(("&Template:", self.template_box),))
        self.details.form.setContentsMargins(0, 0, 0, 0)
        self.title_edit = self.details.title_edit
        self.date_edit = self.details.date_edit
        self.locality_edit = self.details.locality_edit
        self.tables_spin = QSpinBox()
        self.tables_spin.setRange(1, MAX_TABLES)
        self.tables_spin.setAccessibleName("Number of tables")
        self.details.form.addRow("Ta&bles:", self.tables_spin)
        self.error_label = AlertLabel()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton("&Create", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.details)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.create_button.setDefault(True)  # only once the button is inside the dialog

        self._prefilled = ""
        self.template_box.currentIndexChanged.connect(self._template_chosen)
        self._template_chosen(0)

    @property
    def template(self) -> Template:
        return self.templates[max(0, self.template_box.currentIndex())]

    def _template_chosen(self, _index: int) -> None:
        """Pre-fill title, locality and the number of tables from the template, unless the person already typed
        their own title or locality."""
        plan = self.template.plan
        self.tables_spin.setValue(max(1, len(plan.tables)))
        if self.title_edit.text() in ("", self._prefilled):
            self.title_edit.setText(plan.title)
            self._prefilled = plan.title
        if not self.locality_edit.text() and plan.locality:
            self.locality_edit.setText(plan.locality)

    def create(self) -> None:
        """Create the café; on a refusal show why and stay open."""
        plan = dataclasses.replace(
            self.template.plan,
            title=self.title_edit.text(),
            date=self.details.iso_date(),
            locality=self.locality_edit.text(),
            tables=with_table_count(self.template.plan.tables, self.tables_spin.value()),
            rounds=list(self.template.plan.rounds),
            outcomes=list(self.template.plan.outcomes), groups=list(self.template.plan.groups),
            themes=list(self.template.plan.themes),
        )
        try:
            self.created_cafe, self.changes = self.services.planning.create(plan)
        except UserError as exc:
            self.error_label.show_message(str(exc))
            return
        self.error_label.show_message("")
        self.accept()
