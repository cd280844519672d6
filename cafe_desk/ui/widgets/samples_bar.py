"""The sample cafés bar on the Central and Synthesis pages: while the desk holds no cafés it offers "Try it with
sample cafés" (made, exported and imported off the GUI thread, with progress and Cancel); while samples are held it
says so and offers to remove them in one step. Hidden once real cafés are here and no samples are."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from cafe_desk.core.changes import Changes
from cafe_desk.core.counts import counted
from cafe_desk.services import Services
from cafe_desk.ui.shell.ops import Op, run_op
from cafe_desk.ui.widgets.ask_first import ask_first

TRY = ("No cafés here yet. To see what the central desk does, try it with twelve sample cafés: made up, anonymised, "
       "signed and encrypted like real ones, and removed again in one step.")
HELD = ("{cafes} here to try things out: they are left out of reports and data files unless you choose them.")


class SamplesBar(QFrame):
    """`SamplesBar(services)`; `refresh()` after cafés change. `confirm(title, text) -> bool` asks before removing."""

    #: Changes — the samples were added or removed
    sig_changed = Signal(object)
    #: str — a one-line message for the status bar
    sig_message = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None,
                 confirm: Callable[[str, str], bool] | None = None, offer_include: bool = False):
        super().__init__(parent)
        self.services = services
        self.confirm = confirm or self._ask
        self.op: Op | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.try_button = QPushButton("Try it with sample cafés")
        self.remove_button = QPushButton("Remove sample cafés")
        self.try_button.clicked.connect(self.add_samples)
        self.remove_button.clicked.connect(self.remove_samples)
        self.offer_include = offer_include
        self.include = QCheckBox("Include them in reports and data files")
        self.include.setToolTip("Leave this off for a report or data file of real cafés only")
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.include)
        layout.addWidget(self.try_button)
        layout.addWidget(self.remove_button)
        self.refresh()

    def refresh(self, cafes: int | None = None) -> None:
        """Show what fits: `cafes`, how many cafés the desk holds, if the caller has just read them."""
        samples = len(self.services.samples.ids())
        if cafes is None:
            cafes = len(self.services.synthesis.cafes())
        self.try_button.setVisible(cafes == 0)
        self.remove_button.setVisible(samples > 0)
        self.include.setVisible(self.offer_include and samples > 0)
        if not samples:
            self.include.setChecked(False)
        self.label.setText(HELD.format(cafes=counted(samples, "sample café")) if samples else TRY)
        self.setVisible(cafes == 0 or samples > 0)

    def include_samples(self) -> bool:
        """Whether reports and data files made now should include the sample cafés."""
        return self.include.isChecked() and not self.include.isHidden()

    def add_samples(self) -> Op | None:
        """Make and import the sample cafés off the GUI thread; the running Op (None if one is running)."""
        if self.op is not None and not self.op.done:
            return None
        open_services = self.services.opener()

        def work(ctx):
            with open_services() as services:
                return services.samples.add(ctx.progress, ctx.cancelled)

        self.try_button.setEnabled(False)
        self.op = run_op(self, "Making twelve sample cafés…", work, self._added, self._failed,
                         on_cancel=lambda: self._failed("Cancelled: no sample cafés were added."))
        return self.op

    def remove_samples(self) -> bool:
        """Remove every sample café after asking; True if they were removed."""
        held = len(self.services.samples.ids())
        if not held or not self.confirm(
                "Remove the sample cafés?",
                f"This removes the {counted(held, 'sample café')}, with any coding or shortlisting you did on them. "
                "Your own cafés stay as they are."):
            return False
        removed, changes = self.services.samples.remove()
        self.sig_changed.emit(changes)  # first: announcing a change clears the status bar's last word
        self.refresh()
        self.sig_message.emit(f"Removed the {counted(removed, 'sample café')}.")
        return True

    def _added(self, result: tuple[int, Changes]) -> None:
        added, changes = result
        self.try_button.setEnabled(True)
        self.sig_changed.emit(changes)  # first: announcing a change clears the status bar's last word
        self.refresh()
        self.sig_message.emit(f"Added {counted(added, 'sample café')}: see them on the Synthesis page.")

    def _failed(self, message: str) -> None:
        self.try_button.setEnabled(True)
        self.sig_message.emit(message)
        self.refresh()

    def _ask(self, title: str, text: str) -> bool:
        return ask_first(self, title, text, "Remove them", "Keep them")
