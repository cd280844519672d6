"""The dialog that adds or edits one plan item (a table, a round, an outcome, a group or a theme)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.plan import MAX_MINUTES
from cafe_desk.ui.plan.plan_specs import Field, ItemSpec
from cafe_desk.ui.widgets.alert_label import AlertLabel


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

